/**
 * A minimal population for the audit's pull tests (bulk export and paged search): two patients, a
 * carer of the first, and a consent about them. Typed, so a fixture that drifts from R4 fails to compile.
 */
import type { Consent, Patient, RelatedPerson } from '@medplum/fhirtypes';

export const PatientAda: Patient = { resourceType: 'Patient', id: 'ada' };
export const PatientBen: Patient = { resourceType: 'Patient', id: 'ben' };
export const CarerGrace: RelatedPerson = { resourceType: 'RelatedPerson', id: 'grace', patient: { reference: 'Patient/ada' } };
export const ConsentAdaGrace: Consent = {
  resourceType: 'Consent',
  id: 'c1',
  status: 'active',
  scope: { coding: [{ code: 'patient-privacy' }] },
  category: [{ coding: [{ code: '59284-0' }] }],
  patient: { reference: 'Patient/ada' },
};
