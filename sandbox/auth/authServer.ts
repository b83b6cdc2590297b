/**
 * The sandbox's SMART authorization server, in memory: authorization codes (PKCE S256, single
 * use, 60 s), short-lived access tokens, refresh tokens that rotate (a reused one is rejected and
 * ends the whole grant, as a real server treats a replayed refresh token), and client credentials
 * for Backend Services. The /authorize step auto-approves a fixed sandbox clinician: this is a demo
 * and test server, not an identity provider.
 */
import { createHash, createHmac, randomBytes, type KeyObject } from 'node:crypto';
import { checkAssertion } from './assertion';
import { isGrantableResourceScope, isRegisteredScope } from './scopes';

export interface PublicClient {
  clientId: string;
  /** Exact redirect URIs allowed, or a test for them (e.g. any `https://<id>.chromiumapp.org/`). */
  redirectUris: readonly string[] | ((uri: string) => boolean);
  /**
   * The scopes this client is registered for: a sign-in is granted only these (or narrower resource
   * scopes within them), whatever it asks for — `offline_access` only if registered.
   */
  scopes: readonly string[];
}

export interface BackendClient {
  clientId: string;
  publicKey: KeyObject;
  /** The key's id in the client's key set: when set, assertions must name it in `kid`. */
  kid?: string;
  /** `system/` scopes this client may be granted. */
  allowedScopes: readonly string[];
}

export interface AuthServerOptions {
  publicClients?: readonly PublicClient[];
  backendClients?: readonly BackendClient[];
  /** Access-token lifetime in seconds (default 300: short, so refresh is exercised). */
  accessTokenSeconds?: number;
  /** The sandbox clinician every sign-in is approved as. */
  fhirUser?: string;
  /** Narrows what a sign-in is granted (tests: "the server grants fewer scopes than asked"). */
  grant?: (requested: readonly string[]) => readonly string[];
  /** Epoch milliseconds. */
  now?: () => number;
}

export interface AccessGrant {
  clientId: string;
  scopes: readonly string[];
  kind: 'user' | 'system';
  expiresAt: number;
}

export type AuthorizeResult = { redirect: string } | { error: string };

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** The public client the extension registers as in the sandbox. */
export const SANDBOX_CLIENT_ID = 'carer-prompts';
/** The audit's Backend Services client (registered when `--auth-public-key` is given). */
export const AUDIT_CLIENT_ID = 'carer-prompts-audit';
export const SANDBOX_FHIR_USER = 'Practitioner/sandbox-clinician';
/** Any Chromium extension's identity redirect (the sandbox cannot know the extension id in advance). */
export const CHROMIUM_EXTENSION_REDIRECT = /^https:\/\/[a-p]{32}\.chromiumapp\.org\/$/;

const USER_EXTRA_SCOPES = new Set(['openid', 'fhirUser', 'online_access', 'offline_access']);
const CODE_TTL_MS = 60_000;

interface CodeRecord {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: readonly string[];
  expiresAt: number;
}

interface RefreshRecord {
  clientId: string;
  scopes: readonly string[];
  family: string;
  used: boolean;
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

export class SmartAuthServer {
  readonly fhirBase: string;
  readonly tokenUrl: string;
  readonly authorizeUrl: string;
  private readonly codes = new Map<string, CodeRecord>();
  private readonly access = new Map<string, AccessGrant & { family?: string }>();
  private readonly refresh = new Map<string, RefreshRecord>();
  private readonly revokedFamilies = new Set<string>();
  private readonly seenJti = new Set<string>();
  private readonly idTokenKey = randomBytes(32);
  private readonly now: () => number;

  constructor(
    fhirBase: string,
    private readonly options: AuthServerOptions = {},
  ) {
    this.fhirBase = fhirBase;
    const origin = new URL(fhirBase).origin;
    this.tokenUrl = `${origin}/auth/token`;
    this.authorizeUrl = `${origin}/auth/authorize`;
    this.now = options.now ?? Date.now;
  }

  smartConfiguration(): Record<string, unknown> {
    return {
      issuer: new URL(this.fhirBase).origin,
      authorization_endpoint: this.authorizeUrl,
      token_endpoint: this.tokenUrl,
      revocation_endpoint: `${new URL(this.fhirBase).origin}/auth/revoke`,
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      scopes_supported: ['openid', 'fhirUser', 'online_access', 'offline_access', 'user/*.cruds', 'system/*.rs'],
      response_types_supported: ['code'],
      capabilities: ['launch-standalone', 'client-public', 'client-confidential-asymmetric', 'sso-openid-connect', 'permission-v2', 'permission-user', 'permission-online', 'permission-offline'],
    };
  }

  /** The /authorize step: an error page for a bad client or redirect, else a redirect with a code or an error. */
  authorize(params: URLSearchParams): AuthorizeResult {
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    const client = (this.options.publicClients ?? []).find((c) => c.clientId === clientId);
    if (!client) return { error: 'unknown client_id' };
    const allowed = typeof client.redirectUris === 'function' ? client.redirectUris(redirectUri) : client.redirectUris.includes(redirectUri);
    if (!allowed) return { error: 'redirect_uri is not registered for this client' };
    const state = params.get('state') ?? '';
    const back = (query: Record<string, string>): AuthorizeResult => {
      const url = new URL(redirectUri);
      for (const [k, v] of Object.entries({ ...query, ...(state ? { state } : {}) })) url.searchParams.set(k, v);
      return { redirect: url.href };
    };
    const invalid = (description: string) => back({ error: 'invalid_request', error_description: description });
    if (params.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    // 22 base64url characters carry 128 bits; SMART asks for at least 122.
    if (state.length < 22) return invalid('state must carry at least 122 bits of entropy');
    if (params.get('aud') !== this.fhirBase) return invalid('aud must be this FHIR server');
    if (params.get('code_challenge_method') !== 'S256') return invalid('PKCE with S256 is required');
    const challenge = params.get('code_challenge') ?? '';
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return invalid('code_challenge must be a base64url SHA-256');
    const requested = (params.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const grantable = (scope: string) => (USER_EXTRA_SCOPES.has(scope) || isGrantableResourceScope(scope, 'user')) && isRegisteredScope(scope, client.scopes);
    // A server may grant fewer or narrower scopes than asked (e.g. read where read/write was asked).
    const scopes = this.options.grant ? this.options.grant(requested.filter(grantable)).filter(grantable) : requested.filter(grantable);
    const code = token();
    this.codes.set(code, { clientId, redirectUri, challenge, scopes, expiresAt: this.now() + CODE_TTL_MS });
    return back({ code });
  }

  /** The /token endpoint for a parsed form body. */
  token(form: URLSearchParams): TokenAnswer {
    switch (form.get('grant_type')) {
      case 'authorization_code':
        return this.exchangeCode(form);
      case 'refresh_token':
        return this.rotateRefresh(form);
      case 'client_credentials':
        return this.clientCredentials(form);
      default:
        return oauthError('unsupported_grant_type', 'grant_type must be authorization_code, refresh_token or client_credentials');
    }
  }

  /** The grant behind a bearer token, if it is known and not expired. */
  introspect(accessToken: string): AccessGrant | undefined {
    const grant = this.access.get(accessToken);
    if (!grant) return undefined;
    if (grant.expiresAt <= this.now() || (grant.family !== undefined && this.revokedFamilies.has(grant.family))) {
      this.access.delete(accessToken);
      return undefined;
    }
    return grant;
  }

  /** Ends every token of the grant an access or refresh token belongs to (sign-out; tests: "revoked mid-session"). */
  revoke(someToken: string): void {
    const grant = this.access.get(someToken);
    this.access.delete(someToken);
    const family = grant?.family ?? this.refresh.get(someToken)?.family;
    if (family !== undefined) this.revokedFamilies.add(family);
  }

  private exchangeCode(form: URLSearchParams): TokenAnswer {
    const code = form.get('code') ?? '';
    const record = this.codes.get(code);
    this.codes.delete(code); // single use, whatever happens next
    if (!record || record.expiresAt <= this.now()) return oauthError('invalid_grant', 'unknown, used or expired code');
    if (form.get('client_id') !== record.clientId) return oauthError('invalid_grant', 'the code was issued to another client');
    if (form.get('redirect_uri') !== record.redirectUri) return oauthError('invalid_grant', 'redirect_uri differs from the authorization request');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== record.challenge) {
      return oauthError('invalid_grant', 'code_verifier does not match the code_challenge');
    }
    return this.issueUser(record.clientId, record.scopes, token(), true);
  }

  private rotateRefresh(form: URLSearchParams): TokenAnswer {
    const presented = form.get('refresh_token') ?? '';
    const record = this.refresh.get(presented);
    if (!record || this.revokedFamilies.has(record.family)) return oauthError('invalid_grant', 'unknown or revoked refresh token');
    if (record.used) {
      // A refresh token used twice was copied: end the whole grant.
      this.revokedFamilies.add(record.family);
      return oauthError('invalid_grant', 'refresh token already used');
    }
    if (form.get('client_id') !== record.clientId) return oauthError('invalid_grant', 'the refresh token was issued to another client');
    record.used = true;
    return this.issueUser(record.clientId, record.scopes, record.family, false);
  }

  private issueUser(clientId: string, scopes: readonly string[], family: string, withIdToken: boolean): TokenAnswer {
    const seconds = this.options.accessTokenSeconds ?? 300;
    const accessToken = token();
    this.access.set(accessToken, { clientId, scopes, kind: 'user', expiresAt: this.now() + seconds * 1000, family });
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer', expires_in: seconds, scope: scopes.join(' ') };
    if (scopes.includes('online_access') || scopes.includes('offline_access')) {
      const refreshToken = token();
      this.refresh.set(refreshToken, { clientId, scopes, family, used: false });
      body.refresh_token = refreshToken;
    }
    if (withIdToken && scopes.includes('openid')) body.id_token = this.idToken(clientId, scopes.includes('fhirUser'));
    return { status: 200, body };
  }

  private clientCredentials(form: URLSearchParams): TokenAnswer {
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return oauthError('invalid_client', 'a jwt-bearer client assertion is required');
    const assertion = form.get('client_assertion') ?? '';
    const claimedClient = clientIdOf(assertion);
    const client = (this.options.backendClients ?? []).find((c) => c.clientId === claimedClient);
    if (!client) return oauthError('invalid_client', 'unknown client');
    const problem = checkAssertion(assertion, {
      clientId: client.clientId,
      publicKey: client.publicKey,
      tokenUrl: this.tokenUrl,
      now: Math.floor(this.now() / 1000),
      seenJti: this.seenJti,
      ...(client.kid !== undefined ? { kid: client.kid } : {}),
    });
    if (problem) return oauthError('invalid_client', problem);
    const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const scopes = requested.filter((s) => isGrantableResourceScope(s, 'system') && client.allowedScopes.includes(s));
    if (scopes.length === 0) return oauthError('invalid_scope', 'none of the requested scopes is allowed for this client');
    const seconds = this.options.accessTokenSeconds ?? 300;
    const accessToken = token();
    this.access.set(accessToken, { clientId: client.clientId, scopes, kind: 'system', expiresAt: this.now() + seconds * 1000 });
    return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: seconds, scope: scopes.join(' ') } };
  }

  private idToken(clientId: string, withFhirUser: boolean): string {
    const nowSeconds = Math.floor(this.now() / 1000);
    const fhirUser = this.options.fhirUser ?? SANDBOX_FHIR_USER;
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: new URL(this.fhirBase).origin, sub: 'sandbox-clinician', aud: clientId, iat: nowSeconds, exp: nowSeconds + 300, ...(withFhirUser ? { fhirUser: `${this.fhirBase}/${fhirUser}` } : {}) }),
    ).toString('base64url');
    const signature = createHmac('sha256', this.idTokenKey).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }
}

function clientIdOf(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

function oauthError(error: string, description: string): TokenAnswer {
  return { status: error === 'invalid_client' ? 401 : 400, body: { error, error_description: description } };
}
