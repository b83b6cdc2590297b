import { describe, expect, it } from 'vitest';
import type { AuditFact } from '../../../shared/audit/facts';
import { finaliseCoverage } from '../../../shared/audit/finalise';
import { addFact, emptyAuditState, mergeAuditStates } from '../../../shared/audit/state';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { NOW, carer, consent, patient } from './personas';

// p1 has a crisis plan involving c1 (a contributor) but not c2 (whose involvement is then recorded);
// p2 has a plan involving nobody, and carers c3 (permit) and c4 (deny: never counted as eligible);
// p3 has no plan. c5 is a young carer with a contingency plan.
const FACTS: AuditFact[] = [
  patient('p1', 'North'),
  patient('p2', 'North'),
  patient('p3', 'South'),
  carer('c1', 'p1', { carerStatus: 'carer' }),
  carer('c2', 'p1', { carerStatus: 'carer' }),
  carer('c3', 'p2', { carerStatus: 'carer' }),
  carer('c4', 'p2', { carerStatus: 'carer' }),
  carer('c5', 'p3', { carerStatus: 'carer', birthDate: '2012-01-01' }),
  consent('k1', 'p1', ['c1', 'c2'], 'permit', '2026-10-01'),
  consent('k3', 'p2', ['c3'], 'partial', '2026-10-01'),
  consent('k4', 'p2', ['c4'], 'deny', '2026-10-01'),
  consent('k5', 'p3', ['c5'], 'permit', '2026-10-01'),
  { kind: 'carePlan', id: 'plan1', patient: 'p1', involves: ['c1'] },
  { kind: 'carePlan', id: 'plan2', patient: 'p2', involves: [] },
  { kind: 'carerAction', id: 't1', carer: 'c2', action: 'care-plan-involved', carePlan: 'plan1' },
  { kind: 'carerAction', id: 't2', carer: 'c5', action: 'contingency-plan-agreed' },
  { kind: 'carerAction', id: 't3', carer: 'c1', action: 'contingency-plan-agreed' },
  { kind: 'carerAction', id: 't4', carer: 'c1', action: 'crisis-numbers-given' },
];

describe('carers across the pathway in the audit', () => {
  it("counts carers involved in the patient's current care plans (of those whose decision permits it), contingency plans split by young carer, and crisis numbers given", () => {
    const coverage = finaliseCoverage(FACTS.reduce(addFact, emptyAuditState()), DEFAULT_POLICY, NOW, { complete: true });
    expect(coverage.pathwayPlans).toEqual({
      carePlanEligible: 3,
      carePlanInvolved: 2,
      carePlanInvolvement: { numerator: 2, denominator: 3, percent: 66.7, rag: 'amber' },
      carersWithContingencyPlan: 2,
      youngCarers: 1,
      youngCarersWithContingencyPlan: 1,
      contingencyPlans: { numerator: 2, denominator: 5, percent: 40, rag: 'red' },
      carersGivenCrisisNumbers: 1,
    });
  });

  it('gives the same counts when the population is audited in two parts and merged', () => {
    const whole = finaliseCoverage(FACTS.reduce(addFact, emptyAuditState()), DEFAULT_POLICY, NOW, { complete: true });
    const a = FACTS.filter((_, i) => i % 2 === 0).reduce(addFact, emptyAuditState());
    const b = FACTS.filter((_, i) => i % 2 === 1).reduce(addFact, emptyAuditState());
    expect(finaliseCoverage(mergeAuditStates(a, b), DEFAULT_POLICY, NOW, { complete: true }).pathwayPlans).toEqual(whole.pathwayPlans);
  });

  it('rates care-plan involvement "no data" when no care plan was read (a server without CarePlan)', () => {
    const coverage = finaliseCoverage(FACTS.filter((f) => f.kind !== 'carePlan').reduce(addFact, emptyAuditState()), DEFAULT_POLICY, NOW, { complete: true });
    expect(coverage.pathwayPlans?.carePlanInvolvement).toEqual({ numerator: 0, denominator: 0, percent: null, rag: 'none' });
  });
});
