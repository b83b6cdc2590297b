import type { CapabilityStatement, Patient } from '@medplum/fhirtypes';
import { AUDIT_TYPES } from '../../../../adapter/fhir/carerRecordResources';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pullPopulation, type PullEvent, type PullOptions } from '../../../../adapter/audit/pull';

const BASE = 'https://fhir.trust.test/r4';
const PatientAda: Patient = { resourceType: 'Patient', id: 'ada' };

const WithExport: CapabilityStatement = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  date: '2026-11-23',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  rest: [{ mode: 'server', operation: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' }] }],
};
const WithoutExport: CapabilityStatement = { ...WithExport, rest: [{ mode: 'server' }] };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const exportHandlers = [
  http.get(`${BASE}/$export`, () => new HttpResponse(null, { status: 202, headers: { 'content-location': `${BASE}/status/1` } })),
  http.get(`${BASE}/status/1`, () =>
    HttpResponse.json({ transactionTime: '2026-11-23T10:00:00Z', request: `${BASE}/$export`, requiresAccessToken: false, output: [{ type: 'Patient', url: `${BASE}/files/1` }], error: [] }),
  ),
  http.get(`${BASE}/files/1`, () => new HttpResponse(`${JSON.stringify(PatientAda)}\n`, { headers: { 'content-type': 'application/fhir+ndjson' } })),
  http.delete(`${BASE}/status/1`, () => new HttpResponse(null, { status: 202 })),
];

const searchHandlers = [...AUDIT_TYPES].map((type) =>
  http.get(`${BASE}/${type}`, () =>
    HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry: type === 'Patient' ? [{ resource: PatientAda, search: { mode: 'match' } }] : [] }),
  ),
);

async function pull(options: Partial<PullOptions>): Promise<PullEvent[]> {
  const events: PullEvent[] = [];
  for await (const event of pullPopulation({ fhirBase: BASE, mode: 'auto', sleep: async () => undefined, ...options })) events.push(event);
  return events;
}

const statuses = (events: PullEvent[]) => events.flatMap((e) => (e.type === 'progress' && e.status !== undefined ? [e.status] : []));

describe('pullPopulation', () => {
  it('uses the bulk export when the CapabilityStatement offers $export', async () => {
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.json(WithExport)), ...exportHandlers);
    const events = await pull({});
    expect(statuses(events)[0]).toBe('Pulling with a FHIR bulk export (system level)');
    expect(events).toContainEqual({ type: 'resource', resource: PatientAda });
    expect(events.at(-2)).toEqual({ type: 'progress', resources: 1, files: { done: 1, total: 1 }, bytes: JSON.stringify(PatientAda).length + 1 });
    expect(events.at(-1)).toEqual({ type: 'complete', complete: true });
  });

  it('uses paged search when the server offers no $export', async () => {
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.json(WithoutExport)), ...searchHandlers);
    const events = await pull({});
    expect(statuses(events)[0]).toBe('Pulling with paged search');
    expect(events).toContainEqual({ type: 'resource', resource: PatientAda });
    expect(events.at(-1)).toEqual({ type: 'complete', complete: true });
  });

  it('uses paged search when the server publishes no CapabilityStatement', async () => {
    server.use(http.get(`${BASE}/metadata`, () => new HttpResponse(null, { status: 404 })), ...searchHandlers);
    const events = await pull({});
    expect(statuses(events)[0]).toBe('Pulling with paged search');
    expect(events.at(-1)).toEqual({ type: 'complete', complete: true });
  });

  it('reports an unreachable server as an incomplete pull with a reason', async () => {
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.error()));
    const events = await pull({ retry: { maxRetries: 1, maxTotalWaitMs: 10, baseDelayMs: 1, maxDelayMs: 1 } });
    expect(events.at(-1)).toEqual({ type: 'complete', complete: false, reason: 'The FHIR server could not be reached. Check your network connection and try again.' });
  });

  it('falls back to paged search, and says so, when the bulk kick-off gives no Content-Location (issue 14)', async () => {
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.json(WithExport)), http.get(`${BASE}/$export`, () => new HttpResponse(null, { status: 202 })), ...searchHandlers);
    const events = await pull({});
    expect(statuses(events)).toEqual(expect.arrayContaining(['Pulling with a FHIR bulk export (system level)', expect.stringMatching(/^The bulk export could not be used \(.*Content-Location.*\); pulling with paged search instead$/)]));
    expect(events).toContainEqual({ type: 'resource', resource: PatientAda });
    expect(events.at(-1)).toEqual({ type: 'complete', complete: true });
  });

  it.each([
    ['not there (404)', 404],
    ['not implemented (501)', 501],
    ['refused as a bad request (400)', 400],
  ])('falls back to paged search when the bulk kick-off is %s', async (_what, status) => {
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.json(WithExport)), http.get(`${BASE}/$export`, () => new HttpResponse(null, { status })), ...searchHandlers);
    const events = await pull({});
    expect(statuses(events).some((s) => s.endsWith('pulling with paged search instead'))).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'complete', complete: true });
  });

  it('does not fall back when the kick-off is refused for a reason search shares (401), nor when the bulk mode is forced', async () => {
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.json(WithExport)), http.get(`${BASE}/$export`, () => new HttpResponse(null, { status: 401 })), ...searchHandlers);
    expect((await pull({})).at(-1)).toMatchObject({ type: 'complete', complete: false });
    server.use(http.get(`${BASE}/$export`, () => new HttpResponse(null, { status: 202 })));
    const forced = await pull({ mode: 'bulk' });
    expect(forced.at(-1)).toMatchObject({ type: 'complete', complete: false, reason: expect.stringMatching(/Content-Location/) });
  });

  it('never presents a cancelled pull as complete', async () => {
    const controller = new AbortController();
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.json(WithoutExport)), ...searchHandlers);
    const events: PullEvent[] = [];
    for await (const event of pullPopulation({ fhirBase: BASE, mode: 'auto', signal: controller.signal })) {
      events.push(event);
      if (event.type === 'resource') controller.abort();
    }
    expect(events.at(-1)).toEqual({ type: 'complete', complete: false, reason: 'The pull was cancelled.' });
  });

  it('needs a server address unless it reads files', async () => {
    const events: PullEvent[] = [];
    for await (const event of pullPopulation({ mode: 'search' })) events.push(event);
    expect(events.at(-1)).toEqual({ type: 'complete', complete: false, reason: 'Pulling from a FHIR server needs its address (--fhir URL).' });
  });
});
