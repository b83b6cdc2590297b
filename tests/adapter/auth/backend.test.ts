/**
 * The audit's unattended auth: a signed client assertion (RS384 / ES384), SMART Backend Services
 * against a token endpoint played by msw, a bearer token from the environment, and a fetch that
 * sends the token to the FHIR server's origin only.
 */
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clientAssertion, signingKeyFromPem } from '../../../adapter/auth/clientAssertion';
import { authorizedFetch, backendServicesToken, bearerFromEnv } from '../../../adapter/auth/tokenSources';
import type { FhirError } from '../../../adapter/errors';
import { useFhirServer } from '../support/mswServer';

const net = useFhirServer();
const BASE = 'https://fhir.trust.example/R4';
const TOKEN_URL = 'https://auth.trust.example/token';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();

function decode(jwt: string) {
  const [h = '', p = '', s = ''] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>, payload: JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>, input: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

describe('the client assertion', () => {
  it.each([
    ['RS384', rsa, {}],
    ['ES384', ec, { dsaEncoding: 'ieee-p1363' as const }],
  ])('is a %s JWT the registered public key verifies, naming the client and the token URL', (alg, pair, options) => {
    const jwt = clientAssertion(signingKeyFromPem(pem(pair.privateKey), 'key-1'), { clientId: 'audit', tokenUrl: TOKEN_URL, now: 1_000, jti: 'j-1' });
    const { header, payload, input, signature } = decode(jwt);
    expect(header).toEqual({ alg, typ: 'JWT', kid: 'key-1' });
    expect(payload).toEqual({ iss: 'audit', sub: 'audit', aud: TOKEN_URL, exp: 1_240, jti: 'j-1' });
    expect(verify('sha384', Buffer.from(input), { key: pair.publicKey, ...options }, signature)).toBe(true);
  });

  it('never lives more than 5 minutes', () => {
    const jwt = clientAssertion(signingKeyFromPem(pem(rsa.privateKey)), { clientId: 'a', tokenUrl: TOKEN_URL, now: 0, jti: 'j', lifetimeSeconds: 3_600 });
    expect(decode(jwt).payload.exp).toBe(300);
  });

  it('refuses keys it cannot sign RS384 or ES384 with', () => {
    const small = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signingKeyFromPem(pem(small.privateKey))).toThrow(/EC P-384/);
    expect(() => signingKeyFromPem('not a key')).toThrow(/not a PEM private key/);
  });
});

describe('SMART Backend Services', () => {
  it('gets a token with a fresh signed assertion and reuses it until it nearly expires', async () => {
    const forms: URLSearchParams[] = [];
    net.server.use(
      http.post(TOKEN_URL, async ({ request }) => {
        forms.push(new URLSearchParams(await request.text()));
        return HttpResponse.json({ access_token: `system-${forms.length}`, token_type: 'bearer', expires_in: 300, scope: 'system/Patient.rs' });
      }),
    );
    let clock = 0;
    const getToken = backendServicesToken({ clientId: 'audit', tokenUrl: TOKEN_URL, key: signingKeyFromPem(pem(ec.privateKey)), now: () => clock });
    expect(await Promise.all([getToken(), getToken()])).toEqual(['system-1', 'system-1']);
    clock += 200_000;
    expect(await getToken()).toBe('system-1');
    clock += 80_000;
    expect(await getToken()).toBe('system-2');
    expect(forms).toHaveLength(2);
    const form = forms[0] as URLSearchParams;
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.get('scope')).toMatch(/^system\/Patient\.rs /);
    expect(decode(form.get('client_assertion') ?? '').payload.jti).not.toBe(decode(forms[1]?.get('client_assertion') ?? '').payload.jti);
  });

  it('explains a refused client in terms of the flags to check', async () => {
    net.server.use(http.post(TOKEN_URL, () => HttpResponse.json({ error: 'invalid_client' }, { status: 401 })));
    const getToken = backendServicesToken({ clientId: 'audit', tokenUrl: TOKEN_URL, key: signingKeyFromPem(pem(rsa.privateKey)) });
    const error = await getToken().then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as FhirError,
    );
    expect(error.kind).toBe('unauthorized');
    expect(error.userMessage).toMatch(/--client-id/);
  });
});

describe('a bearer token from the environment', () => {
  it('reads CARER_PROMPTS_TOKEN', async () => {
    expect(await bearerFromEnv({ CARER_PROMPTS_TOKEN: ' abc.def-ghi ' })()).toBe('abc.def-ghi');
  });

  it('says which variable is missing or malformed, never its value', () => {
    expect(() => bearerFromEnv({})).toThrow('CARER_PROMPTS_TOKEN is not set (it should hold the bearer token)');
    expect(() => bearerFromEnv({ CARER_PROMPTS_TOKEN: 'two words' })).toThrow(/^CARER_PROMPTS_TOKEN does not look like a bearer token$/);
  });
});

describe('the authorized fetch', () => {
  it('sends the token to the FHIR server only, and retries once with a new token after a 401', async () => {
    const seen: [string, string | null][] = [];
    net.server.use(
      http.get(`${BASE}/Patient`, ({ request }) => {
        seen.push([request.url, request.headers.get('authorization')]);
        return request.headers.get('authorization') === 'Bearer t2' ? HttpResponse.json({ resourceType: 'Bundle' }) : new HttpResponse(null, { status: 401 });
      }),
      http.get('https://files.example/export/1.ndjson', ({ request }) => {
        seen.push([request.url, request.headers.get('authorization')]);
        return new HttpResponse('');
      }),
    );
    let token = 't1';
    const fetchWithToken = authorizedFetch(globalThis.fetch, BASE, async (hint) => {
      if (hint?.rejected === token) token = 't2';
      return token;
    });
    expect((await fetchWithToken(`${BASE}/Patient`)).status).toBe(200);
    await fetchWithToken('https://files.example/export/1.ndjson');
    net.server.use(http.post(`${BASE}/Patient/_search`, async ({ request }) => HttpResponse.json({ auth: request.headers.get('authorization'), body: await request.text() })));
    const posted = await fetchWithToken(`${BASE}/Patient/_search`, { method: 'POST', body: '_id=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await posted.json()).toEqual({ auth: 'Bearer t2', body: '_id=a' });
    expect(seen).toEqual([
      [`${BASE}/Patient`, 'Bearer t1'],
      [`${BASE}/Patient`, 'Bearer t2'],
      ['https://files.example/export/1.ndjson', null],
    ]);
  });
});
