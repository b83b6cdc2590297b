/**
 * The sandbox in `--auth smart` mode, driven by the adapter's own SMART client: discovery, the
 * authorization code flow with PKCE (the browser's part played by following the redirect), bearer
 * tokens on every FHIR route, scopes enforced per request, refresh rotation, expiry and revocation
 * mid-session, and Backend Services for the audit. Open mode stays the default.
 */
import { generateKeyPairSync } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backendServicesToken } from '../../adapter/auth/tokenSources';
import { clientAssertion, signingKeyFromPem } from '../../adapter/auth/clientAssertion';
import { CLINICIAN_SCOPE } from '../../adapter/auth/scopes';
import { createSmartSession, type SmartSession } from '../../adapter/auth/session';
import { memorySessionStore } from '../../adapter/auth/sessionStore';
import { SIGN_IN_AGAIN_MESSAGE } from '../../adapter/auth/signInAgain';
import { createFhirAdapter } from '../../adapter/client';
import type { FhirError } from '../../adapter/errors';
import { createFhirHttp } from '../../adapter/http/fhirHttp';
import { AUDIT_CLIENT_ID, SANDBOX_CLIENT_ID, sandboxSmartAuth, type SmartAuth } from '../../sandbox/auth/index';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { fhirFetch, outcomeText, TEST_NOW } from './support/fhirFetch';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const auditKeys = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const AUDIT_KEY = signingKeyFromPem(auditKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
const amira = Object.values(PERSONAS)[0]!;

/** Scopes the server grants: everything asked, or fewer for a test. */
let grantOnly: readonly string[] | undefined;
let clock = TEST_NOW.getTime();
let sandbox: Sandbox;
let auth: SmartAuth;

beforeAll(async () => {
  auth = sandboxSmartAuth({
    auditPublicKeyPem: auditKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    now: () => clock,
    grant: (requested) => grantOnly ?? requested,
  });
  sandbox = await startSandbox({ port: 0, patients: 3, now: TEST_NOW, handlers: auth.handlers });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  grantOnly = undefined;
  clock = TEST_NOW.getTime();
});

/** What browser.identity.launchWebAuthFlow does: open the URL, follow to the redirect URI, return it. */
async function browserAuthorize(url: string): Promise<{ status: number; location: string | null; text: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

function newSession(): SmartSession {
  return createSmartSession({ fhirBase: sandbox.fhirBase, clientId: SANDBOX_CLIENT_ID, redirectUri: REDIRECT, store: memorySessionStore(), now: () => clock });
}

async function signedInSession(): Promise<SmartSession> {
  const session = newSession();
  const answer = await browserAuthorize(await session.beginSignIn());
  expect(answer.status).toBe(302);
  await session.completeSignIn(answer.location ?? '');
  return session;
}

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as FhirError);
/** A GET with any Host header (fetch will not send one of its own choosing). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(sandbox.origin);
    const req = request({ host: target.hostname, port: target.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const carerFor = (patientId: string) => ({ resourceType: 'RelatedPerson', patient: { reference: `Patient/${patientId}` }, name: [{ given: ['Grace'], family: 'Test' }] });

describe('open mode (the default)', () => {
  it('stays open: no token needed, no SMART configuration', async () => {
    const open = await startSandbox({ port: 0, patients: 0, now: TEST_NOW });
    try {
      expect((await fhirFetch(`${open.fhirBase}/Patient/${amira.patientId}`)).status).toBe(200);
      expect((await fhirFetch(`${open.fhirBase}/.well-known/smart-configuration`)).status).toBe(404);
    } finally {
      await open.close();
    }
  });
});

describe('the FHIR routes in auth mode', () => {
  it('answer 401 with WWW-Authenticate and an OperationOutcome without a bearer token', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/Patient/${amira.patientId}`);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="carer-prompts-sandbox"');
    expect(reply.body?.resourceType).toBe('OperationOutcome');
    const bad = await fhirFetch(`${sandbox.fhirBase}/Patient/${amira.patientId}`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('guard the bulk export too: no token, no $export kick-off', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/$export?_type=Patient`, { headers: { prefer: 'respond-async' } });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('content-location')).toBeNull();
  });

  it('keep the CapabilityStatement public and publish the SMART configuration with S256', async () => {
    expect((await fhirFetch(`${sandbox.fhirBase}/metadata`)).status).toBe(200);
    const config = await fhirFetch<Record<string, unknown>>(`${sandbox.fhirBase}/.well-known/smart-configuration`);
    expect(config.body).toMatchObject({ code_challenge_methods_supported: ['S256'], token_endpoint: `${sandbox.origin}/auth/token` });
    expect(config.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the sandbox EHR page in auth mode', () => {
  /** The session cookie the EHR page's own address hands the browser. */
  async function ehrPageCookie(): Promise<string> {
    const page = await fetch(`${sandbox.origin}/ehr/patients/${amira.patientId}`);
    await page.text();
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    return cookie.split(';')[0] ?? '';
  }

  it('reads the record with its own session, as the EHR it stands for reads with its own', async () => {
    const cookie = await ehrPageCookie();
    expect((await fhirFetch(`${sandbox.fhirBase}/Patient/${amira.patientId}`, { headers: { cookie } })).status).toBe(200);
    const withTeam = await fhirFetch(`${sandbox.fhirBase}/Patient?_id=${amira.patientId}&_include=Patient:organization:Organization`, { headers: { cookie } });
    expect(withTeam.status).toBe(200);
  });

  it('cannot write or export with the EHR page\'s session', async () => {
    const cookie = await ehrPageCookie();
    expect((await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, { method: 'POST', json: carerFor(amira.patientId), headers: { cookie } })).status).toBe(403);
    const exported = await fhirFetch(`${sandbox.fhirBase}/$export?_type=Patient`, { headers: { cookie, prefer: 'respond-async' } });
    expect(exported.status).toBe(403);
    expect(exported.headers.get('content-location')).toBeNull();
  });

  it('gives nothing to a client that says it is the page (Sec-Fetch-Site: same-origin) without the session', async () => {
    const sameOrigin = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', origin: sandbox.origin, referer: `${sandbox.origin}/ehr/` };
    expect((await fhirFetch(`${sandbox.fhirBase}/Patient/${amira.patientId}`, { headers: sameOrigin })).status).toBe(401);
    expect((await fhirFetch(`${sandbox.fhirBase}/Patient?_count=50`, { headers: sameOrigin })).status).toBe(401);
    const exported = await fhirFetch(`${sandbox.fhirBase}/$export?_type=Patient`, { headers: { ...sameOrigin, prefer: 'respond-async' } });
    expect(exported.status).toBe(401);
    expect(exported.headers.get('content-location')).toBeNull();
    expect((await fhirFetch(`${sandbox.fhirBase}/Patient/${amira.patientId}`, { headers: { cookie: 'carer_prompts_ehr_1=guess' } })).status).toBe(401);
  });

  it('refuses a request whose Host is not the sandbox\'s own (DNS rebinding), whatever it carries', async () => {
    const port = new URL(sandbox.origin).port;
    const rebound = await rawGet(`/fhir/Patient/${amira.patientId}`, { host: `attacker.example:${port}`, 'sec-fetch-site': 'same-origin' });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain(amira.patientId);
    const authorization = `Bearer ${await (await signedInSession()).getToken()}`;
    expect((await rawGet(`/fhir/Patient/${amira.patientId}`, { host: `attacker.example:${port}`, authorization })).status).toBe(421);
    expect((await rawGet('/ehr/', { host: 'attacker.example' })).status).toBe(421);
    expect((await rawGet(`/fhir/Patient/${amira.patientId}`, { host: `localhost:${port}`, authorization })).status).toBe(200);
  });

  it('refuses an audit key that cannot sign RS384 or ES384', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => sandboxSmartAuth({ auditPublicKeyPem: p256 })).toThrow('--auth-public-key must be an RSA or EC P-384 public key (RS384 / ES384)');
    expect(() => sandboxSmartAuth({ auditPublicKeyPem: 'nonsense' })).toThrow('--auth-public-key is not a PEM public key');
  });
});

describe('signing in as the sandbox clinician', () => {
  it('gives the adapter a token to read a patient\'s carers and to write', async () => {
    const session = await signedInSession();
    const signedIn = await session.signedIn();
    expect(signedIn?.scope).toBe(CLINICIAN_SCOPE);
    expect(signedIn?.fhirUser).toBe(`${sandbox.fhirBase}/Practitioner/sandbox-clinician`);
    const fhir = createFhirAdapter({ baseUrl: sandbox.fhirBase, getToken: session.getToken });
    const record = await fhir.readCarerContext(`Patient/${amira.patientId}`);
    expect(record.context.patient.reference).toBe(`Patient/${amira.patientId}`);
    const http = createFhirHttp({ baseUrl: sandbox.fhirBase, getToken: session.getToken });
    expect((await http.send({ method: 'POST', path: 'RelatedPerson', body: carerFor(amira.patientId), context: { interaction: 'create' } })).status).toBe(201);
  });

  it('refuses a write outside the granted scopes with 403 and an OperationOutcome, and the client knows beforehand', async () => {
    grantOnly = ['openid', 'fhirUser', 'online_access', 'user/Patient.rs', 'user/RelatedPerson.rs', 'user/Consent.rs', 'user/Task.rs', 'user/List.rs'];
    const session = await signedInSession();
    expect((await session.signedIn())?.capabilities.writes['add-carer']).toMatchObject({ allowed: false, reason: expect.stringContaining('create RelatedPerson') });
    const token = await session.getToken();
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, { method: 'POST', json: carerFor(amira.patientId), headers: { authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(403);
    expect(reply.body?.resourceType).toBe('OperationOutcome');
    expect(outcomeText(reply.body)).toBe('The granted scopes do not allow create RelatedPerson');
    // Reading is still allowed.
    expect((await fhirFetch(`${sandbox.fhirBase}/Patient?_id=${amira.patientId}&_revinclude=RelatedPerson:patient`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('grants only the scopes the client is registered for: offline_access and wider scopes asked for are left out', async () => {
    const session = createSmartSession({
      fhirBase: sandbox.fhirBase,
      clientId: SANDBOX_CLIENT_ID,
      redirectUri: REDIRECT,
      store: memorySessionStore(),
      now: () => clock,
      scope: `${CLINICIAN_SCOPE} offline_access user/*.cruds system/*.rs`,
    });
    const answer = await browserAuthorize(await session.beginSignIn());
    await session.completeSignIn(answer.location ?? '');
    const granted = (await session.signedIn())?.scope.split(' ') ?? [];
    expect(granted).not.toContain('offline_access');
    expect(granted).not.toContain('user/*.cruds');
    expect(granted).not.toContain('system/*.rs');
    expect(granted.join(' ')).toBe(CLINICIAN_SCOPE);
    const token = await session.getToken();
    expect((await fhirFetch(`${sandbox.fhirBase}/Practitioner?_count=1`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
  });

  it('reads _revinclude and _include from a POST _search body and checks them against the scopes', async () => {
    grantOnly = ['openid', 'user/Patient.rs'];
    const session = await signedInSession();
    const authorization = `Bearer ${await session.getToken()}`;
    const search = (form: Record<string, string>) =>
      fhirFetch(`${sandbox.fhirBase}/Patient/_search`, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' } });
    const revinclude = await search({ _id: amira.patientId, _revinclude: 'RelatedPerson:patient' });
    expect(revinclude.status).toBe(403);
    expect(outcomeText(revinclude.body)).toBe('The granted scopes do not allow search RelatedPerson');
    expect((await search({ _id: amira.patientId, _include: 'Patient:general-practitioner:Practitioner' })).status).toBe(403);
    const allowed = await search({ _id: amira.patientId });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ resourceType: 'Bundle', total: 1 });
  });

  it('checks every entry of a transaction against the scopes, and passes an allowed one through intact', async () => {
    grantOnly = ['user/RelatedPerson.crus', 'user/Patient.rs'];
    const session = await signedInSession();
    const authorization = `Bearer ${await session.getToken()}`;
    const transaction = (entries: object[]) => ({ resourceType: 'Bundle', type: 'transaction', entry: entries });
    const carerEntry = { fullUrl: 'urn:uuid:7d0f7a4e-0000-4000-8000-000000000001', resource: carerFor(amira.patientId), request: { method: 'POST', url: 'RelatedPerson' } };
    const provenanceEntry = { resource: { resourceType: 'Provenance' }, request: { method: 'POST', url: 'Provenance' } };
    const refused = await fhirFetch(sandbox.fhirBase, { method: 'POST', json: transaction([carerEntry, provenanceEntry]), headers: { authorization } });
    expect(refused.status).toBe(403);
    expect(outcomeText(refused.body)).toBe('The granted scopes do not allow create Provenance');
    const allowed = await fhirFetch<{ type?: string }>(sandbox.fhirBase, { method: 'POST', json: transaction([carerEntry]), headers: { authorization } });
    expect(allowed.status).toBe(200);
    expect(allowed.body?.type).toBe('transaction-response');
  });
});

describe('the authorize endpoint', () => {
  const authorizeUrl = (overrides: Record<string, string | null>) => {
    const url = new URL(`${sandbox.origin}/auth/authorize`);
    const params: Record<string, string | null> = {
      response_type: 'code',
      client_id: SANDBOX_CLIENT_ID,
      redirect_uri: REDIRECT,
      scope: 'openid user/Patient.rs',
      state: 'AAAAAAAAAAAAAAAAAAAAAA',
      aud: sandbox.fhirBase,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      ...overrides,
    };
    for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
    return url.href;
  };

  it('shows an error, and never redirects, for an unknown client or an unregistered redirect URI', async () => {
    for (const overrides of [{ client_id: 'someone-else' }, { redirect_uri: 'https://evil.example/' }] as Record<string, string>[]) {
      const answer = await browserAuthorize(authorizeUrl(overrides));
      expect(answer.status).toBe(400);
      expect(answer.location).toBeNull();
    }
  });

  it.each([
    [{ code_challenge_method: 'plain' }, /S256/],
    [{ code_challenge_method: null }, /S256/],
    [{ aud: 'https://other.example/fhir' }, /aud/],
    [{ state: 'short' }, /122 bits/],
  ])('redirects back with invalid_request when %j', async (overrides, description) => {
    const answer = await browserAuthorize(authorizeUrl(overrides));
    const back = new URL(answer.location ?? '');
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(description);
    expect(back.searchParams.has('code')).toBe(false);
  });
});

describe('the token endpoint', () => {
  const token = (form: Record<string, string>) =>
    fhirFetch<Record<string, unknown>>(`${sandbox.origin}/auth/token`, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  async function codeFor(challenge: string): Promise<string> {
    const url = new URL(`${sandbox.origin}/auth/authorize`);
    for (const [k, v] of Object.entries({ response_type: 'code', client_id: SANDBOX_CLIENT_ID, redirect_uri: REDIRECT, scope: 'openid online_access user/Patient.rs', state: 'AAAAAAAAAAAAAAAAAAAAAA', aud: sandbox.fhirBase, code_challenge: challenge, code_challenge_method: 'S256' })) {
      url.searchParams.set(k, v);
    }
    return new URL((await browserAuthorize(url.href)).location ?? '').searchParams.get('code') ?? '';
  }
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
  const exchange = (code: string, codeVerifier = verifier) => token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: SANDBOX_CLIENT_ID, code_verifier: codeVerifier });

  it('refuses a wrong code_verifier, and a code used twice', async () => {
    const code = await codeFor(challenge);
    expect((await exchange(code, 'x'.repeat(43))).body).toMatchObject({ error: 'invalid_grant' });
    const again = await codeFor(challenge);
    expect((await exchange(again)).status).toBe(200);
    expect((await exchange(again)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('rotates refresh tokens; a reused one is rejected and ends the whole grant', async () => {
    const first = (await exchange(await codeFor(challenge))).body ?? {};
    expect(first.refresh_token).toEqual(expect.any(String));
    const refresh = (refreshToken: unknown) => token({ grant_type: 'refresh_token', refresh_token: String(refreshToken), client_id: SANDBOX_CLIENT_ID });
    const second = (await refresh(first.refresh_token)).body ?? {};
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const replay = await refresh(first.refresh_token);
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: 'invalid_grant' });
    // The thief's replay also ends the legitimate holder's tokens.
    expect((await refresh(second.refresh_token)).body).toMatchObject({ error: 'invalid_grant' });
    expect((await fhirFetch(`${sandbox.fhirBase}/Patient/${amira.patientId}`, { headers: { authorization: `Bearer ${String(second.access_token)}` } })).status).toBe(401);
  });
});

describe('expiry and revocation mid-session', () => {
  it('refreshes once when the server says the token expired, and the request goes through', async () => {
    const session = await signedInSession();
    const first = await session.getToken();
    clock += 301_000; // the server's clock: the token has expired there
    const sessionClockBehind = createFhirHttp({ baseUrl: sandbox.fhirBase, getToken: (hint) => session.getToken(hint) });
    const response = await sessionClockBehind.send({ method: 'POST', path: 'RelatedPerson', body: carerFor(amira.patientId), context: { interaction: 'create' } });
    expect(response.status).toBe(201);
    expect(await session.getToken()).not.toBe(first);
  });

  it('ends the grant on the server at sign-out: the old token no longer opens the record', async () => {
    const session = await signedInSession();
    const token = await session.getToken();
    await session.signOut();
    expect((await fhirFetch(`${sandbox.fhirBase}/Patient/${amira.patientId}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('asks to sign in again, keeping the draft, when the grant was revoked', async () => {
    const session = await signedInSession();
    auth.server()?.revoke(await session.getToken());
    const fhir = createFhirAdapter({ baseUrl: sandbox.fhirBase, getToken: session.getToken });
    const error = await failure(fhir.readCarerContext(`Patient/${amira.patientId}`));
    expect(error?.kind).toBe('unauthorized');
    expect(error?.userMessage).toBe(SIGN_IN_AGAIN_MESSAGE);
  });
});

describe('Backend Services for the audit', () => {
  const tokenUrl = () => `${sandbox.origin}/auth/token`;

  it('issues a read-only system token for a signed assertion; reads work, writes are refused', async () => {
    const getToken = backendServicesToken({ clientId: AUDIT_CLIENT_ID, tokenUrl: tokenUrl(), key: AUDIT_KEY, now: () => clock });
    const authorization = `Bearer ${await getToken()}`;
    expect((await fhirFetch(`${sandbox.fhirBase}/Patient?_count=1`, { headers: { authorization } })).status).toBe(200);
    expect((await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, { method: 'POST', json: carerFor(amira.patientId), headers: { authorization } })).status).toBe(403);
  });

  it('starts no bulk export for a scoped token either: operations are refused (403), so the audit pulls by paged search', async () => {
    const getToken = backendServicesToken({ clientId: AUDIT_CLIENT_ID, tokenUrl: tokenUrl(), key: AUDIT_KEY, now: () => clock });
    const authorization = `Bearer ${await getToken()}`;
    for (const path of ['$export?_type=Patient', 'Patient/$export', 'Group/team-cmht-north/$export']) {
      const reply = await fhirFetch(`${sandbox.fhirBase}/${path}`, { headers: { authorization, prefer: 'respond-async' } });
      expect(reply.status).toBe(403);
      expect(reply.headers.get('content-location')).toBeNull();
    }
  });

  it('rejects a replayed assertion (same jti), another key, and an assertion for another audience', async () => {
    const form = (assertion: string) =>
      fhirFetch<Record<string, unknown>>(tokenUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'system/Patient.rs', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }).toString(),
      });
    const now = Math.floor(clock / 1000);
    const assertion = clientAssertion(AUDIT_KEY, { clientId: AUDIT_CLIENT_ID, tokenUrl: tokenUrl(), now, jti: 'only-once' });
    expect((await form(assertion)).status).toBe(200);
    expect(await form(assertion)).toMatchObject({ status: 401, body: { error: 'invalid_client', error_description: 'jti replayed' } });
    const otherKey = signingKeyFromPem(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    expect((await form(clientAssertion(otherKey, { clientId: AUDIT_CLIENT_ID, tokenUrl: tokenUrl(), now, jti: 'j2' }))).body).toMatchObject({ error_description: 'bad signature' });
    expect((await form(clientAssertion(AUDIT_KEY, { clientId: AUDIT_CLIENT_ID, tokenUrl: 'https://other.example/token', now, jti: 'j3' }))).body).toMatchObject({ error_description: 'aud is not the token URL' });
    expect((await form(clientAssertion(AUDIT_KEY, { clientId: AUDIT_CLIENT_ID, tokenUrl: tokenUrl(), now: now - 600, jti: 'j4' }))).body).toMatchObject({ error_description: expect.stringMatching(/exp/) });
  });
});
