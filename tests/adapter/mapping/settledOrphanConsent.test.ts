/**
 * "Which carer is this decision for?" (issue 10): a Consent naming nobody of the patient's is settled
 * by a new decision recorded for the chosen carer that cites it as its source (Consent.sourceReference),
 * never by amending what the patient decided. Written with the builder the panel's write uses, read back
 * with the reader the panel and the audit use.
 */
import { describe, expect, it } from 'vitest';
import { toCarerContext } from '../../../adapter/mapping/carerContext';
import { buildConsent } from '../../../adapter/writes/build/buildConsent';
import { evaluatePrompts } from '../../../shared/prompts/index';
import { DEFAULT_POLICY } from '../../../shared/policy';
import type { CarerContext } from '../../../shared/domain/types';
import { READ_OPTIONS, alexRecord, asJson } from '../../fixtures/fhir/personas';

type Json = Record<string, unknown>;
const record = alexRecord.map((r) => asJson(r) as Json);

function contextOf(resources: readonly unknown[]): CarerContext {
  const result = toCarerContext(resources, READ_OPTIONS);
  if (!result.ok) throw new Error(result.reason);
  return result.context;
}

const decisionFor = (carer: `RelatedPerson/${string}`, extra: { settles?: `Consent/${string}`; patient?: `Patient/${string}` } = {}): Json => ({
  ...(buildConsent({
    patient: extra.patient ?? 'Patient/alex',
    carer,
    decision: 'permit',
    decidedOn: '2026-11-20T10:00:00Z',
    reviewDue: '2027-11-20',
    extensionBase: READ_OPTIONS.policy.extensionBase,
    ...(extra.settles ? { settles: extra.settles } : {}),
  }) as unknown as Json),
  id: 'settling',
  meta: { versionId: '1', lastUpdated: '2026-11-20T10:00:00Z' },
});

const orphanPrompts = (context: CarerContext) => evaluatePrompts(context, DEFAULT_POLICY, READ_OPTIONS.now).filter((p) => p.code === 'consent-without-carer').map((p) => p.id);

describe('a consent naming nobody, settled by a decision for the carer it was meant for', () => {
  it('raises consent-without-carer before anything settles it', () => {
    expect(orphanPrompts(contextOf(record))).toEqual(['consent-without-carer:Consent/orphan']);
  });

  it('writes the decision it settles as the new Consent’s sourceReference', () => {
    expect(decisionFor('RelatedPerson/grace', { settles: 'Consent/orphan' }).sourceReference).toEqual({ reference: 'Consent/orphan' });
  });

  it('clears the consent-without-carer prompt once a decision for one of the patient’s carers cites it', () => {
    const context = contextOf([...record, decisionFor('RelatedPerson/grace', { settles: 'Consent/orphan' })]);
    expect(context.orphanConsents).toEqual([]);
    expect(orphanPrompts(context)).toEqual([]);
    // The settling decision is the carer's decision in force; the patient's original record is not changed.
    expect(context.carers.find((c) => c.id === 'grace')?.consent).toMatchObject({ decision: 'permit', consent: 'Consent/settling' });
  });

  it('keeps the prompt when the citing Consent names nobody of the patient’s, or is another patient’s', () => {
    expect(orphanPrompts(contextOf([...record, decisionFor('RelatedPerson/someone-else', { settles: 'Consent/orphan' })]))).toContain('consent-without-carer:Consent/orphan');
    expect(orphanPrompts(contextOf([...record, decisionFor('RelatedPerson/grace', { settles: 'Consent/orphan', patient: 'Patient/other' })]))).toEqual(['consent-without-carer:Consent/orphan']);
  });

  it('keeps the prompt for a decision recorded for a carer that cites nothing', () => {
    expect(orphanPrompts(contextOf([...record, decisionFor('RelatedPerson/grace')]))).toHaveLength(1);
  });
});
