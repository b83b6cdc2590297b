/**
 * Every code system and code Carer Prompts reads and writes, in one place (../shared/terminology.md
 * of the design is the source; each constant names where the code comes from).
 *
 * Principle: read liberally, write conservatively. `WRITE_*` constants are the one coding written;
 * `READ_*` sets are everything accepted as the same meaning when reading.
 */

export interface CodingConst {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

export const SYSTEM = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  snomed: 'http://snomed.info/sct',
  v3RoleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  v3RoleClass: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass',
  v2ContactRole: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  v3ParticipationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  v3ActReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  consentAction: 'http://terminology.hl7.org/CodeSystem/consentaction',
  loinc: 'http://loinc.org',
  listEmptyReason: 'http://terminology.hl7.org/CodeSystem/list-empty-reason',
  ukCoreAdditionalPersonRelationshipRole: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole',
  /** RFC 3986 URI identifiers (`urn:uuid:` values): the request identifier that makes creates idempotent. */
  uri: 'urn:ietf:rfc:3986',
} as const;

/**
 * UK Core additional person relationship role `Carer` — written in RelatedPerson.relationship.
 * Source: NHS England FHIR R4 UK Core, CodeSystem-UKCore-AdditionalPersonRelationshipRole.
 */
export const WRITE_CARER_ROLE: CodingConst = {
  system: SYSTEM.ukCoreAdditionalPersonRelationshipRole,
  code: 'Carer',
  display: 'Carer of patient',
};

/**
 * Codings read as "this person is the patient's unpaid carer".
 * Sources: UK Core (above); PRIMIS / NHS primary-care carer cluster CARER_COD (SNOMED);
 * HL7 UTG v3-RoleClass CAREGIVER (R5 relationship value set).
 * SNOMED 229774002 "Caregiver" is deliberately absent: it is the occupation (a paid carer).
 */
export const READ_CARER_ROLES: readonly CodingConst[] = [
  WRITE_CARER_ROLE,
  { system: SYSTEM.snomed, code: '407542009', display: 'Informal caregiver' },
  { system: SYSTEM.snomed, code: '407543004', display: 'Primary caregiver' },
  // Read, never written, until confirmed: not found in any public code list reviewed so far (../shared/terminology.md).
  { system: SYSTEM.snomed, code: '1364141000000107', display: 'Unpaid caregiver' },
  { system: SYSTEM.v3RoleClass, code: 'CAREGIVER', display: 'caregiver' },
];

/**
 * SNOMED 133932002 "Caregiver (person)" does not say whether the care is paid: a possible carer, to
 * be confirmed as unpaid, never a confirmed unpaid carer (issue 8 finding 9).
 */
export const POSSIBLE_CARER_ROLES: readonly CodingConst[] = [{ system: SYSTEM.snomed, code: '133932002', display: 'Caregiver' }];

/** SNOMED 229774002 "Caregiver" (occupation): a paid carer, never counted as an unpaid carer. */
export const PAID_CAREGIVER_OCCUPATION: CodingConst = { system: SYSTEM.snomed, code: '229774002', display: 'Caregiver (occupation)' };

/** HL7 v3 RoleCode family / social relationships, with the plain-English display shown to clinicians. */
export const FAMILY_RELATIONSHIPS: Readonly<Record<string, string>> = {
  MTH: 'Mother',
  FTH: 'Father',
  PRN: 'Parent',
  SPS: 'Spouse',
  HUSB: 'Husband',
  WIFE: 'Wife',
  DOMPART: 'Domestic partner',
  SIGOTHR: 'Partner',
  CHILD: 'Child',
  DAU: 'Daughter',
  SON: 'Son',
  SIB: 'Sibling',
  BRO: 'Brother',
  SIS: 'Sister',
  GRPRN: 'Grandparent',
  GRNDCHILD: 'Grandchild',
  FAMMEMB: 'Family member',
  FRND: 'Friend',
  NBOR: 'Neighbour',
  ROOM: 'Roommate',
  GUARD: 'Guardian',
  STPPRN: 'Step-parent',
  AUNT: 'Aunt',
  UNCLE: 'Uncle',
  NIECE: 'Niece',
  NEPHEW: 'Nephew',
  COUSN: 'Cousin',
  // The patient's children (v3 RoleCode CHILD and its specialisations; ../shared/terminology.md lists CHILD, DAUC, SONC).
  DAUC: 'Daughter',
  SONC: 'Son',
  NCHILD: 'Child',
  CHLDADOPT: 'Adopted child',
  DAUADOPT: 'Adopted daughter',
  SONADOPT: 'Adopted son',
  CHLDFOST: 'Foster child',
  DAUFOST: 'Foster daughter',
  SONFOST: 'Foster son',
  STPCHLD: 'Stepchild',
  STPDAU: 'Stepdaughter',
  STPSON: 'Stepson',
};

/**
 * v3 RoleCode codes that say the related person is the patient's child: CHILD and every code under
 * it in the v3 RoleCode hierarchy (natural, adopted, foster and step children; DAUC/SONC and their
 * children DAU/SON). CHLDINLAW (a child's spouse) and GRNDCHILD are not the patient's child.
 * @see https://terminology.hl7.org/CodeSystem-v3-RoleCode.html
 */
export const CHILD_ROLE_CODES: ReadonlySet<string> = new Set([
  'CHILD', 'NCHILD', 'DAUC', 'DAU', 'SONC', 'SON', 'CHLDADOPT', 'DAUADOPT', 'SONADOPT', 'CHLDFOST', 'DAUFOST', 'SONFOST', 'STPCHLD', 'STPDAU', 'STPSON',
]);

/**
 * v3 RoleCode codes that say the related person is the patient's parent (PRN and its
 * specialisations) or guardian: the people who may hold parental responsibility for a patient under
 * 18 (Children Act 1989 s.17ZD: a parent carer's needs assessment). A step-parent is included: they
 * may hold parental responsibility (Children Act 1989 s.4A) and care as a parent does.
 */
export const PARENT_ROLE_CODES: ReadonlySet<string> = new Set(['PRN', 'MTH', 'FTH', 'NPRN', 'NMTH', 'NFTH', 'ADOPTP', 'ADOPTM', 'ADOPTF', 'STPPRN', 'STPMTH', 'STPFTH', 'GUARD']);

/** HL7 v2 table 0131 contact roles that make a RelatedPerson worth asking "are they a carer?". */
export const CONTACT_ROLES: Readonly<Record<string, 'next-of-kin' | 'emergency-contact' | 'contact-person'>> = {
  N: 'next-of-kin',
  C: 'emergency-contact',
  EP: 'emergency-contact',
  CP: 'contact-person',
};

/**
 * Project extension on RelatedPerson recording that carer status was asked (FHIR has no code for
 * "confirmed not a carer"). Sub-extensions: `isCarer` (valueBoolean), `askedOn` (valueDateTime).
 * The base is configurable; this is the default in the project's own namespace (docs/extensions.md).
 */
export const DEFAULT_EXTENSION_BASE = 'https://carer-prompts.example.org/fhir/StructureDefinition';
export const carerStatusExtensionUrl = (base: string = DEFAULT_EXTENSION_BASE): string => `${base.replace(/\/+$/, '')}/carer-status`;

/**
 * Project extensions on Consent (docs/extensions.md): when the decision is due for review
 * (`valueDate`; not provision.period, which is the decision's validity in FHIR), and the basis of a
 * decision that is not an adult patient's own (`valueCode`, one of CONSENT_BASES in shared/domain/types.ts).
 */
export const consentReviewDueExtensionUrl = (base: string = DEFAULT_EXTENSION_BASE): string => `${base.replace(/\/+$/, '')}/consent-review-due`;
export const consentBasisExtensionUrl = (base: string = DEFAULT_EXTENSION_BASE): string => `${base.replace(/\/+$/, '')}/consent-basis`;

/**
 * The project's own CodeSystem for what a clinician did for a carer that no verified SNOMED code
 * names (../shared/terminology.md has none for "signposted to carers' support" or "referred to young
 * carers' support"; none is invented). Its canonical URL sits at the configurable extension base,
 * like the extensions (docs/actions.md); readers accept only the configured base.
 */
export const carerActionCodeSystemUrl = (base: string = DEFAULT_EXTENSION_BASE): string => `${base.replace(/\/+$/, '')}/carer-action`;
export const CARER_ACTION_CODES = {
  signposted: { code: 'signposted', display: "Carer signposted to carers' support" },
  'young-carer-referred': { code: 'young-carer-referred', display: "Young carer referred to young carers' support" },
  'prompt-deferred': { code: 'prompt-deferred', display: 'Carer prompt deferred' },
  // Issue 11 (pathway plans): no verified SNOMED code was found for any of these, so none is invented.
  'care-plan-involved': { code: 'care-plan-involved', display: "Carer involved in the patient's care planning" },
  'contingency-plan-agreed': { code: 'contingency-plan-agreed', display: "Carer's contingency plan agreed (what happens if the carer cannot care)" },
  'crisis-numbers-given': { code: 'crisis-numbers-given', display: 'Carer given the crisis and out-of-hours numbers' },
  // Care Act 2014 s.63: a young carer's transition assessment, asked of the local authority before the carer turns 18.
  'transition-assessment-requested': { code: 'transition-assessment-requested', display: "Young carer's transition assessment requested (Care Act 2014 s.63)" },
  // Issue 11 items 5 and 8 (docs/actions.md): a significant change recorded; the carer involved in discharge planning.
  'circumstances-changed': { code: 'circumstances-changed', display: "Significant change in carer's circumstances" },
  'discharge-planning-involved': { code: 'discharge-planning-involved', display: 'Carer involved in discharge planning' },
  // Think Family: a patient who is a parent asked whether children in the household help to care (Task.for the Patient).
  'children-asked': { code: 'children-asked', display: 'Patient asked whether children in the household help to care (Think Family)' },
} as const;

/**
 * CarePlan.category codings read as a crisis plan or a care plan (never written: Carer Prompts does
 * not create care plans). From the FHIR care-plan-category example value set (SNOMED CT, is-a
 * 734163000 "Care plan (record artifact)" in R4; the STU3 expansion lists 401276009 and 288832002).
 * No SNOMED code for an advance care plan was verified, so one is read from the category's text or
 * display ("advance care plan", "advance statement"), docs/actions.md.
 * @see https://hl7.org/fhir/R4/valueset-care-plan-category.html
 */
export const CARE_PLAN_CATEGORY_CODES = {
  carePlan: { system: SYSTEM.snomed, code: '734163000', display: 'Care plan' },
  mentalHealthCarePlan: { system: SYSTEM.snomed, code: '718347000', display: 'Mental health care plan' },
  cpaCarePlan: { system: SYSTEM.snomed, code: '288832002', display: 'Care Programme Approach care plan' },
  crisisPlan: { system: SYSTEM.snomed, code: '401276009', display: 'Mental health crisis plan' },
} as const satisfies Record<string, CodingConst>;

/** The Task.input type of a Think Family answer, in the same CodeSystem: does a child in the household help to care (valueBoolean). */
export const CHILDREN_ASKED_INPUT = 'child-helps' as const;

/** The Task.input types of a deferral, in the same CodeSystem: which prompt, and not-now / not-applicable. */
export const DEFERRAL_INPUT = { prompt: 'deferred-prompt', kind: 'deferral-kind' } as const;

/**
 * CDS Hooks 3.0 non-adherence reasons (HL7 CodeSystem non-adherence-reason-codes, 3.0.0 ballot),
 * written in a deferral's Task.statusReason beside the project's own reason.
 * @see https://build.fhir.org/ig/HL7/cds-hooks/en/CodeSystem-non-adherence-reason-codes.html
 */
export const NON_ADHERENCE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes';
export const DEFERRAL_REASON_CODINGS: Readonly<Record<'patient-declined' | 'lacks-capacity' | 'no-carer' | 'done-elsewhere', CodingConst>> = {
  // The patient does not want it: "does not align with patient preferences or values".
  'patient-declined': { system: NON_ADHERENCE_SYSTEM, code: 'does-not-align-preferences', display: 'Recommendation does not align with patient preferences or values' },
  // Not possible at present (the patient cannot take part now): "delivered in suboptimal context".
  'lacks-capacity': { system: NON_ADHERENCE_SYSTEM, code: 'cds-suboptimal-context', display: 'PC CDS delivered in suboptimal context' },
  'no-carer': { system: NON_ADHERENCE_SYSTEM, code: 'cds-not-applicable', display: 'PC CDS does not apply to patient' },
  'done-elsewhere': { system: NON_ADHERENCE_SYSTEM, code: 'action-completed', display: 'Recommended action was already completed' },
};
export type CarerActionCode = keyof typeof CARER_ACTION_CODES;

/** UK Core CopyCorrespondenceIndicator extension on RelatedPerson. */
export const COPY_CORRESPONDENCE_EXTENSION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-CopyCorrespondenceIndicator';

/** "Asked: no carers" List: SNOMED 184140000 "Caregiver details (observable entity)", emptyReason nilknown. */
export const ASKED_NO_CARERS_LIST_CODE: CodingConst = { system: SYSTEM.snomed, code: '184140000', display: 'Caregiver details' };
export const EMPTY_REASON_NILKNOWN: CodingConst = { system: SYSTEM.listEmptyReason, code: 'nilknown', display: 'Nil Known' };

/** Consent written for sharing with / involving a carer (R4 official examples use LOINC 59284-0). */
export const CONSENT_SCOPE_PRIVACY: CodingConst = { system: SYSTEM.consentScope, code: 'patient-privacy', display: 'Privacy Consent' };
export const WRITE_CONSENT_CATEGORY: CodingConst = { system: SYSTEM.loinc, code: '59284-0', display: 'Patient Consent' };
/** Categories also read as a carer information-sharing consent (UK Core example uses INFA). */
export const READ_CONSENT_CATEGORIES: readonly CodingConst[] = [
  WRITE_CONSENT_CATEGORY,
  { system: SYSTEM.loinc, code: '64292-6', display: 'Release of information consent' },
  { system: SYSTEM.v3ActCode, code: 'INFA', display: 'information access' },
  { system: SYSTEM.v3ActCode, code: 'INFAO', display: 'access only' },
  { system: SYSTEM.v3ActCode, code: 'INFASO', display: 'access and save only' },
  { system: SYSTEM.v3ActCode, code: 'IDSCL', display: 'information disclosure' },
];
export const POLICY_OPT_IN: CodingConst = { system: SYSTEM.v3ActCode, code: 'OPTIN', display: 'opt-in' };
export const POLICY_OPT_OUT: CodingConst = { system: SYSTEM.v3ActCode, code: 'OPTOUT', display: 'opt-out' };
/**
 * Information recipient: the actor role written; PRCP (official R4 examples) and DELEGATEE also read.
 * v3-ParticipationType INF is "informant" — someone who gives information, not a recipient — so a
 * Consent naming a carer only as informant is not about sharing with them (issue 8 finding 10; the
 * design's terminology listed INF as a recipient, which the issue corrects).
 */
export const WRITE_ACTOR_ROLE: CodingConst = { system: SYSTEM.v3ParticipationType, code: 'IRCP', display: 'information recipient' };
export const READ_ACTOR_ROLES: readonly CodingConst[] = [
  WRITE_ACTOR_ROLE,
  { system: SYSTEM.v3ParticipationType, code: 'PRCP', display: 'primary information recipient' },
  { system: SYSTEM.v3RoleCode, code: 'DELEGATEE', display: 'delegatee' },
];
export const CONSENT_ACTION_DISCLOSE: CodingConst = { system: SYSTEM.consentAction, code: 'disclose', display: 'Disclose' };
/** Actions that are about a carer receiving information: disclose (written) and access. collect / use / correct are not. */
export const READ_SHARING_ACTIONS: readonly CodingConst[] = [CONSENT_ACTION_DISCLOSE, { system: SYSTEM.consentAction, code: 'access', display: 'Access' }];
/** Purposes: FAMRQT (family member authorised by the patient) and COC (coordination of care); never CAREMGT. */
export const CONSENT_PURPOSES: readonly CodingConst[] = [
  { system: SYSTEM.v3ActReason, code: 'FAMRQT', display: 'family requested' },
  { system: SYSTEM.v3ActReason, code: 'COC', display: 'coordination of care' },
];

/**
 * Task code for a carer's needs-assessment offer: SNOMED 512321000000109 "Assessment of needs
 * offered to carer" (UK extension; from published NHS carer code lists — one secondary source,
 * to be checked against the UK SNOMED CT browser when a terminology server is configured).
 */
export const ASSESSMENT_OFFER_TASK_CODE: CodingConst = { system: SYSTEM.snomed, code: '512321000000109', display: 'Assessment of needs offered to carer' };
/** Referral codes, read as assessment-related Tasks (they are referrals, not offers). */
export const REFERRAL_SOCIAL_SERVICES_CARER_ASSESSMENT: CodingConst = { system: SYSTEM.snomed, code: '790101000000103', display: "Referral for social services carer's assessment" };
export const REFERRAL_GP_CARER_ASSESSMENT: CodingConst = { system: SYSTEM.snomed, code: '790081000000109', display: "Referral for general practice carer's assessment" };
/**
 * A carer referred for a statutory carer's assessment (recommendation 3; ../shared/terminology.md):
 * written as 790101000000103 (the local authority assesses, Care Act 2014 s.10); both codes are read
 * as "the carer was referred" (shared/domain/assessment.ts decides what that means for the offer).
 */
export const WRITE_REFERRAL_CODE: CodingConst = REFERRAL_SOCIAL_SERVICES_CARER_ASSESSMENT;
export const READ_REFERRAL_CODES: readonly CodingConst[] = [REFERRAL_SOCIAL_SERVICES_CARER_ASSESSMENT, REFERRAL_GP_CARER_ASSESSMENT];

/**
 * Consent.category of the carer's OWN consent to share their (the carer's) assessment with a carers'
 * support organisation (docs/actions.md): no verified code says "the carer's own information", so it
 * is a code of the project's carer-action CodeSystem at the configured base (none is invented in
 * SNOMED or v3). A Consent carrying it is never read as the patient's decision
 * (shared/consent/decisionInForce.ts).
 */
export const CARER_OWN_INFORMATION_CATEGORY = { code: 'carers-own-information', display: "Carer's own information: the carer's consent to share it" } as const;

/** True when a coding matches one of the constants (system and code; display is ignored). */
export function codingMatches(coding: { system?: string; code?: string } | undefined, candidates: readonly CodingConst[]): boolean {
  if (!coding?.system || !coding.code) return false;
  return candidates.some((c) => c.system === coding.system && c.code === coding.code);
}

/**
 * What passed between a carer and the service, recorded as a Communication (docs/actions.md "Carers
 * heard, enquiries and disclosures"): `Communication.category` codes in the same project CodeSystem
 * as the carer actions (`<base>/carer-action`). No verified SNOMED or HL7 code names "carer heard
 * although the patient declined consent", "general (non-personal) information given to a carer",
 * "carer's enquiry" or "disclosure without consent"; HL7's communication-category codes (alert,
 * notification, reminder, instruction) say nothing of the kind. Kept apart from CARER_ACTION_CODES:
 * those are read from Tasks, these only from Communications.
 */
export const CARER_COMMUNICATION_CODES = {
  'carer-heard': { code: 'carer-heard', display: 'Carer heard: the carer’s views and information received' },
  'general-information': { code: 'general-information', display: 'General information given to a carer (no personal information about the patient)' },
  'carer-enquiry': { code: 'carer-enquiry', display: 'Enquiry from a carer' },
  'carer-enquiry-answer': { code: 'carer-enquiry-answer', display: 'Answer to a carer’s enquiry' },
  'disclosure-without-consent': { code: 'disclosure-without-consent', display: 'Information disclosed without the patient’s consent' },
} as const;
export type CarerCommunicationCode = keyof typeof CARER_COMMUNICATION_CODES;

/**
 * The basis of a disclosure without consent (Communication.reasonCode), in the project CodeSystem
 * `<base>/disclosure-basis`: a best-interests decision for a patient who lacks capacity (Mental
 * Capacity Act 2005 s.4), or a risk of serious harm to the patient or others (the public-interest
 * test of the GMC's confidentiality guidance and the trust's safeguarding policy). No verified code.
 */
export const disclosureBasisCodeSystemUrl = (base: string = DEFAULT_EXTENSION_BASE): string => `${base.replace(/\/+$/, '')}/disclosure-basis`;
export const DISCLOSURE_BASES = {
  'best-interests': { code: 'best-interests', display: 'Best-interests decision (Mental Capacity Act 2005 s.4)' },
  'serious-harm': { code: 'serious-harm', display: 'Risk of serious harm to the patient or others' },
} as const;
export type DisclosureBasis = keyof typeof DISCLOSURE_BASES;

/**
 * Project extension on a disclosure Communication: whether the patient was told ("this will be
 * discussed with the individual involved"), `valueCode` told | to-be-told | not-told (telling them
 * would increase the risk; the note says why). R4 Communication has no element for it (docs/extensions.md).
 */
export const patientToldExtensionUrl = (base: string = DEFAULT_EXTENSION_BASE): string => `${base.replace(/\/+$/, '')}/disclosure-patient-told`;
export const PATIENT_TOLD = ['told', 'to-be-told', 'not-told'] as const;
export type PatientTold = (typeof PATIENT_TOLD)[number];

/**
 * Episodes of care (issue 11, items 5 and 8): what makes an EpisodeOfCare an inpatient episode or a
 * Mental Health Act detention. R4 binds EpisodeOfCare.type to an example value set only
 * (http://terminology.hl7.org/CodeSystem/episodeofcare-type has no inpatient or detention code), and
 * UK Core has no EpisodeOfCare profile, so the type is read for codes other published systems define:
 *
 * - inpatient: HL7 v3 ActCode `IMP` "inpatient encounter" (and its children `ACUTE` "inpatient acute",
 *   `NONAC` "inpatient non-acute"), the codes UK Core's Encounter.class uses. Written as `IMP`.
 * - detention: UK Core Legal Status Classification (England and Wales), copied by HL7 UK from the NHS
 *   Data Dictionary "Mental Health Act Legal Status Classification Code"
 *   (https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusClassificationEngland, v1.0.1, 2023-04-28):
 *   the codes "Formally detained under Mental Health Act Section …". Not `01` informal, not `35`/`36`
 *   guardianship (not a detention), not `31`/`32` (other Acts), not `98`/`99`. Read on EpisodeOfCare.type,
 *   and in UK Core's Extension-UKCore-LegalStatus (sub-extension `legalStatusClassification`), which
 *   UK Core defines on Encounter and some systems also put on EpisodeOfCare.
 * No SNOMED code is used: none was verified for "inpatient episode" or "detained" on an episode.
 */
export const INPATIENT_EPISODE_TYPE: CodingConst = { system: SYSTEM.v3ActCode, code: 'IMP', display: 'inpatient encounter' };
export const READ_INPATIENT_EPISODE_TYPES: readonly CodingConst[] = [
  INPATIENT_EPISODE_TYPE,
  { system: SYSTEM.v3ActCode, code: 'ACUTE', display: 'inpatient acute' },
  { system: SYSTEM.v3ActCode, code: 'NONAC', display: 'inpatient non-acute' },
];
export const LEGAL_STATUS_ENGLAND = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusClassificationEngland';
export const LEGAL_STATUS_WALES = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusClassificationWales';
export const LEGAL_STATUS_EXTENSION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-LegalStatus';
/** "Formally detained under Mental Health Act Section …" in each system (sections 2, 3, 4, 5(2), 5(4), 35–38, 44, 46–48, 135, 136, 45A). */
export const MHA_DETENTION_CODES: Readonly<Record<string, ReadonlySet<string>>> = {
  [LEGAL_STATUS_ENGLAND]: new Set(['02', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '15', '16', '17', '18', '19', '20', '37', '38']),
  [LEGAL_STATUS_WALES]: new Set(['02', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '15', '16', '17', '18', '19', '20', '34']),
};
/** Section 3 (admission for treatment): the detention the sandbox writes. */
export const MHA_SECTION_3: CodingConst = { system: LEGAL_STATUS_ENGLAND, code: '03', display: 'Formally detained under Mental Health Act Section 3' };

/**
 * What changed, when a clinician records a significant change in a carer's circumstances (the
 * `circumstances-changed` carer action, Task.input of type `change-kind`): the seed's "significant
 * change in needs/circumstances" (recommendation 4). Codes of the project's carer-action CodeSystem.
 */
export const CIRCUMSTANCE_CHANGES = {
  'carer-illness': "The carer's own illness",
  'new-carer': 'A new carer',
  'inpatient-admission': 'The patient was admitted',
  detention: 'The patient was detained under the Mental Health Act',
  discharge: 'The patient was discharged',
  'patient-died': 'The patient died',
  other: 'Another significant change',
} as const;
export type CircumstanceChange = keyof typeof CIRCUMSTANCE_CHANGES;

/** Task.input types of those carer actions, in the carer-action CodeSystem: what changed; what was shared at discharge planning. */
export const CARER_ACTION_INPUT = { changeKind: 'change-kind', dischargeSharing: 'discharge-sharing' } as const;
