/**
 * Search results, page by page: follows Bundle `next` links only on the FHIR server's own origin,
 * never twice to the same URL, and at most `maxPages` times. A record read in part would look
 * complete to a clinician (a carer on page 2 missing means "no carer recorded"), so a refused or
 * looping link fails the read instead of returning what was read so far.
 */
import { FhirError, type FhirErrorContext } from '../errors';
import { isRawResource, type RawResource } from '../fhir/rawStore';
import type { FhirHttp } from '../http/fhirHttp';

export interface PageOptions {
  signal?: AbortSignal;
  /** Pages read at most (default 50); more fails the read. */
  maxPages?: number;
  context?: FhirErrorContext;
}

export const DEFAULT_MAX_PAGES = 50;

/** The Bundle pages of a search, starting from a path (`Patient?_id=1`) or an already fetched first page. */
export async function* searchPages(http: FhirHttp, start: { path: string } | { bundle: unknown }, options: PageOptions = {}): AsyncGenerator<RawResource> {
  const context: FhirErrorContext = options.context ?? { interaction: 'search' };
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const visited = new Set<string>();
  let bundle: unknown;
  if ('path' in start) {
    const url = http.resolve(start.path);
    visited.add(url);
    bundle = (await http.send({ method: 'GET', path: url, ...(options.signal ? { signal: options.signal } : {}), context })).body;
  } else {
    bundle = start.bundle;
  }
  for (let page = 1; ; page += 1) {
    const checked = asSearchBundle(bundle, context);
    yield checked;
    const next = nextLink(checked);
    if (next === undefined) return;
    const url = http.resolve(next);
    if (visited.has(url)) throw pagingError('the server\'s "next" link points back to a page already read', context);
    if (page >= maxPages) throw pagingError(`more than ${maxPages} pages`, context);
    visited.add(url);
    bundle = (await http.send({ method: 'GET', path: url, ...(options.signal ? { signal: options.signal } : {}), context: { ...context, interaction: 'page' } })).body;
  }
}

/** Every resource of every page (entry.resource), in order; OperationOutcome entries (search.mode outcome) are left out. */
export async function searchResources(http: FhirHttp, start: { path: string } | { bundle: unknown }, options: PageOptions = {}): Promise<RawResource[]> {
  const resources: RawResource[] = [];
  for await (const page of searchPages(http, start, options)) resources.push(...bundleResources(page));
  return resources;
}

export function bundleResources(bundle: RawResource): RawResource[] {
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  const out: RawResource[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { resource, search } = entry as { resource?: unknown; search?: { mode?: unknown } };
    if (!isRawResource(resource)) continue;
    if (resource.resourceType === 'OperationOutcome' || search?.mode === 'outcome') continue;
    out.push(resource);
  }
  return out;
}

function asSearchBundle(body: unknown, context: FhirErrorContext): RawResource {
  if (!isRawResource(body) || body.resourceType !== 'Bundle') {
    throw new FhirError({ kind: 'invalid-response', context, message: 'a search answered with something other than a Bundle' });
  }
  if (body.entry !== undefined && !Array.isArray(body.entry)) {
    throw new FhirError({ kind: 'invalid-response', context, message: 'a search Bundle whose entry is not a list' });
  }
  return body;
}

function nextLink(bundle: RawResource): string | undefined {
  const links = Array.isArray(bundle.link) ? (bundle.link as unknown[]) : [];
  for (const link of links) {
    if (typeof link !== 'object' || link === null) continue;
    const { relation, url } = link as { relation?: unknown; url?: unknown };
    if (relation === 'next' && typeof url === 'string' && url.trim() !== '') return url.trim();
  }
  return undefined;
}

function pagingError(why: string, context: FhirErrorContext): FhirError {
  return new FhirError({
    kind: 'invalid-response',
    context,
    message: `paging stopped: ${why}`,
    userMessage: 'The FHIR server returned the record in pages that could not all be read, so nothing is shown rather than part of it. Tell your IT service desk.',
  });
}
