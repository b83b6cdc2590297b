/**
 * msw handlers that behave like a small FHIR R4 server, for the adapter's network tests: an in-memory
 * store with versionIds and ETags, If-Match (412, or 409 like HAPI), If-None-Exist, search with
 * `_revinclude` (and `:iterate`), paging with `next` links, batch and transaction Bundles with
 * urn:uuid references, OperationOutcome errors, and a CapabilityStatement that can be varied (no
 * `_revinclude`, read-only carer and consent APIs, no transactions).
 *
 * Faults (429 with Retry-After, 503, slow answers, malformed bodies) are queued with `fault()` and
 * consumed by the next matching requests, so tests say exactly what the server does and when.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';

export type Resource = Record<string, unknown> & { resourceType: string; id?: string; meta?: { versionId?: string; lastUpdated?: string } };

export interface FakeFhirOptions {
  /** Default `https://fhir.test/R4`. */
  base?: string;
  /** Declare `_revinclude` on Patient searches (default true). */
  revinclude?: boolean;
  /**
   * When `_revinclude` is not declared, what a search with it gets: `refused` (400, the default),
   * `supported` (it works: a server that does not declare what it does), or `ignored` (the
   * parameter is dropped silently and only the matches come back).
   */
  undeclaredRevinclude?: 'refused' | 'supported' | 'ignored';
  /** Accept batch Bundles (default true). */
  batch?: boolean;
  /** Accept transaction Bundles (default true). */
  transaction?: boolean;
  /** Types offered for read and search only (no create/update), like some vendors' carer and consent APIs. */
  readOnly?: readonly string[];
  /** Status for a stale If-Match: 412 as R4 says, or 409 as HAPI does (default 412). */
  staleStatus?: 412 | 409;
  /** Matches per search page (default 50). */
  pageSize?: number;
  /** Serve no CapabilityStatement at all (404 on /metadata). */
  noMetadata?: boolean;
  /** Declare conditional create (If-None-Exist) support (default true). */
  conditionalCreate?: boolean;
  /**
   * How a failed transaction is answered: `outcome` (as R4 says: one OperationOutcome with the
   * error status, nothing kept), or `entries` (as a production server did: HTTP 200 with a
   * transaction-response whose failing entry carries its status, and the other entries kept).
   */
  failedTransaction?: 'outcome' | 'entries';
  /** Types offered besides the carer record's core (e.g. Communication, which the read can do without). */
  alsoOffers?: readonly string[];
}

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export interface Fault {
  /** Which requests it applies to (default: any). */
  match?: (request: RecordedRequest) => boolean;
  /** How many matching requests it answers (default 1). */
  times?: number;
  respond: (request: RecordedRequest) => Response | Promise<Response>;
  /** Process the request normally first, then answer with the fault (the change landed; its answer was lost). */
  afterProcessing?: boolean;
}

const WRITABLE_TYPES = ['Patient', 'RelatedPerson', 'Consent', 'Task', 'List', 'Provenance', 'EpisodeOfCare'];
const FHIR_JSON = { 'content-type': 'application/fhir+json' };

export function outcome(status: number, code: string, diagnostics: string): Response {
  return HttpResponse.json(
    { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] },
    { status, headers: FHIR_JSON },
  );
}

/** Ready-made faults. */
export const faults = {
  rateLimited: (retryAfter?: string): Fault['respond'] => () => {
    const response = outcome(429, 'throttled', 'Too many requests');
    if (retryAfter !== undefined) response.headers.set('retry-after', retryAfter);
    return response;
  },
  unavailable: (retryAfter?: string): Fault['respond'] => () => {
    const response = outcome(503, 'transient', 'Service unavailable');
    if (retryAfter !== undefined) response.headers.set('retry-after', retryAfter);
    return response;
  },
  serverError: (): Fault['respond'] => () => outcome(500, 'exception', 'Internal error'),
  networkError: (): Fault['respond'] => () => HttpResponse.error(),
  malformed: (status = 200): Fault['respond'] => () => new HttpResponse('{"resourceType": "Bundle", "entry": [', { status, headers: FHIR_JSON }),
  htmlPage: (status: number): Fault['respond'] => () => new HttpResponse('<html><body>Bad gateway</body></html>', { status, headers: { 'content-type': 'text/html' } }),
  /** Never answers until the request is aborted (a hung server). */
  hang: (): Fault['respond'] => (request) => new Promise<Response>(() => void request),
};

export class FakeFhirServer {
  readonly base: string;
  readonly options: Required<Omit<FakeFhirOptions, 'base'>>;
  readonly requests: RecordedRequest[] = [];
  #store = new Map<string, Resource[]>();
  #faults: Fault[] = [];
  #nextId = 1;
  #clock = Date.parse('2026-11-23T09:00:00Z');

  constructor(options: FakeFhirOptions = {}) {
    this.base = (options.base ?? 'https://fhir.test/R4').replace(/\/+$/, '');
    this.options = {
      revinclude: options.revinclude ?? true,
      batch: options.batch ?? true,
      transaction: options.transaction ?? true,
      readOnly: options.readOnly ?? [],
      staleStatus: options.staleStatus ?? 412,
      pageSize: options.pageSize ?? 50,
      noMetadata: options.noMetadata ?? false,
      conditionalCreate: options.conditionalCreate ?? true,
      failedTransaction: options.failedTransaction ?? 'outcome',
      undeclaredRevinclude: options.undeclaredRevinclude ?? 'refused',
      alsoOffers: options.alsoOffers ?? [],
    };
  }

  /** Puts resources in the store as version 1 (or their own meta.versionId). */
  seed(...resources: Resource[]): this {
    for (const resource of resources) {
      const id = resource.id ?? this.#newId();
      const stored: Resource = structuredClone({ ...resource, id, meta: { ...resource.meta, versionId: resource.meta?.versionId ?? '1', lastUpdated: this.#now() } });
      this.#store.set(`${resource.resourceType}/${id}`, [stored]);
    }
    return this;
  }

  /** The current version of a resource, as stored. */
  current(ref: string): Resource | undefined {
    const versions = this.#store.get(ref);
    return versions ? structuredClone(versions[versions.length - 1]) : undefined;
  }

  /** Every current resource of a type. */
  all(type: string): Resource[] {
    return [...this.#store.entries()].filter(([ref]) => ref.startsWith(`${type}/`)).map(([, v]) => structuredClone(v[v.length - 1]!));
  }

  /** Changes a stored resource behind the client's back (another clinician's edit). */
  editBehindTheScenes(ref: string, change: (resource: Resource) => void): Resource {
    const current = this.current(ref);
    if (!current) throw new Error(`${ref} not in the fake store`);
    change(current);
    return this.#put(current);
  }

  fault(fault: Fault): this {
    this.#faults.push({ times: 1, ...fault });
    return this;
  }

  /** Requests that were not GET /metadata. */
  get dataRequests(): RecordedRequest[] {
    return this.requests.filter((r) => !r.url.pathname.endsWith('/metadata'));
  }

  handlers(): HttpHandler[] {
    return [http.all(`${this.base}/*`, ({ request }) => this.#handle(request)), http.all(this.base, ({ request }) => this.#handle(request))];
  }

  capabilityStatement(): Resource {
    const searchRevInclude = this.options.revinclude
      ? ['RelatedPerson:patient', 'Consent:patient', 'Task:patient', 'Task:subject', 'List:subject']
      : [];
    const resource = [...WRITABLE_TYPES, ...this.options.alsoOffers].map((type) => ({
      type,
      interaction: [
        { code: 'read' },
        { code: 'vread' },
        { code: 'search-type' },
        ...(this.options.readOnly.includes(type) ? [] : [{ code: 'create' }, ...(type === 'Provenance' ? [] : [{ code: 'update' }])]),
      ],
      versioning: 'versioned-update',
      conditionalCreate: this.options.conditionalCreate && !this.options.readOnly.includes(type),
      ...(type === 'Patient' ? { searchRevInclude } : {}),
    }));
    const interaction = [...(this.options.batch ? [{ code: 'batch' }] : []), ...(this.options.transaction ? [{ code: 'transaction' }] : [])];
    return { resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], rest: [{ mode: 'server', resource, interaction }] };
  }

  async #handle(request: Request): Promise<Response> {
    const text = request.method === 'GET' ? '' : await request.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = text;
    }
    const recorded: RecordedRequest = { method: request.method, url: new URL(request.url), headers: request.headers, body };
    this.requests.push(recorded);
    const faultIndex = this.#faults.findIndex((f) => (f.match ? f.match(recorded) : true));
    if (faultIndex >= 0) {
      const fault = this.#faults[faultIndex]!;
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.#faults.splice(faultIndex, 1);
      if (fault.afterProcessing) this.#route(recorded);
      return fault.respond(recorded);
    }
    try {
      return this.#route(recorded);
    } catch (error) {
      return outcome(500, 'exception', error instanceof Error ? error.message : 'error');
    }
  }

  #route(request: RecordedRequest): Response {
    const path = request.url.pathname.slice(new URL(this.base).pathname.length).replace(/^\/+|\/+$/g, '');
    const segments = path === '' ? [] : path.split('/');
    if (segments[0] === 'metadata' && request.method === 'GET') {
      return this.options.noMetadata ? outcome(404, 'not-found', 'No metadata') : HttpResponse.json(this.capabilityStatement(), { headers: FHIR_JSON });
    }
    if (segments.length === 0 && request.method === 'POST') return this.#bundle(request.body);
    const [type, id] = segments;
    if (!type || !/^[A-Z][A-Za-z]+$/.test(type)) return outcome(404, 'not-found', 'Unknown path');
    if (request.method === 'GET' && id === undefined) return this.#searchResponse(type, request.url.searchParams);
    if (request.method === 'GET' && id !== undefined) {
      const current = this.current(`${type}/${id}`);
      return current ? resourceResponse(current, 200) : outcome(404, 'not-found', `${type}/${id} not found`);
    }
    if (this.options.readOnly.includes(type)) return outcome(405, 'not-supported', `${type} is read-only`);
    if (request.method === 'POST' && id === undefined) {
      const result = this.#create(type, request.body, request.headers.get('if-none-exist') ?? undefined);
      if ('error' in result) return result.error;
      return preferred(request.headers, resourceResponse(result.resource, result.created ? 201 : 200, true));
    }
    if (request.method === 'PUT' && id !== undefined) {
      const result = this.#update(type, id, request.body, request.headers.get('if-match') ?? undefined);
      if ('error' in result) return result.error;
      return preferred(request.headers, resourceResponse(result.resource, result.created ? 201 : 200, true));
    }
    return outcome(405, 'not-supported', `${request.method} not supported here`);
  }

  #create(type: string, body: unknown, ifNoneExist: string | undefined): { resource: Resource; created: boolean } | { error: Response } {
    if (!isResource(body) || body.resourceType !== type) return { error: outcome(400, 'invalid', 'Body is not a resource of the URL type') };
    if (ifNoneExist !== undefined) {
      const matches = this.#search(type, new URLSearchParams(ifNoneExist));
      if (matches.length > 1) return { error: outcome(412, 'duplicate', 'Multiple matches for If-None-Exist') };
      if (matches.length === 1) return { resource: matches[0]!, created: false };
    }
    const resource = structuredClone(body);
    resource.id = this.#newId();
    return { resource: this.#put(resource), created: true };
  }

  #update(type: string, id: string, body: unknown, ifMatch: string | undefined): { resource: Resource; created: boolean } | { error: Response } {
    if (!isResource(body) || body.resourceType !== type || body.id !== id) return { error: outcome(400, 'invalid', 'Body type/id does not match the URL') };
    const current = this.current(`${type}/${id}`);
    if (ifMatch !== undefined) {
      const expected = /^W\/"(.+)"$/.exec(ifMatch)?.[1] ?? ifMatch;
      if (!current || current.meta?.versionId !== expected) {
        return { error: outcome(this.options.staleStatus, 'conflict', `Version ${expected} is not the current version`) };
      }
    }
    return { resource: this.#put(structuredClone(body)), created: current === undefined };
  }

  #put(resource: Resource): Resource {
    const ref = `${resource.resourceType}/${resource.id}`;
    const versions = this.#store.get(ref) ?? [];
    const last = versions[versions.length - 1];
    const versionId = String(last ? Number(last.meta?.versionId ?? versions.length) + 1 : 1);
    const stored = { ...resource, meta: { ...resource.meta, versionId, lastUpdated: this.#now() } };
    this.#store.set(ref, [...versions, stored]);
    return structuredClone(stored);
  }

  #searchResponse(type: string, params: URLSearchParams): Response {
    const offset = Number(params.get('_offset') ?? '0');
    const count = Math.min(Number(params.get('_count') ?? this.options.pageSize), this.options.pageSize);
    const revincludes = params.getAll('_revinclude');
    const iterates = params.getAll('_revinclude:iterate');
    const asked = revincludes.length > 0 || iterates.length > 0;
    if (asked && !this.options.revinclude && this.options.undeclaredRevinclude === 'refused') {
      return outcome(400, 'not-supported', '_revinclude is not supported');
    }
    const matches = this.#search(type, params);
    const page = matches.slice(offset, offset + count);
    const ignored = !this.options.revinclude && this.options.undeclaredRevinclude === 'ignored';
    const included = ignored ? [] : this.#revinclude(page, revincludes, iterates);
    const link = [{ relation: 'self', url: `${this.base}/${type}?${params.toString()}` }];
    if (offset + count < matches.length) {
      const next = new URLSearchParams(params);
      next.set('_offset', String(offset + count));
      next.set('_count', String(count));
      link.push({ relation: 'next', url: `${this.base}/${type}?${next.toString()}` });
    }
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      link,
      entry: [
        ...page.map((resource) => ({ fullUrl: `${this.base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })),
        ...included.map((resource) => ({ fullUrl: `${this.base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'include' } })),
      ],
    };
    return HttpResponse.json(bundle, { headers: FHIR_JSON });
  }

  #search(type: string, params: URLSearchParams): Resource[] {
    return this.all(type).filter((resource) => {
      for (const [name, value] of params) {
        if (name.startsWith('_') && name !== '_id' && name !== '_tag') continue;
        if (!matchesParam(resource, name, value)) return false;
      }
      return true;
    });
  }

  #revinclude(page: Resource[], revincludes: string[], iterates: string[]): Resource[] {
    const seen = new Set(page.map((r) => `${r.resourceType}/${r.id}`));
    const out: Resource[] = [];
    const round = (targets: Resource[], specs: string[]) => {
      const found: Resource[] = [];
      for (const spec of specs) {
        const [sourceType, param] = spec.split(':');
        if (!sourceType || !param) continue;
        for (const target of targets) {
          for (const candidate of this.all(sourceType)) {
            const key = `${candidate.resourceType}/${candidate.id}`;
            if (seen.has(key)) continue;
            if (matchesParam(candidate, param, `${target.resourceType}/${target.id}`)) {
              seen.add(key);
              found.push(candidate);
            }
          }
        }
      }
      return found;
    };
    const first = round(page, [...revincludes, ...iterates]);
    out.push(...first);
    if (iterates.length > 0) out.push(...round(first, iterates));
    return out;
  }

  #bundle(body: unknown): Response {
    if (!isResource(body) || body.resourceType !== 'Bundle') return outcome(400, 'invalid', 'Expected a Bundle');
    const kind = body.type;
    if (kind === 'batch' && !this.options.batch) return outcome(400, 'not-supported', 'Batch is not supported');
    if (kind === 'transaction' && !this.options.transaction) return outcome(400, 'not-supported', 'Transactions are not supported');
    if (kind !== 'batch' && kind !== 'transaction') return outcome(400, 'invalid', 'Bundle.type must be batch or transaction');
    const entries = Array.isArray(body.entry) ? (body.entry as Array<Record<string, unknown>>) : [];
    if (kind === 'batch') {
      const responses = entries.map((entry) => this.#batchEntry(entry));
      return HttpResponse.json({ resourceType: 'Bundle', type: 'batch-response', entry: responses }, { headers: FHIR_JSON });
    }
    return this.#transaction(entries);
  }

  #batchEntry(entry: Record<string, unknown>): Record<string, unknown> {
    const request = entry.request as { method?: string; url?: string } | undefined;
    if (request?.method !== 'GET' || typeof request.url !== 'string') {
      return { response: { status: '400', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'Only GET in batches here' }] } } };
    }
    const url = new URL(request.url, `${this.base}/`);
    const [type, id] = url.pathname.slice(new URL(this.base).pathname.length).replace(/^\/+/, '').split('/');
    if (!type) return { response: { status: '400' } };
    if (id) {
      const current = this.current(`${type}/${id}`);
      return current ? { resource: current, response: { status: '200', etag: `W/"${current.meta?.versionId}"` } } : { response: { status: '404' } };
    }
    const matches = this.#search(type, url.searchParams);
    return {
      resource: { resourceType: 'Bundle', type: 'searchset', total: matches.length, entry: matches.slice(0, this.options.pageSize).map((resource) => ({ fullUrl: `${this.base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })), link: nextLinkFor(this.base, type, url.searchParams, matches.length, this.options.pageSize) },
      response: { status: '200 OK' },
    };
  }

  #transaction(entries: Array<Record<string, unknown>>): Response {
    if (this.options.failedTransaction === 'entries') return this.#transactionEntryByEntry(entries);
    const snapshot = new Map([...this.#store.entries()].map(([k, v]) => [k, [...v]]));
    const idFor = new Map<string, string>();
    try {
      // First pass: decide the id of every create, so urn:uuid references can be rewritten.
      for (const entry of entries) {
        const request = entry.request as { method?: string; url?: string; ifNoneExist?: string } | undefined;
        const resource = entry.resource;
        if (request?.method !== 'POST' || !isResource(resource) || typeof entry.fullUrl !== 'string') continue;
        const existing = request.ifNoneExist ? this.#search(resource.resourceType, new URLSearchParams(request.ifNoneExist)) : [];
        if (existing.length > 1) throw new TransactionFailure(outcome(412, 'duplicate', 'Multiple matches for ifNoneExist'));
        idFor.set(entry.fullUrl, `${resource.resourceType}/${existing[0]?.id ?? this.#newId()}`);
      }
      const responses = entries.map((entry) => {
        const request = entry.request as { method?: string; url?: string; ifNoneExist?: string; ifMatch?: string } | undefined;
        const resource = rewriteReferences(entry.resource, idFor);
        if (!isResource(resource) || !request?.method) throw new TransactionFailure(outcome(400, 'invalid', 'Entry without resource or request'));
        if (this.options.readOnly.includes(resource.resourceType)) throw new TransactionFailure(outcome(405, 'not-supported', `${resource.resourceType} is read-only`));
        if (request.method === 'POST') {
          const target = idFor.get(String(entry.fullUrl)) ?? `${resource.resourceType}/${this.#newId()}`;
          const existing = this.current(target);
          if (existing) return { resource: existing, response: { status: '200 OK', location: `${target}/_history/${existing.meta?.versionId}`, etag: `W/"${existing.meta?.versionId}"` } };
          const stored = this.#put({ ...resource, id: target.split('/')[1]! });
          return { resource: stored, response: { status: '201 Created', location: `${target}/_history/${stored.meta?.versionId}`, etag: `W/"${stored.meta?.versionId}"` } };
        }
        if (request.method === 'PUT' && typeof request.url === 'string') {
          const [type, id] = request.url.split('/');
          const result = this.#update(type ?? '', id ?? '', resource, request.ifMatch);
          if ('error' in result) throw new TransactionFailure(result.error);
          return { resource: result.resource, response: { status: result.created ? '201 Created' : '200 OK', location: `${type}/${id}/_history/${result.resource.meta?.versionId}`, etag: `W/"${result.resource.meta?.versionId}"` } };
        }
        throw new TransactionFailure(outcome(400, 'invalid', 'Unsupported entry method'));
      });
      return HttpResponse.json({ resourceType: 'Bundle', type: 'transaction-response', entry: responses }, { headers: FHIR_JSON });
    } catch (error) {
      this.#store = snapshot;
      if (error instanceof TransactionFailure) return error.response;
      throw error;
    }
  }

  /**
   * A transaction processed entry by entry with no rollback, answered HTTP 200 whatever happened:
   * each entry's status says how it went (what a production server was seen to do).
   */
  #transactionEntryByEntry(entries: Array<Record<string, unknown>>): Response {
    const idFor = new Map<string, string>();
    for (const entry of entries) {
      const request = entry.request as { method?: string; ifNoneExist?: string } | undefined;
      const resource = entry.resource;
      if (request?.method !== 'POST' || !isResource(resource) || typeof entry.fullUrl !== 'string') continue;
      const existing = request.ifNoneExist ? this.#search(resource.resourceType, new URLSearchParams(request.ifNoneExist)) : [];
      idFor.set(entry.fullUrl, `${resource.resourceType}/${existing[0]?.id ?? this.#newId()}`);
    }
    const responses = entries.map((entry) => {
      const request = entry.request as { method?: string; url?: string; ifMatch?: string } | undefined;
      const resource = rewriteReferences(entry.resource, idFor);
      if (!isResource(resource)) return { response: { status: '400 Bad Request' } };
      if (request?.method === 'POST') {
        const target = idFor.get(String(entry.fullUrl)) ?? `${resource.resourceType}/${this.#newId()}`;
        const existing = this.current(target);
        if (existing) return { response: { status: '200 OK', location: `${target}/_history/${existing.meta?.versionId}` } };
        const stored = this.#put({ ...resource, id: target.split('/')[1]! });
        return { response: { status: '201 Created', location: `${target}/_history/${stored.meta?.versionId}` } };
      }
      const [type, id] = (request?.url ?? '').split('/');
      const result = this.#update(type ?? '', id ?? '', resource, request?.ifMatch);
      if ('error' in result) return { response: { status: String(result.error.status), outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', diagnostics: 'Precondition failed' }] } } };
      return { response: { status: '200 OK', location: `${type}/${id}/_history/${result.resource.meta?.versionId}` } };
    });
    return HttpResponse.json({ resourceType: 'Bundle', type: 'transaction-response', entry: responses }, { headers: FHIR_JSON });
  }

  #newId(): string {
    return `id${this.#nextId++}`;
  }

  #now(): string {
    this.#clock += 1000;
    return new Date(this.#clock).toISOString();
  }
}

class TransactionFailure extends Error {
  constructor(readonly response: Response) {
    super('transaction failed');
  }
}

function nextLinkFor(base: string, type: string, params: URLSearchParams, total: number, pageSize: number): Array<{ relation: string; url: string }> {
  if (total <= pageSize) return [];
  const next = new URLSearchParams(params);
  next.set('_offset', String(pageSize));
  next.set('_count', String(pageSize));
  return [{ relation: 'next', url: `${base}/${type}?${next.toString()}` }];
}

function isResource(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

function resourceResponse(resource: Resource, status: number, withLocation = false): Response {
  const headers: Record<string, string> = { ...FHIR_JSON, etag: `W/"${resource.meta?.versionId}"` };
  if (resource.meta?.lastUpdated) headers['last-modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  if (withLocation) headers.location = `${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId}`;
  return HttpResponse.json(resource, { status, headers });
}

/** Prefer: return=minimal → no body (as many production servers answer by default). */
function preferred(headers: Headers, response: Response): Response {
  if (headers.get('prefer') !== 'return=minimal') return response;
  return new HttpResponse(null, { status: response.status, headers: response.headers });
}

function refKey(reference: unknown): string | undefined {
  if (typeof reference !== 'string') return undefined;
  const match = /([A-Z][A-Za-z]+)\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(reference);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function referencesOf(resource: Resource, param: string): string[] {
  const ref = (value: unknown) => refKey((value as { reference?: unknown } | undefined)?.reference);
  const pick = (...values: unknown[]) => values.map(ref).filter((r): r is string => r !== undefined);
  switch (`${resource.resourceType}.${param}`) {
    case 'RelatedPerson.patient':
    case 'Consent.patient':
      return pick(resource.patient);
    case 'List.subject':
    case 'List.patient':
      return pick(resource.subject);
    case 'Task.subject':
      return pick(resource.for);
    case 'Task.patient':
      return pick(resource.for).filter((r) => r.startsWith('Patient/'));
    case 'Task.focus':
      return pick(resource.focus);
    case 'Provenance.target':
      return Array.isArray(resource.target) ? pick(...resource.target) : [];
    case 'EpisodeOfCare.patient':
      return pick(resource.patient);
    default:
      return [];
  }
}

function matchesParam(resource: Resource, name: string, value: string): boolean {
  if (name === '_id') return value.split(',').includes(String(resource.id));
  if (name === '_tag') {
    const [system, code] = value.includes('|') ? [value.slice(0, value.indexOf('|')), value.slice(value.indexOf('|') + 1)] : [undefined, value];
    const tags = (resource.meta as { tag?: Array<{ system?: string; code?: string }> } | undefined)?.tag ?? [];
    return tags.some((t) => t.code === code && (system === undefined || t.system === system));
  }
  if (name === 'identifier') {
    const [system, code] = value.includes('|') ? value.split('|') : [undefined, value];
    const identifiers = Array.isArray(resource.identifier) ? (resource.identifier as Array<{ system?: string; value?: string }>) : [];
    return identifiers.some((i) => i.value === code && (system === undefined || system === '' || i.system === system));
  }
  if (name === 'code') {
    const [system, code] = value.includes('|') ? value.split('|') : [undefined, value];
    const codings = ((resource.code as { coding?: Array<{ system?: string; code?: string }> } | undefined)?.coding ?? []);
    return codings.some((c) => c.code === code && (system === undefined || c.system === system));
  }
  const wanted = value.split(',').map((v) => (v.includes('/') ? refKey(v) : undefined) ?? v);
  const refs = referencesOf(resource, name);
  return refs.some((r) => wanted.includes(r) || wanted.includes(r.split('/')[1]!));
}

function rewriteReferences(value: unknown, idFor: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, idFor));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === 'reference' && typeof v === 'string' && idFor.has(v) ? idFor.get(v) : rewriteReferences(v, idFor);
  }
  return out;
}
