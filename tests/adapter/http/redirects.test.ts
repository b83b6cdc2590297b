/**
 * A hostile (or misconfigured) FHIR server answers with a redirect to another origin: nothing —
 * neither a write's body nor a search's NHS number nor the token — may reach that origin. Real
 * servers on two loopback ports, so the collector shows what actually left.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { bulkExport } from '../../../adapter/bulk/bulkExport';
import type { SourceEvent } from '../../../adapter/bulk/sourceEvents';
import { carersMain, EXIT } from '../../../adapter/cli/carersMain';
import { FhirError } from '../../../adapter/errors';
import { createFhirHttp } from '../../../adapter/http/fhirHttp';
import { MAX_REDIRECTS } from '../../../adapter/http/redirects';
import { SYSTEM } from '../../../shared/terminology';
import { TRANSPORTS } from '../support/mswServer';
import { startLoopback, type LoopbackServer, type ReceivedRequest } from '../support/loopback';

const NHS_NUMBER = '9990000018';
const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function collector(): Promise<LoopbackServer> {
  const server = await startLoopback();
  servers.push(server);
  return server;
}

/** A FHIR server at `<origin>/fhir` whose answers the test writes. */
async function fhirServer(answer: (request: ReceivedRequest, res: ServerResponse, origin: string) => void): Promise<LoopbackServer & { base: string }> {
  let origin = '';
  const server = await startLoopback((request, res) => answer(request, res, origin));
  origin = server.origin;
  servers.push(server);
  return { ...server, base: `${server.origin}/fhir` };
}

const redirect = (res: ServerResponse, status: number, location: string) => res.writeHead(status, { location, 'content-length': '0' }).end();
const fhirJson = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(body));
const carer = { resourceType: 'RelatedPerson', patient: { reference: 'Patient/alex' }, name: [{ text: 'Grace Example' }], telecom: [{ system: 'phone', value: '07700 900123' }] };
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe.each(TRANSPORTS)('redirects, over %s', (_name, injectedFetch) => {
  const client = (base: string) => createFhirHttp({ baseUrl: base, ...(injectedFetch ? { fetch: injectedFetch } : {}), getToken: async () => 'secret-token' });

  it('sends a write answered 307 to another origin nowhere else: the collector receives nothing', async () => {
    const elsewhere = await collector();
    const fhir = await fhirServer((request, res) => redirect(res, 307, `${elsewhere.origin}${request.url}`));
    const error = await failure(client(fhir.base).send({ method: 'POST', path: 'RelatedPerson', body: carer, context: { interaction: 'create', resourceType: 'RelatedPerson' } }));
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).kind).toBe('invalid-response');
    expect((error as FhirError).userMessage).toMatch(/redirected .* not followed and nothing was sent there/);
    expect(elsewhere.received).toEqual([]);
    expect(fhir.received).toHaveLength(1);
  });

  it('sends a search answered 302 to another origin nowhere else, and keeps its query out of the error', async () => {
    const elsewhere = await collector();
    const fhir = await fhirServer((request, res) => redirect(res, 302, `${elsewhere.origin}${request.url}`));
    const error = await failure(client(fhir.base).send({ method: 'GET', path: `Patient?identifier=${SYSTEM.nhsNumber}|${NHS_NUMBER}`, context: { interaction: 'search', resourceType: 'Patient' } }));
    expect((error as FhirError).kind).toBe('invalid-response');
    expect(`${(error as FhirError).message} ${(error as FhirError).userMessage}`).not.toContain(NHS_NUMBER);
    expect(elsewhere.received).toEqual([]);
  });

  it('follows a redirect on the FHIR server\'s own origin, a write by 307 with its body and token', async () => {
    const fhir = await fhirServer((request, res, origin) => {
      if (request.url === '/fhir/RelatedPerson') return redirect(res, 307, `${origin}/fhir/v2/RelatedPerson`);
      if (request.url === '/fhir/Patient/old') return redirect(res, 301, '/fhir/Patient/alex');
      if (request.url === '/fhir/v2/RelatedPerson') return fhirJson(res, 201, { ...carer, id: 'grace' });
      return fhirJson(res, 200, { resourceType: 'Patient', id: 'alex' });
    });
    const http = client(fhir.base);
    expect((await http.send({ method: 'GET', path: 'Patient/old', context: {} })).body).toMatchObject({ id: 'alex' });
    expect((await http.send({ method: 'POST', path: 'RelatedPerson', body: carer, context: {} })).status).toBe(201);
    const resent = fhir.received.find((r) => r.url === '/fhir/v2/RelatedPerson');
    expect(resent?.method).toBe('POST');
    expect(JSON.parse(resent?.body ?? '{}')).toEqual(carer);
    expect(resent?.headers.authorization).toBe('Bearer secret-token');
  });

  it('refuses a write redirected by 303 (it would become a GET and lose the write) and a redirect loop', async () => {
    const fhir = await fhirServer((request, res, origin) => {
      if (request.url === '/fhir/RelatedPerson') return redirect(res, 303, `${origin}/fhir/RelatedPerson/grace`);
      return redirect(res, 302, `${origin}${request.url}`);
    });
    const http = client(fhir.base);
    expect(((await failure(http.send({ method: 'POST', path: 'RelatedPerson', body: carer, context: {} }))) as FhirError).kind).toBe('invalid-response');
    const before = fhir.received.length;
    expect(((await failure(http.send({ method: 'GET', path: 'Patient/alex', context: {} }))) as FhirError).message).toMatch(/more than 5 redirects/);
    expect(fhir.received.length - before).toBe(MAX_REDIRECTS + 1);
  });
});

describe('the carers CLI\'s patient lookup', () => {
  it.each(TRANSPORTS)('sends the NHS number nowhere but the FHIR server when answered 302 to another origin (%s)', async (_name, injectedFetch) => {
    const elsewhere = await collector();
    const fhir = await fhirServer((request, res) => {
      if (request.url.startsWith('/fhir/metadata')) return fhirJson(res, 200, { resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], date: '2026-01-01' });
      redirect(res, 302, `${elsewhere.origin}${request.url}`);
    });
    let stderr = '';
    const code = await carersMain(['prompts', '--fhir', fhir.base, '--patient', NHS_NUMBER], {
      stdout: () => undefined,
      stderr: (text) => (stderr += text),
      ...(injectedFetch ? { fetch: injectedFetch } : {}),
    });
    expect(code).toBe(EXIT.failed);
    expect(stderr).toMatch(/redirected/);
    expect(fhir.received.some((r) => r.url.includes(NHS_NUMBER))).toBe(true);
    expect(elsewhere.received).toEqual([]);
  });
});

describe('a bulk export', () => {
  async function pull(fhirBase: string): Promise<SourceEvent[]> {
    const events: SourceEvent[] = [];
    for await (const event of bulkExport({ fhirBase, level: { kind: 'system' }, transport: { fetch: (input, init) => globalThis.fetch(input, init), sleep: async () => undefined } })) events.push(event);
    return events;
  }

  it.each([
    ['the status (manifest) link', 'status'],
    ['an export file', 'file'],
  ])('follows no redirect of %s to another origin: the collector receives nothing, the pull is incomplete', async (_what, redirected) => {
    const elsewhere = await collector();
    const fhir = await fhirServer((request, res, origin) => {
      if (request.url.startsWith('/fhir/$export')) return res.writeHead(202, { 'content-location': `${origin}/fhir/status` }).end();
      if (request.url === '/fhir/status' && request.method === 'DELETE') return res.writeHead(202).end();
      if (request.url === '/fhir/status') {
        if (redirected === 'status') return redirect(res, 302, `${elsewhere.origin}/manifest`);
        return fhirJson(res, 200, { transactionTime: '2026-01-01T00:00:00Z', request: `${origin}/fhir/$export`, requiresAccessToken: true, output: [{ type: 'Patient', url: `${origin}/fhir/files/1` }], error: [] });
      }
      redirect(res, 307, `${elsewhere.origin}/files/1`);
    });
    const events = await pull(fhir.base);
    expect(events.at(-1)).toMatchObject({ type: 'complete', complete: false });
    expect(elsewhere.received).toEqual([]);
  });
});
