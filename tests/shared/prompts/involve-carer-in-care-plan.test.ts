import { describe, expect, it } from 'vitest';
import { COMMITMENT, involveCarerInCarePlan } from '../../../shared/prompts/involve-carer-in-care-plan';
import { evaluatePrompts } from '../../../shared/prompts/index';
import type { CarePlanSummary, ConsentDecision } from '../../../shared/domain/types';
import { JaneDaughter, NOW, POLICY, carerWith, contextWith, noonOn } from '../fixtures';

const PERMIT: ConsentDecision = { decision: 'permit', consent: 'Consent/c1', recordedOn: '2026-05-01' };
const PARTIAL: ConsentDecision = { decision: 'partial', consent: 'Consent/c2', recordedOn: '2026-05-01', mayShare: ['Medication'], mayNotShare: ['Forensic history'] };
const CrisisPlan: CarePlanSummary = { reference: 'CarePlan/crisis', kind: 'crisis-plan', title: 'Relapse plan', involves: [] };
const CarePlan: CarePlanSummary = { reference: 'CarePlan/cpa', kind: 'care-plan', involves: [] };
const jane = carerWith(JaneDaughter, { consent: PERMIT });

describe('involve-carer-in-care-plan', () => {
  it('prompts when a current plan does not involve a carer whose decision permits involvement', () => {
    const [prompt, ...rest] = involveCarerInCarePlan(contextWith({ carers: [jane], carePlans: [CrisisPlan] }), POLICY, NOW);
    expect(rest).toEqual([]);
    expect(prompt).toMatchObject({
      id: 'involve-carer-in-care-plan:RelatedPerson/jane',
      code: 'involve-carer-in-care-plan',
      summary: 'Involve Jane Smith (Daughter) in the crisis plan “Relapse plan”',
      commitment: COMMITMENT,
      actions: [{ kind: 'involve-carer-in-care-plan', label: 'Record carer’s involvement' }],
      carer: 'RelatedPerson/jane',
      carePlans: ['CarePlan/crisis'],
      snoozable: true,
    });
    expect(prompt?.summary.length).toBeLessThan(140);
    expect(prompt?.detail).toContain('"We will ensure that carers are involved in advance care planning"');
    expect(COMMITMENT).toContain('NICE QS200 statement 2');
  });

  it('lists only the plans that do not involve the carer, and ends when every plan does', () => {
    const involved = { ...CarePlan, involves: ['RelatedPerson/jane' as const] };
    expect(involveCarerInCarePlan(contextWith({ carers: [jane], carePlans: [involved, CrisisPlan] }), POLICY, NOW)[0]?.carePlans).toEqual(['CarePlan/crisis']);
    expect(involveCarerInCarePlan(contextWith({ carers: [jane], carePlans: [involved, { ...CrisisPlan, involves: ['RelatedPerson/jane'] }] }), POLICY, NOW)).toEqual([]);
  });

  it('shows what a partial decision forbids sharing', () => {
    const [prompt] = involveCarerInCarePlan(contextWith({ carers: [carerWith(JaneDaughter, { consent: PARTIAL })], carePlans: [CarePlan] }), POLICY, NOW);
    expect(prompt?.detail).toContain('do not share Forensic history');
  });

  it.each<ConsentDecision['decision']>(['none', 'deny', 'withdrawn', 'expired', 'conflict', 'lacks-capacity', 'unknown'])('says nothing when the decision in force is %s', (decision) => {
    const ctx = contextWith({ carers: [carerWith(JaneDaughter, { consent: { decision } })], carePlans: [CarePlan] });
    expect(involveCarerInCarePlan(ctx, POLICY, NOW)).toEqual([]);
  });

  it('says nothing without a current plan, or when care plans could not be read', () => {
    expect(involveCarerInCarePlan(contextWith({ carers: [jane], carePlans: [] }), POLICY, NOW)).toEqual([]);
    expect(involveCarerInCarePlan(contextWith({ carers: [jane], carePlansNotRead: 'no CarePlan on this server' }), POLICY, NOW)).toEqual([]);
  });

  it('ends with the relationship (period.end) and for inactive carers', () => {
    const ctx = (patch: Parameters<typeof carerWith>[1]) => contextWith({ carers: [carerWith(jane, patch)], carePlans: [CarePlan] });
    expect(involveCarerInCarePlan(ctx({ endedOn: '2026-06-15' }), POLICY, noonOn('2026-06-15'))).toHaveLength(1);
    expect(involveCarerInCarePlan(ctx({ endedOn: '2026-06-14' }), POLICY, noonOn('2026-06-15'))).toEqual([]);
    expect(involveCarerInCarePlan(ctx({ active: false }), POLICY, NOW)).toEqual([]);
  });

  it('is not shown after the patient has died', () => {
    const ctx = contextWith({ carers: [jane], carePlans: [CarePlan] });
    expect(evaluatePrompts({ ...ctx, patient: { ...ctx.patient, deceased: true } }, POLICY, NOW).map((p) => p.code)).not.toContain('involve-carer-in-care-plan');
  });
});
