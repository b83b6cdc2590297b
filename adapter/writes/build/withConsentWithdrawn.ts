/**
 * Withdrawal of a consent decision: the raw Consent with status inactive, nothing else changed
 * (sent as a versioned update with If-Match). shared/terminology.md: "withdrawal sets inactive".
 */
import type { RawResource } from '../../fhir/rawStore';
import { copyOf, requireRaw, WriteInputError } from './inputs';

export function withConsentWithdrawn(raw: RawResource): RawResource {
  requireRaw(raw, 'Consent', 'Withdrawing a consent');
  if (raw.status === 'entered-in-error') throw new WriteInputError('a Consent entered in error cannot be withdrawn');
  const copy = copyOf(raw);
  copy.status = 'inactive';
  return copy;
}
