/**
 * The domain of Carer Prompts: what the record says about a patient's carers, independent of FHIR.
 *
 * The adapter maps FHIR resources into these shapes; prompt rules and the audit read only these.
 * Dates are ISO 8601 strings as FHIR gives them (`YYYY-MM-DD` or a full dateTime); comparisons
 * are done on calendar dates by shared/domain/dates.ts.
 */

export type PatientReference = `Patient/${string}`;
export type CarerReference = `RelatedPerson/${string}`;

/** The patient the record (or the page) is about. */
export interface PatientSummary {
  reference: PatientReference;
  id: string;
  versionId?: string;
  /** 10 digits, no spaces; only when the record carries a valid NHS number. */
  nhsNumber?: string;
  /** Name as recorded (text, never interpreted as markup). */
  name?: string;
  birthDate?: string;
  address?: string;
  /** When the patient's episode with this service started, if the record says; starts the 3-month offer clock. */
  serviceStart?: string;
  /** The team (managing organisation or care team display) the patient is on, if known. */
  team?: string;
}

/** Whether a related person is the patient's (unpaid) carer, as the record says. */
export type CarerStatus = 'carer' | 'not-carer' | 'unconfirmed';

/** Roles a contact holds that make them worth asking about (v2-0131). */
export type ContactRole = 'next-of-kin' | 'emergency-contact' | 'contact-person';

export type ConsentDecisionKind = 'permit' | 'deny' | 'partial' | 'withdrawn' | 'none';

/**
 * The patient's decision about sharing information with (and involving) one carer, read from the
 * most recent Consent naming that carer. `unknown` means a Consent exists but cannot be
 * interpreted safely (no provision.type, an unknown modifierExtension…): it is never shown as a
 * decision, and `unknownReason` says why.
 */
export interface ConsentDecision {
  decision: ConsentDecisionKind | 'unknown';
  /** `Consent/<id>` of the resource the decision was read from. */
  consent?: `Consent/${string}`;
  versionId?: string;
  /** Consent.dateTime: when the decision was made. */
  recordedOn?: string;
  /** Who recorded it (display), when the record says. */
  recordedBy?: string;
  /** provision.period.end: when the decision should be reviewed. */
  reviewDue?: string;
  /**
   * When a `withdrawn` decision was withdrawn (the inactive Consent's meta.lastUpdated, or the
   * Provenance of the withdrawal), if known; the consent review clock restarts from it.
   */
  withdrawnOn?: string;
  /** For partial decisions: what may be shared (plain text displays). */
  mayShare?: string[];
  /** For partial decisions: what may not be shared (plain text displays). */
  mayNotShare?: string[];
  /** The basis when the decision is not the patient's own (best interests, LPA, parental responsibility). */
  basis?: string;
  unknownReason?: string;
}

export type AssessmentStatusKind = 'not-offered' | 'offered' | 'accepted' | 'declined' | 'completed';

/** The carer's needs-assessment offer and outcome, read from the most recent offer Task (by authoredOn). */
export interface AssessmentStatus {
  status: AssessmentStatusKind;
  /** `Task/<id>` the status was read from. */
  task?: `Task/${string}`;
  versionId?: string;
  /** Task.authoredOn: when the assessment was offered. */
  offeredOn?: string;
  /** When the carer answered (accepted / declined), if the record says. */
  respondedOn?: string;
  /** executionPeriod.end: when the assessment took place. */
  completedOn?: string;
  /** Task.statusReason text when declined. */
  declinedReason?: string;
}

export interface ContactPoint {
  system?: string;
  value: string;
}

/** A related person of the patient: a confirmed carer, a confirmed non-carer, or a contact not yet asked about. */
export interface Carer {
  reference: CarerReference;
  id: string;
  versionId?: string;
  /** Name as recorded (text, never interpreted as markup). */
  name?: string;
  carerStatus: CarerStatus;
  /** When carer status was asked (project extension), if recorded. */
  carerStatusAskedOn?: string;
  /** Family / social relationships in plain English ("Daughter", "Neighbour"). */
  relationships: string[];
  contactRoles: ContactRole[];
  birthDate?: string;
  telecom: ContactPoint[];
  address?: string;
  /** RelatedPerson.active; an inactive related person is kept for history but never prompted about. */
  active: boolean;
  /** When the person was identified as a carer (RelatedPerson.period.start), if recorded. */
  identifiedOn?: string;
  /** UK Core CopyCorrespondenceIndicator, when present. */
  copyCorrespondence?: boolean;
  consent: ConsentDecision;
  assessment: AssessmentStatus;
}

/** A dated answer that the patient was asked and named no carers (the "asked: no carers" List). */
export interface AskedNoCarers {
  list: `List/${string}`;
  askedOn?: string;
  askedBy?: string;
}

/** A Consent about carer sharing that names no RelatedPerson of this patient. */
export interface OrphanConsent {
  consent: `Consent/${string}`;
  decision: ConsentDecisionKind | 'unknown';
  recordedOn?: string;
  /** The actor reference as written, if any (for the clinician to find it in the EHR). */
  actorReference?: string;
}

/** Everything the prompt rules need about one patient. */
export interface CarerContext {
  patient: PatientSummary;
  /** Every RelatedPerson of the patient (active or not), in record order. */
  carers: Carer[];
  /** Present when the patient was asked and named no carers. */
  askedNoCarers?: AskedNoCarers;
  orphanConsents: OrphanConsent[];
  /**
   * RelatedPersons of this patient that exist but could not be read safely. When any exist, "no
   * carer recorded" cannot be claimed: one of them may be the carer.
   */
  unreadableRelatedPersons?: number;
  /** Plain-text warnings about data that could not be read safely. Never contain patient data beyond resource ids. */
  warnings: string[];
}

export type Severity = 'info' | 'warning' | 'critical';

export const PROMPT_CODES = [
  'identify-carers',
  'confirm-carer-status',
  'record-consent',
  'review-consent',
  'consent-declined-still-listen',
  'consent-cannot-interpret',
  'offer-assessment',
  'follow-up-assessment-offer',
  'assessment-review-due',
  'young-carer-referral',
  'signpost-support',
  'carer-missing-details',
  'consent-without-carer',
] as const;
export type PromptCode = (typeof PROMPT_CODES)[number];

/** What a clinician can do about a prompt; the extension maps each kind to a short form. */
export type ActionKind =
  | 'add-carer'
  | 'record-no-carers'
  | 'mark-carer'
  | 'mark-not-carer'
  | 'record-consent'
  | 'withdraw-consent'
  | 'offer-assessment'
  | 'record-assessment-outcome'
  | 'refer-young-carer'
  | 'signpost-support'
  | 'edit-carer'
  | 'open-in-ehr';

export interface SuggestedAction {
  kind: ActionKind;
  label: string;
}

/** Coded reasons for snoozing a prompt, in the spirit of CDS Hooks override reasons. */
export const SNOOZE_REASONS = ['patient-declined', 'lacks-capacity', 'no-carer', 'done-elsewhere'] as const;
export type SnoozeReason = (typeof SNOOZE_REASONS)[number];

export interface Prompt {
  /** Stable per patient: the code, plus the carer reference where the prompt is about one carer. */
  id: string;
  code: PromptCode;
  severity: Severity;
  /** One line, under 140 characters. */
  summary: string;
  /** Plain text. */
  detail: string;
  /** The charter commitment the prompt serves (e.g. "Triangle of Care standard 1: …"). */
  commitment: string;
  actions: SuggestedAction[];
  carer?: CarerReference;
  /** Whether the clinician may snooze it with a coded reason. */
  snoozable: boolean;
}

/** A snooze is per patient and carer, keyed to the prompt code (never its text), and expires. */
export interface Snooze {
  patient: PatientReference;
  code: PromptCode;
  carer?: CarerReference;
  reason: SnoozeReason;
  comment?: string;
  /** ISO dateTime after which the prompt shows again. */
  until: string;
}
