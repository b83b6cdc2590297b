import { describe, expect, it } from 'vitest';
import { localReference, resolveReference } from '../../../adapter/mapping/references';

describe('localReference', () => {
  it.each([
    ['Patient/123', undefined, 'Patient/123'],
    ['https://fhir.example.nhs.uk/R4/Patient/123', undefined, 'Patient/123'],
    ['Patient/123/_history/4', undefined, 'Patient/123'],
    ['https://fhir.example/R4/RelatedPerson/abc.1/_history/2', 'RelatedPerson', 'RelatedPerson/abc.1'],
    ['urn:uuid:5b1f3a52-7c39-4ad4-9a0e-3f0e6b6a6d11', undefined, 'urn:uuid:5b1f3a52-7c39-4ad4-9a0e-3f0e6b6a6d11'],
    ['Patient/123', 'RelatedPerson', undefined],
    ['#contained', undefined, undefined],
    ['123', undefined, undefined],
    ['Patient/', undefined, undefined],
    ['Patient/has space', undefined, undefined],
    ['patient/123', undefined, undefined],
  ])('localReference(%j, %j) is %j', (reference, type, expected) => {
    expect(localReference(reference, type)).toBe(expected);
  });

  it.each([undefined, null, 42, {}, 'P'.repeat(5_000)])('is undefined for %j', (value) => {
    expect(localReference(value)).toBeUndefined();
  });
});

describe('resolveReference', () => {
  const aliases = new Map([['urn:uuid:5b1f3a52-7c39-4ad4-9a0e-3f0e6b6a6d11', 'Patient/alex']]);

  it('resolves a urn:uuid through the Bundle fullUrl map', () => {
    expect(resolveReference({ reference: 'urn:uuid:5b1f3a52-7c39-4ad4-9a0e-3f0e6b6a6d11' }, 'Patient', aliases)).toBe('Patient/alex');
  });

  it('is undefined for an unresolved urn:uuid, a reference of another type and a missing element', () => {
    expect(resolveReference({ reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' }, 'Patient', aliases)).toBeUndefined();
    expect(resolveReference({ reference: 'RelatedPerson/x' }, 'Patient')).toBeUndefined();
    expect(resolveReference(undefined, 'Patient')).toBeUndefined();
  });
});
