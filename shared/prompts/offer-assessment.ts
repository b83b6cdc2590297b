/**
 * offer-assessment: an active carer who has not been offered a carer's needs assessment. The first
 * offer is due within `policy.firstOfferWithinMonths` of the carer being identified or the service
 * starting (whichever is later); past that date the prompt becomes critical.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { compareDates, today } from '../domain/dates';
import { firstOfferDeadline, isActiveCarer, isYoungCarer } from '../domain/derive';
import { carerLabel, displayDate, summaryLine } from '../domain/describe';

export const COMMITMENT =
  "Care Act 2014 s.10: every carer is offered an assessment of their own needs, first within 3 months of the service starting";

export function offerAssessment(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  const todayDate = today(now, policy.timeZone);
  const commitment = COMMITMENT.replace('3 months', `${policy.firstOfferWithinMonths} month${policy.firstOfferWithinMonths === 1 ? '' : 's'}`);
  return ctx.carers
    .filter((carer) => isActiveCarer(carer) && carer.assessment.status === 'not-offered')
    .map((carer): Prompt => {
      const deadline = firstOfferDeadline(carer, ctx.patient, policy);
      const overdue = deadline !== undefined && compareDates(todayDate, deadline) > 0;
      const label = carerLabel(carer);
      const young = isYoungCarer(carer, policy, now);
      const summary = overdue
        ? `Needs assessment not offered to ${label} — first offer was due ${displayDate(deadline)}`
        : `Offer ${label} a carer's needs assessment${deadline === undefined ? '' : ` by ${displayDate(deadline)}`}`;
      return {
        id: `offer-assessment:${carer.reference}`,
        code: 'offer-assessment',
        severity: overdue ? 'critical' : 'warning',
        summary: summaryLine(summary),
        detail:
          (young
            ? "This carer is under 18: offer a young carer's needs assessment (Children Act 1989 s.17ZA) through the local authority. "
            : "Offer a carer's needs assessment: the local authority assesses the carer's own needs (Care Act 2014 s.10). ") +
          'Record the offer, and the answer when the carer gives it.' +
          (deadline === undefined ? ' When the carer was identified and when the service started are not recorded, so the deadline is unknown.' : ''),
        commitment,
        actions: [{ kind: 'offer-assessment', label: 'Record assessment offer' }],
        carer: carer.reference,
        snoozable: true,
      };
    });
}
