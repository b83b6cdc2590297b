/** Checks a patient reference given by a caller before it goes into a URL. */
import { FhirError } from '../errors';
import { FHIR_ID } from '../fhir/primitives';

/** The id of `Patient/<id>` (or a bare id); a FhirError `bad-request` for anything else. */
export function patientIdOf(reference: string): string {
  const trimmed = typeof reference === 'string' ? reference.trim() : '';
  const id = trimmed.startsWith('Patient/') ? trimmed.slice('Patient/'.length) : trimmed;
  if (!FHIR_ID.test(id)) {
    throw new FhirError({
      kind: 'bad-request',
      context: { resourceType: 'Patient' },
      message: 'not a patient reference (Patient/<id>)',
      userMessage: 'That is not a valid patient reference. Open the patient in the EHR again.',
    });
  }
  return id;
}
