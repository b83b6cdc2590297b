/**
 * Audit facts: the compact, identifier-free summary of one FHIR resource that the coverage reducer
 * needs. The adapter turns each pulled resource into at most one fact (adapter/audit/facts.ts); the
 * reducer (./state.ts) never sees FHIR, names or NHS numbers — only resource ids, codes and dates.
 *
 * Dates are ISO 8601 strings as FHIR gives them; ids are the FHIR logical ids (no "Type/" prefix).
 */
import type { AssessmentStatusKind, CarerStatus, ConsentStatement } from '../domain/types';
import type { CarerCommunicationFact } from './carerCommunications';
import type { CarePlanFact, CarerActionFact, CarerSharingConsentFact, ChildrenAskedFact, DeferralFact, ReferralFact } from './recordedActions';

/**
 * A record's place in "most recent" order, as epoch milliseconds: its own date (Consent.dateTime,
 * Task.authoredOn, EpisodeOfCare.period.start), then meta.lastUpdated; null when absent. The adapter
 * computes it with the same reading the clinician's view uses; the reducer breaks remaining ties by
 * id so the result never depends on read order.
 */
export interface RecencyKey {
  primary: number | null;
  secondary: number | null;
}

/** A patient in scope (a Patient resource was read). */
export interface PatientFact {
  kind: 'patient';
  id: string;
  /** Team (managing organisation or care team display) when the Patient says. */
  team?: string;
  /** Patient.deceased[x]: excluded from the measures and counted as an exclusion. */
  deceased?: boolean;
  /**
   * The NHS number: only when a worklist was asked for (`--worklist`), which names who needs
   * follow-up; every other audit keeps no identifier beyond resource ids.
   */
  nhsNumber?: string;
  /**
   * The patient's Patient.contact people (next of kin…), as digests of the keys that recognise them
   * as one of the patient's RelatedPersons (shared/domain/duplicates.ts identityKeys), when the
   * contact ended and whether they are the patient's child; a contact matching no RelatedPerson was
   * never asked about.
   */
  contacts?: ContactFact[];
}

export interface ContactFact {
  identityDigests: string[];
  endedOn?: string;
  /**
   * Recorded as the patient's child (shared/domain/family.ts), only when so, as CarerFact.patientsChild:
   * Think Family asks a parent whose child is recorded only as a contact (hazard H29).
   */
  patientsChild?: boolean;
}

/**
 * An episode of care: where the service start (the 3-month offer clock and the month a patient is
 * counted in) and the team come from when the data gives them.
 */
export interface EpisodeFact {
  kind: 'episode';
  id: string;
  patient: string;
  serviceStart?: string;
  team?: string;
  recency: RecencyKey;
  /**
   * The episode has finished (status finished or cancelled): it places the patient in a past
   * caseload (`--since`, or an earlier `--now`) but never starts a current offer clock.
   */
  ended?: boolean;
  /** period.end of a finished episode. */
  endedOn?: string;
  /** An inpatient episode or a Mental Health Act detention (shared/domain/episodes.ts). */
  inpatient?: true;
  /** A Mental Health Act detention (then `inpatient` too): the panel names it as one (shared/domain/significantChange.ts). */
  detained?: true;
}

/** A RelatedPerson of a patient, carer or not. */
export interface CarerFact {
  kind: 'carer';
  id: string;
  patient: string;
  carerStatus: CarerStatus;
  /** When carer status was confirmed (project extension), if recorded: a fallback start of the offer clock. */
  carerStatusAskedOn?: string;
  active: boolean;
  birthDate?: string;
  /** RelatedPerson.period.start: when the person was identified as a carer. */
  identifiedOn?: string;
  /** RelatedPerson.period.end: the relationship ended (history from then on). */
  endedOn?: string;
  /** Has at least one family / social relationship recorded (beside the carer coding). */
  hasRelationship: boolean;
  /** Has at least one current telecom or an address. */
  hasContact: boolean;
  /**
   * Digests of the keys that recognise the same person recorded twice (shared/domain/duplicates.ts
   * identityKeys): equal digests, same key; the names and numbers themselves are not kept.
   */
  identityDigests?: string[];
  /** Coded as a paid care worker / only as a caregiver (see Carer): the panel's rules need them (./promptOutcomes.ts). */
  paidCareWorker?: boolean;
  possibleCarer?: boolean;
  /** Recorded as the patient's child (shared/domain/family.ts): the missing-details rule asks for a child carer's birth date. */
  patientsChild?: boolean;
}

/**
 * A Consent about sharing with / involving carers, as the statement shared/consent/decisionInForce.ts
 * weighs (the same one the clinician's view weighs), less what the audit must not keep: who recorded
 * or decided it, the basis as worded, and the actor as written are left out, and the lists of what
 * may and may not be shared are replaced by a digest (decisionInForce only compares them).
 */
export interface ConsentFact {
  kind: 'consent';
  id: string;
  statement: ConsentStatement;
}

/** A carer's needs-assessment offer Task. */
export interface AssessmentFact {
  kind: 'assessment';
  id: string;
  carer: string;
  /** The patient, only when the Task names one (`for` the Patient, `focus` the carer). */
  patient?: string;
  status: Exclude<AssessmentStatusKind, 'not-offered'>;
  /** Task.authoredOn: when the assessment was offered. */
  offeredOn?: string;
  /** When the carer accepted or declined, if the record says. */
  respondedOn?: string;
  /** executionPeriod.end: when the assessment took place. */
  completedOn?: string;
  recency: RecencyKey;
}

/** An "asked: no carers" List for a patient. */
export interface AskedNoCarersFact {
  kind: 'askedNoCarers';
  id: string;
  patient: string;
  askedOn?: string;
  /** The answer's place in "most recent" order (askedOn, then meta.lastUpdated), as the panel picks it. */
  recency?: RecencyKey;
}

/**
 * A resource that could not be read. `id` (when the resource carried a valid FHIR id) lets merged
 * partial audits count a resource read twice only once; without one each occurrence counts.
 */
export interface MalformedFact {
  kind: 'malformed';
  resourceType: string;
  id?: string;
}

export type AuditFact =
  | PatientFact
  | EpisodeFact
  | CarerFact
  | ConsentFact
  | AssessmentFact
  | AskedNoCarersFact
  | MalformedFact
  | CarerActionFact
  | DeferralFact
  | CarePlanFact
  | CarerCommunicationFact
  | ReferralFact
  | CarerSharingConsentFact
  | ChildrenAskedFact;
