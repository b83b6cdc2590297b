/**
 * How long a patient's "asked: no carers" answer holds: the one rule the panel (identify-carers) and
 * the audit both use, so "identified" means the same on a ward and in a board report. Carers are
 * identified at first contact or as soon as possible after, and circumstances change, so the
 * question is asked again `policy.assessmentReviewMonths` after the answer; an answer with no date
 * (or one that cannot be read as a date) may be any age, so it is asked again at once.
 */
import type { Policy } from '../policy';
import { addMonthsCapped, compareDates, today, toCalendarDate, type CalendarDate } from './dates';

/** The day the question is asked again; undefined when the answer has no readable date (ask again now). */
export function noCarersAskAgainOn(askedOn: string | undefined, policy: Pick<Policy, 'timeZone' | 'assessmentReviewMonths'>): CalendarDate | undefined {
  const asked = askedOn === undefined ? undefined : toCalendarDate(askedOn, policy.timeZone);
  return asked === undefined ? undefined : addMonthsCapped(asked, policy.assessmentReviewMonths);
}

/** The answer still holds on `now`'s date: it has a date, and the ask-again day has not come. */
export function noCarersAnswerHolds(askedOn: string | undefined, policy: Pick<Policy, 'timeZone' | 'assessmentReviewMonths'>, now: Date): boolean {
  const again = noCarersAskAgainOn(askedOn, policy);
  return again !== undefined && compareDates(today(now, policy.timeZone), again) < 0;
}
