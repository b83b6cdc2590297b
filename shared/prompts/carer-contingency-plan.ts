/**
 * carer-contingency-plan: every active carer has a contingency plan — what happens if the carer
 * cannot care (illness, crisis, an emergency of their own) — until one is recorded
 * (shared/actions/record-contingency-plan.ts). The plan is the carer's own, about their caring, so
 * it needs no consent from the patient; what it may say about the patient follows the decision in force.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT = 'County recommendation 6: "Emergency Card Schemes backed up by emergency plans"';

export function carerContingencyPlan(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isActiveCarer(carer, policy, now) && carer.contingencyPlanOn === undefined)
    .map(
      (carer): Prompt => ({
        id: `carer-contingency-plan:${carer.reference}`,
        code: 'carer-contingency-plan',
        severity: 'info',
        summary: summaryLine(`No contingency plan for ${carerLabel(carer)}: what happens if they cannot care?`),
        detail:
          'The county recommends "Emergency Card Schemes backed up by emergency plans". Agree with the carer what happens ' +
          'if they suddenly cannot care (who steps in, who to call, what the patient needs), and record the plan so colleagues ' +
          'can act on it out of hours.',
        commitment: COMMITMENT,
        actions: [{ kind: 'record-contingency-plan', label: 'Record contingency plan' }],
        carer: carer.reference,
        snoozable: true,
      }),
    );
}
