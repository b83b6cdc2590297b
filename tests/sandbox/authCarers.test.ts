/**
 * `carers prompts --auth …` against the sandbox in auth mode (as `npm run sandbox -- --auth smart`
 * serves it, started in-process): the same sign-in as the audit, and one clear line when the
 * server wants a token.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendServicesToken } from '../../adapter/auth/tokenSources';
import { signingKeyFromPem } from '../../adapter/auth/clientAssertion';
import { carersMain, EXIT, type CliIo } from '../../adapter/cli/carersMain';
import { AUDIT_CLIENT_ID, sandboxSmartAuth } from '../../sandbox/auth/index';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { CarerReportSchema } from '../../shared/report/carerReport';
import { TEST_NOW } from './support/fhirFetch';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let sandbox: Sandbox;
let work: string;
let keyFile: string;

beforeAll(async () => {
  const auth = sandboxSmartAuth({ auditPublicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  sandbox = await startSandbox({ port: 0, patients: 5, now: TEST_NOW, handlers: auth.handlers });
  work = await mkdtemp(join(tmpdir(), 'carers-auth-'));
  keyFile = join(work, 'key.pem');
  await writeFile(keyFile, PRIVATE_PEM, { mode: 0o600 });
});
afterAll(async () => {
  await sandbox.close();
  await rm(work, { recursive: true, force: true });
});

async function carers(argv: string[], extra: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await carersMain(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...extra });
  return { code, stdout, stderr };
}

const prompts = () => ['prompts', '--fhir', sandbox.fhirBase, '--patient', PERSONAS.amiraKhan.patientId, '--now', TEST_NOW.toISOString(), '--json'];

describe('carers prompts against a server that needs a token', () => {
  it('says in one line that the server wants a token, and how to give one', async () => {
    const run = await carers(prompts(), { env: {} });
    expect(run.code).toBe(EXIT.failed);
    expect(run.stderr.trim().split('\n')).toEqual([
      'carers: the FHIR server wants a token (HTTP 401): run again with --auth bearer-env (the token in CARER_PROMPTS_TOKEN) or --auth backend-services --client-id <id> --private-key <PEM file>',
    ]);
  });

  it('reads the patient’s carers with a bearer token from CARER_PROMPTS_TOKEN, and never prints it', async () => {
    const token = await backendServicesToken({ clientId: AUDIT_CLIENT_ID, tokenUrl: `${sandbox.origin}/auth/token`, key: signingKeyFromPem(PRIVATE_PEM) })();
    const run = await carers([...prompts(), '--auth', 'bearer-env'], { env: { CARER_PROMPTS_TOKEN: token } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(EXIT.ok);
    const report = CarerReportSchema.parse(JSON.parse(run.stdout));
    expect(report.carers.map((c) => c.reference)).toEqual(PERSONAS.amiraKhan.relatedPersonIds.map((id) => `RelatedPerson/${id}`));
    expect(run.stdout).not.toContain(token);
  });

  it('reads them with SMART Backend Services (token URL from the server’s smart-configuration)', async () => {
    const run = await carers([...prompts(), '--auth', 'backend-services', '--client-id', AUDIT_CLIENT_ID, '--private-key', keyFile]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(EXIT.ok);
  });

  it('says in one line that the token was refused', async () => {
    const run = await carers([...prompts(), '--auth', 'bearer-env'], { env: { CARER_PROMPTS_TOKEN: 'not-a-real-token' } });
    expect(run.code).toBe(EXIT.failed);
    expect(run.stderr.trim().split('\n')).toEqual(['carers: the FHIR server refused the token (HTTP 401): check that it has not expired and that it was issued for this server']);
  });

  it.each([
    [['--auth', 'magic'], '--auth must be none, bearer-env or backend-services'],
    [['--auth', 'backend-services'], '--auth backend-services needs --client-id and --private-key'],
    [['--auth', 'bearer-env'], '--auth bearer-env: CARER_PROMPTS_TOKEN is not set'],
  ])('%j: one clear line, usage exit', async (flags, message) => {
    const run = await carers([...prompts(), ...flags], { env: {} });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr.split('\n')[0]?.startsWith(`carers: ${message}`)).toBe(true);
  });
});
