/**
 * Transport over fhir-kit-client (the default when no `fetch` is injected: the CLI, Node tools).
 *
 * fhir-kit-client specifics handled here (read from its 2.x source, dist/http-client.js):
 * - it sets `keepalive: true` AFTER the constructor's `requestOptions`, so `keepalive: false` and
 *   `cache: 'no-store'` must be passed per request, where they override it;
 * - it throws an Error carrying `response: { status, data }` and the response headers under
 *   `config.headers` for any non-2xx status, and for a 2xx whose body is not JSON (data = the text);
 *   we turn those back into a response so the retry logic can read Retry-After;
 * - a successful response keeps the raw `Response` on a hidden property (`Client.httpFor`), which is
 *   how ETag and Location are read;
 * - it logs URLs, headers and bodies through `debug` when DEBUG names it: silenced (quietFhirKitClient.ts);
 * - a JSON body that is not an object (`null`, a number) makes it throw a TypeError from
 *   `Object.defineProperty`, which would look like a network failure: recognised and reported as an
 *   unreadable answer.
 */
import { Client } from 'fhir-kit-client';
import { httpErrorShape } from '../errors';
import { silenceFhirKitClientLogging } from './quietFhirKitClient';
import { REQUEST_INIT_DEFAULTS, type Transport } from './types';

export function fhirKitTransport(baseUrl: string): Transport {
  silenceFhirKitClientLogging();
  const client = new Client({ baseUrl });
  return async (request) => {
    try {
      const result = await client.request(request.url, {
        method: request.method,
        options: { ...REQUEST_INIT_DEFAULTS, headers: request.headers, signal: request.signal },
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
      const { response } = Client.httpFor(result);
      // An empty body comes back as `{}`: no FHIR content.
      const empty = Object.keys(result).length === 0;
      return {
        status: response?.status ?? 200,
        headers: response?.headers ?? new Headers(),
        body: empty ? undefined : result,
        unparsable: false,
        ...(response?.url ? { url: response.url } : {}),
      };
    } catch (error) {
      const http = httpErrorShape(error);
      if (http) {
        const unparsable = typeof http.data === 'string';
        const emptyObject = typeof http.data === 'object' && http.data !== null && Object.keys(http.data).length === 0;
        return { status: http.status, headers: http.headers ?? new Headers(), body: unparsable || emptyObject ? undefined : http.data, unparsable };
      }
      if (error instanceof TypeError && error.message.includes('defineProperty')) {
        return { status: 200, headers: new Headers(), body: undefined, unparsable: true };
      }
      throw error;
    }
  };
}
