/**
 * coverage.json: what an audit of consent coverage found, as a versioned, zod-described schema.
 *
 * The counts are named as the audit issue names them (`patients.withCarer`,
 * `carers.consent.permit`, …) and defined in docs/audit.md; definitions follow
 * shared/terminology.md. Every group — the whole population, each team, each month, each team in
 * each month — carries the same measures, so a breakdown reads like the headline.
 *
 * `schemaVersion` changes whenever a field changes meaning or is removed; adding a field does not.
 */
import { z } from 'zod';
import { RecordedActionsSchema } from './recordedActions';
import { PromptOutcomesSchema } from './promptOutcomes';
import { CarerCommunicationMeasuresSchema } from './carerCommunications';

export const COVERAGE_SCHEMA_VERSION = 1 as const;

const count = z.number().int().nonnegative();

export const RAG_RATINGS = ['green', 'amber', 'red', 'none'] as const;
export type RagRating = (typeof RAG_RATINGS)[number];

/** A rate with its parts: `percent` is null (and `rag` "none") when nobody is in the denominator. */
export const RateSchema = z.strictObject({
  numerator: count,
  denominator: count,
  percent: z.number().min(0).max(100).nullable(),
  rag: z.enum(RAG_RATINGS),
});
export type Rate = z.infer<typeof RateSchema>;

/** Carers across the pathway (./pathwayPlans.ts counts them): care-plan involvement, contingency plans, crisis numbers. */
export const PathwayPlansSchema = z.strictObject({
  /** Carers whose decision permits involvement and whose patient has a current care plan. */
  carePlanEligible: count,
  /** Of those, carers every current plan involves (named in it, or recorded as involved). */
  carePlanInvolved: count,
  carePlanInvolvement: RateSchema,
  /** Carers with a contingency plan recorded (what happens if they cannot care), of all carers counted. */
  carersWithContingencyPlan: count,
  /** Young carers, and young carers with a contingency plan recorded. */
  youngCarers: count,
  youngCarersWithContingencyPlan: count,
  contingencyPlans: RateSchema,
  /** Carers recorded as given the crisis and out-of-hours numbers. */
  carersGivenCrisisNumbers: count,
});
export type PathwayPlans = z.infer<typeof PathwayPlansSchema>;


/** The headline measures, rated red / amber / green; the keys are the measures' ids (see MEASURES). */
export const RATE_IDS = [
  'carersIdentified',
  'consentRecorded',
  'consentInDate',
  'assessmentOffered',
  'offerWithinPolicy',
  'assessmentReviewInDate',
  'youngCarersReferred',
  'carersReferred',
  'carerSharingConsentRecorded',
] as const;
export type RateId = (typeof RATE_IDS)[number];
/** Rates added after the first release of coverage.json (an older file has none of them). */
const LATER_RATE_IDS: ReadonlySet<RateId> = new Set<RateId>(['youngCarersReferred']);
const NO_RATE: Rate = { numerator: 0, denominator: 0, percent: null, rag: 'none' };

export const MeasuresSchema = z.strictObject({
  patients: z.strictObject({
    /** Patients in scope: Patient resources read. */
    total: count,
    /** With at least one active RelatedPerson coded as carer. */
    withCarer: count,
    /** No carer, but an "asked: no carers" List. */
    askedNoCarers: count,
    /** No carer and no "asked: no carers" List. */
    neverAsked: count,
    /**
     * No carer, and the latest "asked: no carers" answer has gone stale (undated, or older than the
     * panel's ask-again interval: shared/domain/noCarersAnswer.ts): not counted as identified.
     * (Absent in coverage.json written before it existed: read as 0.)
     */
    askedNoCarersStale: count.default(0),
    /**
     * Think Family ("find ways to identify and support young carers"): patients (parents, asked by the
     * think-family prompt) with an answer recorded to whether children in the household help to care,
     * and of them those who said a child helps. (Absent in coverage.json written before: read as 0.)
     */
    childrenAsked: count.default(0),
    childrenAskedChildHelps: count.default(0),
  }),
  carers: z.strictObject({
    /** Active carer RelatedPersons of patients in scope. */
    total: count,
    /** Of those, under the policy's young-carer age on `now`: young carers identified. */
    young: count,
    /**
     * Of the young carers, those with a referral to young carers' support recorded (the
     * refer-young-carer action's Task), and those whose carer's assessment is completed.
     * (Absent in coverage.json written before they existed: read as 0.)
     */
    youngReferred: count.default(0),
    youngAssessed: count.default(0),
    /**
     * Each carer's decision in force (shared/consent/decisionInForce.ts, as the panel reads it):
     * `expired` = the decision's validity ended; `conflict` = equally new decisions disagree;
     * `lacks-capacity` = the patient was unable to decide at present; `unknown` = a Consent that
     * cannot be interpreted safely, or a permission not given by the patient or on a valid basis.
     */
    consent: z.strictObject({
      permit: count,
      deny: count,
      partial: count,
      withdrawn: count,
      expired: count,
      conflict: count,
      'lacks-capacity': count,
      none: count,
      unknown: count,
    }),
    /** Recorded decisions (including withdrawn, expired and unable to decide) whose review or ask-again date has passed. */
    consentPastReview: count,
    /** From each carer's most recent assessment-offer Task by authoredOn. */
    assessment: z.strictObject({ notOffered: count, offered: count, accepted: count, declined: count, completed: count }),
    /** Carers whose first offer was not made within policy: not offered by the due date, or offered after it. */
    offerNotWithinPolicy: count,
    /**
     * Carers whose first-offer due date cannot be worked out (no identification date, no carer-status
     * date and no service start): "deadline unknown", outside "offer made on time" but never dropped.
     */
    offerDeadlineUnknown: count.default(0),
    /** Completed or declined assessments whose review date has passed. */
    assessmentReviewOverdue: count,
    /** Median whole days from identification (RelatedPerson.period.start) to first offer; null without data. */
    medianDaysToOffer: z.number().nonnegative().nullable(),
    /** How many carers the median is taken over (identification date and an offer both recorded). */
    daysToOfferSampleSize: count,
  }),
  dataQuality: z.strictObject({
    /** Active carers with no family or social relationship recorded. */
    carerWithoutRelationship: count,
    /** Active carers with no current telephone, email or address. */
    carerWithoutContact: count,
    /** Carer-sharing Consents of a patient in scope that name no RelatedPerson of that patient. */
    consentWithoutCarer: count,
    /**
     * Carer records that look like another record of the same patient's (same identifier, telephone
     * or email, or name and relationship): each such person is counted once in the measures, and
     * each extra record here.
     */
    possibleDuplicateCarers: count,
    /**
     * Current Patient.contact people (next of kin, emergency contacts…) of patients in scope whom no
     * RelatedPerson records: nobody has asked whether they are carers. They are never counted as carers.
     */
    contactsNotAskedAbout: count,
  }),
  // A rate added after the first release reads as "no data" from a coverage.json written before it.
  rates: z.strictObject(Object.fromEntries(RATE_IDS.map((id) => [id, LATER_RATE_IDS.has(id) ? RateSchema.default(NO_RATE) : RateSchema])) as Record<RateId, typeof RateSchema>),
});
export type Measures = z.infer<typeof MeasuresSchema>;

export const TeamMeasuresSchema = MeasuresSchema.extend({ team: z.string().nullable() });
export const MonthMeasuresSchema = MeasuresSchema.extend({ month: z.string().regex(/^\d{4}-\d{2}$/).nullable() });
export const TeamMonthMeasuresSchema = MeasuresSchema.extend({ team: z.string().nullable(), month: z.string().regex(/^\d{4}-\d{2}$/).nullable() });
export type TeamMeasures = z.infer<typeof TeamMeasuresSchema>;
export type MonthMeasures = z.infer<typeof MonthMeasuresSchema>;
export type TeamMonthMeasures = z.infer<typeof TeamMonthMeasuresSchema>;

export const ActivityMonthSchema = z.strictObject({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  /** Carers whose identification (RelatedPerson.period.start) falls in the month, each person once. */
  carersIdentified: count,
  /** Carer-sharing Consent records dated (Consent.dateTime) in the month. */
  consentDecisionsRecorded: count,
  /** Carers whose first assessment offer (Task.authoredOn) falls in the month. */
  firstAssessmentOffers: count,
});
export type ActivityMonth = z.infer<typeof ActivityMonthSchema>;

/**
 * Days from the service start to the first carer being identified ("at first contact or as soon as
 * possible thereafter"): a carer identified on or before the start counts as at first contact (0).
 * `within28` is the rate rated red / amber / green: 28 days is this audit's reading of "as soon as
 * possible", not a number from the seeds.
 */
export const PathwaySchema = z.strictObject({
  identification: z.strictObject({
    /** Patients with a service start and at least one current carer with an identification date. */
    sampleSize: count,
    medianDays: z.number().nonnegative().nullable(),
    distribution: z.strictObject({ atFirstContact: count, days1to7: count, days8to28: count, days29to91: count, over91: count }),
    within28: RateSchema,
  }),
  discharge: z.strictObject({
    /** Inpatient episodes of audited patients with a current carer; involved: a carer recorded as involved in its discharge planning. */
    inpatientEpisodesWithCarer: count,
    carerInvolved: count,
    rate: RateSchema,
  }),
});
export type PathwayMeasures = z.infer<typeof PathwaySchema>;

export const CoverageSchema = MeasuresSchema.extend({
  schemaVersion: z.literal(COVERAGE_SCHEMA_VERSION),
  /** False when the pull ended early: the counts are then a lower bound of an unknown population. */
  complete: z.boolean(),
  incompleteReason: z.string().optional(),
  /**
   * What the server does not hold (its CapabilityStatement or SMART scopes left a type out, or
   * `--types` did), one sentence each naming what the audit loses for it. Absent when nothing was left out.
   */
  notOnServer: z.array(z.string()).optional(),
  /** The instant the audit was taken "as at" (`--now`), and its calendar date in the policy's zone. */
  now: z.iso.datetime({ offset: true }),
  asOf: z.iso.date(),
  /** The policy values the measures depend on. */
  policy: z.strictObject({
    firstOfferWithinMonths: count,
    assessmentReviewMonths: count,
    consentReviewMonths: count,
    youngCarerUnderAge: count,
    timeZone: z.string(),
    rag: z.strictObject({ green: z.number().min(0).max(1), amber: z.number().min(0).max(1) }),
  }),
  /** Problems with the data as a whole, beyond the per-group data-quality counts. */
  population: z.strictObject({
    /** Resources that could not be read, by resource type. */
    unreadable: z.record(z.string(), count),
    unreadableTotal: count,
    /** RelatedPersons (carers or not) naming a patient that was not read. */
    relatedPersonsOfPatientsNotRead: count,
    /** Carer-sharing Consents naming no patient, or a patient that was not read. */
    consentsOfPatientsNotRead: count,
    /**
     * Left out of every measure, as the panel leaves them out of its prompts: patients recorded as
     * deceased, and carers whose relationship with the patient has ended (RelatedPerson.period.end).
     */
    excluded: z.strictObject({
      deceasedPatients: count,
      endedCarerRelationships: count,
      /** Patients read who are not in the caseload audited (see `caseload`): discharged, or never under the service. */
      notInCaseload: count.default(0),
    }),
    /**
     * Who the measures are about. `episode-of-care`: patients with an episode of care open at some
     * time from `from` to `to` (by default both are the audit date: the current caseload);
     * `every-patient-read`: the data held no EpisodeOfCare, so every patient read counts.
     */
    caseload: z
      .strictObject({ basis: z.enum(['episode-of-care', 'every-patient-read']), from: z.iso.date(), to: z.iso.date() })
      .optional(),
  }),
  /** Teams in alphabetical order (never ranked); null = no team recorded. */
  byTeam: z.array(TeamMeasuresSchema),
  /** Months of service start, oldest first; null = no service start recorded. */
  byMonth: z.array(MonthMeasuresSchema),
  /** Every team in every month it has patients, team then month. */
  byTeamAndMonth: z.array(TeamMonthMeasuresSchema),
  /** Signpostings, young carers' referrals and deferrals recorded (./recordedActions.ts). */
  recordedActions: RecordedActionsSchema.optional(),
  /** Prompt outcomes per prompt code and team: acted on, deferred by reason, left (./promptOutcomes.ts). Absent in files written before it existed. */
  promptOutcomes: PromptOutcomesSchema.optional(),
  /** Carers involved in care plans, with contingency plans and given the crisis numbers (./pathwayPlans.ts). */
  pathwayPlans: PathwayPlansSchema.optional(),
  /** Carers heard when the patient refused consent, carers' enquiries and response times, disclosures without consent (./carerCommunications.ts). */
  carerCommunications: CarerCommunicationMeasuresSchema.optional(),
  /** Issue 11 items 5 and 8: carers identified against the service start, and carers involved in discharge planning (./pathway.ts). */
  pathway: PathwaySchema.optional(),
  /**
   * The trend over time: what was recorded in each month (oldest first), for the caseload audited.
   * (byMonth is a cohort view by month of service start.) Absent in files written before it existed.
   */
  activityByMonth: z.array(ActivityMonthSchema).optional(),
});
export type Coverage = z.infer<typeof CoverageSchema>;

/** Completeness as the pull reported it: partial results are never presented as complete. */
export interface Completeness {
  complete: boolean;
  reason?: string;
}
