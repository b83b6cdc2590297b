/**
 * carer-sharing-consent: a carer referred for the statutory carer's assessment has not been asked
 * (or the record does not say) whether their assessment may be shared with the carers' support
 * organisation. The decision is the CARER's own, about their own information: no patient consent
 * is needed or implied (shared/consent/decisionInForce.ts never reads it as the patient's).
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { carerSharingAnswered, isReferred } from '../domain/assessment';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';
import { COMMITMENT, RECOMMENDATION_3 } from './refer-carer-assessment';

export { COMMITMENT };

export function carerSharingConsent(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isActiveCarer(carer, policy, now) && isReferred(carer) && !carerSharingAnswered(carer))
    .map((carer): Prompt => {
      const to = carer.assessment.referredTo;
      return {
        id: `carer-sharing-consent:${carer.reference}`,
        code: 'carer-sharing-consent',
        severity: 'info',
        summary: summaryLine(`Ask ${carerLabel(carer)} whether their carer's assessment may be shared with ${to ?? "the carers' support organisation"}`),
        detail:
          `Recommendation 3: "${RECOMMENDATION_3}". The carer was referred${to === undefined ? '' : ` to ${to}`}; sharing their assessment is ` +
          "their decision, about their own information (not the patient's consent). Record whether they agree.",
        commitment: COMMITMENT,
        actions: [{ kind: 'record-carer-sharing-consent', label: "Record the carer's decision" }],
        carer: carer.reference,
        snoozable: true,
      };
    });
}
