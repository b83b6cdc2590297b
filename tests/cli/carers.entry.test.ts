/**
 * The real carers command, as a person runs it (`npm run carers -- …` is `tsx adapter/cli/carers.ts …`),
 * in a child process against the sandbox: whatever DEBUG says, no patient data reaches stderr, and
 * stdout holds only the command's own report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runEntry } from './support/commands';

const amira = PERSONAS.amiraKhan;

const run = (args: string[], env: Record<string, string>) => runEntry('adapter/cli/carers.ts', args, env);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 3, now: new Date('2026-11-23T12:00:00Z') });
});
afterAll(() => sandbox?.close());

describe('npm run carers -- prompts', () => {
  it.each(['*', 'fhir-kit-client:*'])('logs no NHS number, name or request URL with DEBUG=%s', async (debug) => {
    const args = ['prompts', '--fhir', sandbox.fhirBase, '--patient', amira.nhsNumber, '--now', '2026-11-23T12:00:00Z'];
    const quiet = await run(args, {});
    const debugging = await run(args, { DEBUG: debug, DEBUG_COLORS: 'no' });
    expect(quiet.code).toBe(0);
    expect(debugging.code).toBe(0);
    // The report itself names the patient and the carer: that is the command's job.
    expect(debugging.stdout).toContain('Amira Khan');
    expect(debugging.stdout).toBe(quiet.stdout);
    for (const secret of [amira.nhsNumber, amira.patientId, 'Amira', 'Khan', 'Sara', sandbox.fhirBase, 'Patient?']) {
      expect(debugging.stderr).not.toContain(secret);
    }
  });
});
