/**
 * Where the audit's token comes from, for unattended runs:
 * - a bearer token from an environment variable (issued elsewhere; never printed);
 * - SMART Backend Services: client credentials with a signed JWT assertion, the token cached until
 *   shortly before it expires.
 * A token source is a `getToken` for the adapter and for {@link authorizedFetch}.
 */
import { randomUUID } from 'node:crypto';
import { FhirError } from '../errors';
import { clientAssertion, type SigningKey } from './clientAssertion';
import { AUDIT_SYSTEM_SCOPE } from './scopes';
import { OAuthErrorAnswer, requestToken } from './tokenEndpoint';

export type TokenSource = (hint?: { rejected?: string }) => Promise<string>;

export const DEFAULT_TOKEN_ENV = 'CARER_PROMPTS_TOKEN';

export function bearerFromEnv(env: Readonly<Record<string, string | undefined>>, name: string = DEFAULT_TOKEN_ENV): TokenSource {
  const token = env[name]?.trim();
  if (!token) throw new Error(`${name} is not set (it should hold the bearer token)`);
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) throw new Error(`${name} does not look like a bearer token`);
  return async () => token;
}

export interface BackendServicesOptions {
  clientId: string;
  tokenUrl: string;
  key: SigningKey;
  scope?: string;
  fetch?: typeof fetch;
  /** Epoch milliseconds; injected for tests. */
  now?: () => number;
}

export function backendServicesToken(options: BackendServicesOptions): TokenSource {
  const now = options.now ?? Date.now;
  let current: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const assertion = clientAssertion(options.key, { clientId: options.clientId, tokenUrl: options.tokenUrl, now: Math.floor(now() / 1000), jti: randomUUID() });
    const response = await requestToken(
      options.tokenUrl,
      new URLSearchParams({
        grant_type: 'client_credentials',
        scope: options.scope ?? AUDIT_SYSTEM_SCOPE,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
      options.fetch ? { fetch: options.fetch } : {},
    ).catch((error: unknown) => {
      throw refusal(error, options.key);
    });
    current = { token: response.access_token, expiresAt: now() + (response.expires_in ?? 300) * 1000 };
    return response.access_token;
  };

  return async (hint = {}) => {
    const fresh = current && now() < current.expiresAt - 30_000 && hint.rejected !== current.token;
    if (fresh && current) return current.token;
    inFlight ??= fetchToken().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

/**
 * The token endpoint's refusal as a sentence the person running the audit can act on, with the
 * server's own `error` and `error_description` (never a token or the assertion), and, when no key
 * id was sent, how to send one: SMART requires `kid` for asymmetric client authentication.
 */
function refusal(error: unknown, key: SigningKey): unknown {
  if (!(error instanceof FhirError) || (error.kind !== 'unauthorized' && error.kind !== 'bad-request')) return error;
  const answer = error.cause instanceof OAuthErrorAnswer ? error.cause : undefined;
  const said = answer ? ` It said "${answer.message}".` : '';
  const noKid = key.kid === undefined ? ' No key id (kid) was sent: give the key set registered for the client with --jwks, or its key id with --kid.' : '';
  return new FhirError({
    kind: error.kind,
    cause: error,
    message: `the token endpoint refused the client credentials${answer ? ` (${answer.error})` : ''}`,
    userMessage: `The FHIR server refused the audit's sign-in (SMART Backend Services).${said} Check --client-id, the key registered for it and --token-url.${noKid}`,
  });
}

/**
 * A fetch that adds `Authorization: Bearer` to requests for the FHIR server's origin only (a bulk
 * export's files on another origin never get the token), and after a 401 asks once for a new token
 * and sends once more.
 */
export function authorizedFetch(fetchImpl: typeof fetch, fhirBase: string, getToken: TokenSource): typeof fetch {
  const origin = new URL(fhirBase).origin;
  return async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== origin) return fetchImpl(request);
    const send = async (token: string) => {
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetchImpl(new Request(request.clone(), { headers }));
    };
    const token = await getToken();
    const response = await send(token);
    if (response.status !== 401) return response;
    const next = await getToken({ rejected: token });
    if (next === token) return response;
    return send(next);
  };
}

