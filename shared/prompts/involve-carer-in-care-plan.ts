/**
 * involve-carer-in-care-plan: the patient has a current care plan (a care plan, a crisis plan or an
 * advance care plan: CarePlan, status active) and a carer whose decision in force permits involvement
 * (shared/consent/decisionInForce.ts `permitsInvolvement`) is not involved in it. Ends when every
 * current plan involves the carer (named in the plan, or recorded by
 * shared/actions/involve-carer-in-care-plan.ts). Nothing is said when care plans could not be read.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { awaitsCarePlanInvolvement, carePlanLabel, plansWithoutCarer } from '../domain/carePlans';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT =
  'Carers’ charter: "We will ensure that carers are involved in advance care planning"; NICE QS200 statement 2 (carers are involved in decisions and care planning); Triangle of Care criterion 1.5';

export function involveCarerInCarePlan(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isActiveCarer(carer, policy, now) && awaitsCarePlanInvolvement(ctx, carer))
    .map((carer): Prompt => {
      const plans = plansWithoutCarer(ctx, carer) ?? [];
      const which = plans.length === 1 && plans[0] ? `the ${carePlanLabel(plans[0])}` : `${plans.length} current plans`;
      const limits =
        carer.consent.decision === 'partial' && (carer.consent.mayNotShare ?? []).length > 0
          ? ` The patient's decision is partial: do not share ${(carer.consent.mayNotShare ?? []).join('; ')}.`
          : '';
      return {
        id: `involve-carer-in-care-plan:${carer.reference}`,
        code: 'involve-carer-in-care-plan',
        severity: 'warning',
        summary: summaryLine(`Involve ${carerLabel(carer)} in ${which}`),
        detail:
          `The carers' charter says: "We will ensure that carers are involved in advance care planning". The patient's decision ` +
          `permits involving this carer, and these current plans do not yet involve them: ${plans.map(carePlanLabel).join('; ')}. ` +
          `Ask the carer what they know, what they can and cannot do, and what they need, and record their involvement.${limits}`,
        commitment: COMMITMENT,
        actions: [{ kind: 'involve-carer-in-care-plan', label: 'Record carer’s involvement' }],
        carer: carer.reference,
        carePlans: plans.map((p) => p.reference),
        snoozable: true,
      };
    });
}
