/**
 * refer-carer-assessment: an adult carer whose carer's assessment was accepted, or has taken place,
 * and who has not been referred to the carers' support organisation / local authority for the
 * statutory carer's assessment in this round (shared/domain/assessment.ts `referralExpected`). The
 * prompt ends once a referral Task is recorded (shared/actions/refer-carer-assessment.ts).
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isReferred, referralExpected } from '../domain/assessment';
import { carerLabel, summaryLine } from '../domain/describe';

/** Recommendation 3 of the county's carers' recommendations, in its own words. */
export const RECOMMENDATION_3 = 'Involvement of the carer support organisations at assessment and subject to carers consent, sharing the statutory assessment';

export const COMMITMENT = `County carers' recommendation 3: "${RECOMMENDATION_3}"`;

export function referCarerAssessment(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => referralExpected(carer, policy, now) && !isReferred(carer))
    .map((carer): Prompt => ({
      id: `refer-carer-assessment:${carer.reference}`,
      code: 'refer-carer-assessment',
      severity: 'info',
      summary: summaryLine(`Refer ${carerLabel(carer)} to carers' support for their statutory carer's assessment`),
      detail:
        `${carer.assessment.status === 'completed' ? "The carer's assessment has taken place" : "The carer accepted a carer's assessment"}, and no referral is recorded. ` +
        `Recommendation 3: "${RECOMMENDATION_3}". The local authority carries out the statutory carer's assessment (Care Act 2014 s.10); ` +
        "refer the carer to it or to the carers' support organisation that assesses for it, and ask the carer whether their assessment may be shared with that organisation.",
      commitment: COMMITMENT,
      actions: [{ kind: 'refer-carer-assessment', label: "Record referral for carer's assessment" }],
      carer: carer.reference,
      snoozable: true,
    }));
}
