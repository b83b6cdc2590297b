/**
 * The shape of the synthetic caseload: what share of patients and carers are in each state.
 *
 * Chosen to look like a real trust part-way through implementing its carers' charter — most
 * records NOT yet complete. Published figures point that way: linked GP and council records found
 * only 11–26 % of the carers the census counted (Health Foundation, 2024), and Triangle of Care
 * self-assessments commonly rate carer identification and consent recording amber or red. The
 * numbers are targets per patient/carer draw; tests/sandbox/proportions.test.ts checks a
 * generated caseload lands within tolerance of them.
 */
export const PROPORTIONS = {
  /** Per patient: whether carers were identified or asked about (sums to 1). */
  patient: { carerIdentified: 0.45, askedNoCarers: 0.15, neverAsked: 0.4 },
  /** Of never-asked patients: a next-of-kin / emergency contact is recorded but not marked carer or not-carer. */
  neverAskedWithUnmarkedContact: 0.4,
  /** Of patients with carers: an extra contact not yet marked. */
  identifiedWithUnmarkedContact: 0.1,
  /** Of all patients: a related person asked and confirmed NOT a carer. */
  confirmedNotCarer: 0.04,
  /** Of patients with carers: how many carers (sums to 1). */
  carersPerPatient: { one: 0.7, two: 0.25, three: 0.05 },
  /** Per carer: the latest consent decision (sums to 1; 35 % have one). */
  consent: { none: 0.65, permit: 0.2, partial: 0.05, deny: 0.05, withdrawn: 0.05 },
  /** Of carers with an active permit/partial/deny decision: the review date has passed. */
  consentPastReview: 0.25,
  /** Of carers with a decision: an older, superseded Consent is on record too. */
  consentSuperseded: 0.05,
  /** Per carer: the needs-assessment offer (sums to 1). */
  assessment: {
    notOffered: 0.55,
    offeredRecently: 0.07,
    offeredNoAnswer: 0.08,
    accepted: 0.05,
    declined: 0.08,
    completed: 0.1,
    completedReviewDue: 0.07,
  },
  /** Per carer: no phone, email or address recorded (data-quality prompt). */
  carerMissingDetails: 0.1,
  /** Per carer: marked as carer with no family/social relationship recorded (data-quality prompt). */
  carerWithoutRelationship: 0.04,
  /** Per carer: the record is inactive (kept for history). */
  inactiveCarer: 0.03,
  /** Of carers: a birth date is recorded (always for anyone under 18). */
  carerBirthDateRecorded: 0.6,
  /** Of all patients: a Consent about carer sharing that names no carer (data-quality prompt). */
  orphanConsent: 0.02,
} as const;

export type ConsentState = keyof typeof PROPORTIONS.consent;
export type AssessmentPlan = keyof typeof PROPORTIONS.assessment;
