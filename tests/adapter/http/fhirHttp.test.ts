import { describe, expect, it } from 'vitest';
import { FhirError } from '../../../adapter/errors';
import { createFhirHttp, type FhirHttpOptions } from '../../../adapter/http/fhirHttp';
import { faults } from '../support/fakeFhirServer';
import { asStored, PatientAlex } from '../support/personas';
import { recordingSleep, TRANSPORTS, useFhirServer } from '../support/mswServer';

const net = useFhirServer();

describe.each(TRANSPORTS)('the FHIR HTTP client over %s', (_name, injectedFetch) => {
  const client = (base: string, options: Partial<FhirHttpOptions> = {}) =>
    createFhirHttp({ baseUrl: base, ...(injectedFetch ? { fetch: injectedFetch } : {}), ...options });
  const readAlex = { method: 'GET', path: 'Patient/alex', context: { interaction: 'read', resourceType: 'Patient' } } as const;

  it('reads a resource with its ETag, asking for FHIR JSON', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    const response = await client(fhir.base).send(readAlex);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ resourceType: 'Patient', id: 'alex' });
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(fhir.requests[0]?.headers.get('accept')).toBe('application/fhir+json');
  });

  it('sends every request with keepalive false, cache no-store, no cookies and redirects not followed by fetch', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    const http = client(fhir.base);
    await http.send(readAlex);
    await http.send({ method: 'POST', path: 'Patient', body: { resourceType: 'Patient' }, ifNoneExist: 'identifier=x|1', context: {} });
    const sent = net.sent();
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.keepalive).toBe(false);
      expect(request.cache).toBe('no-store');
      expect(request.credentials).toBe('omit');
      expect(request.redirect).toBe('manual');
    }
  });

  it('sends the bearer token from the token provider on every attempt', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    fhir.fault({ respond: faults.unavailable('0') });
    let calls = 0;
    const http = client(fhir.base, { getToken: async () => `token-${++calls}`, sleep: recordingSleep().sleep });
    await http.send(readAlex);
    expect(fhir.requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('reports a failing token provider as unauthorized, sending nothing', async () => {
    const fhir = net.fhir();
    const error = await client(fhir.base, { getToken: () => Promise.reject(new Error('refresh token expired')) }).send(readAlex).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('unauthorized');
    expect((error as FhirError).userMessage).toMatch(/Sign in again/);
    expect(fhir.requests).toHaveLength(0);
  });

  it('sends no Authorization header when the provider has no token', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    await client(fhir.base, { getToken: async () => undefined }).send(readAlex);
    expect(fhir.requests[0]?.headers.has('authorization')).toBe(false);
  });

  it('honours Retry-After in seconds on a 429, then succeeds', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    fhir.fault({ respond: faults.rateLimited('2') });
    const { sleep, waits } = recordingSleep();
    const response = await client(fhir.base, { sleep }).send(readAlex);
    expect(response.status).toBe(200);
    expect(waits).toEqual([2000]);
  });

  it('honours Retry-After as an HTTP date on a 503', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    const now = Date.parse('2026-11-23T10:00:00Z');
    fhir.fault({ respond: faults.unavailable(new Date(now + 3000).toUTCString()) });
    const { sleep, waits } = recordingSleep();
    await client(fhir.base, { sleep, now: () => now }).send(readAlex);
    expect(waits).toEqual([3000]);
  });

  it('gives up with a rate-limited error when Retry-After is longer than the wait budget', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    fhir.fault({ respond: faults.rateLimited('120') });
    const { sleep, waits } = recordingSleep();
    const error = await client(fhir.base, { sleep }).send(readAlex).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).kind).toBe('rate-limited');
    expect((error as FhirError).status).toBe(429);
    expect((error as FhirError).userMessage).toMatch(/about 2 minutes/);
    expect(waits).toEqual([]);
    expect(fhir.requests).toHaveLength(1);
  });

  it('stops after the maximum number of retries', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    fhir.fault({ times: 10, respond: faults.unavailable('1') });
    const { sleep, waits } = recordingSleep();
    const error = await client(fhir.base, { sleep, maxRetries: 2 }).send(readAlex).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('unavailable');
    expect(fhir.requests).toHaveLength(3);
    expect(waits).toEqual([1000, 1000]);
  });

  it('backs off exponentially with jitter when the server gives no Retry-After', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    fhir.fault({ times: 2, respond: faults.serverError() });
    const { sleep, waits } = recordingSleep();
    await client(fhir.base, { sleep, random: () => 0.5 }).send(readAlex);
    expect(waits).toEqual([125, 250]);
  });

  it('retries a read after a network failure', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    fhir.fault({ respond: faults.networkError() });
    const { sleep } = recordingSleep();
    const response = await client(fhir.base, { sleep }).send(readAlex);
    expect(response.status).toBe(200);
    expect(fhir.requests).toHaveLength(2);
  });

  it('reports a network failure that persists as kind network', async () => {
    const fhir = net.fhir();
    fhir.fault({ times: 5, respond: faults.networkError() });
    const error = await client(fhir.base, { sleep: recordingSleep().sleep }).send(readAlex).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('network');
    expect((error as FhirError).userMessage).toMatch(/could not be reached/);
  });

  it('never retries a plain POST, even on 503', async () => {
    const fhir = net.fhir();
    fhir.fault({ respond: faults.unavailable('0') });
    const error = await client(fhir.base, { sleep: recordingSleep().sleep })
      .send({ method: 'POST', path: 'Consent', body: { resourceType: 'Consent' }, context: { interaction: 'create', resourceType: 'Consent' } })
      .catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('unavailable');
    expect(fhir.requests).toHaveLength(1);
  });

  it('never retries a plain POST after a network failure', async () => {
    const fhir = net.fhir();
    fhir.fault({ respond: faults.networkError() });
    const error = await client(fhir.base, { sleep: recordingSleep().sleep })
      .send({ method: 'POST', path: 'Consent', body: { resourceType: 'Consent' }, context: { interaction: 'create', resourceType: 'Consent' } })
      .catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('network');
    expect((error as FhirError).userMessage).toMatch(/cannot tell whether the consent record was saved/);
    expect(fhir.requests).toHaveLength(1);
  });

  it('retries a PUT with If-Match and a transaction whose entries are all conditional', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex));
    fhir.fault({ match: (r) => r.method === 'PUT', respond: faults.unavailable('0') });
    fhir.fault({ match: (r) => r.method === 'POST', respond: faults.unavailable('0') });
    const http = client(fhir.base, { sleep: recordingSleep().sleep });
    await http.send({ method: 'PUT', path: 'Patient/alex', body: { ...PatientAlex }, ifMatch: 'W/"1"', context: {} });
    await http.send({
      method: 'POST',
      path: '',
      body: { resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7', resource: { resourceType: 'List', identifier: [{ system: 's', value: 'v' }] }, request: { method: 'POST', url: 'List', ifNoneExist: 'identifier=s|v' } }] },
      context: {},
    });
    expect(fhir.requests.map((r) => r.method)).toEqual(['PUT', 'PUT', 'POST', 'POST']);
  });

  it('times out a hung request with kind timeout, without retrying it', async () => {
    const fhir = net.fhir();
    fhir.fault({ respond: faults.hang() });
    const error = await client(fhir.base, { timeoutMs: 30 }).send(readAlex).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('timeout');
    expect(fhir.requests).toHaveLength(1);
  });

  it('stops at once when the caller aborts, with kind aborted', async () => {
    const fhir = net.fhir();
    fhir.fault({ respond: faults.hang() });
    const controller = new AbortController();
    const pending = client(fhir.base).send({ ...readAlex, signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 5);
    expect(((await pending) as FhirError).kind).toBe('aborted');
  });

  it('reports an abort with the caller\'s own reason as aborted', async () => {
    const fhir = net.fhir();
    fhir.fault({ respond: faults.hang() });
    const controller = new AbortController();
    const pending = client(fhir.base).send({ ...readAlex, signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('navigated to another patient')), 5);
    expect(((await pending) as FhirError).kind).toBe('aborted');
  });

  it('does not send at all when the signal is already aborted', async () => {
    const fhir = net.fhir();
    const error = await client(fhir.base).send({ ...readAlex, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('aborted');
    expect(fhir.requests).toHaveLength(0);
  });

  it('reports a 200 with a malformed body as an invalid response', async () => {
    const fhir = net.fhir();
    fhir.fault({ respond: faults.malformed(200) });
    const error = await client(fhir.base).send(readAlex).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('invalid-response');
    expect((error as FhirError).status).toBe(200);
  });

  it('reports a JSON null body as an invalid response, not a network failure', async () => {
    const fhir = net.fhir();
    fhir.fault({ respond: () => new Response('null', { status: 200, headers: { 'content-type': 'application/fhir+json' } }) });
    const error = await client(fhir.base).send(readAlex).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('invalid-response');
  });

  it('reports an HTML error page by its status, not as a parse failure', async () => {
    const fhir = net.fhir();
    fhir.fault({ respond: faults.htmlPage(502), times: 3 });
    const error = await client(fhir.base, { sleep: recordingSleep().sleep }).send(readAlex).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('unavailable');
    expect((error as FhirError).status).toBe(502);
  });

  it('carries the OperationOutcome issues of an error answer', async () => {
    const fhir = net.fhir();
    const error = await client(fhir.base).send({ method: 'GET', path: 'Patient/nobody', context: { interaction: 'read', resourceType: 'Patient' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).kind).toBe('not-found');
    expect((error as FhirError).status).toBe(404);
    expect((error as FhirError).outcome?.resourceType).toBe('OperationOutcome');
    expect((error as FhirError).issues).toEqual(['error not-found: Patient/nobody not found']);
    expect((error as FhirError).userMessage).toBe('The patient record was not found on the FHIR server. Check you have the right patient, or look in the EHR.');
  });

  it('follows no redirect to another origin: the other origin is never asked', async () => {
    const fhir = net.fhir();
    const elsewhere = net.fhir({ base: 'https://elsewhere.test/R4' }).seed(...asStored(PatientAlex));
    fhir.fault({ respond: () => new Response(null, { status: 302, headers: { location: `${elsewhere.base}/Patient/alex` } }) });
    const error = await client(fhir.base).send(readAlex).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('invalid-response');
    expect((error as FhirError).message).toMatch(/another origin/);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses a URL on another origin before sending anything', async () => {
    const fhir = net.fhir();
    const error = await client(fhir.base).send({ method: 'GET', path: 'https://elsewhere.example/Patient/alex', context: {} }).catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('invalid-response');
    expect(fhir.requests).toHaveLength(0);
  });
});

describe('the FHIR base URL', () => {
  it('is refused when it is http:// to anywhere but this computer: patient data never crosses a network in clear', () => {
    const refused = (() => {
      try {
        createFhirHttp({ baseUrl: 'http://fhir.trust.example/R4' });
        return undefined;
      } catch (error) {
        return error as FhirError;
      }
    })();
    expect(refused?.userMessage).toBe('The FHIR server address must start with https:// (http:// only for this computer: localhost or 127.0.0.1). Check the server setting.');
    expect(() => createFhirHttp({ baseUrl: 'http://127.0.0.1.evil.example/R4' })).toThrow(FhirError);
    expect(createFhirHttp({ baseUrl: 'http://127.0.0.1:8080/fhir' }).origin).toBe('http://127.0.0.1:8080');
    expect(createFhirHttp({ baseUrl: 'http://localhost:8080/fhir' }).origin).toBe('http://localhost:8080');
  });

  it('is refused with a clear error when it is not an http(s) URL', () => {
    expect(() => createFhirHttp({ baseUrl: 'ftp://fhir.test' })).toThrow(FhirError);
    expect(() => createFhirHttp({ baseUrl: 'not a url' })).toThrow(/not a URL/);
  });

  it('loses its trailing slash, so paths join cleanly', () => {
    expect(createFhirHttp({ baseUrl: 'https://fhir.test/R4/' }).resolve('Patient/1')).toBe('https://fhir.test/R4/Patient/1');
  });
});

describe('the test network itself', () => {
  it('fails a request no handler answers, so no test can reach a real server', async () => {
    const error = await createFhirHttp({ baseUrl: 'https://unhandled.test/R4', maxRetries: 0 })
      .send({ method: 'GET', path: 'metadata', context: {} })
      .catch((e: unknown) => e);
    expect((error as FhirError).kind).toBe('network');
  });
});
