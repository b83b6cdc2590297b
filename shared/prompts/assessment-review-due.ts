/**
 * assessment-review-due: the carer's last assessment was completed (or declined) at least
 * `policy.assessmentReviewMonths` ago: due on that date plus the interval, or sooner when a
 * significant change has happened since (an admission, a detention, a discharge, a new carer, the
 * carer's own illness, the patient's death: shared/domain/significantChange.ts) — then it is due now.
 * A declined offer is made again, since a carer's circumstances change. When the record has no date
 * at all the review is treated as due. After the patient's death only the death itself makes it due.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { compareDates, today } from '../domain/dates';
import { isActiveCarer } from '../domain/derive';
import { carerAssessmentReviewDue } from '../domain/significantChange';
import { carerLabel, displayDate, summaryLine } from '../domain/describe';

export const COMMITMENT =
  "Local standard (the county's carers' policy, recommendation 4): a carer's assessment \"within 3 months of the initial service, annually there after or sooner if a significant change in needs/circumstances do arise\"";

/** "The patient was admitted" → "the patient was admitted" (never "mental health act"). */
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

export function assessmentReviewDue(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  const todayDate = today(now, policy.timeZone);
  const prompts: Prompt[] = [];
  for (const carer of ctx.carers) {
    const { status } = carer.assessment;
    if (!isActiveCarer(carer, policy, now) || (status !== 'completed' && status !== 'declined')) continue;
    const { due, change, changes } = carerAssessmentReviewDue(ctx, carer, policy, now);
    if (ctx.patient.deceased !== undefined && !changes.some((c) => c.kind === 'patient-died')) continue;
    if (due !== undefined && compareDates(todayDate, due) < 0) continue;
    const label = carerLabel(carer);
    const when = due === undefined ? 'date of the last one not recorded' : change ? `due now: ${lowerFirst(change.label)} on ${displayDate(change.on)}` : `due ${displayDate(due)}`;
    prompts.push({
      id: `assessment-review-due:${carer.reference}`,
      code: 'assessment-review-due',
      severity: 'warning',
      summary: summaryLine(
        status === 'completed' ? `Carer's assessment review for ${label} — ${when}` : `${label} declined a carer's assessment — offer again (${when})`,
      ),
      detail:
        (change ? `A significant change since the last assessment: ${lowerFirst(change.label)} on ${displayDate(change.on)}. Needs and circumstances change with it, so the review is due now. ` : '') +
        (status === 'completed'
          ? `The carer's assessment is reviewed at least every ${policy.assessmentReviewMonths} months, or sooner if things change. `
          : `The carer declined an assessment; offer it again after ${policy.assessmentReviewMonths} months, as circumstances change. `) +
        'Record the new offer and the answer.',
      commitment: COMMITMENT,
      actions: [
        { kind: 'offer-assessment', label: 'Record new offer' },
        { kind: 'record-assessment-outcome', label: 'Record outcome' },
      ],
      carer: carer.reference,
      snoozable: true,
    });
  }
  return prompts;
}
