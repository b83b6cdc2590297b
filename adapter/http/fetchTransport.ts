/**
 * Transport over an injected `fetch` (the extension's background worker passes its own).
 * fhir-kit-client always calls the global `fetch`, so an injected one cannot go through it.
 */
import { isOpaqueRedirect } from './redirects';
import { REQUEST_INIT_DEFAULTS, type Transport } from './types';

export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return async (request) => {
    const response = await fetchImpl(request.url, {
      ...REQUEST_INIT_DEFAULTS,
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: request.signal,
    });
    if (isOpaqueRedirect(response)) return { status: 0, headers: response.headers, body: undefined, unparsable: false, opaqueRedirect: true };
    const text = await response.text();
    const answered = { status: response.status, headers: response.headers, ...(response.url ? { url: response.url } : {}) };
    if (text.trim() === '') return { ...answered, body: undefined, unparsable: false };
    try {
      return { ...answered, body: JSON.parse(text) as unknown, unparsable: false };
    } catch {
      return { ...answered, body: undefined, unparsable: true };
    }
  };
}
