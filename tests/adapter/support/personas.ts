/**
 * Typed persona fixtures for the adapter's network tests (synthetic people; NHS numbers from the
 * range never issued, 999 000 0000 – 999 999 9999).
 */
import type { Consent, List, Patient, RelatedPerson, Task } from '@medplum/fhirtypes';
import {
  ASKED_NO_CARERS_LIST_CODE,
  ASSESSMENT_OFFER_TASK_CODE,
  CONSENT_SCOPE_PRIVACY,
  EMPTY_REASON_NILKNOWN,
  POLICY_OPT_IN,
  SYSTEM,
  WRITE_ACTOR_ROLE,
  WRITE_CARER_ROLE,
  WRITE_CONSENT_CATEGORY,
} from '../../../shared/terminology';
import type { Resource } from './fakeFhirServer';

export const ALEX_NHS_NUMBER = '9990000018';

export const PatientAlex: Patient = {
  resourceType: 'Patient',
  id: 'alex',
  identifier: [{ system: SYSTEM.nhsNumber, value: ALEX_NHS_NUMBER }],
  name: [{ given: ['Alex'], family: 'Rivers' }],
  birthDate: '1980-04-02',
};

/** Grace is Alex's daughter and carer; her record carries an extension and a `_birthDate` element this code does not know. */
export const CarerGrace: RelatedPerson = {
  resourceType: 'RelatedPerson',
  id: 'grace',
  extension: [{ url: 'https://example.org/fhir/StructureDefinition/preferred-contact-time', valueString: 'evenings' }],
  patient: { reference: 'Patient/alex' },
  relationship: [
    { coding: [{ ...WRITE_CARER_ROLE }] },
    { coding: [{ system: SYSTEM.v3RoleCode, code: 'DAU', display: 'Daughter' }] },
  ],
  name: [{ given: ['Grace'], family: 'Rivers' }],
  birthDate: '2001-05-06',
  telecom: [{ system: 'phone', value: '07700 900123' }],
};

/** Sam is Alex's next of kin, not yet asked whether he is a carer. */
export const ContactSam: RelatedPerson = {
  resourceType: 'RelatedPerson',
  id: 'sam',
  patient: { reference: 'Patient/alex' },
  relationship: [{ coding: [{ system: SYSTEM.v2ContactRole, code: 'N', display: 'Next-of-Kin' }] }],
  name: [{ given: ['Sam'], family: 'Rivers' }],
};

export const ConsentGracePermit: Consent = {
  resourceType: 'Consent',
  id: 'consent-grace',
  status: 'active',
  scope: { coding: [{ ...CONSENT_SCOPE_PRIVACY }] },
  category: [{ coding: [{ ...WRITE_CONSENT_CATEGORY }] }],
  patient: { reference: 'Patient/alex' },
  dateTime: '2026-06-01T10:00:00Z',
  performer: [{ reference: 'Patient/alex' }],
  policyRule: { coding: [{ ...POLICY_OPT_IN }] },
  provision: {
    type: 'permit',
    period: { start: '2026-06-01T10:00:00Z', end: '2027-06-01' },
    actor: [{ role: { coding: [{ ...WRITE_ACTOR_ROLE }] }, reference: { reference: 'RelatedPerson/grace' } }],
  },
};

export const TaskGraceOffered: Task = {
  resourceType: 'Task',
  id: 'task-grace',
  status: 'requested',
  intent: 'proposal',
  code: { coding: [{ ...ASSESSMENT_OFFER_TASK_CODE }] },
  for: { reference: 'RelatedPerson/grace' },
  focus: { reference: 'RelatedPerson/grace' },
  authoredOn: '2026-07-01T09:00:00Z',
};

export const PatientJo: Patient = {
  resourceType: 'Patient',
  id: 'jo',
  identifier: [{ system: SYSTEM.nhsNumber, value: '9990000026' }],
  name: [{ given: ['Jo'], family: 'Banks' }],
};

export const AskedNoCarersJo: List = {
  resourceType: 'List',
  id: 'asked-jo',
  status: 'current',
  mode: 'snapshot',
  code: { coding: [{ ...ASKED_NO_CARERS_LIST_CODE }] },
  subject: { reference: 'Patient/jo' },
  date: '2026-05-01T12:00:00Z',
  emptyReason: { coding: [{ ...EMPTY_REASON_NILKNOWN }] },
};

/** FHIR typed fixtures as the fake store's plain JSON. */
export function asStored<T extends Array<{ resourceType: string }>>(...resources: T): Resource[] {
  return resources.map((r) => structuredClone(r) as unknown as Resource);
}

/** Alex's whole record: patient, carer, contact, consent, assessment offer. */
export const alexRecord = (): Resource[] => asStored(PatientAlex, CarerGrace, ContactSam, ConsentGracePermit, TaskGraceOffered);
