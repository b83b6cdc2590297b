/**
 * The domain of Carer Prompts: what the record says about a patient's carers, independent of FHIR.
 *
 * The adapter maps FHIR resources into these shapes; prompt rules and the audit read only these.
 * Dates are ISO 8601 strings as FHIR gives them (`YYYY-MM-DD` or a full dateTime); comparisons
 * are done on calendar dates by shared/domain/dates.ts.
 */

import type { CircumstanceChange } from '../terminology';

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
  /**
   * Patient.deceased[x]: true, or the date of death. A deceased patient gets no consent or offer
   * prompts; their carers may still be signposted (bereavement support).
   */
  deceased?: true | string;
  /**
   * Every episode of care of the patient the record holds (current, finished), as
   * shared/domain/episodes.ts defines them; absent when the data holds none.
   */
  episodes?: Episode[];
}

export type EpisodeReference = `EpisodeOfCare/${string}`;

/**
 * One EpisodeOfCare of the patient: a period under the service's care. Whether it is an inpatient
 * episode, a detention, a discharge or a new first contact is decided in shared/domain/episodes.ts.
 */
export interface Episode {
  reference: EpisodeReference;
  /** current: active / onhold / waitlist; finished: the patient was under the service until `end`. */
  status: 'current' | 'finished';
  start?: string;
  end?: string;
  /** EpisodeOfCare.type coded as inpatient (shared/terminology.ts READ_INPATIENT_EPISODE_TYPES). */
  inpatient: boolean;
  /** Coded as a detention under the Mental Health Act 1983 (shared/terminology.ts MHA_DETENTION_CODES). */
  detained: boolean;
  team?: string;
}

/** Whether a related person is the patient's (unpaid) carer, as the record says. */
export type CarerStatus = 'carer' | 'not-carer' | 'unconfirmed';

/** Roles a contact holds that make them worth asking about (v2-0131). */
export type ContactRole = 'next-of-kin' | 'emergency-contact' | 'contact-person';

/**
 * The decision in force for one carer (shared/consent/decisionInForce.ts decides it; nothing else does):
 * - permit / deny / partial: a decision in force now; partial lists what may and may not be shared;
 * - withdrawn: the patient withdrew an earlier decision (the Consent is inactive);
 * - expired: the newest decision's validity (provision.period.end) has passed: not in force, ask again;
 * - conflict: two equally new decisions disagree, or a newer one has no date: never permission;
 * - lacks-capacity: the patient is unable to decide at present; ask again on `reviewDue`;
 * - none: no decision recorded; unknown: a Consent exists but cannot be interpreted safely.
 */
export type ConsentDecisionKind = 'permit' | 'deny' | 'partial' | 'withdrawn' | 'expired' | 'conflict' | 'lacks-capacity' | 'none';

/**
 * Why someone other than the patient decided, or why the patient could not (Mental Capacity Act 2005
 * s.4 best interests; lasting power of attorney for health and welfare; a court-appointed deputy;
 * parental responsibility for a child who is not Gillick competent), or that a patient under 16
 * decided as a Gillick-competent child. `lacks-capacity`: unable to decide at present.
 */
export const CONSENT_BASES = ['best-interests', 'lpa', 'deputy', 'parental-responsibility', 'gillick-competent', 'lacks-capacity'] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

/**
 * The patient's decision about sharing information with (and involving) one carer. `unknown` means a
 * Consent exists but cannot be interpreted safely (no provision.type, an unknown modifierExtension,
 * a decision by someone else with no basis that allows it…): it is never shown as a decision, and
 * `unknownReason` says why.
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
  /** When the decision should be reviewed (the review-due extension; docs/extensions.md). */
  reviewDue?: string;
  /** provision.period.end: the end of the decision's validity, when the patient limited it in time. */
  validUntil?: string;
  /**
   * When a `withdrawn` decision was withdrawn (the inactive Consent's meta.lastUpdated), if known;
   * asking again counts from it.
   */
  withdrawnOn?: string;
  /** For `withdrawn`: the decision that was withdrawn (what the patient had agreed). */
  previously?: 'permit' | 'deny' | 'partial';
  /** For `expired`: the decision whose validity ended, and when. */
  expiredDecision?: 'permit' | 'deny' | 'partial';
  expiredOn?: string;
  /** Consents naming this carer dated after today: a data-quality problem, never the newest decision. */
  futureDated?: `Consent/${string}`[];
  /** For `conflict`: the Consents that disagree, newest first. */
  conflicting?: `Consent/${string}`[];
  /** For partial decisions: what may be shared (plain text displays). */
  mayShare?: string[];
  /** For partial decisions: what may not be shared (plain text displays). */
  mayNotShare?: string[];
  /** Who decided: Consent.performer as a reference ("Patient/1", "RelatedPerson/2") or its display. */
  decidedBy?: string;
  /** The patient decided (performer is the patient, or no performer was recorded). */
  decidedByPatient?: boolean;
  /** The basis of the decision when it was not the patient's own, or not an adult's (see ConsentBasis). */
  basis?: ConsentBasis;
  /** The basis as the record words it, when it is not one of the coded bases. */
  basisText?: string;
  unknownReason?: string;
}

/** What one Consent says about one carer, before it is weighed against the patient's other Consents. */
export type ConsentRulingKind = 'permit' | 'deny' | 'partial';
export interface ConsentRuling {
  kind: ConsentRulingKind;
  mayShare?: string[];
  mayNotShare?: string[];
}

/**
 * One Consent, read without reference to the patient's other Consents or to "now": what
 * shared/consent/decisionInForce.ts weighs. The adapter reads it from FHIR (adapter/mapping); the
 * panel, `carers` and the audit all pass these to the same function.
 */
export interface ConsentStatement {
  consent: `Consent/${string}`;
  versionId?: string;
  /** "Patient/<id>" the Consent is about; a Consent that names no patient counts for nobody. */
  patient?: string;
  /**
   * decision: a decision in force (status active); withdrawn: status inactive; lacks-capacity: the
   * patient was unable to decide (status proposed with that basis); not-a-decision: any other status.
   */
  state: 'decision' | 'withdrawn' | 'lacks-capacity' | 'not-a-decision';
  /** Why the Consent cannot be interpreted at all (modifier extension, a provision with no type…). */
  uninterpretable?: string;
  /** About sharing information with, or involving, carers: privacy scope, a disclosure action, a recipient role. */
  aboutCarerSharing: boolean;
  /** Every RelatedPerson the Consent names anywhere ("RelatedPerson/<id>"), sorted. */
  mentions: readonly string[];
  /** What the Consent rules for each RelatedPerson it names (absent when it cannot be interpreted). */
  named: Readonly<Record<string, ConsentRuling>>;
  /** Its top provision names nobody: it rules for every carer of the patient it does not name. */
  topNamesNobody: boolean;
  /** What it rules for those carers (absent when it cannot be interpreted). */
  everyoneElse?: ConsentRuling;
  /** Consent.dateTime. */
  recordedOn?: string;
  /** meta.lastUpdated: orders an undated decision, and dates a withdrawal. */
  lastUpdated?: string;
  /** provision.period: the decision's validity. */
  validFrom?: string;
  validUntil?: string;
  /** The review-due extension. */
  reviewDue?: string;
  recordedBy?: string;
  decidedBy?: string;
  decidedByPatient: boolean;
  basis?: ConsentBasis;
  basisText?: string;
  /** The first actor reference as written, for a clinician to find a Consent that names no carer. */
  actorReference?: string;
  /** Consent.sourceReference to another Consent: the decision naming nobody that this one settles ("which carer?"). */
  settles?: `Consent/${string}`;
  /**
   * The carer's OWN consent to share their assessment with a support organisation (the
   * carers-own-information category): never the patient's decision, so decisionInForce ignores it.
   */
  carersOwn?: CarerSharingConsent;
}

/**
 * The carer's own decision about sharing their (the carer's) assessment with a carers' support
 * organisation (recommendation 3: "subject to carers consent, sharing the statutory assessment").
 * Read from a Consent of the carers-own-information category (docs/actions.md); never a patient's decision.
 */
export interface CarerSharingConsent {
  consent: `Consent/${string}`;
  /** The carer who decided (Consent.performer), when it names a RelatedPerson. */
  carer?: CarerReference;
  /** permit / deny in force; withdrawn (inactive); unknown: cannot be interpreted. */
  decision: 'permit' | 'deny' | 'withdrawn' | 'unknown';
  recordedOn?: string;
  /** The organisation the assessment may (or may not) be shared with, as the record names it. */
  recipient?: string;
}

/**
 * A referral of the carer for a statutory carer's assessment (a Task coded SNOMED 790101000000103 or
 * 790081000000109 in a status meaning the referral was made). shared/domain/assessment.ts folds it
 * into the carer's AssessmentStatus.
 */
export interface CarerReferral {
  task: `Task/${string}`;
  /** When the referral was made (authoredOn, else executionPeriod.start, else lastModified). */
  on?: string;
  /** The organisation referred to (Task.owner display or identifier), when the record says. */
  to?: string;
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
  /**
   * The carer was referred for a statutory carer's assessment in this round of assessment (a referral
   * not older than the offer): when, the Task, and to whom (shared/domain/assessment.ts).
   */
  referredOn?: string;
  referral?: `Task/${string}`;
  referredTo?: string;
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
  /**
   * The v3 RoleCode family relationship codes as recorded ("DAUC", "MTH"): who is the patient's child
   * or parent is decided from them (shared/domain/family.ts). Absent when none is recorded.
   */
  familyCodes?: string[];
  contactRoles: ContactRole[];
  birthDate?: string;
  telecom: ContactPoint[];
  address?: string;
  /** RelatedPerson.active; an inactive related person is kept for history but never prompted about. */
  active: boolean;
  /**
   * RelatedPerson.period.end: the relationship ended (history, not a carer, from that day on; see
   * derive.ts `isCurrent`).
   */
  endedOn?: string;
  /** Coded as a paid care worker (SNOMED 229774002, the occupation): never prompted as an unpaid carer. */
  paidCareWorker?: boolean;
  /**
   * Coded only as SNOMED 133932002 "Caregiver (person)", which does not say unpaid: a possible carer,
   * to be confirmed as unpaid (carerStatus stays 'unconfirmed').
   */
  possibleCarer?: boolean;
  /** Identifiers as "system|value", to recognise the same person recorded twice. */
  identifiers?: string[];
  /** When the person was identified as a carer (RelatedPerson.period.start), if recorded. */
  identifiedOn?: string;
  /** UK Core CopyCorrespondenceIndicator, when present. */
  copyCorrespondence?: boolean;
  consent: ConsentDecision;
  assessment: AssessmentStatus;
  /** When the carer was last recorded as signposted to support (a completed carer-action Task). */
  signpostedOn?: string;
  /** When the carer was last recorded as referred to young carers' support. */
  youngCarerReferredOn?: string;
  /** When a contingency plan (what happens if this carer cannot care) was last recorded for the carer. */
  contingencyPlanOn?: string;
  /** When the carer was last recorded as given the crisis and out-of-hours numbers. */
  crisisNumbersGivenOn?: string;
  /** When the carer was last recorded as heard (a carer-heard Communication from them; docs/actions.md). */
  heardOn?: string;
  /** The carer's recorded enquiries, each with when it came and when (if) it was answered, oldest first. */
  enquiries?: CarerEnquiry[];
  /**
   * Information about the patient disclosed to this carer without the patient's consent. Never a
   * consent: shared/consent/decisionInForce.ts never sees these, and the decision in force is unchanged.
   */
  disclosures?: DisclosureWithoutConsent[];
  /** When a young carer's transition assessment (Care Act 2014 s.63) was last recorded as requested. */
  transitionAssessmentRequestedOn?: string;
  /** The carer's own latest decision about sharing their assessment with a support organisation. */
  sharingConsent?: CarerSharingConsent;
  /**
   * The latest significant change in the carer's circumstances a clinician recorded (a completed
   * `circumstances-changed` carer-action Task): when, and what changed.
   */
  circumstancesChanged?: { on: string; what: CircumstanceChange | undefined };
  /** Episodes (inpatient) in whose discharge planning the carer was recorded as involved, and when. */
  dischargeInvolvement?: { episode: EpisodeReference; on: string }[];
}

/** What kind of plan a CarePlan is, from its category (shared/terminology.ts CARE_PLAN_CATEGORY_CODES; text for an advance care plan). */
export type CarePlanKind = 'care-plan' | 'crisis-plan' | 'advance-care-plan';

/**
 * One of the patient's current care plans (CarePlan, status active) and the carers it involves:
 * named in CarePlan.contributor or as a member of its care team (a contained or read CareTeam), or
 * recorded as involved by a completed carer-action Task whose focus is this plan.
 */
export interface CarePlanSummary {
  reference: `CarePlan/${string}`;
  versionId?: string;
  kind: CarePlanKind;
  /** CarePlan.title (text, never interpreted as markup). */
  title?: string;
  /** The related persons involved, sorted. */
  involves: CarerReference[];
}

/** A carer's enquiry (a Communication received from them) and its answer (a Communication `inResponseTo` it). */
export interface CarerEnquiry {
  communication: `Communication/${string}`;
  /** Communication.received: when the enquiry came. */
  receivedOn: string;
  /** The first answer's Communication.sent, once answered. */
  answeredOn?: string;
  answer?: `Communication/${string}`;
}

/** Why information was disclosed without the patient's consent (shared/terminology.ts DISCLOSURE_BASES). */
export type DisclosureBasisKind = 'best-interests' | 'serious-harm';

/** A disclosure without consent (a Communication to the person told; docs/actions.md). */
export interface DisclosureWithoutConsent {
  communication: `Communication/${string}`;
  /** Communication.sent. */
  on: string;
  basis: DisclosureBasisKind;
  /** Whether the patient was told: told, to be told, or not told because telling would increase the risk. */
  patientTold: 'told' | 'to-be-told' | 'not-told';
}

/**
 * A `Patient.contact` (next of kin, emergency contact…): a person who might be the patient's carer,
 * kept apart from RelatedPersons. A contact has no id of its own, so it is keyed by its position
 * in Patient.contact and a digest of its content (shared/domain/contacts.ts): the key changes when
 * the contact is edited, and a key from an earlier read is then no longer found (the clinician
 * reloads rather than answering about a contact that has changed).
 */
export type ContactKey = `Patient/${string}#contact-${number}-${string}`;

export interface PatientContact {
  key: ContactKey;
  /** Name as recorded (text, never interpreted as markup). */
  name?: string;
  /** Family / social relationships in plain English ("Mother"). */
  relationships: string[];
  /**
   * The v3 RoleCode family relationship codes as recorded, as for a RelatedPerson (Carer.familyCodes):
   * a contact recorded as the patient's child makes the patient a parent (shared/domain/family.ts,
   * Think Family). Absent when none is recorded.
   */
  familyCodes?: string[];
  contactRoles: ContactRole[];
  telecom: ContactPoint[];
  address?: string;
  /** Patient.contact.organization display, when the contact is someone at an organisation. */
  organization?: string;
  /** Patient.contact.period: a contact whose period ended is history, never asked about. */
  startedOn?: string;
  endedOn?: string;
  /**
   * Identifiers as "system|value": the request identifier a RelatedPerson made from this contact
   * carries (shared/domain/contacts.ts contactRequestId), so the two are recognised as one person.
   */
  identifiers: string[];
  /**
   * The patient's RelatedPerson who is this same person (shared/domain/duplicates.ts identityKeys),
   * once recorded: the RelatedPerson is then the one asked about and counted, never the contact.
   */
  recordedAs?: CarerReference;
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
  decision: ConsentRulingKind | 'withdrawn' | 'lacks-capacity' | 'unknown';
  recordedOn?: string;
  /** The actor reference as written, if any (for the clinician to find it in the EHR). */
  actorReference?: string;
}

/** Everything the prompt rules need about one patient. */
export interface CarerContext {
  patient: PatientSummary;
  /** Every RelatedPerson of the patient (active or not), in record order. */
  carers: Carer[];
  /**
   * The patient's `Patient.contact` people (with a name), in record order; each recognised as a
   * RelatedPerson where one is the same person. Absent when the record has none.
   */
  contacts?: PatientContact[];
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
  /** Recorded deferrals of this patient's prompts (in force or not: shared/deferrals.ts decides). */
  deferrals?: Deferral[];
  /**
   * The patient's current care plans. Absent when care plans were not read (a server without
   * CarePlan): nothing is then said about carers' involvement in care planning, and
   * `carePlansNotRead` says why.
   */
  carePlans?: CarePlanSummary[];
  /** Why care plans could not be read, in a sentence for the panel and the audit. */
  carePlansNotRead?: string;
  /**
   * The latest Think Family answer: the patient (a parent) was asked whether children in the
   * household help to care (a completed `children-asked` carer-action Task for the Patient).
   */
  childrenAsked?: ChildrenAsked;
}

/** A patient asked whether children in the household help to care, when, and the answer. */
export interface ChildrenAsked {
  task: `Task/${string}`;
  on: string;
  childHelps: boolean;
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
  'consent-conflict',
  'consent-dated-in-future',
  'possible-duplicate-carer',
  'carer-coded-as-paid',
  'involve-carer-in-care-plan',
  'carer-contingency-plan',
  'give-crisis-numbers',
  'carer-enquiry-overdue',
  'young-carer-transition',
  'refer-carer-assessment',
  'carer-sharing-consent',
  'follow-up-accepted-assessment',
  'involve-carer-in-discharge',
  'think-family',
] as const;
export type PromptCode = (typeof PROMPT_CODES)[number];

/** What a clinician can do about a prompt: a write action from the registry (shared/actions), or advice. */
export type { ActionKind } from '../actions/index';
import type { ActionKind } from '../actions/index';

export interface SuggestedAction {
  kind: ActionKind;
  label: string;
}

/**
 * Coded reasons for deferring a prompt (DESIGN.md: patient declined, lacks capacity at present, no
 * carer, done elsewhere), each written with its CDS Hooks 3.0 non-adherence reason (shared/terminology.ts).
 */
export const DEFERRAL_REASONS = ['patient-declined', 'lacks-capacity', 'no-carer', 'done-elsewhere'] as const;
export type DeferralReason = (typeof DEFERRAL_REASONS)[number];

/** "Not now" (ask again later) or "not applicable" (does not apply to this patient or carer); both end on a date. */
export const DEFERRAL_KINDS = ['not-now', 'not-applicable'] as const;
export type DeferralKind = (typeof DEFERRAL_KINDS)[number];

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
  /** The Patient.contact the prompt is about (confirm-carer-status for a contact). */
  contact?: ContactKey;
  /** The Consent the prompt is about (consent-without-carer: the decision naming nobody). */
  consent?: `Consent/${string}`;
  /** The care plans the prompt is about (involve-carer-in-care-plan: the current plans not involving the carer). */
  carePlans?: `CarePlan/${string}`[];
  /** The episode of care the prompt is about (involve-carer-in-discharge: the inpatient episode). */
  episode?: EpisodeReference;
  /** Whether the clinician may defer it with a coded reason (shared/deferrals.ts). */
  snoozable: boolean;
}

/**
 * A clinician's recorded decision not to act on a prompt now (a Task in FHIR, docs/actions.md): per
 * patient and carer, keyed to the prompt code (never its text), with who, when, a coded reason and
 * the date after which the prompt returns. Every colleague's panel and the audit read the same record.
 */
export interface Deferral {
  task: `Task/${string}`;
  versionId?: string;
  code: PromptCode;
  /** The carer the deferred prompt is about; absent for a prompt about the patient (identify-carers). */
  carer?: CarerReference;
  kind: DeferralKind;
  reason: DeferralReason;
  comment?: string;
  /** Who deferred it (Task.requester display or reference), when the record says. */
  by?: string;
  /** When it was deferred. */
  on: string;
  /** When the prompt returns (the end of the deferral, or when it was ended early). */
  until: string;
}
