/**
 * How long a patient's "asked: no carers" answer holds: the one rule the panel (identify-carers) and
 * the audit both use, so "identified" means the same on a ward and in a board report. Carers are
 * identified at first contact or as soon as possible after, and circumstances change, so the
 * question is asked again `policy.assessmentReviewMonths` after the answer, or at the next new
 * episode (a new first contact: an EpisodeOfCare that started after the day of the answer,
 * shared/domain/episodes.ts), whichever comes first; an answer with no date (or one that cannot be
 * read as a date) may be any age, so it is asked again at once.
 */
import type { Policy } from '../policy';
import type { Episode } from './types';
import { addMonthsCapped, compareDates, today, toCalendarDate, type CalendarDate } from './dates';
import { firstEpisodeStartAfter } from './episodes';

/**
 * The day the question is asked again; undefined when the answer has no readable date (ask again
 * now). `episodes`: the patient's episodes, or just their start dates (the audit keeps no more).
 */
export function noCarersAskAgainOn(
  askedOn: string | undefined,
  policy: Pick<Policy, 'timeZone' | 'assessmentReviewMonths'>,
  episodes?: readonly Episode[] | readonly string[],
): CalendarDate | undefined {
  const asked = askedOn === undefined ? undefined : toCalendarDate(askedOn, policy.timeZone);
  if (asked === undefined) return undefined;
  const interval = addMonthsCapped(asked, policy.assessmentReviewMonths);
  const newEpisode = firstEpisodeStartAfter(episodes, asked, policy);
  return newEpisode !== undefined && compareDates(newEpisode, interval) < 0 ? newEpisode : interval;
}

/** The answer still holds on `now`'s date: it has a date, and the ask-again day has not come. */
export function noCarersAnswerHolds(
  askedOn: string | undefined,
  policy: Pick<Policy, 'timeZone' | 'assessmentReviewMonths'>,
  now: Date,
  episodes?: readonly Episode[] | readonly string[],
): boolean {
  const again = noCarersAskAgainOn(askedOn, policy, episodes);
  return again !== undefined && compareDates(today(now, policy.timeZone), again) < 0;
}
