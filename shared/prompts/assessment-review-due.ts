/**
 * assessment-review-due: the carer's last assessment was completed (or declined) at least
 * `policy.assessmentReviewMonths` ago: due on that date plus the interval. A declined offer is made
 * again, since a carer's circumstances change. When the record has no date at all the review is
 * treated as due.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { compareDates, today } from '../domain/dates';
import { assessmentReviewDue as reviewDueOn, isActiveCarer } from '../domain/derive';
import { carerLabel, displayDate, summaryLine } from '../domain/describe';

export const COMMITMENT =
  "Local standard (the county's carers' policy): a carer's assessment is reviewed annually, or sooner if needs or circumstances change significantly";

export function assessmentReviewDue(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  const todayDate = today(now, policy.timeZone);
  const prompts: Prompt[] = [];
  for (const carer of ctx.carers) {
    const { status } = carer.assessment;
    if (!isActiveCarer(carer, policy, now) || (status !== 'completed' && status !== 'declined')) continue;
    const due = reviewDueOn(carer.assessment, policy);
    if (due !== undefined && compareDates(todayDate, due) < 0) continue;
    const label = carerLabel(carer);
    const when = due === undefined ? 'date of the last one not recorded' : `due ${displayDate(due)}`;
    prompts.push({
      id: `assessment-review-due:${carer.reference}`,
      code: 'assessment-review-due',
      severity: 'warning',
      summary: summaryLine(
        status === 'completed' ? `Carer's assessment review for ${label} — ${when}` : `${label} declined a carer's assessment — offer again (${when})`,
      ),
      detail:
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
