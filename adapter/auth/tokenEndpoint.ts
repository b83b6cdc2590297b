/**
 * One POST to the token endpoint (authorization code, refresh token, client credentials) and the
 * parsed answer. Token values never appear in an error message.
 */
import { z } from 'zod';
import { FhirError } from '../errors';
import { fetchWithinOrigin } from '../http/redirects';
import { REQUEST_INIT_DEFAULTS } from '../http/types';
import { signInAgain } from './signInAgain';

export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, { error: 'token_type must be Bearer' }),
  expires_in: z.number().positive().optional(),
  scope: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().optional(),
  patient: z.string().optional(),
});

export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export interface TokenRequestOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** OAuth errors that mean the grant itself is no good (RFC 6749 §5.2): sign in again. */
const GRANT_REJECTED = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_token']);

export async function requestToken(tokenEndpoint: string, params: URLSearchParams, options: TokenRequestOptions = {}): Promise<TokenResponse> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchWithinOrigin(fetchImpl, tokenEndpoint, {
      ...REQUEST_INIT_DEFAULTS,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: params.toString(),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof FhirError) throw error;
    throw new FhirError({ kind: 'network', cause: error, message: 'the token endpoint could not be reached' });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const code = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    // The server's own words travel as the cause, for a caller that can show them (the audit does).
    const answer = oauthErrorAnswer(body);
    const cause = answer ? { cause: answer } : {};
    if (response.status === 400 || response.status === 401) {
      if (typeof code !== 'string' || GRANT_REJECTED.has(code)) throw signInAgain('revoked', answer);
      throw new FhirError({ kind: 'bad-request', status: response.status, message: `the token endpoint refused the request (${code})`, userMessage: 'The sign-in server refused the request. Tell your IT service desk.', ...cause });
    }
    throw new FhirError({ kind: response.status >= 500 ? 'unavailable' : 'bad-request', status: response.status, message: `the token endpoint answered ${response.status}`, ...cause });
  }
  const parsed = TokenResponseSchema.safeParse(body);
  if (!parsed.success) throw new FhirError({ kind: 'invalid-response', message: `the token response is not usable (${parsed.error.issues[0]?.path.join('.') ?? ''})` });
  return parsed.data;
}

/** An OAuth error answer (RFC 6749 §5.2): the server's `error` code and its `error_description`. */
export class OAuthErrorAnswer extends Error {
  override readonly name = 'OAuthErrorAnswer';
  constructor(
    readonly error: string,
    readonly description: string | undefined,
  ) {
    super(description === undefined ? error : `${error}: ${description}`);
  }
}

/** The longest error_description repeated: a sentence, not a page. */
const MAX_DESCRIPTION = 300;

function oauthErrorAnswer(body: unknown): OAuthErrorAnswer | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, error_description: description } = body as { error?: unknown; error_description?: unknown };
  if (typeof error !== 'string' || !/^[\x20-\x7e]{1,64}$/.test(error)) return undefined;
  return new OAuthErrorAnswer(error, typeof description === 'string' ? plainDescription(description) : undefined);
}

/**
 * Server text made safe to print: control characters out, and anything shaped like a token or a
 * signed assertion (a long run of base64url) replaced, so an echoing server never makes us print one.
 */
function plainDescription(text: string): string | undefined {
  const plain = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/[A-Za-z0-9_\-.~+/=]{40,}/g, '[…]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_DESCRIPTION);
  return plain === '' ? undefined : plain;
}
