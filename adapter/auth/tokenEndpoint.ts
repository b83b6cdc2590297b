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
    if (response.status === 400 || response.status === 401) {
      if (typeof code !== 'string' || GRANT_REJECTED.has(code)) throw signInAgain('revoked');
      throw new FhirError({ kind: 'bad-request', status: response.status, message: `the token endpoint refused the request (${code})`, userMessage: 'The sign-in server refused the request. Tell your IT service desk.' });
    }
    throw new FhirError({ kind: response.status >= 500 ? 'unavailable' : 'bad-request', status: response.status, message: `the token endpoint answered ${response.status}` });
  }
  const parsed = TokenResponseSchema.safeParse(body);
  if (!parsed.success) throw new FhirError({ kind: 'invalid-response', message: `the token response is not usable (${parsed.error.issues[0]?.path.join('.') ?? ''})` });
  return parsed.data;
}
