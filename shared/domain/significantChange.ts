/**
 * A significant change in a carer's circumstances, and the carer's assessment review it makes due:
 * the one meaning of "review due" (the assessment-review-due prompt, `carers` and the audit's
 * worklist use it). The seed, recommendation 4: a carer's assessment "within 3 months of the initial
 * service, annually there after or sooner if a significant change in needs/circumstances do arise".
 *
 * What counts, after the last assessment (derive.ts lastAssessedOn) and up to today:
 * - the patient admitted (a new inpatient episode started) or detained under the Mental Health Act;
 * - the patient discharged (an inpatient episode finished);
 * - a new carer identified for the patient (another carer's RelatedPerson.period.start);
 * - the patient's death (a Patient.deceasedDateTime);
 * - anything a clinician recorded as a significant change (the `circumstances-changed` action: the
 *   carer's own illness, among others).
 * Definitions of admission, detention and discharge are shared/domain/episodes.ts's.
 */
import type { Carer, CarerContext } from './types';
import type { Policy } from '../policy';
import { CIRCUMSTANCE_CHANGES, type CircumstanceChange } from '../terminology';
import { addMonthsCapped, compareDates, today, toCalendarDate, type CalendarDate } from './dates';
import { isActiveCarer, lastAssessedOn } from './derive';
import { dischargedOn, episodeStartedOn, isInpatientEpisode } from './episodes';
import { identityKeys } from './duplicates';

export interface SignificantChange {
  kind: CircumstanceChange;
  on: CalendarDate;
  /** Plain English ("The patient was admitted"). */
  label: string;
}

/** Significant changes after `after` (exclusive) and on or before today, earliest first. */
export function significantChangesAfter(ctx: CarerContext, carer: Carer, after: CalendarDate, policy: Policy, now: Date): SignificantChange[] {
  const day = today(now, policy.timeZone);
  const changes: SignificantChange[] = [];
  const add = (kind: CircumstanceChange, on: CalendarDate | undefined, label: string = CIRCUMSTANCE_CHANGES[kind]) => {
    if (on !== undefined && compareDates(on, after) > 0 && compareDates(on, day) <= 0) changes.push({ kind, on, label });
  };
  for (const episode of ctx.patient.episodes ?? []) {
    if (!isInpatientEpisode(episode)) continue;
    add(episode.detained ? 'detention' : 'inpatient-admission', episodeStartedOn(episode, policy));
    add('discharge', dischargedOn(episode, policy));
  }
  const own = new Set(identityKeys(carer));
  for (const other of ctx.carers) {
    if (other.reference === carer.reference || !isActiveCarer(other, policy, now) || other.identifiedOn === undefined) continue;
    // The same person recorded again (shared/domain/duplicates.ts) is not a new carer.
    if (identityKeys(other).some((key) => own.has(key))) continue;
    add('new-carer', toCalendarDate(other.identifiedOn, policy.timeZone));
  }
  if (typeof ctx.patient.deceased === 'string') add('patient-died', toCalendarDate(ctx.patient.deceased, policy.timeZone));
  const recorded = carer.circumstancesChanged;
  if (recorded !== undefined) {
    const kind = recorded.what ?? 'other';
    add(kind, toCalendarDate(recorded.on, policy.timeZone), `${CIRCUMSTANCE_CHANGES[kind]} (recorded)`);
  }
  return changes.sort((a, b) => compareDates(a.on, b.on));
}

export interface AssessmentReviewDue {
  /** The day the review is due: the interval's end, or the first significant change, whichever is earlier. */
  due: CalendarDate | undefined;
  /** The first significant change since the last assessment, when one brought the review forward. */
  change?: SignificantChange;
  /** Every significant change since the last assessment, earliest first. */
  changes: SignificantChange[];
}

/**
 * When the carer's assessment is due for review. `due` is undefined while nothing was completed or
 * declined, or when the last one has no date at all (the caller treats that as due now).
 */
export function carerAssessmentReviewDue(ctx: CarerContext, carer: Carer, policy: Policy, now: Date): AssessmentReviewDue {
  const from = lastAssessedOn(carer.assessment, policy);
  if (from === undefined) return { due: undefined, changes: [] };
  const interval = addMonthsCapped(from, policy.assessmentReviewMonths);
  const changes = significantChangesAfter(ctx, carer, from, policy, now);
  const change = changes[0];
  if (change !== undefined && compareDates(change.on, interval) < 0) return { due: change.on, change, changes };
  return { due: interval, changes };
}
