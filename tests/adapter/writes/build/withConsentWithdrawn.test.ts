import { describe, expect, it } from 'vitest';
import { withConsentWithdrawn, WriteInputError } from '../../../../adapter/writes/build';
import { readConsentDecision } from '../../../../adapter/mapping/readConsentDecision';
import type { RawResource } from '../../../../adapter/fhir/rawStore';
import ukConsent from '../../../fixtures/fhir/examples/uk-carer-consent.json';
import { validateR4 } from '../../../support/validateR4';
import { DEFAULT_EXTENSION_BASE } from '../../../../shared/terminology';

describe('withConsentWithdrawn', () => {
  it('sets status inactive and loses nothing else (extensions, _status, meta, narrative)', () => {
    const before = structuredClone(ukConsent) as RawResource;
    const after = withConsentWithdrawn(before);
    expect(validateR4(after)).toEqual([]);
    expect(after).toEqual({ ...ukConsent, status: 'inactive' });
    expect(before).toEqual(ukConsent);
    const read = readConsentDecision(after, { extensionBase: DEFAULT_EXTENSION_BASE });
    expect('statement' in read && read.statement.state).toBe('withdrawn');
  });

  it('refuses a Consent entered in error and a resource that is not a Consent', () => {
    expect(() => withConsentWithdrawn({ ...(structuredClone(ukConsent) as RawResource), status: 'entered-in-error' })).toThrow(WriteInputError);
    expect(() => withConsentWithdrawn({ resourceType: 'Task', id: 't' })).toThrow(/Consent/);
  });
});
