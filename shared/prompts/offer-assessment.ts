/**
 * offer-assessment: an active carer who has not been offered a carer's assessment. The first offer
 * is due within `policy.firstOfferWithinMonths` of the carer being identified or the service
 * starting (whichever is later): the county's local standard, not a statutory deadline. Past that
 * date the prompt reads "Overdue" (a warning, not a safety alert).
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { compareDates, today } from '../domain/dates';
import { firstOfferDeadline, isActiveCarer } from '../domain/derive';
import { assessmentRoute } from '../domain/assessmentRoute';
import { carerLabel, displayDate, summaryLine } from '../domain/describe';

export const COMMITMENT =
  "Local standard (the county's carers' policy): every carer is offered a carer's assessment within 3 months of the service starting, then reviewed annually or sooner on significant change";

export function offerAssessment(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  const todayDate = today(now, policy.timeZone);
  const commitment = COMMITMENT.replace('3 months', `${policy.firstOfferWithinMonths} month${policy.firstOfferWithinMonths === 1 ? '' : 's'}`);
  return ctx.carers
    .filter((carer) => isActiveCarer(carer, policy, now) && carer.assessment.status === 'not-offered')
    .map((carer): Prompt => {
      const deadline = firstOfferDeadline(carer, ctx.patient, policy);
      const overdue = deadline !== undefined && compareDates(todayDate, deadline) > 0;
      const label = carerLabel(carer);
      // The law follows the carer's and the patient's ages, never the policy's young-carer age (shared/domain/assessmentRoute.ts).
      const route = assessmentRoute(carer, ctx.patient, policy, now);
      const summary = overdue
        ? `Overdue: offer ${label} a carer's assessment — the first offer was due ${displayDate(deadline)}`
        : `Offer ${label} a carer's assessment${deadline === undefined ? '' : ` by ${displayDate(deadline)}`}`;
      return {
        id: `offer-assessment:${carer.reference}`,
        code: 'offer-assessment',
        severity: 'warning',
        summary: summaryLine(summary),
        detail:
          `${route.sentence} ` +
          'Record the offer, and the answer when the carer gives it.' +
          (deadline === undefined ? ' When the carer was identified and when the service started are not recorded, so the deadline is unknown.' : ''),
        commitment,
        actions: [{ kind: 'offer-assessment', label: 'Record assessment offer' }],
        carer: carer.reference,
        snoozable: true,
      };
    });
}
