/** Facts about the patient's care read from the Patient resource itself. */
import type { Patient } from '@medplum/fhirtypes';

/** The registered GP practice, when the record names one. */
export function gpPracticeOf(patient: Patient): string {
  return (patient.generalPractitioner ?? []).map((reference) => reference.display?.trim()).find(Boolean) ?? '';
}
