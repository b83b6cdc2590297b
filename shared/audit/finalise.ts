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
import { assessmentReviewDue, consentReviewDue, firstOfferDeadline, isActiveCarer, isYoungCarer } from '../domain/derive';
import type { AssessmentStatus, AssessmentStatusKind, Carer, ConsentDecision, ConsentDecisionKind, PatientSummary } from '../domain/types';
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
} from './coverage';
import { compareRecencyKeys, type AssessmentRecord, type AuditState, type ConsentRecord, type PatientRecord } from './state';

/** What one carer contributes to the counts. */
interface CarerOutcome {
  young: boolean;
  decision: ConsentDecisionKind | 'unknown';
  consentPastReview: boolean;
  assessment: AssessmentStatusKind;
  /** undefined: the due date is unknown, or not yet reached and no offer made. */
  offerLate?: boolean;
  assessmentReviewOverdue: boolean;
  daysToOffer?: number;
  withoutRelationship: boolean;
  withoutContact: boolean;
}

interface Tally {
  patients: { total: number; withCarer: number; askedNoCarers: number; neverAsked: number };
  carers: {
    total: number;
    young: number;
    consent: Record<ConsentDecisionKind | 'unknown', number>;
    consentPastReview: number;
    assessment: Record<'notOffered' | 'offered' | 'accepted' | 'declined' | 'completed', number>;
    offerJudged: number;
    offerNotWithinPolicy: number;
    reviewable: number;
    assessmentReviewOverdue: number;
    daysToOffer: number[];
  };
  dataQuality: { carerWithoutRelationship: number; carerWithoutContact: number; consentWithoutCarer: number };
}

const ASSESSMENT_KEY: Record<AssessmentStatusKind, keyof Tally['carers']['assessment']> = {
  'not-offered': 'notOffered',
  offered: 'offered',
  accepted: 'accepted',
  declined: 'declined',
  completed: 'completed',
};

/**
 * The coverage of the population the state holds, as at `now`.
 *
 * @param completeness what the pull reported; required so a partial pull is never presented as complete.
 */
export function finaliseCoverage(state: AuditState, policy: Policy, now: Date, completeness: Completeness): Coverage {
  const asOf = today(now, policy.timeZone);
  const groups = new GroupTallies();

  const patientGroups = new Map<string, GroupKey>();
  for (const [id, record] of state.patients) {
    if (record.read) patientGroups.set(id, groupOf(record, policy));
  }

  // RelatedPersons per patient, and consents / tasks per carer: the join a type-ordered export needs.
  const relatedOf = new Map<string, string[]>();
  let relatedPersonsOfPatientsNotRead = 0;
  for (const [id, carer] of state.carers) {
    if (!patientGroups.has(carer.patient)) {
      relatedPersonsOfPatientsNotRead += 1;
      continue;
    }
    const list = relatedOf.get(carer.patient);
    if (list === undefined) relatedOf.set(carer.patient, [id]);
    else list.push(id);
  }

  const latestConsent = new Map<string, ConsentRecord>();
  let consentsOfPatientsNotRead = 0;
  const orphanConsentsOf = new Map<string, number>();
  for (const consent of state.consents.values()) {
    let linked = false;
    for (const carerId of consent.carers) {
      const carer = state.carers.get(carerId);
      if (carer === undefined || !patientGroups.has(carer.patient)) continue;
      if (consent.patient !== undefined && consent.patient !== carer.patient) continue;
      linked = true;
      const current = latestConsent.get(carerId);
      if (current === undefined || compareRecencyKeys(consent, current) > 0) latestConsent.set(carerId, consent);
    }
    if (linked || !consent.carerSharing) continue;
    if (consent.patient !== undefined && patientGroups.has(consent.patient)) {
      orphanConsentsOf.set(consent.patient, (orphanConsentsOf.get(consent.patient) ?? 0) + 1);
    } else {
      consentsOfPatientsNotRead += 1;
    }
  }

  const latestTask = new Map<string, AssessmentRecord>();
  const firstOffer = new Map<string, CalendarDate>();
  for (const task of state.assessments.values()) {
    const carer = state.carers.get(task.carer);
    if (carer === undefined || (task.patient !== undefined && task.patient !== carer.patient)) continue;
    const current = latestTask.get(task.carer);
    if (current === undefined || compareRecencyKeys(task, current) > 0) latestTask.set(task.carer, task);
    const offered = task.offeredOn === undefined ? undefined : toCalendarDate(task.offeredOn, policy.timeZone);
    const earliest = firstOffer.get(task.carer);
    if (offered !== undefined && (earliest === undefined || compareDates(offered, earliest) < 0)) firstOffer.set(task.carer, offered);
  }

  for (const [patientId, key] of patientGroups) {
    const record = state.patients.get(patientId) as PatientRecord;
    const summary = patientSummaryOf(patientId, record);
    const outcomes: CarerOutcome[] = [];
    for (const carerId of relatedOf.get(patientId) ?? []) {
      const carer = domainCarer(carerId, state, latestConsent.get(carerId), latestTask.get(carerId));
      if (!isActiveCarer(carer)) continue;
      const fact = state.carers.get(carerId);
      const outcome = classifyCarer(carer, summary, firstOffer.get(carerId), policy, now, asOf);
      outcome.withoutRelationship = fact?.hasRelationship !== true;
      outcome.withoutContact = fact?.hasContact !== true;
      outcomes.push(outcome);
    }
    const orphans = orphanConsentsOf.get(patientId) ?? 0;
    groups.add(key, (tally) => countPatient(tally, outcomes, record.askedNoCarers, orphans));
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
      consentsOfPatientsNotRead,
    },
    byTeam: [...groups.byTeam].sort(([a], [b]) => compareLabels(a, b)).map(([team, tally]): TeamMeasures => ({ team, ...measuresOf(tally, policy) })),
    byMonth: [...groups.byMonth].sort(([a], [b]) => compareLabels(a, b)).map(([month, tally]): MonthMeasures => ({ month, ...measuresOf(tally, policy) })),
    byTeamAndMonth: [...groups.byTeamAndMonth.values()]
      .sort((a, b) => compareLabels(a.key.team, b.key.team) || compareLabels(a.key.month, b.key.month))
      .map(({ key, tally }): TeamMonthMeasures => ({ team: key.team, month: key.month, ...measuresOf(tally, policy) })),
  };
  if (!completeness.complete) coverage.incompleteReason = completeness.reason ?? 'the pull ended before every resource was read';
  return coverage;
}

interface GroupKey {
  team: string | null;
  month: string | null;
}

class GroupTallies {
  readonly whole = emptyTally();
  readonly byTeam = new Map<string | null, Tally>();
  readonly byMonth = new Map<string | null, Tally>();
  readonly byTeamAndMonth = new Map<string, { key: GroupKey; tally: Tally }>();

  add(key: GroupKey, count: (tally: Tally) => void): void {
    count(this.whole);
    count(getOrCreate(this.byTeam, key.team, emptyTally));
    count(getOrCreate(this.byMonth, key.month, emptyTally));
    count(getOrCreate(this.byTeamAndMonth, JSON.stringify([key.team, key.month]), () => ({ key, tally: emptyTally() })).tally);
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

function groupOf(record: PatientRecord, policy: Policy): GroupKey {
  const team = record.episode?.team ?? record.team ?? null;
  const start = record.episode?.serviceStart === undefined ? undefined : toCalendarDate(record.episode.serviceStart, policy.timeZone);
  return { team, month: start === undefined ? null : start.slice(0, 7) };
}

function patientSummaryOf(id: string, record: PatientRecord): PatientSummary {
  const summary: PatientSummary = { reference: `Patient/${id}`, id };
  if (record.episode?.serviceStart !== undefined) summary.serviceStart = record.episode.serviceStart;
  const team = record.episode?.team ?? record.team;
  if (team !== undefined) summary.team = team;
  return summary;
}

/** The domain Carer the derivations take, rebuilt from the compact records (no name, no contact details). */
function domainCarer(id: string, state: AuditState, consent: ConsentRecord | undefined, task: AssessmentRecord | undefined): Carer {
  const fact = state.carers.get(id);
  if (fact === undefined) throw new Error(`carer ${id} was joined but is not in the state`);
  const carer: Carer = {
    reference: `RelatedPerson/${id}`,
    id,
    carerStatus: fact.carerStatus,
    relationships: [],
    contactRoles: [],
    telecom: [],
    active: fact.active,
    consent: consent === undefined ? { decision: 'none' } : consentDecisionOf(consent),
    assessment: task === undefined ? { status: 'not-offered' } : assessmentOf(task),
  };
  if (fact.birthDate !== undefined) carer.birthDate = fact.birthDate;
  if (fact.identifiedOn !== undefined) carer.identifiedOn = fact.identifiedOn;
  if (fact.carerStatusAskedOn !== undefined) carer.carerStatusAskedOn = fact.carerStatusAskedOn;
  return carer;
}

function consentDecisionOf(record: ConsentRecord): ConsentDecision {
  const decision: ConsentDecision = { decision: record.decision, consent: `Consent/${record.id}` };
  if (record.recordedOn !== undefined) decision.recordedOn = record.recordedOn;
  if (record.reviewDue !== undefined) decision.reviewDue = record.reviewDue;
  if (record.withdrawnOn !== undefined) decision.withdrawnOn = record.withdrawnOn;
  return decision;
}

function assessmentOf(record: AssessmentRecord): AssessmentStatus {
  const status: AssessmentStatus = { status: record.status, task: `Task/${record.id}` };
  if (record.offeredOn !== undefined) status.offeredOn = record.offeredOn;
  if (record.respondedOn !== undefined) status.respondedOn = record.respondedOn;
  if (record.completedOn !== undefined) status.completedOn = record.completedOn;
  return status;
}

function classifyCarer(carer: Carer, patient: PatientSummary, firstOfferedOn: CalendarDate | undefined, policy: Policy, now: Date, asOf: CalendarDate): CarerOutcome {
  const isPast = (due: CalendarDate | undefined): boolean => due !== undefined && compareDates(due, asOf) < 0;
  const outcome: CarerOutcome = {
    young: isYoungCarer(carer, policy, now),
    decision: carer.consent.decision,
    consentPastReview: isPast(consentReviewDue(carer.consent, policy)),
    assessment: carer.assessment.status,
    assessmentReviewOverdue: isPast(assessmentReviewDue(carer.assessment, policy)),
    withoutRelationship: false,
    withoutContact: false,
  };
  const deadline = firstOfferDeadline(carer, patient, policy);
  if (deadline !== undefined) {
    if (firstOfferedOn !== undefined) outcome.offerLate = compareDates(firstOfferedOn, deadline) > 0;
    else if (carer.assessment.status === 'not-offered' && isPast(deadline)) outcome.offerLate = true;
  }
  const identified = carer.identifiedOn === undefined ? undefined : toCalendarDate(carer.identifiedOn, policy.timeZone);
  if (identified !== undefined && firstOfferedOn !== undefined) {
    const days = daysBetween(identified, firstOfferedOn);
    if (days >= 0) outcome.daysToOffer = days;
  }
  return outcome;
}

function emptyTally(): Tally {
  return {
    patients: { total: 0, withCarer: 0, askedNoCarers: 0, neverAsked: 0 },
    carers: {
      total: 0,
      young: 0,
      consent: { permit: 0, deny: 0, partial: 0, withdrawn: 0, none: 0, unknown: 0 },
      consentPastReview: 0,
      assessment: { notOffered: 0, offered: 0, accepted: 0, declined: 0, completed: 0 },
      offerJudged: 0,
      offerNotWithinPolicy: 0,
      reviewable: 0,
      assessmentReviewOverdue: 0,
      daysToOffer: [],
    },
    dataQuality: { carerWithoutRelationship: 0, carerWithoutContact: 0, consentWithoutCarer: 0 },
  };
}

function countPatient(tally: Tally, carers: readonly CarerOutcome[], askedNoCarers: boolean, orphanConsents: number): void {
  tally.patients.total += 1;
  if (carers.length > 0) tally.patients.withCarer += 1;
  else if (askedNoCarers) tally.patients.askedNoCarers += 1;
  else tally.patients.neverAsked += 1;
  tally.dataQuality.consentWithoutCarer += orphanConsents;
  for (const carer of carers) {
    const c = tally.carers;
    c.total += 1;
    if (carer.young) c.young += 1;
    c.consent[carer.decision] += 1;
    if (carer.consentPastReview) c.consentPastReview += 1;
    c.assessment[ASSESSMENT_KEY[carer.assessment]] += 1;
    if (carer.offerLate !== undefined) {
      c.offerJudged += 1;
      if (carer.offerLate) c.offerNotWithinPolicy += 1;
    }
    if (carer.assessment === 'completed' || carer.assessment === 'declined') c.reviewable += 1;
    if (carer.assessmentReviewOverdue) c.assessmentReviewOverdue += 1;
    if (carer.daysToOffer !== undefined) c.daysToOffer.push(carer.daysToOffer);
    if (carer.withoutRelationship) tally.dataQuality.carerWithoutRelationship += 1;
    if (carer.withoutContact) tally.dataQuality.carerWithoutContact += 1;
  }
}

function measuresOf(tally: Tally, policy: Policy): Measures {
  const c = tally.carers;
  const decided = c.consent.permit + c.consent.deny + c.consent.partial + c.consent.withdrawn;
  const rate = (numerator: number, denominator: number): Rate => rateOf(numerator, denominator, policy);
  const rates: Record<RateId, Rate> = {
    carersIdentified: rate(tally.patients.withCarer + tally.patients.askedNoCarers, tally.patients.total),
    consentRecorded: rate(decided, c.total),
    consentInDate: rate(decided - c.consentPastReview, decided),
    assessmentOffered: rate(c.total - c.assessment.notOffered, c.total),
    offerWithinPolicy: rate(c.offerJudged - c.offerNotWithinPolicy, c.offerJudged),
    assessmentReviewInDate: rate(c.reviewable - c.assessmentReviewOverdue, c.reviewable),
  };
  return {
    patients: { ...tally.patients },
    carers: {
      total: c.total,
      young: c.young,
      consent: { ...c.consent },
      consentPastReview: c.consentPastReview,
      assessment: { ...c.assessment },
      offerNotWithinPolicy: c.offerNotWithinPolicy,
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

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
