/**
 * `npm run audit -- --auth …` against the sandbox in auth mode: SMART Backend Services with a
 * private-key JWT, a bearer token from CARER_PROMPTS_TOKEN, and one clear line for bad flags —
 * never the token itself.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendServicesToken } from '../../adapter/auth/tokenSources';
import { signingKeyFromPem } from '../../adapter/auth/clientAssertion';
import { AUDIT_EXIT, auditMain, type AuditIo } from '../../adapter/cli/auditMain';
import { AUDIT_CLIENT_ID, sandboxSmartAuth } from '../../sandbox/auth/index';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { TEST_NOW } from './support/fhirFetch';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let sandbox: Sandbox;
let work: string;
let keyFile: string;

beforeAll(async () => {
  const auth = sandboxSmartAuth({ auditPublicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  sandbox = await startSandbox({ port: 0, patients: 20, now: TEST_NOW, handlers: auth.handlers });
  work = await mkdtemp(join(tmpdir(), 'audit-auth-'));
  keyFile = join(work, 'audit-key.pem');
  await writeFile(keyFile, PRIVATE_PEM, { mode: 0o600 });
});
afterAll(async () => {
  await sandbox.close();
  await rm(work, { recursive: true, force: true });
});

async function audit(argv: string[], extra: Partial<AuditIo> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await auditMain(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), sleep: async () => {}, ...extra });
  return { code, stdout, stderr };
}

const base = () => ['--fhir', sandbox.fhirBase, '--search', '--now', '2026-03-15', '--out'];

describe('the audit against a server that needs a token', () => {
  it('is refused without --auth (the sandbox answers 401)', async () => {
    const run = await audit([...base(), join(work, 'none')]);
    expect(run.code).toBe(AUDIT_EXIT.failed);
    expect(run.stderr).toMatch(/was not accepted/);
  });

  it('runs unattended with SMART Backend Services (token URL discovered from smart-configuration)', async () => {
    const run = await audit([...base(), join(work, 'backend'), '--auth', 'backend-services', '--client-id', AUDIT_CLIENT_ID, '--private-key', keyFile]);
    expect(run.stderr).not.toMatch(/unexpected/);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    expect(run.stdout).toMatch(/Wrote coverage\.json/);
  });

  it('runs with a bearer token from CARER_PROMPTS_TOKEN, and never prints it', async () => {
    const token = await backendServicesToken({ clientId: AUDIT_CLIENT_ID, tokenUrl: `${sandbox.origin}/auth/token`, key: signingKeyFromPem(PRIVATE_PEM) })();
    const run = await audit([...base(), join(work, 'bearer'), '--auth', 'bearer-env'], { env: { CARER_PROMPTS_TOKEN: token } });
    expect(run.code).toBe(AUDIT_EXIT.ok);
    expect(run.stdout + run.stderr).not.toContain(token);
  });

  it("says plainly that the client credentials were refused, in the server's own words", async () => {
    const run = await audit([...base(), join(work, 'refused'), '--auth', 'backend-services', '--client-id', 'not-registered', '--private-key', keyFile, '--token-url', `${sandbox.origin}/auth/token`]);
    expect(run.code).toBe(AUDIT_EXIT.failed);
    expect(run.stderr).toMatch(/refused the audit's sign-in \(SMART Backend Services\)\. It said "invalid_client: unknown client"\. Check --client-id/);
    expect(run.stderr).not.toContain('BEGIN');
  });
});

describe('the audit against a server that finds the client key by its kid', () => {
  let strict: Sandbox;
  let jwksFile: string;
  beforeAll(async () => {
    const auth = sandboxSmartAuth({ auditPublicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), auditKeyId: 'audit-key-2026' });
    strict = await startSandbox({ port: 0, patients: 20, now: TEST_NOW, handlers: auth.handlers });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    jwksFile = join(work, 'audit.jwks.json');
    await writeFile(jwksFile, JSON.stringify({ keys: [{ ...other.publicKey.export({ format: 'jwk' }), kid: 'old-key' }, { ...keys.publicKey.export({ format: 'jwk' }), kid: 'audit-key-2026', alg: 'RS384' }] }));
  });
  afterAll(async () => {
    await strict.close();
  });
  const backend = (out: string, ...extra: string[]) => ['--fhir', strict.fhirBase, '--search', '--now', '2026-03-15', '--out', join(work, out), '--auth', 'backend-services', '--client-id', AUDIT_CLIENT_ID, '--private-key', keyFile, ...extra];

  it("is refused without a kid, showing the server's error_description and how to send one, never a token", async () => {
    const run = await audit(backend('no-kid'));
    expect(run.code).toBe(AUDIT_EXIT.failed);
    expect(run.stderr).toMatch(/It said "invalid_client: the client assertion has no kid header/);
    expect(run.stderr).toMatch(/No key id \(kid\) was sent: give the key set registered for the client with --jwks, or its key id with --kid/);
    expect(run.stderr).not.toMatch(/eyJ|BEGIN/);
  });

  it('completes with the kid read from the key set given with --jwks', async () => {
    const run = await audit(backend('jwks', '--jwks', jwksFile));
    expect(run.stderr).not.toMatch(/unexpected|refused/);
    expect(run.code).toBe(AUDIT_EXIT.ok);
  });

  it('completes with the kid given with --kid, and a jku in the header does no harm', async () => {
    const run = await audit(backend('kid', '--kid', 'audit-key-2026', '--jku', 'https://keys.trust.example/audit.jwks.json'));
    expect(run.code).toBe(AUDIT_EXIT.ok);
  });

  it('says which key set does not hold the private key', async () => {
    const stranger = join(work, 'stranger.jwks.json');
    await writeFile(stranger, JSON.stringify({ keys: [{ ...generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' }), kid: 'x' }] }));
    const run = await audit(backend('stranger', '--jwks', stranger));
    expect(run.code).toBe(AUDIT_EXIT.usage);
    expect(run.stderr).toContain(`--jwks ${stranger}: the key set holds no public key for this private key`);
  });
});

describe('auth flags', () => {
  it.each([
    [['--auth', 'magic'], '--auth must be none, bearer-env or backend-services'],
    [['--auth', 'backend-services'], '--auth backend-services needs --client-id and --private-key'],
    [['--client-id', 'x'], '--client-id, --private-key, --jwks, --kid, --jku and --token-url apply only with --auth backend-services'],
    [['--auth', 'backend-services', '--client-id', 'a', '--private-key', 'KEYFILE', '--kid', 'k', '--jwks', 'f'], 'choose --jwks (the key id is read from it) or --kid, not both'],
    [['--auth', 'bearer-env'], '--auth bearer-env: CARER_PROMPTS_TOKEN is not set'],
    [['--auth', 'backend-services', '--client-id', 'a', '--private-key', '/nonexistent/key.pem'], 'cannot read private key file /nonexistent/key.pem'],
    [['--auth', 'backend-services', '--client-id', 'a', '--private-key', 'KEYFILE', '--token-url', 'ftp://x'], '--token-url must be an http(s) URL'],
  ])('%j: one clear line, usage exit', async (flags, message) => {
    const run = await audit(['--fhir', 'http://127.0.0.1:9/fhir', ...flags.map((f) => (f === 'KEYFILE' ? keyFile : f))], { env: {} });
    expect(run.code).toBe(AUDIT_EXIT.usage);
    expect(run.stderr.split('\n')[0]).toContain(message);
  });

  it('refuses --auth with --from-ndjson (no server to sign in to)', async () => {
    const run = await audit(['--from-ndjson', work, '--auth', 'bearer-env'], { env: { CARER_PROMPTS_TOKEN: 'x' } });
    expect(run.code).toBe(AUDIT_EXIT.usage);
    expect(run.stderr).toContain('--auth bearer-env applies to a FHIR server (--fhir)');
  });
});
