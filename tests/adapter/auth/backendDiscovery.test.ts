/**
 * Backend Services discovery needs only the token endpoint: a server whose smart-configuration
 * offers client credentials and no App Launch (no authorization endpoint, no PKCE) is signed in to.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverBackendServices } from '../../../adapter/auth/smartConfiguration';
import { tokenSourceFor } from '../../../adapter/cli/authFlags';
import { useFhirServer } from '../support/mswServer';

const net = useFhirServer();
const BASE = 'https://fhir.trust.example/R4';
const TOKEN_URL = 'https://fhir.trust.example/auth/token';
const BACKEND_ONLY = { token_endpoint: TOKEN_URL, grant_types_supported: ['client_credentials'], token_endpoint_auth_methods_supported: ['private_key_jwt'], token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'] };

let work: string;
let keyFile: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'backend-discovery-'));
  keyFile = join(work, 'key.pem');
  await writeFile(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('Backend Services discovery', () => {
  it('signs in to a server whose smart-configuration has a token endpoint and no App Launch metadata', async () => {
    net.server.use(
      http.get(`${BASE}/.well-known/smart-configuration`, () => HttpResponse.json(BACKEND_ONLY)),
      http.post(TOKEN_URL, () => HttpResponse.json({ access_token: 'system-token', token_type: 'bearer', expires_in: 300 })),
    );
    const source = await tokenSourceFor({ auth: 'backend-services', 'client-id': 'audit', 'private-key': keyFile }, BASE, {});
    expect(await source?.()).toBe('system-token');
  });

  it("shows the token endpoint's error and error_description, but never a token-shaped string or control characters it echoes", async () => {
    const echoed = `eyJhbGciOiJSUzM4NCJ9.${'a'.repeat(60)}.${'b'.repeat(40)}`;
    net.server.use(
      http.get(`${BASE}/.well-known/smart-configuration`, () => HttpResponse.json(BACKEND_ONLY)),
      http.post(TOKEN_URL, () => HttpResponse.json({ error: 'invalid_scope', error_description: `scope not allowed\u001b[2J for assertion ${echoed}` }, { status: 400 })),
    );
    const source = await tokenSourceFor({ auth: 'backend-services', 'client-id': 'audit', 'private-key': keyFile, kid: 'k1' }, BASE, {});
    const refused = await source?.().catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'bad-request', userMessage: expect.stringContaining('It said "invalid_scope: scope not allowed [2J for assertion […]"') });
    expect(JSON.stringify((refused as { userMessage: string }).userMessage)).not.toMatch(/eyJ|\\u001b/);
    expect((refused as { userMessage: string }).userMessage).not.toMatch(/No key id/);
  });

  it('refuses a token endpoint that is not https, with a sentence that says where to give one', async () => {
    net.server.use(http.get(`${BASE}/.well-known/smart-configuration`, () => HttpResponse.json({ token_endpoint: 'http://auth.trust.example/token' })));
    await expect(discoverBackendServices(BASE)).rejects.toMatchObject({ kind: 'unsupported', userMessage: expect.stringContaining('--token-url') });
  });
});
