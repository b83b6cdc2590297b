import { describe, expect, it } from 'vitest';
import { RawResourceMissingError, RawStore, isRawResource, refOf } from '../../../adapter/fhir/rawStore';
import ukCarer from '../../fixtures/fhir/examples/uk-carer-relatedperson.json';

describe('RawStore', () => {
  it('keeps each resource exactly as received, keyed Type/id', () => {
    const store = new RawStore();
    const raw = structuredClone(ukCarer);
    expect(store.add(raw)).toBe('RelatedPerson/uk-carer-1');
    expect(store.get('RelatedPerson/uk-carer-1')).toBe(raw);
    expect(store.get('RelatedPerson/uk-carer-1/_history/3')).toBe(raw);
    expect(store.size).toBe(1);
    expect([...store.refs()]).toEqual(['RelatedPerson/uk-carer-1']);
  });

  it('gives a deep copy to update, so the copy as received never changes', () => {
    const store = new RawStore();
    store.add(structuredClone(ukCarer));
    const copy = store.cloneForUpdate('RelatedPerson/uk-carer-1');
    expect(copy).toEqual(ukCarer);
    (copy.name as { family: string }[])[0]!.family = 'Changed';
    expect(store.get('RelatedPerson/uk-carer-1')).toEqual(ukCarer);
  });

  it('refuses to update what was never read', () => {
    expect(() => new RawStore().cloneForUpdate('Consent/nope')).toThrow(RawResourceMissingError);
  });

  it('does not key resources without a FHIR id', () => {
    const store = new RawStore();
    expect(store.add({ resourceType: 'Patient' })).toBeUndefined();
    expect(store.add({ resourceType: 'Patient', id: 'not an id' })).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it.each([null, 1, 'Patient', [], {}, { resourceType: 3 }])('isRawResource(%j) is false', (value) => {
    expect(isRawResource(value)).toBe(false);
  });

  it('refOf names a resource by type and id', () => {
    expect(refOf({ resourceType: 'Task', id: 't-1' })).toBe('Task/t-1');
  });
});
