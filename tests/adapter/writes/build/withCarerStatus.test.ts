import { describe, expect, it } from 'vitest';
import { withCarerStatus, WriteInputError } from '../../../../adapter/writes/build';
import { readRelatedPerson } from '../../../../adapter/mapping/readRelatedPerson';
import type { RawResource } from '../../../../adapter/fhir/rawStore';
import ukCarer from '../../../fixtures/fhir/examples/uk-carer-relatedperson.json';
import benedicte from '../../../fixtures/fhir/examples/relatedperson-example-benedicte.json';
import { CarerGrace, ContactHenry, EXTENSION_BASE, NotCarerIvy, YoungCarerSam, asJson } from '../../../fixtures/fhir/personas';
import { validateR4 } from '../../../support/validateR4';

const raw = (value: unknown): RawResource => asJson(value) as RawResource;
const STATUS_URL = `${EXTENSION_BASE}/carer-status`;
const ASKED = '2026-11-23T10:15:00Z';
const statusOf = (resource: RawResource) => {
  const read = readRelatedPerson(resource, { extensionBase: EXTENSION_BASE });
  if (!('carer' in read)) throw new Error(read.warning);
  return read.carer;
};
const without = (resource: RawResource, ...keys: string[]) => Object.fromEntries(Object.entries(resource).filter(([k]) => !keys.includes(k)));

describe('withCarerStatus', () => {
  it('marks a next of kin as carer: adds the UK Core coding and the dated answer, keeps the rest', () => {
    const before = raw(ContactHenry);
    const after = withCarerStatus(before, true, ASKED, EXTENSION_BASE);
    expect(validateR4(after)).toEqual([]);
    expect(statusOf(after)).toMatchObject({ carerStatus: 'carer', carerStatusAskedOn: ASKED, contactRoles: ['next-of-kin', 'emergency-contact'], relationships: ['Husband'] });
    expect(after.relationship).toEqual([...(before.relationship as unknown[]), { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole', code: 'Carer', display: 'Carer of patient' }] }]);
    expect(after.extension).toEqual([{ url: STATUS_URL, extension: [{ url: 'isCarer', valueBoolean: true }, { url: 'askedOn', valueDateTime: ASKED }] }]);
    expect(without(after, 'relationship', 'extension')).toEqual(without(before, 'relationship', 'extension'));
  });

  it('does not add a second carer coding to someone already coded as carer', () => {
    const after = withCarerStatus(raw(YoungCarerSam), true, ASKED, EXTENSION_BASE);
    expect(after.relationship).toEqual(raw(YoungCarerSam).relationship);
  });

  it('records "not a carer": removes every carer coding and the concepts that only said so', () => {
    const before = raw(YoungCarerSam);
    const after = withCarerStatus(before, false, ASKED, EXTENSION_BASE);
    expect(validateR4(after)).toEqual([]);
    expect(after.relationship).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'SON' }] }]);
    expect(statusOf(after)).toMatchObject({ carerStatus: 'not-carer', relationships: ['Son'] });
  });

  it('keeps the other codings of a concept that mixed a carer coding with a relationship', () => {
    const before = raw({ ...CarerGrace, relationship: [{ coding: [{ system: 'http://snomed.info/sct', code: '407542009' }, { system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DAU' }], text: 'Daughter, carer' }] });
    const after = withCarerStatus(before, false, ASKED, EXTENSION_BASE);
    expect(after.relationship).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DAU' }], text: 'Daughter, carer' }]);
  });

  it('removes relationship entirely when only carer codings were there', () => {
    const before = raw({ ...CarerGrace, relationship: [{ coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole', code: 'Carer' }] }] });
    expect(withCarerStatus(before, false, ASKED, EXTENSION_BASE)).not.toHaveProperty('relationship');
  });

  it('replaces an earlier answer in place and keeps every other extension in order', () => {
    const before = raw(NotCarerIvy);
    (before.extension as unknown[]).unshift({ url: 'https://example.org/first', valueString: 'a' });
    (before.extension as unknown[]).push({ url: 'https://example.org/last', valueString: 'z' }, { url: STATUS_URL, extension: [] });
    const after = withCarerStatus(before, true, ASKED, EXTENSION_BASE);
    expect((after.extension as { url: string }[]).map((e) => e.url)).toEqual(['https://example.org/first', STATUS_URL, 'https://example.org/last']);
    expect(statusOf(after).carerStatus).toBe('carer');
  });

  it('writes the extension under the configured base', () => {
    const base = 'https://trust.example.nhs.uk/fhir/StructureDefinition';
    const after = withCarerStatus(raw(ContactHenry), false, ASKED, base);
    expect((after.extension as { url: string }[])[0]?.url).toBe(`${base}/carer-status`);
  });

  it('leaves the raw resource it was given untouched', () => {
    const before = raw(ukCarer);
    const snapshot = structuredClone(before);
    withCarerStatus(before, false, ASKED, EXTENSION_BASE);
    expect(before).toEqual(snapshot);
  });

  it('keeps _primitive extensions, unknown extensions, meta and text of real resources', () => {
    for (const example of [ukCarer, benedicte]) {
      const before = raw(example);
      const after = withCarerStatus(before, true, ASKED, EXTENSION_BASE);
      expect(validateR4(after)).toEqual([]);
      expect(without(after, 'relationship', 'extension')).toEqual(without(before, 'relationship', 'extension'));
      expect((after.extension as unknown[]).slice(0, -1)).toEqual((before.extension as unknown[] | undefined) ?? []);
    }
  });

  it.each([
    ['a Consent', { resourceType: 'Consent', id: 'c' }, /RelatedPerson/],
    ['a malformed relationship', { ...(asJson(CarerGrace) as object), relationship: { coding: [] } }, /relationship/],
    ['a malformed extension', { ...(asJson(CarerGrace) as object), extension: 'x' }, /extension/],
  ])('refuses %s', (_what, input, message) => {
    expect(() => withCarerStatus(input as RawResource, true, ASKED, EXTENSION_BASE)).toThrow(message);
  });

  it('refuses an askedOn that is not a date', () => {
    expect(() => withCarerStatus(raw(ContactHenry), true, 'now', EXTENSION_BASE)).toThrow(WriteInputError);
  });
});
