/**
 * Turns the reducer's state into coverage.json: joins carers to patients, Consents and Tasks to
 * carers, classifies each carer with the same derivations the prompt rules use
 * (shared/domain/derive.ts), and counts every group — the whole population, each team, each month
 * of service start, each team in each month.
 *
 * Definitions (docs/audit.md gives them in plain English):
 * - a patient is in scope when their Patient resource was read; their team is the current episode
 *   of care's team, else the Patient's managing organisation; their month is the month their
 *   current episode started (patients without one are counted under "month not recorded" rather
 *   than guessed at: a month taken from carer activity would file every never-asked patient under
 *   "no month" and flatter the trend);
 * - a carer is an active RelatedPerson coded (or confirmed by extension) as the patient's carer;
 * - a carer's decision comes from the most recent Consent naming them (Consent.dateTime, then
 *   meta.lastUpdated, then id) among Consents of the same patient, as the clinician's view reads it;
 *   their assessment from the most recent offer Task by authoredOn (then lastUpdated, then id);
 * - "past review" / "overdue" / "not within policy" mean the due date is before the `asOf` date
 *   (on the due date itself the item is due, not late).
 */
import { compareDates, daysBetween, today, toCalendarDate, type CalendarDate } from '../domain/dates';
import { consentReviewDue, firstOfferDeadline, isActiveCarer, isYoungCarer } from '../domain/derive';
import { carerAssessmentReviewDue } from '../domain/significantChange';
import type { AssessmentStatus, AssessmentStatusKind, Carer, CarePlanSummary, CarerContext, CarerReferral, ConsentDecision, ConsentDecisionKind, ConsentStatement, Deferral, Episode, PatientContact, PatientSummary } from '../domain/types';
import type { Policy } from '../policy';
import {
  COVERAGE_SCHEMA_VERSION,
  type Completeness,
  type Coverage,
  type Measures,
  type MonthMeasures,
  type Rate,
  type RateId,
  type RagRating,
  type TeamMeasures,
  type TeamMonthMeasures,
  type ActivityMonth,
} from './coverage';
import type { ContactFact } from './facts';
import { compareRecency, type AssessmentRecord, type AuditState, type CarerRecord, type PatientRecord } from './state';
import { decisionInForce, NO_DECISION, openWithoutCarer } from '../consent/decisionInForce';
import { recordedActionCounts, type CarerSharingConsentFact, type ChildrenAskedFact, type ReferralFact } from './recordedActions';
import { PathwayPlansTally } from './pathwayPlans';
import { carerCommunicationMeasures } from './carerCommunications';
import { carerSharingAnswered, isReferred, referralExpected, withReferral } from '../domain/assessment';
import { PathwayTally } from './pathway';
import { noCarersAnswerHolds, noCarersAskAgainOn } from '../domain/noCarersAnswer';
import { sortWorklist, type WorklistItem } from './worklist';
import { CARER_DONE_FIELD, CARER_DONE_FIELDS, type CarerDoneField } from '../domain/carerActionsDone';
import { ACTION_OF_RECORDED, PromptOutcomeTally } from './promptOutcomes';
import { orphanConsentOf } from '../consent/orphanConsent';
import { median } from './median';

/** What one carer contributes to the counts. */
interface CarerOutcome {
  young: boolean;
  /** A young carer with a referral to young carers' support recorded. */
  youngReferred?: boolean;
  /** A young carer whose carer's assessment is completed. */
  youngAssessed?: boolean;
  decision: ConsentDecisionKind | 'unknown';
  consentPastReview: boolean;
  assessment: AssessmentStatusKind;
  /** undefined: the due date is unknown, or not yet reached and no offer made. */
  offerLate?: boolean;
  /** The first-offer due date cannot be worked out from the record. */
  offerDeadlineUnknown: boolean;
  assessmentReviewOverdue: boolean;
  daysToOffer?: number;
  withoutRelationship: boolean;
  withoutContact: boolean;
  /** Recommendation 3: a referral for the statutory assessment is expected (shared/domain/assessment.ts), was made, and the carer's own consent to share it is recorded. */
  referralExpected: boolean;
  referred: boolean;
  sharingAnswered: boolean;
  /** The RelatedPerson id (for the worklist). */
  carerId?: string;
  /** Due dates behind the overdue flags (for the worklist). */
  consentReviewDue?: CalendarDate;
  offerDue?: CalendarDate;
  assessmentReviewDue?: CalendarDate;
  identifiedOn?: CalendarDate;
  /** "2026-10": the month the carer was identified, and the month of their first offer, in the policy's zone. */
  identifiedMonth?: string;
  firstOfferMonth?: string;
}

interface Tally {
  patients: { total: number; withCarer: number; askedNoCarers: number; neverAsked: number; askedNoCarersStale: number; childrenAsked: number; childrenAskedChildHelps: number };
  carers: {
    total: number;
    young: number;
    youngReferred: number;
    youngAssessed: number;
    consent: Record<ConsentDecisionKind | 'unknown', number>;
    consentPastReview: number;
    assessment: Record<'notOffered' | 'offered' | 'accepted' | 'declined' | 'completed', number>;
    offerJudged: number;
    offerNotWithinPolicy: number;
    offerDeadlineUnknown: number;
    reviewable: number;
    assessmentReviewOverdue: number;
    daysToOffer: number[];
    referralExpected: number;
    referredOfExpected: number;
    referred: number;
    referredSharingAnswered: number;
  };
  dataQuality: { carerWithoutRelationship: number; carerWithoutContact: number; consentWithoutCarer: number; possibleDuplicateCarers: number; contactsNotAskedAbout: number };
}

const ASSESSMENT_KEY: Record<AssessmentStatusKind, keyof Tally['carers']['assessment']> = {
  'not-offered': 'notOffered',
  offered: 'offered',
  accepted: 'accepted',
  declined: 'declined',
  completed: 'completed',
};

/**
 * Which patients the measures are about. By default the caseload on the audit date (an episode of
 * care open on it); `since` widens it to anyone with an episode open at some time from that date to
 * the audit date (`--since`), so a patient discharged in 2016 is never "never asked" in 2026.
 */
export interface CaseloadChoice {
  since?: CalendarDate;
}

export interface FinaliseOptions {
  /** Also list who has something overdue (patient-identifiable: only on request). */
  worklist?: boolean;
}

/**
 * The coverage of the population the state holds, as at `now`, and (on request) the worklist of
 * overdue items behind its counts.
 */
export function finaliseAudit(
  state: AuditState,
  policy: Policy,
  now: Date,
  completeness: Completeness,
  caseload: CaseloadChoice = {},
  options: FinaliseOptions = {},
): { coverage: Coverage; worklist?: WorklistItem[] } {
  const worklist: WorklistItem[] | undefined = options.worklist === true ? [] : undefined;
  const coverage = finalise(state, policy, now, completeness, caseload, worklist);
  return worklist === undefined ? { coverage } : { coverage, worklist: sortWorklist(worklist) };
}

/**
 * The coverage of the population the state holds, as at `now`.
 *
 * @param completeness what the pull reported; required so a partial pull is never presented as complete.
 */
export function finaliseCoverage(state: AuditState, policy: Policy, now: Date, completeness: Completeness, caseload: CaseloadChoice = {}): Coverage {
  return finalise(state, policy, now, completeness, caseload, undefined);
}

function finalise(state: AuditState, policy: Policy, now: Date, completeness: Completeness, caseload: CaseloadChoice, worklist: WorklistItem[] | undefined): Coverage {
  const asOf = today(now, policy.timeZone);
  const from = caseload.since !== undefined && compareDates(caseload.since, asOf) < 0 ? caseload.since : asOf;
  const groups = new GroupTallies();
  const calendarDate = calendarDates(policy.timeZone);

  const groupOf = groupKeys(calendarDate);
  const activity = new ActivityByMonth();
  const inCaseload = state.episodesRead ? caseloadTest(from, asOf, calendarDate) : () => true;
  let notInCaseload = 0;
  const isInScope = (patientId: string): boolean => state.patients.get(patientId)?.read === true;

  // RelatedPersons per patient, and consents / tasks per carer: the join a type-ordered export needs.
  // Each carer of a patient in scope gets one CarerJoin that the Consents and Tasks naming them fill in.
  const relatedOf = new Map<string, CarerJoin[]>();
  const joined = new Map<string, CarerJoin>();
  let relatedPersonsOfPatientsNotRead = 0;
  let excludedDeceased = 0;
  let excludedEndedRelationships = 0;
  for (const [id, carer] of state.carers) {
    if (!isInScope(carer.patient)) {
      relatedPersonsOfPatientsNotRead += 1;
      continue;
    }
    const join: CarerJoin = { id, record: carer, consents: [], task: undefined, firstOffer: undefined, referral: undefined, sharing: undefined };
    joined.set(id, join);
    const list = relatedOf.get(carer.patient);
    if (list === undefined) relatedOf.set(carer.patient, [join]);
    else list.push(join);
  }

  // Consents by the carers they name, and those that rule for every carer of their patient: each carer's
  // decision is then weighed by shared/consent/decisionInForce.ts, exactly as the clinician's view weighs it.
  let consentsOfPatientsNotRead = 0;
  const forEveryoneOf = new Map<string, ConsentStatement[]>();
  const patientConsents = new Map<string, ConsentStatement[]>();
  for (const { statement } of state.consents.values()) {
    const patient = statement.patient === undefined ? undefined : statement.patient.slice('Patient/'.length);
    if (patient === undefined || !isInScope(patient)) {
      consentsOfPatientsNotRead += 1;
      continue;
    }
    pushTo(patientConsents, patient, statement);
    for (const carer of statement.mentions) {
      const join = joined.get(carer.slice('RelatedPerson/'.length));
      if (join !== undefined && join.record.patient === patient) join.consents.push(statement);
    }
    if (statement.topNamesNobody) pushTo(forEveryoneOf, patient, statement);
  }

  for (const task of state.assessments.values()) {
    const join = joined.get(task.carer);
    if (join === undefined || (task.patient !== undefined && task.patient !== join.record.patient)) continue;
    const current = join.task;
    if (current === undefined || compareRecency(task, task.id, current, current.id) > 0) join.task = task;
    const offered = task.offeredOn === undefined ? undefined : calendarDate(task.offeredOn);
    if (offered !== undefined && (join.firstOffer === undefined || compareDates(offered, join.firstOffer) < 0)) join.firstOffer = offered;
  }

  // What the panel's rules need beyond the measures (prompt outcomes): carers signposted or referred, and deferrals, by whom they are about.
  const promptOutcomes = new PromptOutcomeTally();
  const actionsDone = carerActionsDone(state);
  const episodesOf = episodesByPatient(state);
  const communicationsOf = communicationsForRules(state);
  const carePlansOf = carePlansForRules(state);
  const deferralsOf = deferralsByPatient(state, (carer) => joined.get(carer)?.record.patient);
  const childrenAskedOf = latestChildrenAsked(state);
  // Carers with a young carers' referral recorded (the refer-young-carer Task), whatever its date.
  const youngCarersReferred = new Set<string>();
  for (const fact of state.recorded.carerActions.values()) if (fact.action === 'young-carer-referred') youngCarersReferred.add(fact.carer);
  // Referrals for the statutory assessment and the carer's own consent to share it (recommendation 3):
  // the latest of each per carer; shared/domain/assessment.ts says what a referral means, as in the panel.
  for (const referral of state.recorded.referrals.values()) {
    const join = joined.get(referral.carer);
    if (join === undefined || (referral.patient !== undefined && referral.patient !== join.record.patient)) continue;
    if (join.referral === undefined || compareRecency(referral.recency, referral.id, join.referral.recency, join.referral.id) > 0) join.referral = referral;
    // A referral is the first offer when nothing earlier was offered (the assessment was arranged that day).
    const on = referral.on === undefined ? undefined : calendarDate(referral.on);
    if (on !== undefined && (join.firstOffer === undefined || compareDates(on, join.firstOffer) < 0)) join.firstOffer = on;
  }
  for (const sharing of state.recorded.carerSharingConsents.values()) {
    const join = joined.get(sharing.carer);
    if (join === undefined || sharing.patient !== join.record.patient) continue;
    if (join.sharing === undefined || compareRecency(sharing.recency, sharing.id, join.sharing.recency, join.sharing.id) > 0) join.sharing = sharing;
  }

  // The patients the measures are about: read, alive, in the caseload. Recorded actions count for them only.
  const audited = new Set<string>();
  const pathway = new PathwayPlansTally(state.recorded);
  // Active carers whose decision in force is a refusal or withdrawal: the audit asks whether each was heard since (carerCommunications.ts).
  const refusals = new Map<string, ConsentDecision>();
  const episodesPathway = new PathwayTally();
  for (const [patientId, record] of state.patients) {
    if (!record.read) continue;
    // The measures are about people the service can still act for (issue 8): the deceased are counted apart.
    if (record.deceased) {
      excludedDeceased += 1;
      continue;
    }
    if (!inCaseload(record)) {
      notInCaseload += 1;
      continue;
    }
    audited.add(patientId);
    const summary = patientSummaryOf(patientId, record, episodesOf.get(patientId));
    const counted: { id: string; digests: readonly string[]; outcome: CarerOutcome }[] = [];
    const domainCarers = new Map<string, Carer>();
    const related = relatedOf.get(patientId) ?? [];
    const relatedPersons = new Set(related.map((join) => `RelatedPerson/${join.id}`));
    const patientRef = `Patient/${patientId}`;
    const everyone = forEveryoneOf.get(patientId) ?? [];
    const prepared = related.map((join) => {
      const statements = everyone.length === 0 ? join.consents : [...new Set([...join.consents, ...everyone])];
      const consent = statements.length === 0 ? { ...NO_DECISION } : decisionInForce({ carer: `RelatedPerson/${join.id}`, patient: patientRef, relatedPersons, statements }, policy, now);
      const carer = domainCarer(join, consent, policy);
      const forRule: Carer = { ...forRules(carer, join.record, actionsDone.get(join.id)), ...communicationsOf.get(join.id) };
      return { join, carer, forRule };
    });
    const ruleCarers = prepared.map((p) => p.forRule);
    // A review brought forward by a significant change, as the panel brings it forward (shared/domain/significantChange.ts):
    // the rule carers' identifiers are the identity digests (forRules), so "the same person recorded twice" is the panel's test.
    const changes: CarerContext = { patient: summary, carers: ruleCarers, orphanConsents: [], warnings: [] };
    for (const { join, carer, forRule } of prepared) {
      if (!isActiveCarer(carer, policy, now)) {
        if (carer.active && carer.carerStatus === 'carer' && carer.endedOn !== undefined) excludedEndedRelationships += 1;
        continue;
      }
      if (carer.consent.decision === 'deny' || carer.consent.decision === 'withdrawn') refusals.set(join.id, carer.consent);
      const reviewDue = carerAssessmentReviewDue(changes, forRule, policy, now).due;
      const outcome = classifyCarer(carer, summary, join.firstOffer, reviewDue, policy, now, asOf, calendarDate);
      outcome.carerId = join.id;
      if (outcome.young) {
        outcome.youngReferred = youngCarersReferred.has(join.id);
        outcome.youngAssessed = carer.assessment.status === 'completed';
      }
      outcome.withoutRelationship = !join.record.hasRelationship;
      outcome.withoutContact = !join.record.hasContact;
      counted.push({ id: join.id, digests: join.record.identityDigests, outcome });
      domainCarers.set(join.id, carer);
    }
    const { outcomes, duplicates } = oncePerPerson(counted);
    for (const outcome of outcomes) {
      const carer = outcome.carerId === undefined ? undefined : domainCarers.get(outcome.carerId);
      if (carer !== undefined) pathway.add(carer, patientId, outcome.young);
    }
    for (const outcome of outcomes) {
      if (outcome.identifiedMonth !== undefined) activity.add(outcome.identifiedMonth, 'carersIdentified');
      if (outcome.firstOfferMonth !== undefined) activity.add(outcome.firstOfferMonth, 'firstAssessmentOffers');
    }
    for (const statement of patientConsents.get(patientId) ?? []) {
      const recorded = statement.recordedOn === undefined ? undefined : calendarDate(statement.recordedOn);
      if (recorded !== undefined) activity.add(recorded.slice(0, 7), 'consentDecisionsRecorded');
    }
    // Asked again at a new episode, as the panel does (shared/domain/noCarersAnswer.ts): every episode of the patient.
    const askedAnswer: AskedAnswer = !record.askedNoCarers ? 'none' : noCarersAnswerHolds(record.askedOn, policy, now, summary.episodes) ? 'holds' : 'stale';
    episodesPathway.addPatient(
      patientId,
      record.serviceStart === undefined ? undefined : calendarDate(record.serviceStart),
      outcomes.filter((o) => o.carerId !== undefined).map((o) => ({ id: o.carerId as string, identifiedOn: o.identifiedOn })),
    );
    const openConsents = openWithoutCarer(patientConsents.get(patientId) ?? [], patientRef, relatedPersons);
    const orphans = openConsents.length;
    // A Patient.contact is never a carer until asked (shared/domain/contacts.ts): one that is not a RelatedPerson of theirs was never asked about.
    const notAsked = contactsNotAskedAbout(record, related, policy.timeZone, asOf);
    const group = groupOf(record);
    const childrenAsked = childrenAskedOf.get(patientId);
    const ruleContext = contextForRules(summary, record, related, ruleCarers, openConsents, deferralsOf.get(patientId), carePlansOf.get(patientId));
    if (childrenAsked !== undefined) ruleContext.childrenAsked = { task: `Task/${childrenAsked.id}`, on: childrenAsked.on, childHelps: childrenAsked.childHelps };
    promptOutcomes.addPatient(ruleContext, group.team, policy, now);
    if (worklist !== undefined) worklist.push(...overdueItems(patientId, record, summary.episodes, group.team, askedAnswer, outcomes, policy, calendarDate));
    groups.add(group, (tally) => {
      countPatient(tally, outcomes, askedAnswer, orphans, duplicates);
      tally.dataQuality.contactsNotAskedAbout += notAsked;
      if (childrenAsked !== undefined) {
        tally.patients.childrenAsked += 1;
        if (childrenAsked.childHelps) tally.patients.childrenAskedChildHelps += 1;
      }
    });
  }

  const unreadable: Record<string, number> = {};
  for (const key of state.malformed.withId) {
    const type = key.slice(0, key.indexOf('/'));
    unreadable[type] = (unreadable[type] ?? 0) + 1;
  }
  for (const [type, n] of state.malformed.withoutId) unreadable[type] = (unreadable[type] ?? 0) + n;
  const sortedUnreadable = Object.fromEntries(Object.entries(unreadable).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

  const coverage: Coverage = {
    schemaVersion: COVERAGE_SCHEMA_VERSION,
    complete: completeness.complete,
    now: now.toISOString(),
    asOf,
    policy: {
      firstOfferWithinMonths: policy.firstOfferWithinMonths,
      assessmentReviewMonths: policy.assessmentReviewMonths,
      consentReviewMonths: policy.consentReviewMonths,
      youngCarerUnderAge: policy.youngCarerUnderAge,
      timeZone: policy.timeZone,
      rag: { green: policy.rag.green, amber: policy.rag.amber },
    },
    ...measuresOf(groups.whole, policy),
    population: {
      unreadable: sortedUnreadable,
      unreadableTotal: Object.values(unreadable).reduce((a, b) => a + b, 0),
      relatedPersonsOfPatientsNotRead,
      excluded: { deceasedPatients: excludedDeceased, endedCarerRelationships: excludedEndedRelationships, notInCaseload },
      caseload: { basis: state.episodesRead ? 'episode-of-care' : 'every-patient-read', from, to: asOf },
      consentsOfPatientsNotRead,
    },
    byTeam: [...groups.byTeam].sort(([a], [b]) => compareLabels(a, b)).map(([team, tally]): TeamMeasures => ({ team, ...measuresOf(tally, policy) })),
    byMonth: [...groups.byMonth].sort(([a], [b]) => compareLabels(a, b)).map(([month, tally]): MonthMeasures => ({ month, ...measuresOf(tally, policy) })),
    activityByMonth: activity.months(),
    byTeamAndMonth: [...groups.byTeamAndMonth]
      .sort((a, b) => compareLabels(a.key.team, b.key.team) || compareLabels(a.key.month, b.key.month))
      .map(({ key, tally }): TeamMonthMeasures => ({ team: key.team, month: key.month, ...measuresOf(tally, policy) })),
  };
  // Acted on: writes through an action that closes a prompt, recorded in the period (from --since, else any time) up to the audit date.
  const period = { from: caseload.since !== undefined ? from : null, to: asOf };
  for (const fact of state.recorded.carerActions.values()) {
    const patient = joined.get(fact.carer)?.record.patient;
    const on = fact.on === undefined ? undefined : calendarDate(fact.on);
    if (patient === undefined || !audited.has(patient) || on === undefined || compareDates(on, asOf) > 0 || (period.from !== null && compareDates(on, period.from) < 0)) continue;
    promptOutcomes.addActedOn(ACTION_OF_RECORDED[fact.action], groupOf(state.patients.get(patient) as PatientRecord).team);
  }
  if (state.communications.size > 0) {
    coverage.carerCommunications = carerCommunicationMeasures(
      state.communications,
      { isAudited: (id) => { const patient = joined.get(id)?.record.patient; return patient !== undefined && audited.has(patient); }, refusals, rateOf: (n, d) => rateOf(n, d, policy) },
      policy,
      now,
    );
  }
  coverage.pathway = episodesPathway.finish(state.episodes, state.recorded.carerActions.values(), policy, rateOf);
  coverage.recordedActions = recordedActionCounts(state.recorded, { patientOfCarer: (id) => joined.get(id)?.record.patient, isInScope: (id) => audited.has(id), teamOf: (id) => state.patients.get(id)?.team }, now);
  coverage.promptOutcomes = promptOutcomes.result(period, compareLabels);
  coverage.pathwayPlans = pathway.result((numerator, denominator) => rateOf(numerator, denominator, policy));
  if (!completeness.complete) coverage.incompleteReason = completeness.reason ?? 'the pull ended before every resource was read';
  return coverage;
}

/** The patient's current contacts none of their RelatedPersons is the same person as. */
function contactsNotAskedAbout(record: PatientRecord, related: readonly CarerJoin[], timeZone: string, asOf: CalendarDate): number {
  // Most patients have no Patient.contact: no set of their carers' digests is built for them.
  if (record.contacts.length === 0) return 0;
  const recorded = new Set(related.flatMap((join) => join.record.identityDigests ?? []));
  return record.contacts.filter((c) => isCurrentContact(c, timeZone, asOf) && !c.identityDigests.some((d) => recorded.has(d))).length;
}

/**
 * What was done in each month, by the date it was recorded: carers identified (RelatedPerson
 * period.start), consent decisions recorded (Consent.dateTime) and first assessment offers
 * (Task.authoredOn), for the caseload audited. This is the trend over time; byMonth is a cohort view.
 */
class ActivityByMonth {
  private readonly byMonth = new Map<string, ActivityMonth>();

  add(month: string, what: Exclude<keyof ActivityMonth, 'month'>): void {
    getOrCreate(this.byMonth, month, () => ({ month, carersIdentified: 0, consentDecisionsRecorded: 0, firstAssessmentOffers: 0 }))[what] += 1;
  }

  months(): ActivityMonth[] {
    return [...this.byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  }
}

interface GroupKey {
  team: string | null;
  month: string | null;
}

class GroupTallies {
  readonly whole = emptyTally();
  readonly byTeam = new Map<string | null, Tally>();
  readonly byMonth = new Map<string | null, Tally>();
  /** Team, then month: nested maps rather than a composite string key, which would be built once per patient. */
  private readonly teamMonths = new Map<string | null, Map<string | null, { key: GroupKey; tally: Tally }>>();
  readonly byTeamAndMonth: Array<{ key: GroupKey; tally: Tally }> = [];

  add(key: GroupKey, count: (tally: Tally) => void): void {
    count(this.whole);
    count(getOrCreate(this.byTeam, key.team, emptyTally));
    count(getOrCreate(this.byMonth, key.month, emptyTally));
    const months = getOrCreate(this.teamMonths, key.team, () => new Map<string | null, { key: GroupKey; tally: Tally }>());
    count(
      getOrCreate(months, key.month, () => {
        const group = { key, tally: emptyTally() };
        this.byTeamAndMonth.push(group);
        return group;
      }).tally,
    );
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** Alphabetical (case-insensitive, then exact) with "not recorded" (null) last: teams are listed, never ranked. */
function compareLabels(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const folded = a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
  return folded || (a < b ? -1 : 1);
}

/** toCalendarDate in the policy's zone, each distinct date worked out once (100,000 patients share a few thousand dates). */
type CalendarDateOf = (iso: string) => CalendarDate | undefined;

function calendarDates(timeZone: string): CalendarDateOf {
  const known = new Map<string, CalendarDate | undefined>();
  return (iso) => {
    if (known.has(iso)) return known.get(iso);
    const date = toCalendarDate(iso, timeZone);
    known.set(iso, date);
    return date;
  };
}

/**
 * A patient's team and month. One GroupKey per distinct team and service start, shared by every
 * patient with both: 100,000 patients fall into a few hundred groups.
 */
function groupKeys(calendarDate: CalendarDateOf): (record: PatientRecord) => GroupKey {
  const known = new Map<string | null, Map<string | undefined, GroupKey>>();
  return (record) => {
    const team = record.episodeTeam ?? record.team ?? null;
    const starts = getOrCreate(known, team, () => new Map<string | undefined, GroupKey>());
    return getOrCreate(starts, record.serviceStart, () => {
      const start = record.serviceStart === undefined ? undefined : calendarDate(record.serviceStart);
      return { team, month: start === undefined ? null : start.slice(0, 7) };
    });
  };
}

/**
 * In the caseload from `from` to `to`: any current episode that had started by `to` (or gives no
 * start), or a finished episode that ended on or after `from` and had started by `to`.
 */
function caseloadTest(from: CalendarDate, to: CalendarDate, calendarDate: CalendarDateOf): (record: PatientRecord) => boolean {
  const startedBy = (start: string | undefined): boolean => {
    const day = start === undefined ? undefined : calendarDate(start);
    return day === undefined || compareDates(day, to) <= 0;
  };
  return (record) => {
    if (record.episodeId !== undefined && startedBy(record.firstOpenStart || undefined)) return true;
    const ended = record.endedEpisodeEnd === undefined ? undefined : calendarDate(record.endedEpisodeEnd);
    return ended !== undefined && compareDates(ended, from) >= 0 && startedBy(record.endedEpisodeStart);
  };
}

function patientSummaryOf(id: string, record: PatientRecord, episodes: Episode[] | undefined): PatientSummary {
  const summary: PatientSummary = { reference: `Patient/${id}`, id };
  if (record.serviceStart !== undefined) summary.serviceStart = record.serviceStart;
  const team = record.episodeTeam ?? record.team;
  if (team !== undefined) summary.team = team;
  if (episodes !== undefined) summary.episodes = episodes;
  return summary;
}

/** Each patient's episodes of care as the panel reads them (shared/domain/types.ts Episode), in id order so no result depends on read order. */
function episodesByPatient(state: AuditState): Map<string, Episode[]> {
  const out = new Map<string, Episode[]>();
  for (const [id, record] of state.episodes) {
    const episode: Episode = { reference: `EpisodeOfCare/${id}`, status: record.finished ? 'finished' : 'current', inpatient: record.inpatient, detained: record.detained };
    if (record.start !== undefined) episode.start = record.start;
    if (record.end !== undefined) episode.end = record.end;
    pushTo(out, record.patient, episode);
  }
  for (const list of out.values()) if (list.length > 1) list.sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
  return out;
}

/** A carer of a patient in scope, with their most recent Consent and offer Task and their first offer date. */
interface CarerJoin {
  id: string;
  record: CarerRecord;
  /** Consents that name this carer. */
  consents: ConsentStatement[];
  task: AssessmentRecord | undefined;
  firstOffer: CalendarDate | undefined;
  /** The latest referral for a statutory carer's assessment, and the carer's own latest consent to share it. */
  referral: ReferralFact | undefined;
  sharing: CarerSharingConsentFact | undefined;
}

/** The domain Carer the derivations take, rebuilt from the compact records (no name, no contact details). */
function domainCarer({ id, record, task, referral, sharing }: CarerJoin, consent: ConsentDecision, policy: Policy): Carer {
  const carer: Carer = {
    reference: `RelatedPerson/${id}`,
    id,
    carerStatus: record.carerStatus,
    relationships: [],
    contactRoles: [],
    telecom: [],
    active: record.active,
    consent,
    assessment: withReferral(task === undefined ? { status: 'not-offered' } : assessmentOf(task), referral === undefined ? undefined : referralOf(referral), policy),
  };
  if (sharing !== undefined) carer.sharingConsent = { consent: `Consent/${sharing.id}`, decision: sharing.decision };
  if (record.birthDate !== undefined) carer.birthDate = record.birthDate;
  if (record.identifiedOn !== undefined) carer.identifiedOn = record.identifiedOn;
  if (record.endedOn !== undefined) carer.endedOn = record.endedOn;
  if (record.carerStatusAskedOn !== undefined) carer.carerStatusAskedOn = record.carerStatusAskedOn;
  return carer;
}

/**
 * A patient's carers with the records that look like one person (a shared identity digest) counted
 * once: the record that says most (a decision, then an assessment, then the lowest id) stands for
 * the person, and each other record is counted as a possible duplicate instead.
 */
function oncePerPerson(carers: readonly { id: string; digests: readonly string[]; outcome: CarerOutcome }[]): { outcomes: CarerOutcome[]; duplicates: number } {
  if (carers.length < 2) return { outcomes: carers.map((c) => c.outcome), duplicates: 0 };
  const parent = carers.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i] as number)));
  const byDigest = new Map<string, number>();
  carers.forEach((carer, i) => {
    for (const digest of carer.digests) {
      const seen = byDigest.get(digest);
      if (seen === undefined) byDigest.set(digest, i);
      else parent[root(i)] = root(seen);
    }
  });
  const people = new Map<number, { id: string; outcome: CarerOutcome }[]>();
  carers.forEach((carer, i) => pushTo(people, root(i), carer));
  const says = (o: CarerOutcome): number => (o.decision !== 'none' ? 2 : 0) + (o.assessment !== 'not-offered' ? 1 : 0);
  const outcomes: CarerOutcome[] = [];
  let duplicates = 0;
  for (const records of people.values()) {
    const best = [...records].sort((a, b) => says(b.outcome) - says(a.outcome) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0] as { outcome: CarerOutcome };
    outcomes.push(best.outcome);
    duplicates += records.length - 1;
  }
  return { outcomes, duplicates };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function referralOf(fact: ReferralFact): CarerReferral {
  const referral: CarerReferral = { task: `Task/${fact.id}` };
  if (fact.on !== undefined) referral.on = fact.on;
  return referral;
}

function assessmentOf(record: AssessmentRecord): AssessmentStatus {
  const status: AssessmentStatus = { status: record.status, task: `Task/${record.id}` };
  if (record.offeredOn !== undefined) status.offeredOn = record.offeredOn;
  if (record.respondedOn !== undefined) status.respondedOn = record.respondedOn;
  if (record.completedOn !== undefined) status.completedOn = record.completedOn;
  return status;
}

function classifyCarer(
  carer: Carer,
  patient: PatientSummary,
  firstOfferedOn: CalendarDate | undefined,
  reviewDue: CalendarDate | undefined,
  policy: Policy,
  now: Date,
  asOf: CalendarDate,
  calendarDate: CalendarDateOf,
): CarerOutcome {
  const isPast = (due: CalendarDate | undefined): boolean => due !== undefined && compareDates(due, asOf) < 0;
  const consentDue = consentReviewDue(carer.consent, policy);
  const outcome: CarerOutcome = {
    young: isYoungCarer(carer, policy, now),
    decision: carer.consent.decision,
    consentPastReview: isPast(consentDue),
    assessment: carer.assessment.status,
    assessmentReviewOverdue: isPast(reviewDue),
    offerDeadlineUnknown: false,
    withoutRelationship: false,
    withoutContact: false,
    referralExpected: referralExpected(carer, policy, now),
    referred: isReferred(carer),
    sharingAnswered: carerSharingAnswered(carer),
  };
  const deadline = firstOfferDeadline(carer, patient, policy);
  if (consentDue !== undefined) outcome.consentReviewDue = consentDue;
  if (reviewDue !== undefined) outcome.assessmentReviewDue = reviewDue;
  if (deadline === undefined) outcome.offerDeadlineUnknown = true;
  else {
    outcome.offerDue = deadline;
    if (firstOfferedOn !== undefined) outcome.offerLate = compareDates(firstOfferedOn, deadline) > 0;
    else if (carer.assessment.status === 'not-offered' && isPast(deadline)) outcome.offerLate = true;
  }
  const identified = carer.identifiedOn === undefined ? undefined : calendarDate(carer.identifiedOn);
  if (identified !== undefined) {
    outcome.identifiedMonth = identified.slice(0, 7);
    outcome.identifiedOn = identified;
  }
  if (firstOfferedOn !== undefined) outcome.firstOfferMonth = firstOfferedOn.slice(0, 7);
  if (identified !== undefined && firstOfferedOn !== undefined) {
    const days = daysBetween(identified, firstOfferedOn);
    if (days >= 0) outcome.daysToOffer = days;
  }
  return outcome;
}

function emptyTally(): Tally {
  return {
    patients: { total: 0, withCarer: 0, askedNoCarers: 0, neverAsked: 0, askedNoCarersStale: 0, childrenAsked: 0, childrenAskedChildHelps: 0 },
    carers: {
      total: 0,
      young: 0,
      youngReferred: 0,
      youngAssessed: 0,
      consent: { permit: 0, deny: 0, partial: 0, withdrawn: 0, expired: 0, conflict: 0, 'lacks-capacity': 0, none: 0, unknown: 0 },
      consentPastReview: 0,
      assessment: { notOffered: 0, offered: 0, accepted: 0, declined: 0, completed: 0 },
      offerJudged: 0,
      offerNotWithinPolicy: 0,
      offerDeadlineUnknown: 0,
      reviewable: 0,
      assessmentReviewOverdue: 0,
      daysToOffer: [],
      referralExpected: 0,
      referredOfExpected: 0,
      referred: 0,
      referredSharingAnswered: 0,
    },
    dataQuality: { carerWithoutRelationship: 0, carerWithoutContact: 0, consentWithoutCarer: 0, possibleDuplicateCarers: 0, contactsNotAskedAbout: 0 },
  };
}

/**
 * What is overdue for one patient in the caseload and their carers, named by the prompt the panel
 * shows for it: the same flags the counts are made of.
 */
function overdueItems(
  patientId: string,
  record: PatientRecord,
  episodes: readonly Episode[] | undefined,
  team: string | null,
  asked: AskedAnswer,
  carers: readonly CarerOutcome[],
  policy: Policy,
  calendarDate: CalendarDateOf,
): WorklistItem[] {
  const items: WorklistItem[] = [];
  const item = (prompt: WorklistItem['prompt'], what: string, dueSince: CalendarDate | undefined, carer?: string): void => {
    const out: WorklistItem = { team, patient: patientId, prompt, what };
    if (record.nhsNumber !== undefined) out.nhsNumber = record.nhsNumber;
    if (carer !== undefined) out.carer = carer;
    if (dueSince !== undefined) out.dueSince = dueSince;
    items.push(out);
  };
  if (carers.length === 0) {
    const start = record.serviceStart === undefined ? undefined : calendarDate(record.serviceStart);
    if (asked === 'none') item('identify-carers', 'never asked whether anyone is their carer', start);
    else if (asked === 'stale') item('identify-carers', '"no carers" answer out of date: ask again', noCarersAskAgainOn(record.askedOn, policy, episodes));
  }
  for (const carer of carers) {
    if (carer.decision === 'none') item('record-consent', "no consent decision recorded for this carer", carer.identifiedOn, carer.carerId);
    else if (carer.consentPastReview) item('review-consent', 'consent decision past its review date', carer.consentReviewDue, carer.carerId);
    if (carer.offerLate === true && carer.assessment === 'not-offered') item('offer-assessment', "carer's needs assessment not offered by its due date", carer.offerDue, carer.carerId);
    if (carer.assessmentReviewOverdue) item('assessment-review-due', 'assessment review overdue', carer.assessmentReviewDue, carer.carerId);
  }
  return items;
}

/** The patient's latest "asked: no carers" answer: none, still holding, or gone stale (the panel asks again). */
type AskedAnswer = 'none' | 'holds' | 'stale';

function countPatient(tally: Tally, carers: readonly CarerOutcome[], asked: AskedAnswer, orphanConsents: number, duplicates: number): void {
  tally.patients.total += 1;
  tally.dataQuality.possibleDuplicateCarers += duplicates;
  if (carers.length > 0) tally.patients.withCarer += 1;
  else if (asked === 'holds') tally.patients.askedNoCarers += 1;
  else if (asked === 'stale') tally.patients.askedNoCarersStale += 1;
  else tally.patients.neverAsked += 1;
  tally.dataQuality.consentWithoutCarer += orphanConsents;
  for (const carer of carers) {
    const c = tally.carers;
    c.total += 1;
    if (carer.young) c.young += 1;
    if (carer.youngReferred === true) c.youngReferred += 1;
    if (carer.youngAssessed === true) c.youngAssessed += 1;
    c.consent[carer.decision] += 1;
    if (carer.consentPastReview) c.consentPastReview += 1;
    c.assessment[ASSESSMENT_KEY[carer.assessment]] += 1;
    if (carer.offerLate !== undefined) {
      c.offerJudged += 1;
      if (carer.offerLate) c.offerNotWithinPolicy += 1;
    }
    if (carer.offerDeadlineUnknown) c.offerDeadlineUnknown += 1;
    if (carer.assessment === 'completed' || carer.assessment === 'declined') c.reviewable += 1;
    if (carer.assessmentReviewOverdue) c.assessmentReviewOverdue += 1;
    if (carer.daysToOffer !== undefined) c.daysToOffer.push(carer.daysToOffer);
    if (carer.referralExpected) {
      c.referralExpected += 1;
      if (carer.referred) c.referredOfExpected += 1;
    }
    if (carer.referred) {
      c.referred += 1;
      if (carer.sharingAnswered) c.referredSharingAnswered += 1;
    }
    if (carer.withoutRelationship) tally.dataQuality.carerWithoutRelationship += 1;
    if (carer.withoutContact) tally.dataQuality.carerWithoutContact += 1;
  }
}

function measuresOf(tally: Tally, policy: Policy): Measures {
  const c = tally.carers;
  // A recorded answer: a decision, a withdrawal, one whose validity ended (past review), or "unable to decide at present".
  const decided = c.consent.permit + c.consent.deny + c.consent.partial + c.consent.withdrawn + c.consent.expired + c.consent['lacks-capacity'];
  const rate = (numerator: number, denominator: number): Rate => rateOf(numerator, denominator, policy);
  const rates: Record<RateId, Rate> = {
    carersIdentified: rate(tally.patients.withCarer + tally.patients.askedNoCarers, tally.patients.total),
    consentRecorded: rate(decided, c.total),
    consentInDate: rate(decided - c.consentPastReview, decided),
    assessmentOffered: rate(c.total - c.assessment.notOffered, c.total),
    offerWithinPolicy: rate(c.offerJudged - c.offerNotWithinPolicy, c.offerJudged),
    assessmentReviewInDate: rate(c.reviewable - c.assessmentReviewOverdue, c.reviewable),
    youngCarersReferred: rate(c.youngReferred, c.young),
    carersReferred: rate(c.referredOfExpected, c.referralExpected),
    carerSharingConsentRecorded: rate(c.referredSharingAnswered, c.referred),
  };
  return {
    patients: { ...tally.patients },
    carers: {
      total: c.total,
      young: c.young,
      youngReferred: c.youngReferred,
      youngAssessed: c.youngAssessed,
      consent: { ...c.consent },
      consentPastReview: c.consentPastReview,
      assessment: { ...c.assessment },
      offerNotWithinPolicy: c.offerNotWithinPolicy,
      offerDeadlineUnknown: c.offerDeadlineUnknown,
      assessmentReviewOverdue: c.assessmentReviewOverdue,
      medianDaysToOffer: median(c.daysToOffer),
      daysToOfferSampleSize: c.daysToOffer.length,
    },
    dataQuality: { ...tally.dataQuality },
    rates,
  };
}

/**
 * Red / amber / green on the Triangle of Care self-assessment thresholds: green above
 * `rag.green`, amber at or above `rag.amber`, red below. Compared on the exact fraction, not the
 * rounded percentage, so 80.4 % shown as "80 %" is still green only if it is above 80 %.
 */
export function rateOf(numerator: number, denominator: number, policy: Pick<Policy, 'rag'>): Rate {
  if (denominator === 0) return { numerator, denominator, percent: null, rag: 'none' };
  const share = numerator / denominator;
  const rag: RagRating = share > policy.rag.green ? 'green' : share >= policy.rag.amber ? 'amber' : 'red';
  return { numerator, denominator, percent: Math.round(share * 1000) / 10, rag };
}

/** A contact whose period has not ended by the audit's date (the end day itself still counts). */
function isCurrentContact(contact: ContactFact, timeZone: string, asOf: CalendarDate): boolean {
  if (contact.endedOn === undefined) return true;
  const ended = toCalendarDate(contact.endedOn, timeZone, { partial: 'end' });
  return ended === undefined || compareDates(ended, asOf) >= 0;
}

/**
 * The panel's view of a carer for its rules (prompt outcomes), from the audit's compact record: what
 * the rules test is there — relationship and contact details recorded or not (the same tests), the
 * paid-care-worker coding, signposting and a young carer's referral recorded — and no name, number
 * or address (a recorded detail is stood in for by a placeholder the rules never show).
 */
function forRules(carer: Carer, record: CarerRecord, done: CarerDone | undefined): Carer {
  const out: Carer = { ...carer };
  if (record.hasRelationship) out.relationships = [RECORDED];
  // An address, not a telecom: a placeholder telecom would be one identity key shared by every carer.
  if (record.hasContact) out.address = RECORDED;
  // The digests of the keys that recognise one person recorded twice, as the keys themselves
  // (shared/domain/duplicates.ts identityKeys): equal keys, equal digests, so the rules that ask
  // "the same person?" (a new carer, a possible duplicate) answer as the panel does.
  if (record.identityDigests.length > 0) out.identifiers = record.identityDigests.map((digest) => `${AUDIT_DIGEST}|${digest}`);
  if (record.paidCareWorker) out.paidCareWorker = true;
  if (record.possibleCarer) out.possibleCarer = true;
  // The family codes themselves are not kept: a child of the patient is all the rules ask (shared/domain/family.ts).
  if (record.patientsChild) out.familyCodes = ['CHILD'];
  for (const field of CARER_DONE_FIELDS) {
    const on = done?.[field];
    if (on !== undefined) out[field] = on;
  }
  if (done?.circumstancesChanged !== undefined) out.circumstancesChanged = done.circumstancesChanged;
  if (done?.dischargeInvolvement !== undefined) out.dischargeInvolvement = done.dischargeInvolvement;
  return out;
}

const RECORDED = 'recorded';
const AUDIT_DIGEST = 'urn:carer-prompts:audit-identity-digest';

/**
 * One patient's record as the panel's rules read it, from the audit's records. Not known to the
 * audit: RelatedPersons of the patient that could not be read (the panel asks "check in the EHR"
 * even when a "no carers" answer holds; the audit counts such resources only by type).
 */
function contextForRules(
  patient: PatientSummary,
  record: PatientRecord,
  related: readonly CarerJoin[],
  carers: Carer[],
  openConsents: readonly ConsentStatement[],
  deferrals: Deferral[] | undefined,
  carePlans: CarePlanSummary[] | undefined,
): CarerContext {
  // A contact is recorded as the RelatedPerson who shares an identity digest with it (as the panel recognises it by the keys).
  const byDigest = new Map<string, string>();
  for (const join of related) for (const digest of join.record.identityDigests) if (!byDigest.has(digest)) byDigest.set(digest, join.id);
  const contacts = record.contacts.map((contact, index): PatientContact => {
    const out: PatientContact = { key: `${patient.reference}#contact-${index}-audit`, relationships: [], contactRoles: [], telecom: [], identifiers: [] };
    if (contact.endedOn !== undefined) out.endedOn = contact.endedOn;
    // As for a carer (forRules): a child of the patient is all the rules ask of the family codes.
    if (contact.patientsChild) out.familyCodes = ['CHILD'];
    const recordedAs = contact.identityDigests.map((d) => byDigest.get(d)).find((id) => id !== undefined);
    if (recordedAs !== undefined) out.recordedAs = `RelatedPerson/${recordedAs}`;
    return out;
  });
  const ctx: CarerContext = { patient, carers, orphanConsents: openConsents.map(orphanConsentOf), warnings: [] };
  if (contacts.length > 0) ctx.contacts = contacts;
  if (record.askedNoCarers && record.askedId !== undefined) ctx.askedNoCarers = record.askedOn === undefined ? { list: `List/${record.askedId}` } : { list: `List/${record.askedId}`, askedOn: record.askedOn };
  if (deferrals !== undefined) ctx.deferrals = deferrals;
  if (carePlans !== undefined) ctx.carePlans = carePlans;
  return ctx;
}

/** A carer's recorded actions as the rules read them (see carerActionsDone). */
type CarerDone = Partial<Record<CarerDoneField, string>> & Pick<Carer, 'circumstancesChanged' | 'dischargeInvolvement'>;

/**
 * What the panel keeps of each carer's recorded actions (adapter/mapping/carerContext.ts): the latest
 * of each (shared/domain/carerActionsDone.ts; any date: the rules only ask whether one was), the latest
 * significant change recorded, and each discharge the carer was involved in planning.
 */
function carerActionsDone(state: AuditState): Map<string, CarerDone> {
  const done = new Map<string, CarerDone>();
  const later = (a: string, b: string): boolean => Date.parse(a) > Date.parse(b);
  for (const fact of state.recorded.carerActions.values()) {
    const entry = done.get(fact.carer) ?? {};
    done.set(fact.carer, entry);
    const on = fact.on ?? '';
    if (fact.action === 'circumstances-changed') {
      // What changed is not kept (only its words differ); when is what brings a review forward.
      if (entry.circumstancesChanged === undefined || later(on, entry.circumstancesChanged.on)) entry.circumstancesChanged = { on, what: undefined };
      continue;
    }
    if (fact.action === 'discharge-planning-involved') {
      if (fact.episode !== undefined) (entry.dischargeInvolvement ??= []).push({ episode: `EpisodeOfCare/${fact.episode}`, on });
      continue;
    }
    const field = CARER_DONE_FIELD[fact.action];
    if (field === undefined) continue;
    if (entry[field] === undefined || on > (entry[field] as string)) entry[field] = on;
  }
  return done;
}

/** Each patient's latest Think Family answer (children in the household who help), as the panel keeps the latest. */
function latestChildrenAsked(state: AuditState): Map<string, ChildrenAskedFact> {
  const out = new Map<string, ChildrenAskedFact>();
  for (const fact of state.recorded.childrenAsked.values()) {
    const held = out.get(fact.patient);
    if (held === undefined || fact.on > held.on || (fact.on === held.on && fact.id > held.id)) out.set(fact.patient, fact);
  }
  return out;
}

/** Each patient's recorded deferrals, as the panel reads them: a carer's by the carer's patient, a patient's by the patient. */
function deferralsByPatient(state: AuditState, patientOfCarer: (carer: string) => string | undefined): Map<string, Deferral[]> {
  const out = new Map<string, Deferral[]>();
  for (const fact of state.recorded.deferrals.values()) {
    const patient = fact.carer !== undefined ? patientOfCarer(fact.carer) : fact.patient;
    if (patient === undefined) continue;
    const deferral: Deferral = { task: `Task/${fact.id}`, code: fact.code, kind: fact.deferral, reason: fact.reason, on: fact.on ?? '', until: fact.until };
    if (fact.carer !== undefined) deferral.carer = `RelatedPerson/${fact.carer}`;
    pushTo(out, patient, deferral);
  }
  return out;
}

/**
 * What the panel reads from a carer's Communications (adapter/mapping/carerCommunications.ts): when
 * they were last heard, and their enquiries oldest first, each with its first answer. Disclosures
 * are not read by any rule.
 */
function communicationsForRules(state: AuditState): Map<string, Pick<Carer, 'heardOn' | 'enquiries'>> {
  const out = new Map<string, Pick<Carer, 'heardOn' | 'enquiries'>>();
  const entry = (carer: string) => {
    const found = out.get(carer) ?? {};
    out.set(carer, found);
    return found;
  };
  const facts = [...state.communications.values()];
  const answers = facts.filter((f) => f.code === 'carer-enquiry-answer' && f.inResponseTo !== undefined);
  for (const fact of facts) {
    if (fact.code === 'carer-heard') {
      const carer = entry(fact.carer);
      if (carer.heardOn === undefined || fact.on > carer.heardOn) carer.heardOn = fact.on;
    } else if (fact.code === 'carer-enquiry') {
      const answer = answers.filter((a) => a.inResponseTo === fact.id && a.carer === fact.carer).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))[0];
      const enquiry: NonNullable<Carer['enquiries']>[number] = { communication: `Communication/${fact.id}`, receivedOn: fact.on };
      if (answer !== undefined) {
        enquiry.answeredOn = answer.on;
        enquiry.answer = `Communication/${answer.id}`;
      }
      (entry(fact.carer).enquiries ??= []).push(enquiry);
    }
  }
  for (const carer of out.values()) carer.enquiries?.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
  return out;
}

/**
 * Each patient's current care plans as the panel reads them (adapter/mapping/carerContext.ts): the
 * carers each names, and those a clinician recorded as involved (a `care-plan-involved` Task focused
 * on the plan). The kind of plan only words the prompt, so it is not kept.
 */
function carePlansForRules(state: AuditState): Map<string, CarePlanSummary[]> {
  const involvedByTask = new Map<string, Set<string>>();
  for (const fact of state.recorded.carerActions.values()) {
    if (fact.action !== 'care-plan-involved' || fact.carePlan === undefined) continue;
    const carers = involvedByTask.get(fact.carePlan) ?? new Set<string>();
    carers.add(fact.carer);
    involvedByTask.set(fact.carePlan, carers);
  }
  const out = new Map<string, CarePlanSummary[]>();
  for (const plan of state.recorded.carePlans.values()) {
    const involves = [...new Set([...plan.involves, ...(involvedByTask.get(plan.id) ?? [])])].map((id) => `RelatedPerson/${id}` as const).sort();
    const plans = out.get(plan.patient) ?? [];
    plans.push({ reference: `CarePlan/${plan.id}`, kind: 'care-plan', involves });
    out.set(plan.patient, plans);
  }
  return out;
}
