/**
 * young-carer-referral: an active carer under `policy.youngCarerUnderAge` (18). Young carers are
 * entitled to a young carer's needs assessment and are referred to young carers' support; the
 * prompt ends once a referral is recorded (shared/actions/refer-young-carer.ts).
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { carerAge, isActiveCarer, isYoungCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';
import { assessmentRoute } from '../domain/assessmentRoute';

export const COMMITMENT =
  "Children Act 1989 s.17ZA: young carers are identified and referred for a young carer's needs assessment and support";

export function youngCarerReferral(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isActiveCarer(carer, policy, now) && isYoungCarer(carer, policy, now) && carer.youngCarerReferredOn === undefined)
    .map((carer): Prompt => {
      const age = carerAge(carer, policy, now);
      const route = assessmentRoute(carer, ctx.patient, policy, now);
      return {
        id: `young-carer-referral:${carer.reference}`,
        code: 'young-carer-referral',
        severity: 'warning',
        summary: summaryLine(`${carerLabel(carer)} is a young carer${age === undefined ? '' : `, aged ${age}`} — refer to young carers' support`),
        // The policy may call carers up to 25 "young"; the assessment the law gives them follows their age (assessmentRoute).
        detail:
          route.kind === 'young-carer'
            ? `This carer is under ${policy.youngCarerUnderAge}. Refer them to the local young carers' service and the local ` +
              "authority for a young carer's needs assessment (Children Act 1989 s.17ZA), and think about safeguarding: is caring affecting their health, education or wellbeing?"
            : `This carer is under ${policy.youngCarerUnderAge}, the trust's young-carer age. Refer them to the local young (adult) carers' service. ` +
              `They are 18 or over, so the law's assessment is not a young carer's: ${route.sentence}`,
        commitment: COMMITMENT,
        actions: [{ kind: 'refer-young-carer', label: "Refer to young carers' support" }],
        carer: carer.reference,
        snoozable: true,
      };
    });
}
