import { FhirError, asOperationOutcome } from '../../errors';
import type { FhirHttp } from '../../http/fhirHttp';
import { sameOriginUrl } from '../../bulk/sameOrigin';
import { isResource } from '../../bulk/ndjsonResources';
import type { SourceEvent } from '../../bulk/sourceEvents';

export interface SearchPagesOptions {
  /** Names the search in warnings ("Consent search"); never holds search values. */
  label: string;
  signal?: AbortSignal;
  /** Empty pages in a row (with a `next` link) before the server is judged to be looping (default 10). */
  maxEmptyPages?: number;
  /** Hard bound on pages followed (default 1,000,000): a server must never keep us paging forever. */
  maxPages?: number;
}

/**
 * Runs one search and follows its Bundle `next` links to the end, yielding each matched resource.
 * Links are followed only on the FHIR server's own origin; a link back to a page already read, or an
 * endless run of empty pages, stops the search with an error instead of looping. When the server
 * gives Bundle.total, what was read must match it: a difference is an integrity problem, which
 * makes the pull incomplete (a server that omits total is taken at its pages' word).
 */
export async function* searchPages(http: FhirHttp, firstPath: string, options: SearchPagesOptions): AsyncGenerator<SourceEvent> {
  const maxEmptyPages = options.maxEmptyPages ?? 10;
  const maxPages = options.maxPages ?? 1_000_000;
  const seen = new Set<string>();
  let next: string | undefined = http.resolve(firstPath);
  let total: number | undefined;
  let read = 0;
  let emptyInARow = 0;
  while (next !== undefined) {
    if (seen.has(next)) throw loopError(options.label, 'links back to a page already read');
    if (seen.size >= maxPages) throw loopError(options.label, `went on for more than ${maxPages} pages`);
    seen.add(next);
    const response = await http
      .send({ method: 'GET', path: next, context: { interaction: 'page' }, ...(options.signal ? { signal: options.signal } : {}) })
      .catch((error: unknown) => {
        throw searchRefusal(error, options.label);
      });
    const bundle = asSearchBundle(response.body, options.label);
    if (total === undefined && typeof bundle.total === 'number') total = bundle.total;
    let matched = 0;
    for (const entry of bundle.entry ?? []) {
      const mode = entry.search?.mode;
      const outcome = asOperationOutcome(entry.resource);
      if (mode === 'outcome' || (outcome !== undefined && mode !== 'match')) {
        // Severity and code only: the server's diagnostics may quote search values (an NHS number).
        for (const issue of outcome?.issue ?? []) {
          const what = [issue.severity ?? 'information', issue.code].filter(Boolean).join(' ');
          yield { type: 'warning', message: `The server noted "${what}" on the ${options.label}.` };
        }
        continue;
      }
      if (!isResource(entry.resource)) {
        yield { type: 'warning', message: `An entry of the ${options.label} has no resource; skipped.` };
        continue;
      }
      if (mode !== 'include') matched += 1;
      yield { type: 'resource', resource: entry.resource };
    }
    read += matched;
    const link = bundle.link?.find((l) => l.relation === 'next')?.url;
    if (link === undefined) break;
    emptyInARow = (bundle.entry?.length ?? 0) === 0 ? emptyInARow + 1 : 0;
    if (emptyInARow > maxEmptyPages) throw loopError(options.label, `sent ${emptyInARow} empty pages in a row`);
    next = sameOriginUrl(link, http.baseUrl, 'next page link').href;
  }
  if (total !== undefined && total !== read) {
    // The server's own count disagrees with its pages (a page cut short, a record added or lost
    // while paging): the counts would be wrong, so the pull is incomplete, naming the search.
    yield { type: 'integrity', source: options.label, problem: 'total', message: `The ${options.label} said it had ${total} matches but ${read} were read` };
  }
}

interface SearchBundle {
  total?: number;
  link?: Array<{ relation?: string; url?: string }>;
  entry?: Array<{ resource?: unknown; search?: { mode?: string } }>;
}

function asSearchBundle(body: unknown, label: string): SearchBundle {
  if (typeof body === 'object' && body !== null && (body as { resourceType?: unknown }).resourceType === 'Bundle') {
    const bundle = body as { total?: unknown; link?: unknown; entry?: unknown };
    if ((bundle.link === undefined || Array.isArray(bundle.link)) && (bundle.entry === undefined || Array.isArray(bundle.entry))) {
      return bundle as SearchBundle;
    }
  }
  throw new FhirError({
    kind: 'invalid-response',
    message: `the ${label} did not answer with a Bundle`,
    userMessage: `The FHIR server answered the ${label} with something other than a search result, so the pull stopped.`,
  });
}

/**
 * A search the server does not offer (404, 405, 501) said as such, for the person running the
 * audit: the clinician's sentence for a 404 ("check you have the right patient") means nothing here.
 * The kind is kept, so a refused optional type is still told apart (./pagedSearch.ts).
 */
function searchRefusal(error: unknown, label: string): unknown {
  if (!(error instanceof FhirError) || (error.kind !== 'not-found' && error.kind !== 'unsupported')) return error;
  return new FhirError({
    kind: error.kind,
    ...(error.status !== undefined ? { status: error.status } : {}),
    cause: error,
    message: `the ${label} is not offered (${error.kind})`,
    userMessage: `The FHIR server does not offer the ${label}${error.status !== undefined ? ` (HTTP ${error.status})` : ''}, so the caseload cannot be read by paged search. Use a bulk export if the server offers one (--bulk), or ask the server's administrators which searches it supports.`,
  });
}

function loopError(label: string, what: string): FhirError {
  return new FhirError({
    kind: 'invalid-response',
    message: `the ${label} ${what}`,
    userMessage: `The FHIR server's paging for the ${label} ${what}, so the pull stopped rather than loop.`,
  });
}
