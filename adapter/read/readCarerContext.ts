/**
 * Reads everything the prompts need about one patient — the rows of the carer record
 * (adapter/fhir/carerRecordResources.ts: the Patient, their RelatedPersons, Consents, carers' Tasks,
 * "asked: no carers" Lists, and the optional types the server declares) — in one round trip, then maps
 * it to the domain with toCarerContext (which keeps each resource's raw JSON for later updates).
 *
 * - With `_revinclude` (declared in the CapabilityStatement): one Patient search. The carer's Tasks
 *   point at the RelatedPerson (`Task.for`), not at the Patient, so they are reached with
 *   `_revinclude:iterate=Task:subject`, which runs again on the RelatedPersons included in the first
 *   round (and on the Patient itself, covering Tasks written `for` the patient).
 * - Without it: one batch Bundle of searches; the carers' Tasks need the RelatedPerson ids, so they
 *   follow in a second request. Without batch either, the same searches are sent side by side.
 * Every search result is paged through (`next` links on the server's own origin only).
 */
import type { CarerContext } from '../../shared/domain/types';
import type { Policy } from '../../shared/policy';
import type { Capabilities } from '../capabilities';
import { FhirError, errorFromResponse, type FhirErrorContext } from '../errors';
import { LINKED_RESOURCES, revincludeTarget } from '../fhir/carerRecordResources';
import { isRawResource, type RawResource, type RawStore } from '../fhir/rawStore';
import type { FhirHttp } from '../http/fhirHttp';
import { toCarerContext } from '../mapping/carerContext';
import { searchResources } from './paging';
import { patientIdOf } from './patientRef';

/** A patient's carer context, with the raw resources it was read from (to base updates on). */
export interface CarerRecord {
  context: CarerContext;
  raw: RawStore;
}

export interface ReadCarerContextOptions {
  /** The policy's extension base and zone, and "now": the decision in force is decided as the record is read. */
  policy: Pick<Policy, 'extensionBase' | 'timeZone'>;
  now: Date;
  signal?: AbortSignal;
  /** What this server was found to do with `_revinclude` when it does not declare it (kept per server). */
  revinclude?: RevincludeMemory;
}

/** Whether a server that does not declare `_revinclude` was found to support it; unknown until a probe decides. */
export interface RevincludeMemory {
  supported?: boolean;
}

const CONTEXT: FhirErrorContext = { interaction: 'search', resourceType: 'Patient' };
/** RelatedPerson ids per Task search in the fallback read, to keep URLs well under common limits. */
const IDS_PER_SEARCH = 40;

export async function readCarerContext(http: FhirHttp, capabilities: Capabilities, patientRef: string, options: ReadCarerContextOptions): Promise<CarerRecord> {
  const id = patientIdOf(patientRef);
  const memory = options.revinclude;
  const resources = capabilities.revinclude
    ? await readWithRevinclude(http, capabilities, id, options.signal)
    : memory?.supported === true
      ? await readWithRevinclude(http, probedCapabilities(capabilities), id, options.signal)
      : memory?.supported === undefined && memory !== undefined
        ? await readAndProbe(http, capabilities, id, memory, options.signal)
        : await readWithSearches(http, capabilities, id, options.signal);
  if (!resources.some((r) => r.resourceType === 'Patient' && r.id === id)) {
    throw new FhirError({ kind: 'not-found', status: 404, context: { interaction: 'read', resourceType: 'Patient' } });
  }
  const mapped = toCarerContext(resources, { patient: `Patient/${id}`, policy: options.policy, now: options.now });
  if (!mapped.ok) {
    throw new FhirError({ kind: 'invalid-response', issues: [mapped.reason], context: { interaction: 'read', resourceType: 'Patient' }, message: 'the patient record could not be mapped' });
  }
  return { context: mapped.context, raw: mapped.raw };
}

/** The one-request read: `Patient?_id=<id>&_revinclude=…`, one per row of the carer record the server declares. */
export function revincludePath(id: string, capabilities: Pick<Capabilities, 'optionalRevinclude'>): string {
  const parts = [`_id=${encodeURIComponent(id)}`];
  for (const row of LINKED_RESOURCES) {
    if (row.optional && !(capabilities.optionalRevinclude as readonly string[]).includes(row.type)) continue;
    parts.push(`${row.throughCarers ? '_revinclude:iterate' : '_revinclude'}=${revincludeTarget(row)}`);
  }
  return `Patient?${parts.join('&')}`;
}

async function readWithRevinclude(http: FhirHttp, capabilities: Capabilities, id: string, signal: AbortSignal | undefined): Promise<RawResource[]> {
  return searchResources(http, { path: revincludePath(id, capabilities) }, { ...(signal ? { signal } : {}), context: CONTEXT });
}

/** A server found to support `_revinclude` is asked for the optional types the same way when it can search them. */
function probedCapabilities(capabilities: Capabilities): Capabilities {
  return { ...capabilities, revinclude: true, optionalRevinclude: capabilities.optionalSearch };
}

/** The two-request read, with the one-request search beside it as the probe (see the module comment). */
async function readAndProbe(http: FhirHttp, capabilities: Capabilities, id: string, memory: RevincludeMemory, signal: AbortSignal | undefined): Promise<RawResource[]> {
  const probe = readWithRevinclude(http, probedCapabilities(capabilities), id, signal).then(
    (resources) => ({ resources }),
    (error: unknown) => ({ error }),
  );
  const [searched, probed] = await Promise.all([readWithSearches(http, capabilities, id, signal), probe]);
  if ('error' in probed) {
    // Refused: not supported. A failure that may pass (network, timeout, 5xx) decides nothing.
    const refused = probed.error instanceof FhirError && ['bad-request', 'unsupported', 'not-found', 'forbidden'].includes(probed.error.kind);
    if (refused) memory.supported = false;
    return searched;
  }
  const key = (r: RawResource) => `${String(r.resourceType)}/${String(r.id)}`;
  const found = new Set(probed.resources.map(key));
  if (!searched.every((r) => found.has(key(r)))) memory.supported = false;
  else if (searched.some((r) => r.resourceType === 'RelatedPerson')) memory.supported = true;
  return searched;
}

/** The searches of the fallback read (first round): the patient, and every row of the carer record by the patient. */
export function fallbackSearches(id: string, capabilities: Pick<Capabilities, 'optionalSearch'>): string[] {
  const patient = encodeURIComponent(`Patient/${id}`);
  const searches = [`Patient?_id=${encodeURIComponent(id)}`];
  for (const row of LINKED_RESOURCES) {
    if (row.optional && !(capabilities.optionalSearch as readonly string[]).includes(row.type)) continue;
    searches.push(`${row.type}?${row.link}=${patient}`);
  }
  return searches;
}

/** The second round: the rows reached through the carers (a carer's Tasks), by the carers' ids. */
function carerSearches(carers: readonly string[], capabilities: Pick<Capabilities, 'optionalSearch'>): string[] {
  const searches: string[] = [];
  for (const row of LINKED_RESOURCES) {
    if (!row.throughCarers || (row.optional && !(capabilities.optionalSearch as readonly string[]).includes(row.type))) continue;
    for (let i = 0; i < carers.length; i += IDS_PER_SEARCH) {
      searches.push(`${row.type}?${row.link}=${carers.slice(i, i + IDS_PER_SEARCH).map(encodeURIComponent).join(',')}`);
    }
  }
  return searches;
}

async function readWithSearches(http: FhirHttp, capabilities: Capabilities, id: string, signal: AbortSignal | undefined): Promise<RawResource[]> {
  const first = await runSearches(http, capabilities, fallbackSearches(id, capabilities), signal);
  const carers = first.filter((r) => r.resourceType === 'RelatedPerson' && typeof r.id === 'string').map((r) => `RelatedPerson/${String(r.id)}`);
  const second = carerSearches(carers, capabilities);
  if (second.length === 0) return first;
  return [...first, ...(await runSearches(http, capabilities, second, signal))];
}

async function runSearches(http: FhirHttp, capabilities: Capabilities, searches: string[], signal: AbortSignal | undefined): Promise<RawResource[]> {
  const pageOptions = { ...(signal ? { signal } : {}), context: CONTEXT };
  if (!capabilities.batch || searches.length === 1) {
    const results = await Promise.all(searches.map((path) => searchResources(http, { path }, pageOptions)));
    return results.flat();
  }
  const batch = {
    resourceType: 'Bundle',
    type: 'batch',
    entry: searches.map((url) => ({ request: { method: 'GET', url } })),
  };
  const response = await http.send({ method: 'POST', path: '', body: batch, ...(signal ? { signal } : {}), context: { interaction: 'batch', resourceType: 'Bundle' } });
  const entries = batchEntries(response.body, searches.length);
  const results = await Promise.all(
    entries.map((entry) => {
      const status = Number.parseInt(entry.response?.status ?? '', 10);
      if (!(status >= 200 && status < 300) || !isRawResource(entry.resource)) {
        throw errorFromResponse(Number.isNaN(status) ? 500 : status, entry.response?.outcome ?? entry.resource, CONTEXT);
      }
      return searchResources(http, { bundle: entry.resource }, pageOptions);
    }),
  );
  return results.flat();
}

interface BatchEntry {
  resource?: unknown;
  response?: { status?: string; outcome?: unknown };
}

function batchEntries(body: unknown, expected: number): BatchEntry[] {
  if (!isRawResource(body) || body.resourceType !== 'Bundle' || !Array.isArray(body.entry) || body.entry.length !== expected) {
    throw new FhirError({ kind: 'invalid-response', context: { interaction: 'batch', resourceType: 'Bundle' }, message: 'the batch answer is not a Bundle with one entry per request' });
  }
  return (body.entry as unknown[]).map((entry) => {
    if (typeof entry !== 'object' || entry === null) return {};
    const { resource, response } = entry as { resource?: unknown; response?: unknown };
    const r = typeof response === 'object' && response !== null ? (response as { status?: unknown; outcome?: unknown }) : {};
    return { resource, response: { ...(typeof r.status === 'string' ? { status: r.status } : {}), outcome: r.outcome } };
  });
}
