/**
 * A SMART App Launch 2 session for a public client (the extension): sign-in with PKCE S256 and a
 * single-use `state`, the access token for each request, a single-flight refresh, sign-out.
 *
 * Rules it keeps:
 * - a refresh token is used at most once: it is dropped from the store before the refresh is sent,
 *   so a lost answer means "sign in again", never a replay the server would see as token theft;
 * - concurrent callers needing a fresh token share one refresh;
 * - every way the session can end surfaces as {@link signInAgain} (FhirError `unauthorized`).
 *
 * @example
 * ```ts
 * const session = createSmartSession({ fhirBase, clientId, redirectUri: browser.identity.getRedirectURL(), store });
 * const answer = await browser.identity.launchWebAuthFlow({ url: await session.beginSignIn(), interactive: true });
 * const granted = await session.completeSignIn(answer);
 * const fhir = createFhirAdapter({ baseUrl: fhirBase, fetch, getToken: session.getToken });
 * ```
 */
import { FhirError } from '../errors';
import { REQUEST_INIT_DEFAULTS } from '../http/types';
import { fetchWithinOrigin } from '../http/redirects';
import { buildAuthorizeUrl } from './authorizeUrl';
import { grantedCapabilities, type GrantedCapabilities } from './grantedCapabilities';
import { fhirUserFromIdToken } from './idToken';
import { createPkce } from './pkce';
import { CLINICIAN_SCOPE } from './scopes';
import { readSession, type SessionStore, type StoredTokens } from './sessionStore';
import { signInAgain, signInRefused } from './signInAgain';
import { discoverSmartConfiguration, type SmartConfiguration } from './smartConfiguration';
import { newState, sameState } from './state';
import { requestToken, type TokenResponse } from './tokenEndpoint';

export interface SmartSessionOptions {
  /** The FHIR base; also the `aud` of every authorization request. */
  fhirBase: string;
  clientId: string;
  /** In the extension: `https://<extension-id>.chromiumapp.org/` (browser.identity.getRedirectURL()). */
  redirectUri: string;
  store: SessionStore;
  /** Default: {@link CLINICIAN_SCOPE}. */
  scope?: string;
  fetch?: typeof fetch;
  /** Known configuration (skips discovery). */
  configuration?: SmartConfiguration;
  /** Epoch milliseconds; injected for tests. */
  now?: () => number;
  /** Refresh this long before expiry so a request does not leave with a token about to lapse (default 30 s). */
  expirySkewMs?: number;
  /** An unanswered sign-in is abandoned after this long (default 10 minutes). */
  pendingTtlMs?: number;
}

export interface SignedIn {
  scope: string;
  capabilities: GrantedCapabilities;
  fhirUser?: string;
}

export interface TokenHint {
  /** The access token the server just answered 401 to: refresh unless another caller already has. */
  rejected?: string;
}

export interface SmartSession {
  /** Starts a sign-in: the authorization URL to open (state and PKCE verifier kept in the store). */
  beginSignIn(): Promise<string>;
  /** Finishes it from the redirect URL the browser returned; checks `state` (once) and exchanges the code. */
  completeSignIn(redirectUrl: string): Promise<SignedIn>;
  /** The access token to send; refreshes when expired or when `hint.rejected` is the current token. Throws sign-in-again. */
  getToken(hint?: TokenHint): Promise<string>;
  /** What the granted scopes allow, or undefined when not signed in. */
  signedIn(): Promise<SignedIn | undefined>;
  /**
   * Forgets every token and any pending sign-in, then (best effort) asks the server to revoke the
   * grant when it offers a `revocation_endpoint` (RFC 7009). Local sign-out never waits on, or
   * fails with, the server.
   */
  signOut(): Promise<void>;
}

export function createSmartSession(sessionOptions: SmartSessionOptions): SmartSession {
  // The same base the adapter uses (no trailing slash): `aud` must match the server's own base exactly.
  const options = { ...sessionOptions, fhirBase: sessionOptions.fhirBase.replace(/\/+$/, '') };
  const now = options.now ?? Date.now;
  const skew = options.expirySkewMs ?? 30_000;
  const pendingTtl = options.pendingTtlMs ?? 10 * 60_000;
  const scope = options.scope ?? CLINICIAN_SCOPE;
  const fetchOptions = options.fetch ? { fetch: options.fetch } : {};
  const { store } = options;
  let configuration: Promise<SmartConfiguration> | undefined = options.configuration ? Promise.resolve(options.configuration) : undefined;
  let refreshing: Promise<StoredTokens> | undefined;

  const config = (): Promise<SmartConfiguration> => {
    configuration ??= discoverSmartConfiguration(options.fhirBase, fetchOptions).catch((error: unknown) => {
      configuration = undefined; // try discovery again next time
      throw error;
    });
    return configuration;
  };

  const toTokens = (response: TokenResponse, previous?: StoredTokens): StoredTokens => {
    const fhirUser = fhirUserFromIdToken(response.id_token) ?? previous?.fhirUser;
    const patient = response.patient ?? previous?.patient;
    return {
      accessToken: response.access_token,
      // Without expires_in, assume a short life: a refresh (or a 401) will tell.
      expiresAt: now() + (response.expires_in ?? 300) * 1000,
      // RFC 6749 §5.1: an omitted scope is the scope requested (or, on refresh, the scope held).
      scope: response.scope ?? previous?.scope ?? scope,
      ...(response.refresh_token !== undefined ? { refreshToken: response.refresh_token } : {}),
      ...(fhirUser !== undefined ? { fhirUser } : {}),
      ...(patient !== undefined ? { patient } : {}),
    };
  };

  const describe = (tokens: StoredTokens): SignedIn => ({
    scope: tokens.scope,
    capabilities: grantedCapabilities(tokens.scope),
    ...(tokens.fhirUser !== undefined ? { fhirUser: tokens.fhirUser } : {}),
  });

  /** `stale`: the access token the caller found expired or rejected. */
  const refresh = (stale: string): Promise<StoredTokens> => {
    refreshing ??= (async () => {
      const session = await readSession(store);
      const tokens = session.tokens;
      if (!tokens) throw signInAgain('no-session');
      // Another caller refreshed between our read and now: its token is the fresh one.
      if (tokens.accessToken !== stale && now() < tokens.expiresAt - skew) return tokens;
      if (tokens.refreshToken === undefined) {
        await store.clear();
        throw signInAgain('expired');
      }
      // Used once: forget it before sending, whatever the answer.
      const { refreshToken, ...withoutRefresh } = tokens;
      await store.write({ ...session, tokens: withoutRefresh });
      try {
        const { token_endpoint } = await config();
        const response = await requestToken(token_endpoint, new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: options.clientId }), fetchOptions);
        const next = toTokens(response, withoutRefresh);
        await store.write({ ...(await readSession(store)), tokens: next });
        return next;
      } catch (error) {
        await store.clear();
        throw error instanceof FhirError && error.kind === 'unauthorized' ? error : signInAgain('refresh-failed', error);
      }
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  return {
    async beginSignIn() {
      const { authorization_endpoint } = await config();
      const pkce = await createPkce();
      const state = newState();
      const session = await readSession(store);
      await store.write({ ...session, pending: { state, verifier: pkce.verifier, startedAt: now() } });
      return buildAuthorizeUrl({ authorizationEndpoint: authorization_endpoint, clientId: options.clientId, redirectUri: options.redirectUri, scope, state, aud: options.fhirBase, codeChallenge: pkce.challenge });
    },

    async completeSignIn(redirectUrl) {
      const session = await readSession(store);
      const pending = session.pending;
      // Single use: the pending request is gone whatever happens next.
      const { pending: _used, ...rest } = session;
      await store.write(rest);
      let answer: URL;
      try {
        answer = new URL(redirectUrl);
      } catch {
        throw signInAgain('state-mismatch');
      }
      const expected = new URL(options.redirectUri);
      if (answer.origin !== expected.origin || answer.pathname !== expected.pathname) throw signInAgain('state-mismatch');
      const state = answer.searchParams.get('state');
      if (!pending || state === null || !sameState(pending.state, state) || now() - pending.startedAt > pendingTtl) throw signInAgain('state-mismatch');
      if (answer.searchParams.has('error')) throw signInRefused(answer.searchParams.get('error'), answer.searchParams.get('error_description'));
      const code = answer.searchParams.get('code');
      if (!code) throw signInAgain('denied');
      const { token_endpoint } = await config();
      const response = await requestToken(
        token_endpoint,
        new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: options.redirectUri, client_id: options.clientId, code_verifier: pending.verifier }),
        fetchOptions,
      );
      const tokens = toTokens(response);
      await store.write({ ...(await readSession(store)), tokens });
      return describe(tokens);
    },

    async getToken(hint = {}) {
      const tokens = (await readSession(store)).tokens;
      if (!tokens) throw signInAgain('no-session');
      const stale = now() >= tokens.expiresAt - skew;
      if (!stale && (hint.rejected === undefined || hint.rejected !== tokens.accessToken)) return tokens.accessToken;
      return (await refresh(tokens.accessToken)).accessToken;
    },

    async signedIn() {
      const tokens = (await readSession(store)).tokens;
      return tokens ? describe(tokens) : undefined;
    },

    async signOut() {
      const tokens = (await readSession(store)).tokens;
      await store.clear();
      if (!tokens) return;
      try {
        const { revocation_endpoint } = await config();
        if (revocation_endpoint === undefined) return;
        const [token, hint] = tokens.refreshToken !== undefined ? [tokens.refreshToken, 'refresh_token'] : [tokens.accessToken, 'access_token'];
        await fetchWithinOrigin(options.fetch ?? globalThis.fetch, revocation_endpoint, {
          ...REQUEST_INIT_DEFAULTS,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token, token_type_hint: hint, client_id: options.clientId }).toString(),
        });
      } catch {
        // Best effort: the tokens are already forgotten here, and the access token expires soon.
      }
    },
  };
}
