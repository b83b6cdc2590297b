/**
 * A PerformContext for adapter tests, as the background worker builds one (extension/background/
 * fhirGateway.ts): the resource the clinician saw is read from the patient's record as last read.
 */
import type { PerformContext } from '../../../adapter/actions/perform';
import type { FhirAdapter } from '../../../adapter/client';
import type { RawResource } from '../../../adapter/fhir/rawStore';
import type { PatientReference } from '../../../shared/domain/types';
import { DEFAULT_POLICY } from '../../../shared/policy';

export function performContext(adapter: FhirAdapter, patient: PatientReference, requestId: string, now: Date): PerformContext {
  return {
    adapter,
    patient,
    requestId,
    signal: new AbortController().signal,
    policy: DEFAULT_POLICY,
    now,
    rawAt: async (reference: string): Promise<RawResource> => {
      const raw = (await adapter.readCarerContext(patient)).raw.get(reference);
      if (raw === undefined) throw new Error(`${reference} is not in the record`);
      return raw;
    },
  };
}
