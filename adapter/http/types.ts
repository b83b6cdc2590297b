/**
 * The transport contract under the adapter's HTTP client: one exchange, any HTTP status returned as a
 * response; only a failure to get an answer at all (network, abort, timeout) is thrown.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute URL on the FHIR server's origin. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The JSON text to send, if any. */
  body?: string;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; `undefined` when the body was empty or could not be parsed. */
  body: unknown;
  /** True when there was a body but it was not JSON. */
  unparsable: boolean;
  /** The URL that answered, when the transport knows it. */
  url?: string;
  /** A browser's opaque redirect (status 0): the server redirected, and where to cannot be read. */
  opaqueRedirect?: boolean;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * Options every request carries, whichever transport sends it:
 * - `keepalive: false` — fhir-kit-client sends `keepalive: true`, which caps request bodies at 64 KiB
 *   in browsers (a transaction with a long consent text would fail);
 * - `cache: 'no-store'` — carer and consent data must never land in the HTTP cache (on disk);
 * - `credentials: 'omit'` — the bearer token is the only credential; EHR cookies are never sent;
 * - `redirect: 'manual'` — a redirect is never followed by fetch, which would re-send the body and the
 *   query (an NHS number) to wherever it points; adapter/http/redirects.ts follows same-origin ones.
 */
export const REQUEST_INIT_DEFAULTS = { keepalive: false, cache: 'no-store', credentials: 'omit', redirect: 'manual' } as const satisfies RequestInit;
