import { describe, expect, it } from 'vitest';
import { requireReference, requireUuid, WriteInputError } from '../../../../adapter/writes/build/inputs';

describe('builder input checks', () => {
  it('accepts Type/id references of the expected type only', () => {
    expect(requireReference('RelatedPerson/grace-1', 'RelatedPerson', 'carer')).toBe('RelatedPerson/grace-1');
    for (const bad of ['RelatedPerson/', 'RelatedPerson/a/b', 'Patient/x', 'RelatedPerson/has space', 'grace']) {
      expect(() => requireReference(bad, 'RelatedPerson', 'carer')).toThrow(WriteInputError);
    }
  });

  it('accepts UUIDs in either case and writes them in lower case', () => {
    expect(requireUuid('3F2B8C1E-9A4D-4E7B-8C6F-1D2E3F4A5B6C', 'requestId')).toBe('3f2b8c1e-9a4d-4e7b-8c6f-1d2e3f4a5b6c');
    expect(() => requireUuid('3f2b8c1e9a4d4e7b8c6f1d2e3f4a5b6c', 'requestId')).toThrow(/requestId must be a UUID/);
  });
});
