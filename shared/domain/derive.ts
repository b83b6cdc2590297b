/**
 * Facts derived from the record with the policy and "now": who is a young carer, when a consent
 * decision or an assessment is due for review, by when the first assessment offer must be made.
 * The prompt rules, the report and the audit all use these, so each deadline is computed in one place.
 *
 * Dates in the record may be dateTimes or partial dates; each is read as a calendar date in the
 * policy's zone. Where a clock starts at a partial date ("identified in 2025-03"), the first day of
 * the period is used, so a deadline is never later than the record allows.
 */
import type { AssessmentStatus, Carer, ConsentDecision, PatientSummary } from './types';
import type { Policy } from '../policy';
import { addDays, addMonthsCapped, ageOn, compareDates, today, toCalendarDate, type CalendarDate } from './dates';

/** The first of the candidate dates that is a valid date, as a calendar date in the policy's zone. */
function firstDate(policy: Pick<Policy, 'timeZone'>, ...candidates: (string | undefined)[]): CalendarDate | undefined {
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const date = toCalendarDate(candidate, policy.timeZone);
    if (date !== undefined) return date;
  }
  return undefined;
}

/**
 * A related person who is part of the patient's life now: active, and their relationship has not
 * ended (RelatedPerson.period.end before today). An ended relationship is history, not a carer.
 */
export function isCurrent(carer: Carer, policy: Pick<Policy, 'timeZone'>, now: Date): boolean {
  if (!carer.active) return false;
  if (carer.endedOn === undefined) return true;
  const ended = toCalendarDate(carer.endedOn, policy.timeZone, { partial: 'end' });
  return ended === undefined || compareDates(ended, today(now, policy.timeZone)) >= 0;
}

/** A current related person whom the record marks as the patient's carer: the people carer prompts are about. */
export function isActiveCarer(carer: Carer, policy: Pick<Policy, 'timeZone'>, now: Date): boolean {
  return carer.carerStatus === 'carer' && isCurrent(carer, policy, now);
}

/**
 * The carer's age in completed years today (policy zone), or `undefined` without a usable birth
 * date. A partial birth date gives the youngest age the person can be (see dates.ts `ageOn`).
 */
export function carerAge(carer: Carer, policy: Policy, now: Date): number | undefined {
  if (carer.birthDate === undefined) return undefined;
  return ageOn(carer.birthDate, today(now, policy.timeZone));
}

/**
 * A carer under `policy.youngCarerUnderAge` (18: Children Act 1989 s.17ZA) today. On their 18th
 * birthday a carer is no longer a young carer. Contacts not (yet) confirmed as carers are not young
 * carers; whether the person is active is left to the caller (the report shows history too).
 */
export function isYoungCarer(carer: Carer, policy: Policy, now: Date): boolean {
  if (carer.carerStatus !== 'carer') return false;
  const age = carerAge(carer, policy, now);
  return age !== undefined && age < policy.youngCarerUnderAge;
}

/**
 * When the carer's needs assessment is next due for review: the last completed (or declined)
 * assessment plus `policy.assessmentReviewMonths` (at least annually: NSF mental health standard
 * six). `undefined` while no assessment has been completed or declined.
 *
 * A completed assessment without its date falls back to the date the carer answered, then to the
 * date of the offer: the assessment happened after both, so the review is never later than due.
 */
export function assessmentReviewDue(assessment: AssessmentStatus, policy: Policy): CalendarDate | undefined {
  const from = lastAssessedOn(assessment, policy);
  return from === undefined ? undefined : addMonthsCapped(from, policy.assessmentReviewMonths);
}

/**
 * The day the review interval counts from: the last completed assessment (or the carer's answer,
 * or the offer, when its date is missing), or the day the carer declined. `undefined` otherwise.
 * A significant change after this day makes the review due at once (./significantChange.ts).
 */
export function lastAssessedOn(assessment: AssessmentStatus, policy: Pick<Policy, 'timeZone'>): CalendarDate | undefined {
  if (assessment.status === 'completed') return firstDate(policy, assessment.completedOn, assessment.respondedOn, assessment.offeredOn);
  if (assessment.status === 'declined') return firstDate(policy, assessment.respondedOn, assessment.offeredOn);
  return undefined;
}

/**
 * When the patient's decision about sharing with a carer is due for review, or `undefined` when
 * there is no decision to review (`none`, `unknown`, `conflict`) or its date is unknown.
 *
 * - permit / deny / partial: the review date on the Consent (the review-due extension); without
 *   one, the decision date plus `policy.consentReviewMonths`.
 * - withdrawn: the withdrawal date plus `policy.consentReviewMonths` when known (asking again counts
 *   from the withdrawal, so a patient who has just withdrawn consent is not asked again at once);
 *   otherwise as above.
 * - expired: the day its validity ended (already past: ask again).
 * - lacks-capacity: the ask-again date recorded with it; without one, the day it was recorded.
 */
export function consentReviewDue(consent: ConsentDecision, policy: Policy): CalendarDate | undefined {
  if (consent.decision === 'none' || consent.decision === 'unknown' || consent.decision === 'conflict') return undefined;
  if (consent.decision === 'expired') return firstDate(policy, consent.expiredOn, consent.validUntil);
  if (consent.decision === 'lacks-capacity') return firstDate(policy, consent.reviewDue, consent.recordedOn);
  if (consent.decision === 'withdrawn') {
    const withdrawn = firstDate(policy, consent.withdrawnOn);
    if (withdrawn !== undefined) return addMonthsCapped(withdrawn, policy.consentReviewMonths);
  }
  const explicit = firstDate(policy, consent.reviewDue);
  if (explicit !== undefined) return explicit;
  const recorded = firstDate(policy, consent.recordedOn);
  return recorded === undefined ? undefined : addMonthsCapped(recorded, policy.consentReviewMonths);
}

/**
 * The date by which the carer's first needs-assessment offer is due: `policy.firstOfferWithinMonths`
 * after the carer was identified or the patient's service started, whichever is later (a carer
 * identified long after the service started gets the full period from identification).
 *
 * The carer was identified on RelatedPerson.period.start, or else on the date their carer status
 * was confirmed. `undefined` when neither clock's start is known.
 */
export function firstOfferDeadline(carer: Carer, patient: PatientSummary, policy: Policy): CalendarDate | undefined {
  const identified = firstDate(policy, carer.identifiedOn, carer.carerStatus === 'carer' ? carer.carerStatusAskedOn : undefined);
  const serviceStart = firstDate(policy, patient.serviceStart);
  const starts = [identified, serviceStart].filter((d): d is CalendarDate => d !== undefined);
  if (starts.length === 0) return undefined;
  const latest = starts.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
  return addMonthsCapped(latest, policy.firstOfferWithinMonths);
}

/**
 * The dates a clinician's forms start from, computed once with the policy (the panel does no date
 * arithmetic): today, the review date of a decision recorded today, the date to ask again when the
 * patient is unable to decide, and whether the patient is under 16 (Gillick competence, not the
 * Mental Capacity Act, is then the test of whether they can decide).
 */
export interface FormDefaults {
  today: CalendarDate;
  consentReviewDue: CalendarDate;
  askAgainOn: CalendarDate;
  patientUnder16: boolean;
}

/** The dates a consent decision recorded now starts from, whoever the patient is. */
export function consentDateDefaults(policy: Policy, now: Date): Omit<FormDefaults, 'patientUnder16'> {
  const on = today(now, policy.timeZone);
  return { today: on, consentReviewDue: addMonthsCapped(on, policy.consentReviewMonths), askAgainOn: addDays(on, policy.askAgainDays) };
}

export function formDefaults(patient: PatientSummary, policy: Policy, now: Date): FormDefaults {
  const dates = consentDateDefaults(policy, now);
  const age = patient.birthDate === undefined ? undefined : ageOn(patient.birthDate, dates.today);
  return { ...dates, patientUnder16: age !== undefined && age < 16 };
}
