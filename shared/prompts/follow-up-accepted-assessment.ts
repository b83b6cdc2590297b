/**
 * follow-up-accepted-assessment: the carer accepted a needs assessment and it has not happened
 * within `policy.firstOfferWithinMonths` of their acceptance (the seed's period for the assessment:
 * "within 3 months of the initial service"). Due on the acceptance date (else the offer date) plus
 * that period; an accepted assessment with no date at all is followed up at once.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { addMonthsCapped, compareDates, today, toCalendarDate } from '../domain/dates';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, displayDate, summaryLine } from '../domain/describe';

export const COMMITMENT =
  'Local standard (the county\'s carers\' policy, recommendation 4): a carer\'s assessment "within 3 months of the initial service" — an accepted assessment is followed up until it has taken place';

export function followUpAcceptedAssessment(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  const todayDate = today(now, policy.timeZone);
  const prompts: Prompt[] = [];
  for (const carer of ctx.carers) {
    if (!isActiveCarer(carer, policy, now) || carer.assessment.status !== 'accepted') continue;
    // Accepted only by a referral (no offer Task of the trust's): the organisation referred to holds the
    // assessment, and there is no Task here to record its outcome on, so this prompt could not be finished.
    if (carer.assessment.task === undefined && carer.assessment.referral !== undefined) continue;
    const raw = carer.assessment.respondedOn ?? carer.assessment.offeredOn;
    const accepted = raw === undefined ? undefined : toCalendarDate(raw, policy.timeZone);
    const due = accepted === undefined ? undefined : addMonthsCapped(accepted, policy.firstOfferWithinMonths);
    if (due !== undefined && compareDates(todayDate, due) < 0) continue;
    prompts.push({
      id: `follow-up-accepted-assessment:${carer.reference}`,
      code: 'follow-up-accepted-assessment',
      severity: 'warning',
      summary: summaryLine(
        accepted === undefined
          ? `${carerLabel(carer)} accepted a carer's assessment (date not recorded) — has it happened?`
          : `${carerLabel(carer)} accepted a carer's assessment on ${displayDate(accepted)} — not yet held`,
      ),
      detail:
        (accepted === undefined
          ? 'The acceptance has no date, so nobody can tell how long the carer has waited. '
          : `The carer accepted on ${displayDate(accepted)} and no assessment is recorded ${policy.firstOfferWithinMonths} months later. `) +
        "Find out from the carers' service or the local authority (Care Act 2014 s.10) whether it has taken place; record the assessment when it has, or chase it.",
      commitment: COMMITMENT,
      actions: [{ kind: 'record-assessment-outcome', label: 'Record assessment' }],
      carer: carer.reference,
      snoozable: true,
    });
  }
  return prompts;
}
