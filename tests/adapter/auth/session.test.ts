/**
 * The extension's SMART session against an authorization server played by msw: sign-in with PKCE
 * and state, refresh (single-flight, each refresh token used once), sign-in-again, sign-out.
 */
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { s256Challenge } from '../../../adapter/auth/pkce';
import { CLINICIAN_SCOPE } from '../../../adapter/auth/scopes';
import { createSmartSession, type SmartSession } from '../../../adapter/auth/session';
import { memorySessionStore, readSession, type SessionStore } from '../../../adapter/auth/sessionStore';
import { SIGN_IN_AGAIN_MESSAGE } from '../../../adapter/auth/signInAgain';
import type { FhirError } from '../../../adapter/errors';
import { useFhirServer } from '../support/mswServer';

const net = useFhirServer();
const BASE = 'https://fhir.trust.example/R4';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const AUTHORIZE = 'https://auth.trust.example/authorize';
const TOKEN = 'https://auth.trust.example/token';

/** A token endpoint that records every form it receives and answers from a script. */
function tokenEndpoint(answer: (form: URLSearchParams, n: number) => Response | Promise<Response>) {
  const forms: URLSearchParams[] = [];
  net.server.use(
    http.get(`${BASE}/.well-known/smart-configuration`, () =>
      HttpResponse.json({ authorization_endpoint: AUTHORIZE, token_endpoint: TOKEN, code_challenge_methods_supported: ['S256'] }),
    ),
    http.post(TOKEN, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      forms.push(form);
      return answer(form, forms.length);
    }),
  );
  return forms;
}

const idToken = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

const granted = (n: number, extra: object = {}) =>
  HttpResponse.json({ access_token: `access-${n}`, token_type: 'Bearer', expires_in: 300, scope: CLINICIAN_SCOPE, refresh_token: `refresh-${n}`, ...extra });

let clock = 1_000_000;
let store: SessionStore;
let session: SmartSession;
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as FhirError);

async function signIn(): Promise<void> {
  const url = new URL(await session.beginSignIn());
  await session.completeSignIn(`${REDIRECT}?code=the-code&state=${url.searchParams.get('state')}`);
}

beforeEach(() => {
  clock = 1_000_000;
  store = memorySessionStore();
  session = createSmartSession({ fhirBase: BASE, clientId: 'carer-prompts', redirectUri: REDIRECT, store, now: () => clock });
});

describe('signing in (authorization code with PKCE)', () => {
  it('sends the clinician to the authorize endpoint with PKCE S256, a fresh state and aud = the FHIR base', async () => {
    tokenEndpoint((_f, n) => granted(n));
    const url = new URL(await session.beginSignIn());
    expect(url.origin + url.pathname).toBe(AUTHORIZE);
    const params = url.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe('carer-prompts');
    expect(params.get('redirect_uri')).toBe(REDIRECT);
    expect(params.get('aud')).toBe(BASE);
    expect(params.get('scope')).toBe(CLINICIAN_SCOPE);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const pending = (await readSession(store)).pending;
    expect(params.get('code_challenge')).toBe(await s256Challenge(pending?.verifier ?? ''));
    expect(url.href).not.toContain(pending?.verifier);
  });

  it('sends aud without a trailing slash, as the adapter names the base', async () => {
    tokenEndpoint((_f, n) => granted(n));
    const slashed = createSmartSession({ fhirBase: `${BASE}/`, clientId: 'carer-prompts', redirectUri: REDIRECT, store, now: () => clock });
    expect(new URL(await slashed.beginSignIn()).searchParams.get('aud')).toBe(BASE);
  });

  it('exchanges the code with its verifier and keeps the granted scopes and who signed in', async () => {
    const forms = tokenEndpoint((_f, n) => granted(n, { id_token: idToken({ fhirUser: `${BASE}/Practitioner/dr-okafor` }) }));
    const url = new URL(await session.beginSignIn());
    const verifier = (await readSession(store)).pending?.verifier;
    const signedIn = await session.completeSignIn(`${REDIRECT}?code=the-code&state=${url.searchParams.get('state')}`);
    expect(Object.fromEntries(forms[0] ?? [])).toEqual({ grant_type: 'authorization_code', code: 'the-code', redirect_uri: REDIRECT, client_id: 'carer-prompts', code_verifier: verifier });
    expect(signedIn.fhirUser).toBe(`${BASE}/Practitioner/dr-okafor`);
    expect(signedIn.capabilities.writes['record-consent'].allowed).toBe(true);
    expect(await session.getToken()).toBe('access-1');
    expect((await readSession(store)).pending).toBeUndefined();
  });

  it('reads the scopes actually granted, which can be fewer than asked', async () => {
    tokenEndpoint(() => HttpResponse.json({ access_token: 'a', token_type: 'bearer', expires_in: 300, scope: 'openid fhirUser user/Patient.rs user/RelatedPerson.rs user/Consent.rs user/Task.rs user/List.rs' }));
    await signIn();
    const signedIn = await session.signedIn();
    expect(signedIn?.capabilities.read.allowed).toBe(true);
    expect(signedIn?.capabilities.writes['record-consent']).toMatchObject({ allowed: false, reason: expect.stringContaining('create Consent') });
  });

  it('refuses an answer whose state does not match, without exchanging the code', async () => {
    const forms = tokenEndpoint((_f, n) => granted(n));
    await session.beginSignIn();
    const error = await failure(session.completeSignIn(`${REDIRECT}?code=stolen&state=AAAAAAAAAAAAAAAAAAAAAA`));
    expect(error?.kind).toBe('unauthorized');
    expect(error?.message).toMatch(/state/);
    expect(forms).toHaveLength(0);
  });

  it('uses a state once: the same answer replayed is refused', async () => {
    const forms = tokenEndpoint((_f, n) => granted(n));
    const url = new URL(await session.beginSignIn());
    const answer = `${REDIRECT}?code=the-code&state=${url.searchParams.get('state')}`;
    await session.completeSignIn(answer);
    expect((await failure(session.completeSignIn(answer)))?.message).toMatch(/state/);
    expect(forms).toHaveLength(1);
  });

  it('refuses an answer on another redirect URI, or one that comes too late', async () => {
    tokenEndpoint((_f, n) => granted(n));
    let url = new URL(await session.beginSignIn());
    expect((await failure(session.completeSignIn(`https://evil.example/?code=c&state=${url.searchParams.get('state')}`)))?.kind).toBe('unauthorized');
    url = new URL(await session.beginSignIn());
    clock += 11 * 60_000;
    expect((await failure(session.completeSignIn(`${REDIRECT}?code=c&state=${url.searchParams.get('state')}`)))?.kind).toBe('unauthorized');
  });

  it('shows the authorization server’s refusal in words: its error code and error_description, never a code or token', async () => {
    tokenEndpoint((_f, n) => granted(n));
    const url = new URL(await session.beginSignIn());
    const description = 'Your account is not allowed to use Carer Prompts';
    const error = await failure(session.completeSignIn(`${REDIRECT}?error=access_denied&error_description=${encodeURIComponent(description)}&state=${url.searchParams.get('state')}`));
    expect(error?.kind).toBe('unauthorized');
    expect(error?.userMessage).toBe(`The sign-in server did not sign you in: access was refused. It said: “${description}” (access_denied). What you entered has been kept.`);
  });

  it('says what a refusal for the asked permissions means, and shows hidden characters in the server’s text as visible escapes', async () => {
    tokenEndpoint((_f, n) => granted(n));
    const url = new URL(await session.beginSignIn());
    const error = await failure(session.completeSignIn(`${REDIRECT}?error=invalid_scope&error_description=${encodeURIComponent('scope\u202e not allowed')}&state=${url.searchParams.get('state')}`));
    expect(error?.userMessage).toMatch(/^The sign-in server did not sign you in: it would not grant the permissions Carer Prompts asks for .* It said: “scope\\u\{202e\} not allowed” \(invalid_scope\)/);
  });

  it('does not show a refusal whose state does not match the sign-in it claims to answer', async () => {
    tokenEndpoint((_f, n) => granted(n));
    await session.beginSignIn();
    const error = await failure(session.completeSignIn(`${REDIRECT}?error=access_denied&error_description=forged&state=${'x'.repeat(22)}`));
    expect(error?.userMessage).toBe(SIGN_IN_AGAIN_MESSAGE);
  });

  it('turns a rejected code (invalid_grant) into "sign in again"', async () => {
    tokenEndpoint(() => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 }));
    const error = await failure(signIn());
    expect(error?.kind).toBe('unauthorized');
    expect(error?.userMessage).toBe(SIGN_IN_AGAIN_MESSAGE);
  });
});

describe('tokens during the session', () => {
  it('says "sign in again, your draft is kept" before any sign-in', async () => {
    const error = await failure(session.getToken());
    expect(error?.kind).toBe('unauthorized');
    expect(error?.userMessage).toMatch(/Sign in again: what you entered has been kept/);
  });

  it('refreshes an expired token once, sending the refresh token and rotating to the new one', async () => {
    const forms = tokenEndpoint((_f, n) => granted(n));
    await signIn();
    clock += 301_000;
    expect(await session.getToken()).toBe('access-2');
    expect(Object.fromEntries(forms[1] ?? [])).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'carer-prompts' });
    clock += 301_000;
    expect(await session.getToken()).toBe('access-3');
    expect(forms[2]?.get('refresh_token')).toBe('refresh-2');
  });

  it('refreshes before expiry when the server rejected the current token', async () => {
    const forms = tokenEndpoint((_f, n) => granted(n));
    await signIn();
    expect(await session.getToken({ rejected: 'access-1' })).toBe('access-2');
    // A caller still holding the old rejected token gets the new one without another refresh.
    expect(await session.getToken({ rejected: 'access-1' })).toBe('access-2');
    expect(forms).toHaveLength(2);
  });

  it('shares one refresh between concurrent callers (single flight)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const forms = tokenEndpoint(async (_f, n) => {
      if (n > 1) await gate;
      return granted(n);
    });
    await signIn();
    clock += 301_000;
    const tokens = Array.from({ length: 5 }, () => session.getToken());
    release();
    expect(await Promise.all(tokens)).toEqual(Array(5).fill('access-2'));
    expect(forms.filter((f) => f.get('grant_type') === 'refresh_token')).toHaveLength(1);
  });

  it('never sends a refresh token twice: a refresh that fails ends the session', async () => {
    const forms = tokenEndpoint((_f, n) => (n === 1 ? granted(n) : HttpResponse.error()));
    await signIn();
    clock += 301_000;
    const first = await failure(session.getToken());
    expect(first?.kind).toBe('unauthorized');
    expect(first?.userMessage).toBe(SIGN_IN_AGAIN_MESSAGE);
    expect((await failure(session.getToken()))?.kind).toBe('unauthorized');
    expect(forms.filter((f) => f.get('refresh_token') === 'refresh-1')).toHaveLength(1);
    expect(await readSession(store)).toEqual({});
  });

  it('asks to sign in again when the token expired and there is no refresh token (revoked or not offered)', async () => {
    tokenEndpoint(() => HttpResponse.json({ access_token: 'a', token_type: 'Bearer', expires_in: 60, scope: CLINICIAN_SCOPE }));
    await signIn();
    clock += 61_000;
    expect((await failure(session.getToken()))?.message).toMatch(/no refresh token/);
  });

  it('treats a corrupt stored session as signed out, never as a crash', async () => {
    await store.write({ tokens: { accessToken: 'x', expiresAt: 1, scope: '' } });
    await (store as unknown as { write(v: unknown): Promise<void> }).write({ tokens: 'garbage' });
    expect((await failure(session.getToken()))?.kind).toBe('unauthorized');
  });

  it('forgets every token on sign-out', async () => {
    tokenEndpoint((_f, n) => granted(n));
    await signIn();
    await session.signOut();
    expect(await session.signedIn()).toBeUndefined();
    expect((await failure(session.getToken()))?.kind).toBe('unauthorized');
  });

  it('asks the server to revoke the grant on sign-out when it offers revocation, and signs out even if that fails', async () => {
    const revoked: URLSearchParams[] = [];
    net.server.use(
      http.get(`${BASE}/.well-known/smart-configuration`, () =>
        HttpResponse.json({ authorization_endpoint: AUTHORIZE, token_endpoint: TOKEN, revocation_endpoint: 'https://auth.trust.example/revoke', code_challenge_methods_supported: ['S256'] }),
      ),
      http.post(TOKEN, () => granted(1)),
      http.post('https://auth.trust.example/revoke', async ({ request }) => {
        revoked.push(new URLSearchParams(await request.text()));
        return revoked.length === 1 ? new HttpResponse(null, { status: 200 }) : HttpResponse.error();
      }),
    );
    await signIn();
    await session.signOut();
    expect(Object.fromEntries(revoked[0] ?? [])).toEqual({ token: 'refresh-1', token_type_hint: 'refresh_token', client_id: 'carer-prompts' });
    await signIn();
    await session.signOut();
    expect(revoked).toHaveLength(2);
    expect(await readSession(store)).toEqual({});
  });
});
