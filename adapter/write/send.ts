/**
 * How a change reaches the server safely:
 * - a create is conditional (If-None-Exist on the request identifier the builder wrote), so a repeat
 *   of the same request finds the first instead of making a duplicate;
 * - an update sends the RAW resource as received, changed, with If-Match on the version it was read
 *   at; a stale If-Match is a conflict whether the server says 412 (R4) or 409 (HAPI), and the
 *   conflict carries the server's current version so the caller can show it beside the draft;
 * - where the server takes transactions (and Provenance), the change of an audited action goes in one
 *   transaction with a Provenance saying who changed what and when. Which actions are audited is the
 *   registry's `audited` (shared/actions/define.ts: every consent and carer-status change, and a
 *   disclosure without consent, H30), passed down as `withProvenance`: never decided here by the
 *   resource type; where the server takes no transactions the change is sent alone. A create's
 *   Provenance names it by its `urn:uuid:` fullUrl (the server rewrites it to the new id). An
 *   update's new versionId is assigned by the server as the transaction commits, so it cannot be
 *   named in advance: the Provenance targets the resource and records the exact version it revised
 *   as an `entity` (role `revision`). The Provenance is created conditionally on a key naming the
 *   change (see buildProvenance), so a resend of the same change leaves one Provenance;
 * - a transaction's answer is read entry by entry: an entry whose `response.status` is not 2xx fails
 *   the whole change with the error that status means (a 412 / 409 on the If-Match entry is the same
 *   conflict a plain update gives), even when the server answered HTTP 200 — some servers do, and
 *   keep the entries that succeeded.
 * @see https://hl7.org/fhir/R4/http.html#ccreate  @see https://hl7.org/fhir/R4/http.html#concurrency
 */
import type { Practitioner, PractitionerRole, Reference } from '@medplum/fhirtypes';
import type { Capabilities, WritableType } from '../capabilities';
import { FhirError, errorFromResponse, normalizeFhirError, type FhirErrorContext } from '../errors';
import { isRawResource, type RawResource } from '../fhir/rawStore';
import type { FhirHttp, FhirHttpResponse } from '../http/fhirHttp';
import { buildProvenance, conditionalCreateQuery, provenanceConditionalQuery, requestIdentifierValue } from '../writes/build';

/** A resource as the server holds it after a write. */
export interface WrittenResource {
  /** "Type/id". */
  reference: string;
  versionId?: string;
  resource: RawResource;
}

export interface SendContext {
  http: FhirHttp;
  capabilities: Capabilities;
  /** Who is recording the change (Provenance.agent.who); Carer Prompts itself when unknown. */
  recorder?: Reference<Practitioner | PractitionerRole>;
  /** The instant the change is recorded (Provenance.recorded). */
  now: () => Date;
  newUuid: () => string;
  /** A Provenance goes with the change: the registry's `audited` for the action performed (shared/actions/define.ts), never the resource type. */
  withProvenance: boolean;
  signal?: AbortSignal;
}

const REPRESENTATION = 'return=representation';

/** Throws the plain reason when the CapabilityStatement says the server does not offer this write. */
export function assertCanWrite(capabilities: Capabilities, type: WritableType, interaction: 'create' | 'update'): void {
  const can: { create: boolean; update?: boolean } = capabilities.canWrite[type];
  const allowed = can[interaction] === true;
  if (allowed) return;
  const reason = capabilities.reasons[`${type}.${interaction}`] ?? `This server does not offer ${interaction} for ${type} — record it in the EHR.`;
  throw new FhirError({ kind: 'unsupported', context: { interaction, resourceType: type }, message: `the server does not offer ${interaction} for ${type}`, userMessage: reason });
}

/** Conditional create of a built resource (which must carry a request identifier). */
export async function createResource(ctx: SendContext, resource: RawResource & { resourceType: WritableType }): Promise<WrittenResource> {
  const type = resource.resourceType;
  assertCanWrite(ctx.capabilities, type, 'create');
  const ifNoneExist = conditionalCreateQuery(resource as { identifier?: [] });
  const context: FhirErrorContext = { interaction: 'create', resourceType: type, precondition: 'if-none-exist' };
  if (useTransaction(ctx)) {
    const fullUrl = `urn:uuid:${ctx.newUuid()}`;
    const bundle = transaction([
      { fullUrl, resource, request: { method: 'POST', url: type, ifNoneExist } },
      provenanceEntry(ctx, fullUrl, requestIdentifierValue(resource as { identifier?: [] })),
    ]);
    return firstOfTransaction(ctx, bundle, context);
  }
  // Without If-None-Exist support a repeated create could duplicate, so it is then sent once only.
  const response = await send(ctx, {
    method: 'POST',
    path: type,
    body: resource,
    ...(ctx.capabilities.conditionalCreate[type] ? { ifNoneExist } : {}),
    prefer: REPRESENTATION,
    context,
  });
  return writtenFrom(ctx, response, type, context);
}

/**
 * Versioned update: sends `updated` (the raw resource as received, changed by a builder) with
 * If-Match on `basedOn` — the version the change was made to.
 */
export async function updateResource(ctx: SendContext, updated: RawResource & { resourceType: WritableType }, basedOnVersion: string): Promise<WrittenResource> {
  const type = updated.resourceType;
  assertCanWrite(ctx.capabilities, type, 'update');
  const id = typeof updated.id === 'string' ? updated.id : undefined;
  if (id === undefined) throw new FhirError({ kind: 'bad-request', context: { interaction: 'update', resourceType: type }, message: 'an update needs the resource id' });
  const ifMatch = `W/"${basedOnVersion}"`;
  const context: FhirErrorContext = { interaction: 'update', resourceType: type, precondition: 'if-match' };
  try {
    if (useTransaction(ctx)) {
      const bundle = transaction([
        { fullUrl: `${ctx.http.baseUrl}/${type}/${id}`, resource: updated, request: { method: 'PUT', url: `${type}/${id}`, ifMatch } },
        provenanceEntry(ctx, `${type}/${id}`, `${ctx.http.baseUrl}/${type}/${id}/_history/${basedOnVersion}`, `${type}/${id}/_history/${basedOnVersion}`),
      ]);
      return await firstOfTransaction(ctx, bundle, context);
    }
    const response = await send(ctx, { method: 'PUT', path: `${type}/${encodeURIComponent(id)}`, body: updated, ifMatch, prefer: REPRESENTATION, context });
    return await writtenFrom(ctx, response, type, context);
  } catch (error) {
    const failure = normalizeFhirError(error, context);
    if (failure.kind !== 'conflict') throw failure;
    throw await withServerVersion(ctx, failure, `${type}/${id}`);
  }
}

/** Reads the server's current version to attach to a conflict; the conflict stands even if that read fails. */
async function withServerVersion(ctx: SendContext, conflict: FhirError, reference: string): Promise<FhirError> {
  try {
    const current = await read(ctx, reference, { interaction: 'read', resourceType: reference.split('/')[0] ?? '' });
    return conflict.withCurrent(current.versionId !== undefined ? { resource: current.resource, versionId: current.versionId } : { resource: current.resource });
  } catch {
    return conflict;
  }
}

function useTransaction(ctx: SendContext): boolean {
  return ctx.withProvenance && ctx.capabilities.provenanceInTransaction;
}

interface TransactionEntry {
  fullUrl: string;
  resource: unknown;
  request: { method: 'POST' | 'PUT'; url: string; ifNoneExist?: string; ifMatch?: string };
}

function transaction(entry: TransactionEntry[]): RawResource {
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

/** The Provenance of a change, created only if none with the same change key exists (see buildProvenance). */
function provenanceEntry(ctx: SendContext, target: string, changeKey: string, revised?: string): TransactionEntry {
  const built = buildProvenance({ target, recorded: ctx.now().toISOString(), changeKey, ...(ctx.recorder ? { agent: ctx.recorder } : {}) });
  const ifNoneExist = provenanceConditionalQuery(built);
  const provenance: RawResource = { ...built };
  if (revised !== undefined) provenance.entity = [{ role: 'revision', what: { reference: revised } }];
  return { fullUrl: `urn:uuid:${ctx.newUuid()}`, resource: provenance, request: { method: 'POST', url: 'Provenance', ifNoneExist } };
}

async function firstOfTransaction(ctx: SendContext, bundle: RawResource, context: FhirErrorContext): Promise<WrittenResource> {
  const response = await send(ctx, { method: 'POST', path: '', body: bundle, prefer: REPRESENTATION, context: { ...context } });
  const sent = (bundle.entry as TransactionEntry[]).length;
  const [first] = successfulEntries(response.body, sent, context);
  const { resource, response: entryResponse } = first as { resource?: unknown; response?: { location?: unknown; etag?: unknown } };
  const type = context.resourceType ?? '';
  if (isRawResource(resource) && resource.resourceType === type && typeof resource.id === 'string') return written(resource, headerVersion(entryResponse?.etag));
  const location = typeof entryResponse?.location === 'string' ? entryResponse.location : undefined;
  const reference = location ? referenceFromLocation(location, type) : undefined;
  if (!reference) throw new FhirError({ kind: 'invalid-response', context, message: 'the transaction answer does not say where the resource is' });
  return read(ctx, reference, { ...context, interaction: 'read' });
}

/**
 * The entries of a transaction answer, each checked: one per entry sent, each with a 2xx
 * `response.status`. The first failing entry throws the FhirError its status means, with the
 * entry's OperationOutcome: the change as a whole failed, whatever the HTTP status of the answer.
 * @see https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.response.status
 */
export function successfulEntries(body: unknown, sent: number, context: FhirErrorContext): unknown[] {
  const entries = isRawResource(body) && body.resourceType === 'Bundle' && Array.isArray(body.entry) ? (body.entry as unknown[]) : undefined;
  if (entries === undefined || entries.length === 0) throw new FhirError({ kind: 'invalid-response', context, message: 'the transaction answer has no entries' });
  if (entries.length !== sent) throw new FhirError({ kind: 'invalid-response', context, message: `the transaction answer has ${entries.length} entries for ${sent} sent` });
  for (const entry of entries) {
    const response = typeof entry === 'object' && entry !== null ? (entry as { response?: { status?: unknown; outcome?: unknown } }).response : undefined;
    const status = typeof response?.status === 'string' ? Number.parseInt(response.status, 10) : Number.NaN;
    if (!Number.isInteger(status)) throw new FhirError({ kind: 'invalid-response', context, message: 'a transaction answer entry has no response status' });
    if (status >= 200 && status < 300) continue;
    const failure = errorFromResponse(status, response?.outcome, context);
    throw new FhirError({
      kind: failure.kind,
      status,
      ...(failure.outcome ? { outcome: failure.outcome } : {}),
      context,
      message: `FHIR ${context.interaction ?? 'transaction'} ${context.resourceType ?? ''} failed: an entry of the transaction answered ${status}`,
    });
  }
  return entries;
}

async function writtenFrom(ctx: SendContext, response: FhirHttpResponse, type: string, context: FhirErrorContext): Promise<WrittenResource> {
  if (isRawResource(response.body) && response.body.resourceType === type && typeof response.body.id === 'string') {
    return written(response.body, headerVersion(response.headers.get('etag')));
  }
  // The server answered without the resource (Prefer ignored, return=minimal by default): read it back.
  const location = response.headers.get('location') ?? response.headers.get('content-location');
  const reference = location ? referenceFromLocation(location, type) : undefined;
  if (!reference) throw new FhirError({ kind: 'invalid-response', context, message: 'the server did not say where the resource was written' });
  return read(ctx, reference, { ...context, interaction: 'read' });
}

async function read(ctx: SendContext, reference: string, context: FhirErrorContext): Promise<WrittenResource> {
  const response = await send(ctx, { method: 'GET', path: reference, context });
  if (!isRawResource(response.body) || typeof response.body.id !== 'string') {
    throw new FhirError({ kind: 'invalid-response', context, message: 'the server answered a read with something other than a resource' });
  }
  return written(response.body, headerVersion(response.headers.get('etag')));
}

function written(resource: RawResource, etagVersion: string | undefined): WrittenResource {
  const meta = resource.meta as { versionId?: unknown } | undefined;
  const versionId = typeof meta?.versionId === 'string' ? meta.versionId : etagVersion;
  return { reference: `${resource.resourceType}/${String(resource.id)}`, ...(versionId !== undefined ? { versionId } : {}), resource };
}

/** `W/"3"` → `3`. */
export function headerVersion(etag: unknown): string | undefined {
  if (typeof etag !== 'string') return undefined;
  const match = /^(?:W\/)?"([^"]+)"$/.exec(etag.trim());
  return match?.[1];
}

/** "Type/id" from a Location such as `https://x/fhir/Consent/1/_history/2` or `Consent/1`. */
export function referenceFromLocation(location: string, type: string): string | undefined {
  const match = new RegExp(`(?:^|/)${type}/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?/?$`).exec(location.split('?')[0] ?? '');
  return match ? `${type}/${match[1]}` : undefined;
}

function send(ctx: SendContext, request: Parameters<FhirHttp['send']>[0]): Promise<FhirHttpResponse> {
  return ctx.http.send({ ...request, ...(ctx.signal ? { signal: ctx.signal } : {}) });
}
