/**
 * follow-up-assessment-offer: an assessment was offered and the carer has not answered after
 * `policy.offerFollowUpDays` days (due on the offer date plus that many days). An offer without a
 * date is followed up at once: nobody can tell how long it has waited.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { daysBetween, today, toCalendarDate } from '../domain/dates';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, displayDate, summaryLine } from '../domain/describe';

export const COMMITMENT = "Local standard (the county's carers' policy): an offered carer's assessment is followed up until the carer has answered";

export function followUpAssessmentOffer(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  const todayDate = today(now, policy.timeZone);
  const prompts: Prompt[] = [];
  for (const carer of ctx.carers) {
    if (!isActiveCarer(carer, policy, now) || carer.assessment.status !== 'offered') continue;
    const offeredOn = carer.assessment.offeredOn === undefined ? undefined : toCalendarDate(carer.assessment.offeredOn, policy.timeZone);
    const waited = offeredOn === undefined ? undefined : daysBetween(offeredOn, todayDate);
    if (waited !== undefined && waited < policy.offerFollowUpDays) continue;
    prompts.push({
      id: `follow-up-assessment-offer:${carer.reference}`,
      code: 'follow-up-assessment-offer',
      severity: 'warning',
      summary: summaryLine(
        offeredOn === undefined
          ? `Follow up the carer's assessment offered to ${carerLabel(carer)} — offer date not recorded`
          : `Follow up the carer's assessment offered to ${carerLabel(carer)} on ${displayDate(offeredOn)}`,
      ),
      detail:
        (waited === undefined ? 'The offer has no date. ' : `The offer was made ${waited} days ago and no answer is recorded. `) +
        'Ask the carer whether they want the assessment and record whether they accepted or declined (and why).',
      commitment: COMMITMENT,
      actions: [{ kind: 'record-assessment-outcome', label: 'Record answer' }],
      carer: carer.reference,
      snoozable: true,
    });
  }
  return prompts;
}
