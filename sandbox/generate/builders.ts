import type { WithId } from '@medplum/core';
import type {
  Address,
  CarePlan,
  CodeableConcept,
  Communication,
  Consent,
  ConsentProvision,
  ContactPoint,
  EpisodeOfCare,
  Group,
  List,
  Organization,
  Patient,
  Practitioner,
  RelatedPerson,
  Task,
} from '@medplum/fhirtypes';
import {
  ASKED_NO_CARERS_LIST_CODE,
  ASSESSMENT_OFFER_TASK_CODE,
  CARE_PLAN_CATEGORY_CODES,
  CONSENT_ACTION_DISCLOSE,
  CONSENT_PURPOSES,
  CONSENT_SCOPE_PRIVACY,
  EMPTY_REASON_NILKNOWN,
  FAMILY_RELATIONSHIPS,
  POLICY_OPT_IN,
  POLICY_OPT_OUT,
  SYSTEM,
  WRITE_ACTOR_ROLE,
  WRITE_CARER_ROLE,
  WRITE_CONSENT_CATEGORY,
  DEFAULT_EXTENSION_BASE,
  PAID_CAREGIVER_OCCUPATION,
  carerStatusExtensionUrl,
  consentBasisExtensionUrl,
  consentReviewDueExtensionUrl,
  INPATIENT_EPISODE_TYPE,
  MHA_SECTION_3,
} from '../../shared/terminology';
import type { ConsentBasis } from '../../shared/domain/types';
import type { CodingConst } from '../../shared/terminology';
import type { Team } from './teams';
import { SANDBOX_ID_SYSTEM } from './teams';
import { buildCarerActionTask } from '../../adapter/writes/build/carerActionTask';
import { buildCarerCommunication, type BuildCarerCommunicationInput } from '../../adapter/writes/build/carerCommunication';
import { buildCarerReferral, buildCarerSharingConsent } from '../../adapter/writes/build/carerReferral';

/**
 * Builders for the resources of the synthetic caseload, shared by the named personas and the
 * generator so both write exactly the codings of shared/terminology.ts (the WRITE_* constants).
 * Each returns a plain R4 resource; tests validate samples against the base StructureDefinitions.
 */

const coding = (c: CodingConst) => ({ system: c.system, code: c.code, display: c.display });
const concept = (c: CodingConst): CodeableConcept => ({ coding: [coding(c)] });

export interface PersonName {
  given: string;
  family: string;
}

export interface PatientInput {
  id: string;
  nhsNumber: string;
  name: PersonName;
  gender: 'male' | 'female';
  birthDate: string;
  address: Address;
  team: Team;
  phone?: string;
  /** Patient.deceasedDateTime: the patient has died. */
  deceasedOn?: string;
  /** Next of kin and other contacts kept in Patient.contact (as many EHRs keep them), not as RelatedPersons. */
  contacts?: readonly PatientContactInput[];
}

export interface PatientContactInput {
  name: PersonName;
  /** HL7 v3 RoleCode family relationship (a key of FAMILY_RELATIONSHIPS). */
  relationship?: string;
  contactRole: ContactRoleCode;
  gender?: 'male' | 'female';
  telecom?: ContactPoint[];
}

function patientContact(input: PatientContactInput): NonNullable<Patient['contact']>[number] {
  const relationship: CodeableConcept[] = [];
  if (input.relationship) {
    const display = FAMILY_RELATIONSHIPS[input.relationship];
    if (!display) throw new RangeError(`Unknown family relationship code ${input.relationship}`);
    relationship.push({ coding: [{ system: SYSTEM.v3RoleCode, code: input.relationship, display }] });
  }
  relationship.push({ coding: [{ system: SYSTEM.v2ContactRole, code: input.contactRole, display: CONTACT_ROLE_DISPLAY[input.contactRole] }] });
  return {
    relationship,
    name: { family: input.name.family, given: [input.name.given] },
    ...(input.telecom?.length ? { telecom: input.telecom } : {}),
    ...(input.gender ? { gender: input.gender } : {}),
  };
}

export function patientResource(input: PatientInput): WithId<Patient> {
  return {
    resourceType: 'Patient',
    id: input.id,
    identifier: [{ system: SYSTEM.nhsNumber, value: input.nhsNumber }],
    active: true,
    name: [{ use: 'official', family: input.name.family, given: [input.name.given] }],
    gender: input.gender,
    birthDate: input.birthDate,
    address: [input.address],
    ...(input.phone ? { telecom: [{ system: 'phone', value: input.phone, use: 'mobile' }] } : {}),
    ...(input.deceasedOn ? { deceasedDateTime: input.deceasedOn } : {}),
    managingOrganization: { reference: `Organization/${input.team.id}`, display: input.team.name },
    ...(input.contacts?.length ? { contact: input.contacts.map(patientContact) } : {}),
  };
}

/**
 * The patient's current episode with the team: when the service started (the 3-month offer clock).
 * An inpatient episode is typed v3 ActCode IMP, a detention UK Core legal status (section 3), as
 * shared/terminology.ts reads them; one with an `end` is finished (a discharge, when inpatient).
 */
export function episodeOfCareResource(input: { id: string; patientId: string; team: Team; start: string; end?: string; inpatient?: boolean; detained?: boolean }): WithId<EpisodeOfCare> {
  const type = [...(input.inpatient ? [concept(INPATIENT_EPISODE_TYPE)] : []), ...(input.detained ? [concept(MHA_SECTION_3)] : [])];
  return {
    resourceType: 'EpisodeOfCare',
    id: input.id,
    identifier: [{ system: `${SANDBOX_ID_SYSTEM}/episode`, value: input.id }],
    status: input.end === undefined ? 'active' : 'finished',
    ...(type.length > 0 ? { type } : {}),
    patient: { reference: `Patient/${input.patientId}` },
    managingOrganization: { reference: `Organization/${input.team.id}`, display: input.team.name },
    period: { start: input.start, ...(input.end !== undefined ? { end: input.end } : {}) },
  };
}

export type ContactRoleCode = 'N' | 'C' | 'EP' | 'CP';
const CONTACT_ROLE_DISPLAY: Record<ContactRoleCode, string> = {
  N: 'Next-of-Kin',
  C: 'Emergency Contact',
  EP: 'Emergency contact person',
  CP: 'Contact person',
};

export interface RelatedPersonInput {
  id: string;
  patientId: string;
  name: PersonName;
  /** HL7 v3 RoleCode family/social relationship (a key of FAMILY_RELATIONSHIPS), if recorded. */
  relationship?: string;
  /** Marked as the patient's carer (UK Core `Carer` coding). */
  carer: boolean;
  /** Coded as a paid care worker (SNOMED 229774002, the occupation): never an unpaid carer. */
  paidCareWorker?: boolean;
  /** v2-0131 contact role (next of kin, emergency contact…). */
  contactRole?: ContactRoleCode;
  /** Asked and confirmed NOT a carer on this date (project carer-status extension). */
  confirmedNotCarerOn?: string;
  gender?: 'male' | 'female';
  birthDate?: string;
  telecom?: ContactPoint[];
  address?: Address;
  /** When identified as a carer (RelatedPerson.period.start). */
  identifiedOn?: string;
  active?: boolean;
}

export function relatedPersonResource(input: RelatedPersonInput): WithId<RelatedPerson> {
  const relationship: CodeableConcept[] = [];
  if (input.carer) relationship.push(concept(WRITE_CARER_ROLE));
  if (input.paidCareWorker) relationship.push(concept(PAID_CAREGIVER_OCCUPATION));
  if (input.relationship) {
    const display = FAMILY_RELATIONSHIPS[input.relationship];
    if (!display) throw new RangeError(`Unknown family relationship code ${input.relationship}`);
    relationship.push({ coding: [{ system: SYSTEM.v3RoleCode, code: input.relationship, display }] });
  }
  if (input.contactRole) {
    relationship.push({ coding: [{ system: SYSTEM.v2ContactRole, code: input.contactRole, display: CONTACT_ROLE_DISPLAY[input.contactRole] }] });
  }
  return {
    resourceType: 'RelatedPerson',
    id: input.id,
    ...(input.confirmedNotCarerOn
      ? {
          extension: [
            {
              url: carerStatusExtensionUrl(),
              extension: [
                { url: 'isCarer', valueBoolean: false },
                { url: 'askedOn', valueDateTime: input.confirmedNotCarerOn },
              ],
            },
          ],
        }
      : {}),
    // The trust's own id for the person, so a re-sent create can be matched (If-None-Exist).
    identifier: [{ system: `${SANDBOX_ID_SYSTEM}/related-person`, value: input.id }],
    active: input.active ?? true,
    patient: { reference: `Patient/${input.patientId}` },
    ...(relationship.length ? { relationship } : {}),
    name: [{ family: input.name.family, given: [input.name.given] }],
    ...(input.telecom?.length ? { telecom: input.telecom } : {}),
    ...(input.gender ? { gender: input.gender } : {}),
    ...(input.birthDate ? { birthDate: input.birthDate } : {}),
    ...(input.address ? { address: [input.address] } : {}),
    ...(input.identifiedOn ? { period: { start: input.identifiedOn } } : {}),
  };
}

/** `lacks-capacity`: the patient is unable to decide at present, written as the panel writes it (adapter/writes/build/buildConsent.ts). */
export type ConsentDecisionInput = 'permit' | 'deny' | 'partial' | 'lacks-capacity';

export interface ConsentInput {
  id: string;
  patientId: string;
  /** The carer the top provision names; absent for one naming nobody (for every carer, or a Consent that names no carer at all). */
  carerId?: string;
  decision: ConsentDecisionInput;
  /** `inactive` = withdrawn. A `lacks-capacity` decision is always `proposed` (not a decision in force). */
  status?: 'active' | 'inactive' | 'entered-in-error';
  /** A FHIR dateTime; a date alone is a decision whose time of day was not recorded. */
  dateTime: string;
  /** When the decision should be reviewed (for `lacks-capacity`, when to ask again): the review-due extension (docs/extensions.md), never provision.period. */
  reviewDue?: string;
  /** meta.lastUpdated: when the record last changed (for an inactive Consent, when it was withdrawn). */
  lastUpdated?: string;
  /** provision.period: the decision's validity, only where the patient limited it in time. */
  validFrom?: string;
  validUntil?: string;
  /** For partial consent: what may not be shared (plain text). */
  excluded?: string[];
  /** Carers refused by name: a nested deny naming each, whatever the top provision permits the others. */
  refusedFor?: readonly string[];
  /** Who decided when it was not the patient (the performer): a related person of the patient. */
  decidedBy?: { relatedPersonId: string; display: string };
  /** The basis of a decision that is not an adult patient's own (the basis extension). */
  basis?: ConsentBasis;
}

const recipient = (carerId: string) => ({ role: concept(WRITE_ACTOR_ROLE), reference: { reference: `RelatedPerson/${carerId}` } });

export function consentResource(input: ConsentInput): WithId<Consent> {
  const unable = input.decision === 'lacks-capacity';
  const top = input.decision === 'deny' ? 'deny' : 'permit';
  const excluded = input.excluded ?? ['Details of psychological therapy sessions'];
  const nested: ConsentProvision[] = [
    ...(input.decision === 'partial' ? excluded.map((text): ConsentProvision => ({ type: 'deny', code: [{ text }] })) : []),
    ...(input.refusedFor ?? []).map((carerId): ConsentProvision => ({ type: 'deny', actor: [recipient(carerId)] })),
  ];
  const summary =
    input.decision === 'partial'
      ? `Patient agrees to share information with this carer, except: ${excluded.join('; ')}.`
      : unable
        ? 'The patient is unable to decide at present about sharing information with this carer. No decision is in force.'
        : undefined;
  const period = input.validFrom || input.validUntil ? { period: { ...(input.validFrom ? { start: input.validFrom } : {}), ...(input.validUntil ? { end: input.validUntil } : {}) } } : {};
  const actor = input.carerId ? { actor: [recipient(input.carerId)] } : {};
  const action = [concept(CONSENT_ACTION_DISCLOSE)];
  const provision: ConsentProvision = unable
    ? { ...actor, action }
    : { type: top, ...period, ...actor, action, purpose: CONSENT_PURPOSES.map(coding), ...(nested.length ? { provision: nested } : {}) };
  const basis = unable ? 'lacks-capacity' : input.basis;
  const extension = [
    ...(input.reviewDue ? [{ url: consentReviewDueExtensionUrl(DEFAULT_EXTENSION_BASE), valueDate: input.reviewDue }] : []),
    ...(basis ? [{ url: consentBasisExtensionUrl(DEFAULT_EXTENSION_BASE), valueCode: basis }] : []),
  ];
  const policyRule: CodeableConcept = unable ? { text: 'Unable to decide at present: no decision about sharing is in force' } : concept(top === 'permit' ? POLICY_OPT_IN : POLICY_OPT_OUT);
  const performer = unable
    ? {}
    : { performer: [input.decidedBy ? { reference: `RelatedPerson/${input.decidedBy.relatedPersonId}`, display: input.decidedBy.display } : { reference: `Patient/${input.patientId}` }] };
  return {
    resourceType: 'Consent',
    id: input.id,
    ...(input.lastUpdated ? { meta: { lastUpdated: input.lastUpdated } } : {}),
    ...(extension.length ? { extension } : {}),
    ...(summary ? { text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${summary}</div>` } } : {}),
    identifier: [{ system: `${SANDBOX_ID_SYSTEM}/consent`, value: input.id }],
    status: unable ? 'proposed' : (input.status ?? 'active'),
    scope: concept(CONSENT_SCOPE_PRIVACY),
    category: [concept(WRITE_CONSENT_CATEGORY)],
    patient: { reference: `Patient/${input.patientId}` },
    dateTime: input.dateTime,
    ...performer,
    policyRule,
    provision,
  };
}

export type AssessmentState = 'requested' | 'accepted' | 'rejected' | 'completed';

export interface AssessmentInput {
  id: string;
  carerId: string;
  status: AssessmentState;
  /** When the assessment was offered. */
  authoredOn: string;
  /** When the carer answered (accepted/declined) or the assessment was recorded as done. */
  lastModified?: string;
  /** executionPeriod.end for completed assessments. */
  completedOn?: string;
  declinedReason?: string;
  requester?: { practitionerId: string; display: string };
}

export function assessmentTaskResource(input: AssessmentInput): WithId<Task> {
  const carer = { reference: `RelatedPerson/${input.carerId}` };
  return {
    resourceType: 'Task',
    id: input.id,
    identifier: [{ system: `${SANDBOX_ID_SYSTEM}/task`, value: input.id }],
    status: input.status,
    ...(input.status === 'rejected' && input.declinedReason ? { statusReason: { text: input.declinedReason } } : {}),
    intent: 'proposal',
    code: concept(ASSESSMENT_OFFER_TASK_CODE),
    focus: carer,
    for: carer,
    authoredOn: input.authoredOn,
    ...(input.lastModified ? { lastModified: input.lastModified } : {}),
    ...(input.completedOn ? { executionPeriod: { end: input.completedOn } } : {}),
    ...(input.requester ? { requester: { reference: `Practitioner/${input.requester.practitionerId}`, display: input.requester.display } } : {}),
  };
}

/** A carer signposted to support, as the panel records it (adapter/writes/build/carerActionTask.ts, the default extension base). */
export function signpostingTaskResource(input: { id: string; patientId: string; carerId: string; on: string }): WithId<Task> {
  const task = buildCarerActionTask({
    patient: `Patient/${input.patientId}`,
    carer: `RelatedPerson/${input.carerId}`,
    action: 'signposted',
    on: input.on,
    items: [{ type: 'Signpost given', value: "The local carers' centre" }],
    extensionBase: DEFAULT_EXTENSION_BASE,
  });
  return { ...task, id: input.id, identifier: [{ system: `${SANDBOX_ID_SYSTEM}/task`, value: input.id }] };
}

/**
 * A contingency plan agreed with a carer, or the crisis numbers given, as the panel records them
 * (adapter/writes/build/carerActionTask.ts, the default extension base; issue 11).
 */
export function carerActionTaskResource(input: { id: string; patientId: string; carerId: string; action: 'contingency-plan-agreed' | 'crisis-numbers-given'; on: string }): WithId<Task> {
  const task = buildCarerActionTask({
    patient: `Patient/${input.patientId}`,
    carer: `RelatedPerson/${input.carerId}`,
    action: input.action,
    on: input.on,
    items:
      input.action === 'contingency-plan-agreed'
        ? [{ type: 'If the carer cannot care', value: 'Her sister steps in; the crisis team is called on the number given.' }]
        : [{ type: 'Crisis number given', value: "The trust's 24-hour mental health crisis line" }],
    extensionBase: DEFAULT_EXTENSION_BASE,
  });
  return { ...task, id: input.id, identifier: [{ system: `${SANDBOX_ID_SYSTEM}/task`, value: input.id }] };
}

export interface CarePlanInput {
  id: string;
  patientId: string;
  title: string;
  /** A crisis plan (SNOMED 401276009) or a care plan (SNOMED 734163000): shared/terminology.ts CARE_PLAN_CATEGORY_CODES. */
  kind: 'crisis-plan' | 'care-plan';
  start: string;
  /** RelatedPerson ids named as contributors (involved in the plan). */
  contributors?: readonly string[];
}

/** A current care plan of the patient's (CarePlan, status active), as an EHR would hold it. */
export function carePlanResource(input: CarePlanInput): WithId<CarePlan> {
  const category = input.kind === 'crisis-plan' ? CARE_PLAN_CATEGORY_CODES.crisisPlan : CARE_PLAN_CATEGORY_CODES.carePlan;
  return {
    resourceType: 'CarePlan',
    id: input.id,
    identifier: [{ system: `${SANDBOX_ID_SYSTEM}/careplan`, value: input.id }],
    status: 'active',
    intent: 'plan',
    category: [{ coding: [{ ...category }], text: category.display }],
    title: input.title,
    subject: { reference: `Patient/${input.patientId}` },
    period: { start: input.start },
    ...(input.contributors?.length ? { contributor: input.contributors.map((id) => ({ reference: `RelatedPerson/${id}` })) } : {}),
  };
}

/** What passed between a carer and the service (heard, an enquiry or its answer, a disclosure without consent), as the panel records it (adapter/writes/build/carerCommunication.ts). */
export type CarerCommunicationInput = Omit<BuildCarerCommunicationInput, 'patient' | 'carer' | 'extensionBase' | 'requestId'> & { id: string; carerId: string };

export function carerCommunicationResource(input: CarerCommunicationInput & { patientId: string }): WithId<Communication> {
  const { id, carerId, patientId, ...rest } = input;
  const communication = buildCarerCommunication({ ...rest, patient: `Patient/${patientId}`, carer: `RelatedPerson/${carerId}`, extensionBase: DEFAULT_EXTENSION_BASE });
  return { ...communication, id, identifier: [{ system: `${SANDBOX_ID_SYSTEM}/communication`, value: id }] };
}

/**
 * A carer's referral for a statutory carer's assessment (recommendation 3), written as the panel
 * writes it (adapter/writes/build/carerReferral.ts), in the status the organisation has moved it to.
 */
export function carerReferralTaskResource(input: { id: string; patientId: string; carerId: string; on: string; status: 'requested' | 'accepted' | 'in-progress' | 'completed'; organisation: string }): WithId<Task> {
  const task = buildCarerReferral({ patient: `Patient/${input.patientId}`, carer: `RelatedPerson/${input.carerId}`, organisation: { name: input.organisation }, on: input.on });
  return { ...task, id: input.id, status: input.status, identifier: [{ system: `${SANDBOX_ID_SYSTEM}/task`, value: input.id }] };
}

/** The carer's own consent to share their assessment with the organisation (never the patient's decision). */
export function carerSharingConsentResource(input: { id: string; patientId: string; carerId: string; on: string; decision: 'permit' | 'deny'; organisation: string; referralId?: string }): WithId<Consent> {
  const consent = buildCarerSharingConsent({
    patient: `Patient/${input.patientId}`,
    carer: `RelatedPerson/${input.carerId}`,
    decision: input.decision,
    organisation: { name: input.organisation },
    ...(input.referralId !== undefined ? { referral: `Task/${input.referralId}` as const } : {}),
    on: input.on,
    extensionBase: DEFAULT_EXTENSION_BASE,
  });
  return { ...consent, id: input.id, identifier: [{ system: `${SANDBOX_ID_SYSTEM}/consent`, value: input.id }] };
}

/** The dated "asked: no carers" answer (shared/terminology.md). */
export function askedNoCarersResource(input: { id: string; patientId: string; date: string; source?: { practitionerId: string; display: string } }): WithId<List> {
  return {
    resourceType: 'List',
    id: input.id,
    identifier: [{ system: `${SANDBOX_ID_SYSTEM}/list`, value: input.id }],
    status: 'current',
    mode: 'snapshot',
    title: 'Carers: patient asked, none named',
    code: concept(ASKED_NO_CARERS_LIST_CODE),
    subject: { reference: `Patient/${input.patientId}` },
    date: input.date,
    ...(input.source ? { source: { reference: `Practitioner/${input.source.practitionerId}`, display: input.source.display } } : {}),
    emptyReason: concept(EMPTY_REASON_NILKNOWN),
  };
}

export function organizationResource(team: Team): WithId<Organization> {
  return {
    resourceType: 'Organization',
    id: team.id,
    identifier: [{ system: `${SANDBOX_ID_SYSTEM}/team`, value: team.id }],
    active: true,
    name: team.name,
  };
}

export function practitionerResource(input: { id: string; name: PersonName }): WithId<Practitioner> {
  return {
    resourceType: 'Practitioner',
    id: input.id,
    identifier: [{ system: `${SANDBOX_ID_SYSTEM}/staff`, value: input.id }],
    active: true,
    name: [{ family: input.name.family, given: [input.name.given] }],
  };
}

/** A team's caseload as a Group (for Group-level bulk $export). */
export function teamGroupResource(team: Team, patientIds: readonly string[]): WithId<Group> {
  return {
    resourceType: 'Group',
    id: team.id,
    identifier: [{ system: `${SANDBOX_ID_SYSTEM}/team`, value: team.id }],
    active: true,
    type: 'person',
    actual: true,
    name: `${team.name} caseload`,
    managingEntity: { reference: `Organization/${team.id}`, display: team.name },
    quantity: patientIds.length,
    ...(patientIds.length ? { member: patientIds.map((id) => ({ entity: { reference: `Patient/${id}` } })) } : {}),
  };
}

export function phone(n: number): ContactPoint {
  return { system: 'phone', value: `07700 900${String(n % 1000).padStart(3, '0')}`, use: 'mobile' };
}
