import { describe, expect, it } from 'vitest';
import { buildCarer, conditionalCreateQuery, WriteInputError, type BuildCarerInput } from '../../../../adapter/writes/build';
import { readRelatedPerson } from '../../../../adapter/mapping/readRelatedPerson';
import { EXTENSION_BASE } from '../../../fixtures/fhir/personas';
import { validateR4 } from '../../../support/validateR4';

const REQUEST = '3f2b8c1e-9a4d-4e7b-8c6f-1d2e3f4a5b6c';
const grace: BuildCarerInput = {
  patient: 'Patient/alex',
  name: { given: ['Grace'], family: 'Example' },
  relationship: 'DAU',
  birthDate: '1988-02-10',
  telecom: [{ system: 'phone', value: '07700 900001' }],
  identifiedOn: '2026-11-23',
  requestId: REQUEST,
};

describe('buildCarer', () => {
  it('builds a valid R4 RelatedPerson coded as carer, with the family relationship beside it', () => {
    const resource = buildCarer(grace);
    expect(validateR4(resource)).toEqual([]);
    expect(resource).toEqual({
      resourceType: 'RelatedPerson',
      identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${REQUEST}` }],
      active: true,
      patient: { reference: 'Patient/alex' },
      relationship: [
        { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole', code: 'Carer', display: 'Carer of patient' }] },
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DAU', display: 'Daughter' }], text: 'Daughter' },
      ],
      name: [{ given: ['Grace'], family: 'Example' }],
      period: { start: '2026-11-23' },
      birthDate: '1988-02-10',
      telecom: [{ system: 'phone', value: '07700 900001' }],
    });
  });

  it('reads back as the carer it describes', () => {
    const read = readRelatedPerson({ ...buildCarer(grace), id: 'new' }, { extensionBase: EXTENSION_BASE });
    expect('carer' in read && read.carer).toMatchObject({ carerStatus: 'carer', relationships: ['Daughter'], name: 'Grace Example', identifiedOn: '2026-11-23' });
  });

  it('gives the If-None-Exist query that finds a retried create', () => {
    expect(conditionalCreateQuery(buildCarer(grace))).toBe(`identifier=urn:ietf:rfc:3986|urn:uuid:${REQUEST}`);
  });

  it('builds a minimal carer from a name text alone', () => {
    const { relationship: _r, birthDate: _b, telecom: _t, ...minimal } = grace;
    const resource = buildCarer({ ...minimal, name: { text: 'G. Example' } });
    expect(validateR4(resource)).toEqual([]);
    expect(resource.relationship).toHaveLength(1);
    expect(resource.name).toEqual([{ text: 'G. Example' }]);
    expect(resource).not.toHaveProperty('telecom');
  });

  it.each([
    ['an empty name', { name: { text: ' ', given: [''] } }, /name/],
    ['an unknown relationship code', { relationship: 'BFF' }, /relationship/],
    ['a prototype key as relationship', { relationship: 'constructor' }, /relationship/],
    ['a birth date that is not a date', { birthDate: '10/02/1988' }, /birthDate/],
    ['identifiedOn that is not a date', { identifiedOn: 'today' }, /identifiedOn/],
    ['a requestId that is not a UUID', { requestId: 'retry-1' }, /requestId/],
    ['a patient that is not a Patient reference', { patient: 'RelatedPerson/x' }, /patient/],
    ['a contact with no value', { telecom: [{ system: 'phone', value: ' ' }] }, /telecom\[0\]\.value/],
    ['a contact system FHIR does not know', { telecom: [{ system: 'pager2', value: '1' }] }, /telecom\[0\]\.system/],
  ])('refuses %s', (_what, change, message) => {
    expect(() => buildCarer({ ...grace, ...change } as BuildCarerInput)).toThrow(WriteInputError);
    expect(() => buildCarer({ ...grace, ...change } as BuildCarerInput)).toThrow(message);
  });

  it('never puts the value it refuses into the message', () => {
    expect(() => buildCarer({ ...grace, birthDate: 'Grace-secret' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('Grace-secret') }));
  });

  it('refuses to give a conditional-create query for a resource with no request identifier', () => {
    expect(() => conditionalCreateQuery({ identifier: [{ system: 'https://example.org', value: '1' }] })).toThrow(WriteInputError);
  });
});
