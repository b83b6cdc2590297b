// @vitest-environment node
/**
 * SMART App Launch in the background worker: the session's state lives in storage.session only
 * (trusted contexts), the gateway sends the session's token and turns off what the granted scopes
 * do not cover, and an ended session reads "sign in again". The authorization server and the FHIR
 * server are played by msw; the browser's sign-in window by WXT's fake browser.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CLINICIAN_SCOPE, NOT_SIGNED_IN_MESSAGE, SIGN_IN_AGAIN_MESSAGE } from '../../../adapter/auth';
import { createBackgroundGateway, dropAdapters, withGrantedScopes } from '../../../extension/background/fhirGateway';
import { GatewayError } from '../../../extension/background/gateway';
import { SIGN_IN_WINDOW_CLOSED, sessionStorageStore, signIn, smartAuthItem, smartSessionFor } from '../../../extension/background/smartAuth';
import { DEFAULT_OPTIONS, type ExtensionOptions } from '../../../extension/storage/options';
import { WRITE_KINDS } from '../../../shared/actions/index';

const FHIR = 'https://fhir.trust.example/R4';
const AUTHORIZE = 'https://auth.trust.example/authorize';
const TOKEN = 'https://auth.trust.example/token';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

const SmartOptions: ExtensionOptions = { ...DEFAULT_OPTIONS, fhirBaseUrl: FHIR, authMode: 'smart', clientId: 'carer-prompts' };
/** What a trust that will not let this client write consent decisions grants. */
const NO_CONSENT_WRITES = CLINICIAN_SCOPE.replace('user/Consent.crus', 'user/Consent.rs');

/** A server that offers every write the extension makes, so only the granted scopes turn any off. */
const EverythingOffered = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  date: '2026-01-01',
  rest: [
    {
      mode: 'server',
      interaction: [{ code: 'transaction' }, { code: 'batch' }],
      resource: ['Patient', 'RelatedPerson', 'Consent', 'Task', 'List', 'Provenance', 'EpisodeOfCare'].map((type) => ({
        type,
        versioning: 'versioned',
        conditionalCreate: true,
        conditionalUpdate: true,
        updateCreate: false,
        interaction: ['read', 'vread', 'search-type', 'create', 'update'].map((code) => ({ code })),
      })),
    },
  ],
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The trust's servers: discovery, a token endpoint granting `scope`, and a FHIR server recording each Authorization header. */
function trustServers(scope: string = CLINICIAN_SCOPE) {
  const authorizations: (string | null)[] = [];
  let issued = 0;
  server.use(
    http.get(`${FHIR}/.well-known/smart-configuration`, () => HttpResponse.json({ authorization_endpoint: AUTHORIZE, token_endpoint: TOKEN, code_challenge_methods_supported: ['S256'] })),
    http.post(TOKEN, () => {
      issued += 1;
      return HttpResponse.json({ access_token: `access-${issued}`, token_type: 'Bearer', expires_in: 300, scope });
    }),
    http.get(`${FHIR}/metadata`, ({ request }) => {
      authorizations.push(request.headers.get('authorization'));
      return HttpResponse.json(EverythingOffered);
    }),
    http.get(`${FHIR}/Patient/demo-amira-khan`, ({ request }) => {
      authorizations.push(request.headers.get('authorization'));
      return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] }, { status: 401 });
    }),
  );
  return { authorizations };
}

/** The browser's sign-in window: the clinician approves, and the authorization server redirects back with the state it was given. */
function clinicianApproves() {
  const opened: string[] = [];
  fakeBrowser.identity.launchWebAuthFlow = async ({ url }: { url: string }) => {
    opened.push(url);
    return `${REDIRECT}?code=the-code&state=${new URL(url).searchParams.get('state') ?? ''}`;
  };
  return opened;
}

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.identity.getRedirectURL = () => REDIRECT;
  dropAdapters();
});

describe('the SMART session store', () => {
  it('keeps the pending sign-in and the tokens in storage.session and nowhere else', async () => {
    trustServers();
    clinicianApproves();
    const session = smartSessionFor({ ...SmartOptions, clientId: 'store-test' });
    if (!session) throw new Error('smart mode has a session');
    await signIn(session);

    const inSession = await fakeBrowser.storage.session.get(null);
    // The tokens, and whether anyone signed in this session (so an ended sign-in is told from none yet).
    expect(Object.keys(inSession).sort()).toEqual(['smart-auth', 'smart-signed-in-before']);
    expect(inSession['smart-signed-in-before']).toBe(true);
    expect(JSON.stringify(inSession)).toContain('access-1');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('forgets everything on clear (sign-out)', async () => {
    const store = sessionStorageStore();
    await store.write({ tokens: { accessToken: 'a', expiresAt: 1, scope: 'openid' } });
    await store.clear();
    expect(await smartAuthItem.getValue()).toBeNull();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('never opens storage.session to content scripts (its access level stays TRUSTED_CONTEXTS)', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
      });
    const files = [...sources('extension'), 'wxt.config.ts'];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/setAccessLevel|UNTRUSTED_CONTEXTS/);
  });

  it('is not used in open mode (the default): no session, no token', () => {
    expect(smartSessionFor(DEFAULT_OPTIONS)).toBeUndefined();
    expect(smartSessionFor({ ...SmartOptions, clientId: undefined } as unknown as ExtensionOptions)).toBeUndefined();
  });
});

describe('signing in from the background', () => {
  it('opens the authorization server in the browser’s sign-in window and returns to the chromiumapp.org redirect', async () => {
    trustServers();
    const opened = clinicianApproves();
    const session = smartSessionFor({ ...SmartOptions, clientId: 'window-test' });
    if (!session) throw new Error('smart mode has a session');
    const signedIn = await signIn(session);
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0] ?? '');
    expect(url.origin + url.pathname).toBe(AUTHORIZE);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('aud')).toBe(FHIR);
    expect(signedIn.capabilities.writes['record-consent']).toEqual({ allowed: true });
  });

  it('says the sign-in window closed before sign-in, when the clinician closes it', async () => {
    trustServers();
    fakeBrowser.identity.launchWebAuthFlow = async () => {
      throw new Error('The user did not approve access.');
    };
    const session = smartSessionFor({ ...SmartOptions, clientId: 'closed-test' });
    if (!session) throw new Error('smart mode has a session');
    await expect(signIn(session)).rejects.toMatchObject({ kind: 'unauthorized', userMessage: SIGN_IN_WINDOW_CLOSED });
  });
});

describe('the FHIR gateway in smart mode', () => {
  it('sends the signed-in session’s access token with its FHIR requests', async () => {
    const { authorizations } = trustServers();
    clinicianApproves();
    const session = smartSessionFor({ ...SmartOptions, clientId: 'token-test' });
    if (!session) throw new Error('smart mode has a session');
    await signIn(session);
    await createBackgroundGateway({ ...SmartOptions, clientId: 'token-test' }, session).writes(new AbortController().signal);
    expect(authorizations).toEqual(['Bearer access-1']);
  });

  it('sends no token in open mode', async () => {
    const { authorizations } = trustServers();
    await createBackgroundGateway({ ...DEFAULT_OPTIONS, fhirBaseUrl: FHIR }).writes(new AbortController().signal);
    expect(authorizations).toEqual([null]);
  });

  it('turns off, with the reason, the writes the granted scopes do not cover', async () => {
    trustServers(NO_CONSENT_WRITES);
    clinicianApproves();
    const options = { ...SmartOptions, clientId: 'scope-test' };
    const session = smartSessionFor(options);
    if (!session) throw new Error('smart mode has a session');
    await signIn(session);
    const writes = await createBackgroundGateway(options, session).writes(new AbortController().signal);
    expect(writes['record-consent']).toEqual({ enabled: false, reason: expect.stringMatching(/record a consent decision.*create Consent/) });
    expect(writes['withdraw-consent']).toEqual({ enabled: false, reason: expect.stringMatching(/withdraw a consent.*update Consent/) });
    expect(writes['add-carer']).toEqual({ enabled: true });
  });

  it('says "not signed in yet" (and does not read) before the first sign-in, never that a sign-in ended', async () => {
    const { authorizations } = trustServers();
    const options = { ...SmartOptions, clientId: 'signed-out-test' };
    const session = smartSessionFor(options);
    if (!session) throw new Error('smart mode has a session');
    const error = await createBackgroundGateway(options, session)
      .read('Patient/demo-amira-khan', new AbortController().signal)
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'sign-in', userMessage: NOT_SIGNED_IN_MESSAGE });
    expect(authorizations).toEqual([]);
  });

  it('says the sign-in has ended once a signed-in session has lost its tokens, and "not signed in" again after sign-out', async () => {
    trustServers();
    clinicianApproves();
    const session = smartSessionFor({ ...SmartOptions, clientId: 'ended-test' });
    if (!session) throw new Error('smart mode has a session');
    await signIn(session);
    expect(await session.getToken()).toBe('access-1');
    await smartAuthItem.removeValue(); // the grant ended and the tokens were forgotten
    await expect(session.getToken()).rejects.toMatchObject({ kind: 'unauthorized', userMessage: SIGN_IN_AGAIN_MESSAGE });
    await session.signOut();
    await expect(session.getToken()).rejects.toMatchObject({ userMessage: NOT_SIGNED_IN_MESSAGE });
  });
});

describe('granted scopes and the server’s own capabilities', () => {
  it('keeps the server’s reason for a write it does not offer, whatever the scopes', () => {
    const serverSays = { 'record-no-carers': { enabled: false, reason: 'This server does not take List.' } };
    const signedIn = { scope: CLINICIAN_SCOPE, capabilities: { read: { allowed: true as const }, knowsUser: true, writes: Object.fromEntries(WRITE_KINDS.map((w) => [w, { allowed: true as const }])) } };
    const writes = withGrantedScopes(serverSays, signedIn as Parameters<typeof withGrantedScopes>[1]);
    expect(writes['record-no-carers']).toEqual(serverSays['record-no-carers']);
    expect(writes['record-consent']).toEqual({ enabled: true });
  });

  it('changes nothing when not signed in (open mode)', () => {
    expect(withGrantedScopes({}, undefined)).toEqual({});
  });
});
