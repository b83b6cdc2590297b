/**
 * What an episode of care means for carers, decided once (../shared/CONVENTIONS.md 1b): the panel's
 * prompts, `carers` and the audit all call these.
 *
 * - An **inpatient episode**: an EpisodeOfCare coded as inpatient, or as a detention under the
 *   Mental Health Act 1983 (a detention is in hospital or a place of safety: the carer's situation
 *   changes as an admission's does). Coded, never guessed from a team's name (shared/terminology.ts).
 * - A **discharge**: a finished inpatient episode, on its period.end.
 * - A **new episode** after a date: an episode (current or finished) that started after that day:
 *   a new first contact with the service, where carers are identified again (Triangle of Care
 *   standard 1: "at first contact or as soon as possible thereafter").
 *
 * Dates are calendar days in the policy's zone; an episode with no readable start is never "new"
 * (nobody can tell when it began) and a finished one with no readable end is no dated discharge.
 */
import type { Episode } from './types';
import type { Policy } from '../policy';
import { compareDates, today, toCalendarDate, type CalendarDate } from './dates';

type Zone = Pick<Policy, 'timeZone'>;

/** Coded as an inpatient episode or a Mental Health Act detention. */
export function isInpatientEpisode(episode: Episode): boolean {
  return episode.inpatient || episode.detained;
}

/** The calendar day an episode started, if readable. */
export function episodeStartedOn(episode: Episode, policy: Zone): CalendarDate | undefined {
  return episode.start === undefined ? undefined : toCalendarDate(episode.start, policy.timeZone);
}

/** The day the patient was discharged from an inpatient episode: a finished inpatient episode's end. */
export function dischargedOn(episode: Episode, policy: Zone): CalendarDate | undefined {
  if (!isInpatientEpisode(episode) || episode.status !== 'finished' || episode.end === undefined) return undefined;
  return toCalendarDate(episode.end, policy.timeZone, { partial: 'end' });
}

/** Inpatient episodes in progress today: current, and started on or before today (or with no start recorded). */
export function currentInpatientEpisodes(episodes: readonly Episode[] | undefined, policy: Zone, now: Date): Episode[] {
  const day = today(now, policy.timeZone);
  return (episodes ?? []).filter((e) => {
    if (e.status !== 'current' || !isInpatientEpisode(e)) return false;
    const start = episodeStartedOn(e, policy);
    return start === undefined || compareDates(start, day) <= 0;
  });
}

/**
 * The first day after `after` on which a new episode started (a new first contact), up to `until`
 * when given; undefined when none did. An episode starting on `after` itself is the same contact.
 */
export function firstEpisodeStartAfter(episodes: readonly Episode[] | readonly string[] | undefined, after: CalendarDate, policy: Zone, until?: CalendarDate): CalendarDate | undefined {
  let first: CalendarDate | undefined;
  for (const episode of episodes ?? []) {
    const start = typeof episode === 'string' ? toCalendarDate(episode, policy.timeZone) : episodeStartedOn(episode, policy);
    if (start === undefined || compareDates(start, after) <= 0) continue;
    if (until !== undefined && compareDates(start, until) > 0) continue;
    if (first === undefined || compareDates(start, first) < 0) first = start;
  }
  return first;
}
