import { describe, expect, it } from 'vitest';
import { COMMITMENT, carerContingencyPlan } from '../../../shared/prompts/carer-contingency-plan';
import { GraceMother, JaneDaughter, NOW, POLICY, carerWith, contextWith, noonOn } from '../fixtures';

describe('carer-contingency-plan', () => {
  it('prompts for a contingency plan for every active carer without one', () => {
    const prompts = carerContingencyPlan(contextWith({ carers: [JaneDaughter, GraceMother] }), POLICY, NOW);
    expect(prompts.map((p) => p.id)).toEqual(['carer-contingency-plan:RelatedPerson/jane', 'carer-contingency-plan:RelatedPerson/grace']);
    expect(prompts[0]).toMatchObject({ code: 'carer-contingency-plan', commitment: COMMITMENT, actions: [{ kind: 'record-contingency-plan', label: 'Record contingency plan' }], snoozable: true });
    expect(prompts[0]?.summary).toBe('No contingency plan for Jane Smith (Daughter): what happens if they cannot care?');
    expect(prompts[0]?.detail).toContain('"Emergency Card Schemes backed up by emergency plans"');
  });

  it('ends once a plan is recorded, needs no consent, and leaves ended relationships alone', () => {
    expect(carerContingencyPlan(contextWith({ carers: [carerWith(JaneDaughter, { contingencyPlanOn: '2026-06-01' })] }), POLICY, NOW)).toEqual([]);
    expect(carerContingencyPlan(contextWith({ carers: [carerWith(JaneDaughter, { consent: { decision: 'deny' } })] }), POLICY, NOW)).toHaveLength(1);
    expect(carerContingencyPlan(contextWith({ carers: [carerWith(JaneDaughter, { endedOn: '2026-06-14' })] }), POLICY, noonOn('2026-06-15'))).toEqual([]);
    expect(carerContingencyPlan(contextWith({ carers: [carerWith(JaneDaughter, { carerStatus: 'unconfirmed' })] }), POLICY, NOW)).toEqual([]);
  });
});
