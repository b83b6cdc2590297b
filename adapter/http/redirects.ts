/**
 * Redirects are never followed by the network stack: every request is sent with `redirect: 'manual'`
 * (REQUEST_INIT_DEFAULTS), and a redirect is followed here, by hand, only to the origin the request
 * was meant for. Letting fetch follow it would re-send the body (a carer's name and phone number)
 * and the query (an NHS number) to wherever the Location header points, before any answer could be
 * refused.
 *
 * Node's fetch hands back the 3xx with its Location; a browser hands back an opaque redirect
 * (`type: 'opaqueredirect'`, status 0) whose target cannot be read, so there a redirect is refused.
 * @see https://fetch.spec.whatwg.org/#concept-request-redirect-mode
 */
import { FhirError, type FhirErrorContext } from '../errors';

/** Same-origin hops followed for one request before it is given up as a loop. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** A status that asks the client to go elsewhere (300 and 304 are answers, not redirects). */
export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** What a browser's fetch returns for a redirect under `redirect: 'manual'`. */
export function isOpaqueRedirect(response: { type?: string; status: number }): boolean {
  return response.type === 'opaqueredirect' || response.status === 0;
}

export interface RedirectAnswer {
  /** The URL that answered with the redirect. */
  from: string;
  status: number;
  location: string | null;
  method: string;
  /** How many redirects this request has already followed. */
  hops: number;
}

/**
 * Where a redirect may be followed to: the same origin as `origin`, within MAX_REDIRECTS, and for a
 * request with a body only by 307/308 (which keep the method and body; 301/302/303 would turn a write
 * into a GET and lose it). Anything else is a FhirError, and nothing has been sent anywhere else.
 */
export function sameOriginRedirect(answer: RedirectAnswer, origin: string, context: FhirErrorContext = {}): URL {
  const refuse = (message: string): FhirError =>
    new FhirError({
      kind: 'invalid-response',
      status: answer.status,
      context,
      message,
      userMessage: 'The FHIR server redirected the request to another address; it was not followed and nothing was sent there. Tell your IT service desk.',
    });
  if (answer.location === null || answer.location.trim() === '') throw refuse('the server answered a redirect without a Location');
  let target: URL;
  try {
    target = new URL(answer.location, answer.from);
  } catch {
    throw refuse('the server redirected to something that is not a URL');
  }
  // The Location is never put in a message: it can carry the NHS number of the original query.
  if (target.origin !== origin) throw refuse('refused a redirect to another origin');
  if (answer.hops >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects`);
  const keepsBody = answer.status === 307 || answer.status === 308;
  const method = answer.method.toUpperCase();
  if (!keepsBody && method !== 'GET' && method !== 'HEAD' && method !== 'DELETE') throw refuse(`refused a ${answer.status} redirect of a ${method}: it would drop the request body`);
  return target;
}

/** The error for a browser's opaque redirect: its target cannot be known, so it is never followed. */
export function opaqueRedirectError(context: FhirErrorContext = {}): FhirError {
  return new FhirError({
    kind: 'invalid-response',
    context,
    message: 'refused a redirect whose target the browser does not reveal',
    userMessage: 'The FHIR server redirected the request to another address; it was not followed and nothing was sent there. Tell your IT service desk.',
  });
}

/**
 * `fetch` that follows redirects only within the first URL's origin (by hand, bounded), for the
 * requests that do not go through the FHIR client: bulk export steps, SMART discovery, token and
 * revocation endpoints.
 */
export async function fetchWithinOrigin(fetchImpl: typeof fetch, url: URL | string, init: RequestInit, context: FhirErrorContext = {}): Promise<Response> {
  let current = new URL(url);
  const origin = current.origin;
  const method = (init.method ?? 'GET').toUpperCase();
  for (let hops = 0; ; hops += 1) {
    const response = await fetchImpl(current.href, { ...init, redirect: 'manual' });
    if (isOpaqueRedirect(response)) throw opaqueRedirectError(context);
    if (!isRedirectStatus(response.status)) return response;
    await response.body?.cancel().catch(() => undefined);
    current = sameOriginRedirect({ from: current.href, status: response.status, location: response.headers.get('location'), method, hops }, origin, context);
  }
}
