/**
 * The adapter's HTTP client: one `send()` that joins the base URL, adds the headers every FHIR
 * request needs (accept, content type, bearer token, preconditions), bounds each attempt with a
 * timeout joined to the caller's signal, retries what is safe to retry, and turns every failure into
 * a FhirError.
 */
import { SIGN_IN_AGAIN_MESSAGE } from '../auth/signInAgain';
import { FhirError, errorFromResponse, normalizeFhirError, type FhirErrorContext } from '../errors';
import { fetchTransport } from './fetchTransport';
import { fhirKitTransport } from './fhirKitTransport';
import { HTTPS_REQUIRED_MESSAGE, isSecureEndpoint } from './secureUrl';
import { isRedirectStatus, opaqueRedirectError, sameOriginRedirect } from './redirects';
import { DEFAULT_RETRY_POLICY, backoffDelay, isIdempotent, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retry';
import { abortableSleep, attemptSignal } from './signal';
import type { HttpMethod, Transport, TransportResponse } from './types';

export interface FhirHttpOptions {
  /** The FHIR base URL, e.g. `https://fhir.example.nhs.uk/R4`. */
  baseUrl: string;
  /** A fetch to send requests with (the extension's own); without it, fhir-kit-client and the global fetch. */
  fetch?: typeof fetch;
  /** How long one attempt may take before it is abandoned (default 15 s). */
  timeoutMs?: number;
  /** Retries after the first attempt, for requests that are safe to repeat (default 2). */
  maxRetries?: number;
  /** The most to wait in total between retries (default 10 s). */
  maxRetryWaitMs?: number;
  /**
   * Called before every attempt; the token returned (if any) is sent as `Authorization: Bearer`.
   * After a 401 it is called once more with `{ rejected: <the token sent> }` (a SMART session then
   * refreshes) and, given a different token, the request is sent once more.
   */
  getToken?: (hint?: { rejected?: string }) => Promise<string | undefined>;
  /** Injected for tests: how to wait between retries. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests: jitter source in [0, 1). */
  random?: () => number;
  /** Injected for tests: the clock used to read an HTTP-date Retry-After. */
  now?: () => number;
}

export interface FhirHttpRequest {
  method: HttpMethod;
  /** A path relative to the base (`Patient/1`, `Patient?_id=1`, `''` for the base itself), or an absolute URL on the base's origin. */
  path: string;
  /** A FHIR resource to send as JSON. */
  body?: unknown;
  ifMatch?: string;
  ifNoneExist?: string;
  prefer?: string;
  signal?: AbortSignal;
  /** What the request is for, to phrase errors (never patient data). */
  context: FhirErrorContext;
}

export interface FhirHttpResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or `undefined` when the server sent none. */
  body: unknown;
}

export interface FhirHttp {
  /** The base URL without a trailing slash. */
  readonly baseUrl: string;
  /** The base URL's origin: the only origin requests (and followed links) may go to. */
  readonly origin: string;
  /** Resolves a path or URL against the base; throws a FhirError for a URL on another origin. */
  resolve(pathOrUrl: string): string;
  send(request: FhirHttpRequest): Promise<FhirHttpResponse>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const FHIR_JSON = 'application/fhir+json';

export function createFhirHttp(options: FhirHttpOptions): FhirHttp {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const origin = new URL(baseUrl).origin;
  const transport: Transport = options.fetch ? fetchTransport(options.fetch) : fhirKitTransport(baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...(options.maxRetries !== undefined ? { maxRetries: Math.max(0, Math.floor(options.maxRetries)) } : {}),
    ...(options.maxRetryWaitMs !== undefined ? { maxTotalWaitMs: Math.max(0, options.maxRetryWaitMs) } : {}),
  };
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  const resolve = (pathOrUrl: string): string => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl)) {
      let url: URL;
      try {
        url = new URL(pathOrUrl);
      } catch {
        throw new FhirError({ kind: 'invalid-response', message: 'the server sent a link that is not a URL' });
      }
      if (url.origin !== origin) {
        // Least privilege: the token and the patient's data go only to the configured FHIR server.
        throw new FhirError({
          kind: 'invalid-response',
          message: 'refused to follow a link to another origin',
          userMessage: 'The FHIR server pointed to another website for the rest of the record; it was not followed. Tell your IT service desk.',
        });
      }
      return url.href;
    }
    return pathOrUrl === '' ? baseUrl : `${baseUrl}/${pathOrUrl.replace(/^\/+/, '')}`;
  };

  const send = async (request: FhirHttpRequest): Promise<FhirHttpResponse> => {
    let url = resolve(request.path);
    let hops = 0;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const baseHeaders: Record<string, string> = { accept: FHIR_JSON };
    if (body !== undefined) baseHeaders['content-type'] = FHIR_JSON;
    if (request.ifMatch !== undefined) baseHeaders['if-match'] = request.ifMatch;
    if (request.ifNoneExist !== undefined) baseHeaders['if-none-exist'] = request.ifNoneExist;
    if (request.prefer !== undefined) baseHeaders.prefer = request.prefer;
    const repeatable = isIdempotent(request.method, baseHeaders, request.body);
    const context = request.context;

    let waited = 0;
    let rejectedToken: string | undefined;
    let unauthorised: FhirError | undefined;
    let askedForNewToken = false;
    for (let retry = 0; ; retry += 1) {
      if (request.signal?.aborted) throw abortedError(request.signal, context);
      const token = await bearerToken(options.getToken, context, rejectedToken);
      // The provider had nothing newer than the token just refused: no point sending it again.
      if (rejectedToken !== undefined && token === rejectedToken && unauthorised) throw unauthorised;
      const headers: Record<string, string> = token ? { ...baseHeaders, authorization: `Bearer ${token}` } : baseHeaders;
      const attempt = attemptSignal(timeoutMs, request.signal);
      let response: TransportResponse;
      try {
        response = await transport({ method: request.method, url, headers, ...(body !== undefined ? { body } : {}), signal: attempt.signal });
      } catch (error) {
        if (request.signal?.aborted) throw abortedError(request.signal, context);
        // A timed-out attempt is not repeated: the server is slow, and a clinician is waiting.
        if (attempt.timedOut()) throw new FhirError({ kind: 'timeout', cause: error, context });
        const failure = normalizeFhirError(error, context);
        const delay = failure.kind === 'network' && repeatable && retry < policy.maxRetries ? backoffDelay(retry, policy, random) : undefined;
        if (delay === undefined || waited + delay > policy.maxTotalWaitMs) throw failure;
        waited += delay;
        await wait(sleep, delay, request.signal, context);
        continue;
      }

      if (response.opaqueRedirect) throw opaqueRedirectError(context);
      if (isRedirectStatus(response.status)) {
        // Followed by hand, and only on this origin: the request (its body, its query) goes nowhere else.
        url = sameOriginRedirect({ from: url, status: response.status, location: response.headers.get('location'), method: request.method, hops }, origin, context).href;
        hops += 1;
        retry -= 1;
        rejectedToken = undefined;
        continue;
      }

      if (response.url !== undefined && new URL(response.url).origin !== origin) {
        // Defence in depth, should a transport ever follow a redirect itself: this answer is not the FHIR server's.
        throw new FhirError({
          kind: 'invalid-response',
          status: response.status,
          context,
          message: 'the answer came from another origin after a redirect',
          userMessage: 'The FHIR server redirected to another website; its answer was not used. Tell your IT service desk.',
        });
      }

      if (response.status >= 200 && response.status < 300) {
        // Every FHIR answer with a body is a JSON object; `null`, a number or a list is not FHIR.
        const notAnObject = response.body !== undefined && (typeof response.body !== 'object' || response.body === null || Array.isArray(response.body));
        if (response.unparsable || notAnObject) throw new FhirError({ kind: 'invalid-response', status: response.status, context });
        return { status: response.status, headers: response.headers, body: response.body };
      }

      if (response.status === 401 && token) {
        const outcome = errorFromResponse(401, response.body, context).outcome;
        unauthorised = new FhirError({ kind: 'unauthorized', status: 401, ...(outcome ? { outcome } : {}), context, userMessage: SIGN_IN_AGAIN_MESSAGE });
        if (askedForNewToken) throw unauthorised;
        // The server refused the token (expired or revoked mid-session): one new token, one retry.
        // A 401 means the request was not processed, so sending a write again cannot duplicate it.
        askedForNewToken = true;
        rejectedToken = token;
        retry -= 1;
        continue;
      }
      rejectedToken = undefined;

      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
      const errorContext: FhirErrorContext = retryAfterMs !== undefined ? { ...context, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : context;
      const failure = errorFromResponse(response.status, response.body, errorContext);
      if (!repeatable || !isRetryableStatus(response.status) || retry >= policy.maxRetries) throw failure;
      const delay = retryAfterMs ?? backoffDelay(retry, policy, random);
      if (waited + delay > policy.maxTotalWaitMs) throw failure;
      waited += delay;
      await wait(sleep, delay, request.signal, context);
    }
  };

  return { baseUrl, origin, resolve, send };
}

function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new FhirError({ kind: 'bad-request', message: 'the FHIR base URL is not a URL', userMessage: 'The FHIR server address is not a valid URL. Check the server setting.' });
  }
  if (!isSecureEndpoint(url.href)) {
    // Carers' names, phone numbers and NHS numbers would cross the network in clear.
    throw new FhirError({ kind: 'bad-request', message: 'the FHIR base URL is not https (nor http on this machine)', userMessage: `The FHIR server address ${HTTPS_REQUIRED_MESSAGE}. Check the server setting.` });
  }
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

async function bearerToken(getToken: FhirHttpOptions['getToken'], context: FhirErrorContext, rejected: string | undefined): Promise<string | undefined> {
  if (!getToken) return undefined;
  try {
    return await (rejected === undefined ? getToken() : getToken({ rejected }));
  } catch (error) {
    // A FhirError from the token provider (a SMART session's "sign in again") is passed on as it is.
    if (error instanceof FhirError) throw error;
    throw new FhirError({ kind: 'unauthorized', cause: error, context, message: 'the token provider failed' });
  }
}

async function wait(sleep: NonNullable<FhirHttpOptions['sleep']>, ms: number, signal: AbortSignal | undefined, context: FhirErrorContext): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch (error) {
    throw new FhirError({ kind: 'aborted', cause: error, context });
  }
}

/** The caller stopped the work: `aborted`, or `timeout` when the caller's own signal was a timeout. */
function abortedError(signal: AbortSignal, context: FhirErrorContext): FhirError {
  const reason: unknown = signal.reason;
  const timedOut = typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
  return new FhirError({ kind: timedOut ? 'timeout' : 'aborted', cause: reason, context });
}
