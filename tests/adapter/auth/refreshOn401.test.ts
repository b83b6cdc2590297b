/**
 * The adapter with a SMART session as its token provider: a token refused mid-session (401) is
 * refreshed once and the request sent once more — a write lands exactly once; a second refusal
 * asks the clinician to sign in again.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createFhirHttp } from '../../../adapter/http/fhirHttp';
import { SIGN_IN_AGAIN_MESSAGE } from '../../../adapter/auth/signInAgain';
import type { FhirError } from '../../../adapter/errors';
import { TRANSPORTS, useFhirServer } from '../support/mswServer';

const net = useFhirServer();
const BASE = 'https://fhir.trust.example/R4';
const failure = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error('expected a failure');
  },
  (error: unknown) => error as FhirError,
);
const unauthorized = () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] }, { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });

/** A token provider that hands out token-1, and token-2 once token-1 is reported rejected. */
function provider() {
  const hints: (string | undefined)[] = [];
  let current = 'token-1';
  const getToken = async (hint?: { rejected?: string }) => {
    hints.push(hint?.rejected);
    if (hint?.rejected === current) current = current === 'token-1' ? 'token-2' : current;
    return current;
  };
  return { getToken, hints };
}

describe.each(TRANSPORTS)('a refused token over %s', (_name, injectedFetch) => {
  const client = (getToken: (hint?: { rejected?: string }) => Promise<string | undefined>) =>
    createFhirHttp({ baseUrl: BASE, getToken, ...(injectedFetch ? { fetch: injectedFetch } : {}) });
  const createConsent = { method: 'POST', path: 'Consent', body: { resourceType: 'Consent' }, context: { interaction: 'create', resourceType: 'Consent' } } as const;

  it('refreshes once and sends the write once more: it lands exactly once', async () => {
    const created: string[] = [];
    net.server.use(
      http.post(`${BASE}/Consent`, ({ request }) => {
        const auth = request.headers.get('authorization');
        if (auth !== 'Bearer token-2') return unauthorized();
        created.push(auth);
        return HttpResponse.json({ resourceType: 'Consent', id: 'c1' }, { status: 201 });
      }),
    );
    const tokens = provider();
    const response = await client(tokens.getToken).send(createConsent);
    expect(response.status).toBe(201);
    expect(created).toEqual(['Bearer token-2']);
    expect(tokens.hints).toEqual([undefined, 'token-1']);
  });

  it('asks to sign in again (draft kept) when the new token is refused too, after one retry only', async () => {
    let attempts = 0;
    net.server.use(
      http.post(`${BASE}/Consent`, () => {
        attempts += 1;
        return unauthorized();
      }),
    );
    const error = await failure(client(provider().getToken).send(createConsent));
    expect(error.kind).toBe('unauthorized');
    expect(error.status).toBe(401);
    expect(error.userMessage).toBe(SIGN_IN_AGAIN_MESSAGE);
    expect(attempts).toBe(2);
  });

  it('does not send again when the provider has no newer token (a fixed bearer token)', async () => {
    let attempts = 0;
    net.server.use(
      http.get(`${BASE}/Patient/alex`, () => {
        attempts += 1;
        return unauthorized();
      }),
    );
    const error = await failure(client(async () => 'fixed').send({ method: 'GET', path: 'Patient/alex', context: { interaction: 'read' } }));
    expect(error.kind).toBe('unauthorized');
    expect(attempts).toBe(1);
  });

  it('passes the session\'s own "sign in again" error on unchanged', async () => {
    const { signInAgain } = await import('../../../adapter/auth/signInAgain');
    const error = await failure(client(() => Promise.reject(signInAgain('expired'))).send(createConsent));
    expect(error.userMessage).toBe(SIGN_IN_AGAIN_MESSAGE);
    expect(error.message).toMatch(/no refresh token/);
  });
});
