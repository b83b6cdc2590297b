import { describe, expect, it } from 'vitest';
import { readRelatedPerson } from '../../../adapter/mapping/readRelatedPerson';
import benedicte from '../../fixtures/fhir/examples/relatedperson-example-benedicte.json';
import ukCarer from '../../fixtures/fhir/examples/uk-carer-relatedperson.json';
import { CarerGrace, ContactHenry, EXTENSION_BASE, NotCarerIvy, PaidCarerPat, YoungCarerSam, asJson } from '../../fixtures/fhir/personas';

const options = { extensionBase: EXTENSION_BASE };
const read = (raw: unknown) => readRelatedPerson(raw, options);
const carerOf = (raw: unknown) => {
  const result = read(raw);
  if (!('carer' in result)) throw new Error(`expected a carer, got: ${result.warning}`);
  return result.carer;
};
const SCT = 'http://snomed.info/sct';

describe('readRelatedPerson', () => {
  it('reads a carer with the UK Core Carer coding, relationship in plain English and copy-correspondence flag', () => {
    expect(read(asJson(CarerGrace))).toEqual({
      patient: 'Patient/alex',
      carer: {
        reference: 'RelatedPerson/grace',
        id: 'grace',
        versionId: '2',
        name: 'Grace Example',
        carerStatus: 'carer',
        relationships: ['Daughter'],
        familyCodes: ['DAU'],
        contactRoles: [],
        birthDate: '1988-02-10',
        telecom: [{ system: 'phone', value: '07700 900001' }],
        active: true,
        identifiedOn: '2026-06-03',
        copyCorrespondence: true,
      },
      warnings: [],
    });
  });

  it('reads a next of kin and emergency contact not yet asked about as unconfirmed', () => {
    const carer = carerOf(asJson(ContactHenry));
    expect(carer.carerStatus).toBe('unconfirmed');
    expect(carer.relationships).toEqual(['Husband']);
    expect(carer.contactRoles).toEqual(['next-of-kin', 'emergency-contact']);
    expect(carer.name).toBe('Henry Example');
  });

  it.each([
    ['407542009', 'Informal caregiver'],
    ['407543004', 'Primary caregiver'],
    ['1364141000000107', 'Unpaid caregiver'],
  ])('reads SNOMED %s as a carer', (code) => {
    const raw = { resourceType: 'RelatedPerson', id: 'r', patient: { reference: 'Patient/alex' }, relationship: [{ coding: [{ system: SCT, code }] }] };
    expect(carerOf(raw).carerStatus).toBe('carer');
  });

  it('reads SNOMED 133932002 "Caregiver (person)" as a possible carer to confirm as unpaid, never as a confirmed carer', () => {
    const raw = { resourceType: 'RelatedPerson', id: 'r', patient: { reference: 'Patient/alex' }, relationship: [{ coding: [{ system: SCT, code: '133932002' }] }] };
    expect(carerOf(raw)).toMatchObject({ carerStatus: 'unconfirmed', possibleCarer: true });
  });

  it('keeps a paid care worker coded also as a carer a carer, flagged so the contradiction is raised', () => {
    const raw = {
      resourceType: 'RelatedPerson',
      id: 'r',
      patient: { reference: 'Patient/alex' },
      relationship: [{ coding: [{ system: SCT, code: '229774002' }] }, { coding: [{ system: SCT, code: '407542009' }] }],
    };
    expect(carerOf(raw)).toMatchObject({ carerStatus: 'carer', paidCareWorker: true });
  });

  it('keeps the end of the relationship and the identifiers that recognise the same person twice', () => {
    const raw = { resourceType: 'RelatedPerson', id: 'r', patient: { reference: 'Patient/alex' }, period: { start: '2020-01-01', end: '2026-01-31' }, identifier: [{ system: 'https://trust.example/id', value: ' 42 ' }] };
    expect(carerOf(raw)).toMatchObject({ endedOn: '2026-01-31', identifiers: ['https://trust.example/id|42'] });
  });

  it('reads v3-RoleClass CAREGIVER as a carer', () => {
    const raw = {
      resourceType: 'RelatedPerson',
      id: 'r',
      patient: { reference: 'Patient/alex' },
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass', code: 'CAREGIVER' }] }],
    };
    expect(carerOf(raw).carerStatus).toBe('carer');
  });

  it('does not count SNOMED 229774002 (the paid carer occupation) as a carer, never asks about them, nor shows it as a relationship', () => {
    const carer = carerOf(asJson(PaidCarerPat));
    expect(carer.carerStatus).toBe('not-carer');
    expect(carer.paidCareWorker).toBe(true);
    expect(carer.relationships).toEqual([]);
    expect(carer.active).toBe(false);
  });

  it('reads an absolute patient reference and a SNOMED carer with a v3 son relationship', () => {
    const result = read(asJson(YoungCarerSam));
    expect('patient' in result && result.patient).toBe('Patient/alex');
    expect('carer' in result && result.carer).toMatchObject({ carerStatus: 'carer', relationships: ['Son'], birthDate: '2012-05-05' });
  });

  it("keeps the v3 RoleCode codes, so who is the patient's child is decided from codes, not words", () => {
    const raw = { ...asJson(YoungCarerSam) as Record<string, unknown>, relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'SONC' }] }, { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'SONC' }, { system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N' }] }] };
    expect(carerOf(raw)).toMatchObject({ relationships: ['Son'], familyCodes: ['SONC'] });
    expect(carerOf(asJson(CarerGrace)).familyCodes).toEqual(['DAU']);
  });

  it('reads the carer-status extension answering no as not-carer, with the date asked', () => {
    const carer = carerOf(asJson(NotCarerIvy));
    expect(carer.carerStatus).toBe('not-carer');
    expect(carer.carerStatusAskedOn).toBe('2026-07-01T10:00:00Z');
    expect(carer.relationships).toEqual(['Friend']);
  });

  it('reads the carer-status extension answering yes as carer', () => {
    const raw = structuredClone(asJson(NotCarerIvy)) as { extension: { extension: { valueBoolean?: boolean }[] }[] };
    raw.extension[0]!.extension[0]!.valueBoolean = true;
    expect(carerOf(raw).carerStatus).toBe('carer');
  });

  it('honours a carer coding over an older "not a carer" answer', () => {
    const raw = structuredClone(asJson(NotCarerIvy)) as { relationship: unknown[] };
    raw.relationship.push({ coding: [{ system: SCT, code: '407542009' }] });
    expect(carerOf(raw).carerStatus).toBe('carer');
  });

  it('ignores the carer-status extension under a base other than the configured one', () => {
    const result = readRelatedPerson(asJson(NotCarerIvy), { extensionBase: 'https://trust.example.nhs.uk/fhir/StructureDefinition' });
    expect('carer' in result && result.carer.carerStatus).toBe('unconfirmed');
  });

  it('ignores a carer-status extension whose values have the wrong types', () => {
    const raw = {
      ...(asJson(NotCarerIvy) as object),
      extension: [{ url: `${EXTENSION_BASE}/carer-status`, extension: [{ url: 'isCarer', valueString: 'false' }, { url: 'askedOn', valueDateTime: 'last week' }] }],
    };
    const carer = carerOf(raw);
    expect(carer.carerStatus).toBe('unconfirmed');
    expect(carer.carerStatusAskedOn).toBeUndefined();
  });

  it('still reads a carer whose extensions are malformed, using the well-formed ones', () => {
    const raw = {
      ...(asJson(NotCarerIvy) as { extension: unknown[] }),
    };
    raw.extension = [null, 'x', { valueString: 'no url' }, ...(raw.extension as unknown[])];
    expect(carerOf(raw).carerStatus).toBe('not-carer');
    expect(carerOf({ ...(asJson(CarerGrace) as object), extension: { url: 'not a list' } })).toMatchObject({ carerStatus: 'carer' });
  });

  it('falls back to the coding display, then the text, for relationships it has no English for', () => {
    const raw = {
      resourceType: 'RelatedPerson',
      id: 'r',
      patient: { reference: 'Patient/alex' },
      relationship: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'GGRFTH', display: 'great grandfather' }] },
        { coding: [{ system: 'https://example.org/local', code: 'X1' }], text: 'Lodger' },
        { text: 'Key worker at church' },
      ],
    };
    expect(carerOf(raw).relationships).toEqual(['great grandfather', 'Lodger', 'Key worker at church']);
  });

  it('does not read prototype keys as relationship codes', () => {
    const raw = {
      resourceType: 'RelatedPerson',
      id: 'r',
      patient: { reference: 'Patient/alex' },
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'constructor' }, { system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'toString' }] }],
    };
    const carer = carerOf(raw);
    expect(carer.relationships).toEqual(['constructor']);
    expect(carer.contactRoles).toEqual([]);
  });

  it('reads the official R4 example: wife and next of kin, French address, telecom', () => {
    const carer = carerOf(benedicte);
    expect(carer).toMatchObject({
      reference: 'RelatedPerson/benedicte',
      name: 'Bénédicte du Marché',
      relationships: ['Wife'],
      contactRoles: ['next-of-kin'],
      carerStatus: 'unconfirmed',
      address: '43, Place du Marché Sainte Catherine, Paris, 75004',
      telecom: [{ system: 'phone', value: '+33 (237) 998327' }],
    });
  });

  it('reads a UK Core RelatedPerson with primitive extensions', () => {
    const carer = carerOf(ukCarer);
    expect(carer).toMatchObject({ relationships: ['Daughter'], contactRoles: ['next-of-kin'], copyCorrespondence: true, versionId: '3', birthDate: '1985-06-01' });
  });

  it('skips telecom entries without a value or no longer in use', () => {
    const raw = {
      ...(asJson(CarerGrace) as object),
      telecom: [{ system: 'phone' }, { system: 'email', value: '  ' }, { system: 'phone', value: '0113 000', period: { end: '2020' } }, { value: '0113 111' }],
    };
    expect(carerOf(raw).telecom).toEqual([{ value: '0113 111' }]);
  });

  it.each([
    ['relationship is not a list', { relationship: { coding: [] } }],
    ['the id is not a FHIR id', { id: 'Grace Example' }],
    ['active is not a boolean', { active: 'no' }],
    ['meta.lastUpdated is not a date', { meta: { lastUpdated: 'Grace Example' } }],
  ])('warns, naming only type and id, when %s', (_what, change) => {
    const result = read({ ...(asJson(CarerGrace) as object), ...change });
    expect(result).toHaveProperty('warning');
    expect(JSON.stringify(result)).not.toContain('Grace Example');
  });

  it('keeps the carer when a detail is malformed, leaving it out with a warning', () => {
    const result = read({ ...(asJson(CarerGrace) as object), birthDate: '5th May', telecom: [{ system: 'pigeon', value: 'x' }] });
    expect(result).toMatchObject({
      carer: { carerStatus: 'carer', telecom: [{ system: 'pigeon', value: 'x' }] },
      warnings: ['RelatedPerson/grace: birthDate could not be read and was left out (birthDate: not a FHIR date)'],
    });
    expect('carer' in result && result.carer.birthDate).toBeUndefined();
  });

  it('warns when the patient reference is not a Patient', () => {
    const result = read({ ...(asJson(CarerGrace) as object), patient: { reference: 'Group/1' } });
    expect(result).toEqual({ warning: 'RelatedPerson/grace does not reference a Patient and was skipped' });
  });
});
