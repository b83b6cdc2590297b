/**
 * Carers across the pathway (issue 11, commitments 1 and 2), counted for the audited caseload with
 * the panel's own meanings:
 * - involvement in care planning: carers whose decision in force permits involvement
 *   (shared/consent/decisionInForce.ts `permitsInvolvement`) and whose patient has a current care
 *   plan, and how many of them every current plan involves (shared/domain/carePlans.ts);
 * - contingency plans: carers with one recorded, split by young carer (shared/domain/derive.ts
 *   `isYoungCarer`, the audit's `carers.young`) — NHS England asks for this count with young carers;
 * - carers recorded as given the crisis and out-of-hours numbers.
 */
import { awaitsCarePlanInvolvement } from '../domain/carePlans';
import { permitsInvolvement } from '../consent/decisionInForce';
import type { Carer, CarePlanSummary, CarerReference } from '../domain/types';
import type { PathwayPlans, Rate } from './coverage';
import type { RecordedActionsState } from './recordedActions';

/** Counts carers one by one as finalise classifies them (after duplicates are merged). */
export class PathwayPlansTally {
  private readonly plansOf = new Map<string, CarePlanSummary[]>();
  private readonly actionsOf = new Map<string, Set<string>>();
  private readonly counts = { carePlanEligible: 0, carePlanInvolved: 0, carers: 0, carersWithContingencyPlan: 0, youngCarers: 0, youngCarersWithContingencyPlan: 0, carersGivenCrisisNumbers: 0 };

  constructor(recorded: RecordedActionsState) {
    const involvedByTask = new Map<string, string[]>();
    for (const action of recorded.carerActions.values()) {
      const done = this.actionsOf.get(action.carer) ?? new Set<string>();
      done.add(action.action);
      this.actionsOf.set(action.carer, done);
      if (action.action === 'care-plan-involved' && action.carePlan !== undefined) involvedByTask.set(action.carePlan, [...(involvedByTask.get(action.carePlan) ?? []), action.carer]);
    }
    for (const plan of recorded.carePlans.values()) {
      const involves = [...new Set([...plan.involves, ...(involvedByTask.get(plan.id) ?? [])])].map((id): CarerReference => `RelatedPerson/${id}`);
      const list = this.plansOf.get(plan.patient) ?? [];
      list.push({ reference: `CarePlan/${plan.id}`, kind: 'care-plan', involves });
      this.plansOf.set(plan.patient, list);
    }
  }

  /** One active carer of an audited patient, with the decision in force the audit weighed for them. */
  add(carer: Carer, patientId: string, young: boolean): void {
    const done = this.actionsOf.get(carer.id);
    const plans = this.plansOf.get(patientId) ?? [];
    const c = this.counts;
    c.carers += 1;
    if (permitsInvolvement(carer.consent) && plans.length > 0) {
      c.carePlanEligible += 1;
      if (!awaitsCarePlanInvolvement({ carePlans: plans }, carer)) c.carePlanInvolved += 1;
    }
    const hasPlan = done?.has('contingency-plan-agreed') === true;
    if (hasPlan) c.carersWithContingencyPlan += 1;
    if (young) {
      c.youngCarers += 1;
      if (hasPlan) c.youngCarersWithContingencyPlan += 1;
    }
    if (done?.has('crisis-numbers-given') === true) c.carersGivenCrisisNumbers += 1;
  }

  result(rate: (numerator: number, denominator: number) => Rate): PathwayPlans {
    const c = this.counts;
    return {
      carePlanEligible: c.carePlanEligible,
      carePlanInvolved: c.carePlanInvolved,
      carePlanInvolvement: rate(c.carePlanInvolved, c.carePlanEligible),
      carersWithContingencyPlan: c.carersWithContingencyPlan,
      youngCarers: c.youngCarers,
      youngCarersWithContingencyPlan: c.youngCarersWithContingencyPlan,
      contingencyPlans: rate(c.carersWithContingencyPlan, c.carers),
      carersGivenCrisisNumbers: c.carersGivenCrisisNumbers,
    };
  }
}
