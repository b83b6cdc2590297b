/**
 * Issue 11: a server that does not offer CarePlan. The read goes on; the panel's record says plainly
 * that care plans could not be read, and no care-plan prompt is shown (never "no care plans").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFhirAdapter } from '../../adapter/client';
import { CARE_PLANS_NOT_READ } from '../../adapter/read/readCarerContext';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { DEFAULT_POLICY } from '../../shared/policy';
import { evaluatePrompts } from '../../shared/prompts/index';

const NOW = new Date('2026-11-23T12:00:00Z');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 0, seed: 7, now: NOW, types: ['Patient', 'RelatedPerson', 'Consent', 'Task', 'List', 'EpisodeOfCare', 'Group', 'Organization', 'Practitioner', 'Provenance'] });
});
afterAll(async () => {
  await sandbox?.close();
});

describe('a server without CarePlan', () => {
  it('reads the record, says care plans could not be read, and shows no care-plan prompt', async () => {
    const { context } = await createFhirAdapter({ baseUrl: sandbox.fhirBase }).readCarerContext(`Patient/${PERSONAS.rosaAlvarez.patientId}`);
    expect(context.carers.map((c) => c.id)).toEqual([...PERSONAS.rosaAlvarez.relatedPersonIds]);
    expect(context.carePlans).toBeUndefined();
    expect(context.warnings).toContain(CARE_PLANS_NOT_READ);
    expect(evaluatePrompts(context, DEFAULT_POLICY, NOW).map((p) => p.code)).not.toContain('involve-carer-in-care-plan');
  });
});
