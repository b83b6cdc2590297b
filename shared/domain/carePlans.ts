/**
 * What the patient's care plans say about one carer: the one meaning the prompt
 * (involve-carer-in-care-plan), the panel and the audit share. A carer is involved in a plan when the
 * plan names them (contributor, care team) or a clinician recorded their involvement
 * (adapter/mapping/readCarePlan.ts builds `involves` from both).
 */
import { permitsInvolvement } from '../consent/decisionInForce';
import type { Carer, CarePlanKind, CarePlanSummary, CarerContext } from './types';

/** The patient's current plans that do not involve this carer; `undefined` when care plans were not read. */
export function plansWithoutCarer(ctx: Pick<CarerContext, 'carePlans'>, carer: Pick<Carer, 'reference'>): CarePlanSummary[] | undefined {
  return ctx.carePlans?.filter((plan) => !plan.involves.includes(carer.reference));
}

/**
 * A carer the patient's care planning should involve and does not yet: the decision in force permits
 * involvement, and at least one current plan does not involve them.
 */
export function awaitsCarePlanInvolvement(ctx: Pick<CarerContext, 'carePlans'>, carer: Pick<Carer, 'reference' | 'consent'>): boolean {
  return permitsInvolvement(carer.consent) && (plansWithoutCarer(ctx, carer)?.length ?? 0) > 0;
}

export const CARE_PLAN_KIND_LABEL: Readonly<Record<CarePlanKind, string>> = {
  'care-plan': 'care plan',
  'crisis-plan': 'crisis plan',
  'advance-care-plan': 'advance care plan',
};

/** "crisis plan “Relapse plan”": a plan as a clinician recognises it (title as text). */
export function carePlanLabel(plan: CarePlanSummary): string {
  const title = (plan.title ?? '').replace(/\s+/g, ' ').trim();
  return title ? `${CARE_PLAN_KIND_LABEL[plan.kind]} “${title.length > 60 ? `${title.slice(0, 59)}…` : title}”` : CARE_PLAN_KIND_LABEL[plan.kind];
}
