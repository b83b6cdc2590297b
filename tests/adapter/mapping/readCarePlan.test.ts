import { describe, expect, it } from 'vitest';
import { toCarerContext } from '../../../adapter/mapping/carerContext';
import { readCarePlan } from '../../../adapter/mapping/readCarePlan';
import { buildCarerActionTask } from '../../../adapter/writes/build/carerActionTask';
import { evaluatePrompts } from '../../../shared/prompts/index';
import { DEFAULT_POLICY } from '../../../shared/policy';
import type { CarerContext } from '../../../shared/domain/types';
import { READ_OPTIONS, alexRecord, asJson } from '../../fixtures/fhir/personas';

const plan = (id: string, patch: Record<string, unknown> = {}) => ({
  resourceType: 'CarePlan',
  id,
  meta: { versionId: '1' },
  status: 'active',
  intent: 'plan',
  subject: { reference: 'Patient/alex' },
  ...patch,
});

const involvementTask = (carePlan: `CarePlan/${string}`) => ({
  id: 'involved',
  ...buildCarerActionTask({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', action: 'care-plan-involved', focus: carePlan, items: [{ type: 'Care plan', value: carePlan }], on: '2026-06-10T10:00:00Z', extensionBase: READ_OPTIONS.policy.extensionBase }),
});

function contextOf(extra: readonly unknown[], options: Partial<Parameters<typeof toCarerContext>[1]> = {}): CarerContext {
  const result = toCarerContext([...alexRecord.map(asJson), ...extra], { ...READ_OPTIONS, patient: 'Patient/alex', ...options });
  if (!result.ok) throw new Error(result.reason);
  return result.context;
}

describe('readCarePlan', () => {
  it.each([
    [{ category: [{ coding: [{ system: 'http://snomed.info/sct', code: '401276009' }] }] }, 'crisis-plan'],
    [{ category: [{ text: 'Crisis and contingency plan' }] }, 'crisis-plan'],
    [{ category: [{ coding: [{ system: 'https://trust.example/care-plans', code: 'acp', display: 'Advance care plan' }] }] }, 'advance-care-plan'],
    [{ category: [{ coding: [{ system: 'http://snomed.info/sct', code: '734163000' }] }] }, 'care-plan'],
    [{}, 'care-plan'],
  ])('reads the kind of plan from its category (%j → %s)', (patch, kind) => {
    const read = readCarePlan(plan('p', patch));
    expect('plan' in read && read.plan.kind).toBe(kind);
  });

  it.each(['draft', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'])('does not read a %s plan as current', (status) => {
    expect(readCarePlan(plan('p', { status }))).toMatchObject({ ignored: true });
  });

  it('names carers who are contributors or members of a contained or referenced care team', () => {
    const careTeams = new Map([['CareTeam/team', ['RelatedPerson/pat' as const]]]);
    const read = readCarePlan(
      plan('p', {
        contributor: [{ reference: 'RelatedPerson/henry' }, { reference: 'Practitioner/dr' }],
        contained: [{ resourceType: 'CareTeam', id: 'ct', participant: [{ member: { reference: 'RelatedPerson/grace' } }] }],
        careTeam: [{ reference: '#ct' }, { reference: 'CareTeam/team' }],
      }),
      { careTeams },
    );
    expect('plan' in read && read.plan.involves).toEqual(['RelatedPerson/grace', 'RelatedPerson/henry', 'RelatedPerson/pat']);
  });
});

describe('care plans in the carer context', () => {
  it("prompts to involve Grace (partial consent) in the patient's plan, with what may not be shared", () => {
    const context = contextOf([plan('crisis', { title: 'Relapse plan', category: [{ text: 'Crisis plan' }] })]);
    expect(context.carePlans).toEqual([{ reference: 'CarePlan/crisis', versionId: '1', kind: 'crisis-plan', title: 'Relapse plan', involves: [] }]);
    const prompt = evaluatePrompts(context, DEFAULT_POLICY, READ_OPTIONS.now).find((p) => p.code === 'involve-carer-in-care-plan');
    expect(prompt).toMatchObject({ carer: 'RelatedPerson/grace', carePlans: ['CarePlan/crisis'] });
    expect(prompt?.detail).toMatch(/do not share/);
  });

  it('reads a recorded involvement (a carer-action Task whose focus is the plan) so the prompt clears', () => {
    const context = contextOf([plan('crisis'), asJson(involvementTask('CarePlan/crisis'))]);
    expect(context.carePlans?.[0]?.involves).toEqual(['RelatedPerson/grace']);
    expect(evaluatePrompts(context, DEFAULT_POLICY, READ_OPTIONS.now).map((p) => p.code)).not.toContain('involve-carer-in-care-plan');
  });

  it("ignores another patient's plan and a CareTeam that is not on the plan", () => {
    const context = contextOf([plan('other', { subject: { reference: 'Patient/someone-else' } })]);
    expect(context.carePlans).toEqual([]);
  });

  it('says plainly when care plans could not be read, and then says nothing about involvement', () => {
    const context = contextOf([plan('crisis')], { carePlansNotRead: 'Care plans could not be read: this FHIR server does not offer CarePlan.' });
    expect(context.carePlans).toBeUndefined();
    expect(context.warnings).toContain('Care plans could not be read: this FHIR server does not offer CarePlan.');
    expect(evaluatePrompts(context, DEFAULT_POLICY, READ_OPTIONS.now).map((p) => p.code)).not.toContain('involve-carer-in-care-plan');
  });

  it('reads a contingency plan and crisis numbers given as carer actions, so their prompts clear', () => {
    const task = (action: 'contingency-plan-agreed' | 'crisis-numbers-given') =>
      asJson({ id: action, ...buildCarerActionTask({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', action, items: [{ type: 'x', value: 'y' }], on: '2026-06-10T10:00:00Z', extensionBase: READ_OPTIONS.policy.extensionBase }) });
    const grace = contextOf([task('contingency-plan-agreed'), task('crisis-numbers-given')]).carers.find((c) => c.id === 'grace');
    expect(grace).toMatchObject({ contingencyPlanOn: '2026-06-10T10:00:00Z', crisisNumbersGivenOn: '2026-06-10T10:00:00Z' });
  });
});
