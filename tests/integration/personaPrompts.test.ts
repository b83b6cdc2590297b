/**
 * The walking skeleton end to end: each named persona in the sandbox, read over HTTP by the
 * adapter (one round trip) and judged by the domain's rules, gives exactly the prompts its
 * documented situation implies — through the library and through the `carers` command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFhirAdapter } from '../../adapter/client';
import { carersMain } from '../../adapter/cli/carersMain';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { formatNhsNumber } from '../../shared/nhsNumber';
import { DEFAULT_POLICY } from '../../shared/policy';
import { evaluatePrompts } from '../../shared/prompts/index';
import { CarerReportSchema } from '../../shared/report/carerReport';

const NOW = new Date('2026-11-23T12:00:00Z');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 20, seed: 7, now: NOW });
});
afterAll(async () => {
  await sandbox?.close();
});

async function carers(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await carersMain(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe.each(Object.entries(PERSONAS))('persona %s', (_key, persona) => {
  it(`gives the documented prompts: ${persona.situation}`, async () => {
    const adapter = createFhirAdapter({ baseUrl: sandbox.fhirBase });
    const { context } = await adapter.readCarerContext(`Patient/${persona.patientId}`);
    expect(context.warnings).toEqual([]);
    const codes = new Set(evaluatePrompts(context, DEFAULT_POLICY, NOW).map((p) => p.code));
    expect([...codes].sort()).toEqual([...new Set(persona.expectedPrompts)].sort());
  });

  it('is found by its NHS number, typed with spaces as a clinician reads it', async () => {
    const run = await carers('prompts', '--fhir', sandbox.fhirBase, '--patient', formatNhsNumber(persona.nhsNumber), '--now', NOW.toISOString(), '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = CarerReportSchema.parse(JSON.parse(run.stdout));
    expect(report.patient.reference).toBe(`Patient/${persona.patientId}`);
    expect(report.patient.nhsNumber).toBe(persona.nhsNumber);
    expect(report.carers.map((c) => c.reference.replace('RelatedPerson/', ''))).toEqual(
      persona.relatedPersonIds.filter((id) => report.carers.some((c) => c.reference === `RelatedPerson/${id}`)),
    );
  });
});

describe('carers prompts against the sandbox', () => {
  it('says plainly when no patient has that NHS number', async () => {
    const run = await carers('prompts', '--fhir', sandbox.fhirBase, '--patient', '999 999 9905');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('carers: No patient with that NHS number was found on the FHIR server. Check the number, or look the patient up in the EHR.\n');
  });

  it('says plainly when no patient has that id', async () => {
    const run = await carers('prompts', '--fhir', sandbox.fhirBase, '--patient', 'no-such-patient');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^carers: .+\n$/);
  });
});
