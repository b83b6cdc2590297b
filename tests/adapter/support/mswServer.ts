/**
 * The msw server every adapter network test uses: unhandled requests are errors, handlers are
 * reset after each test, and every request handed to `fetch` is recorded (to check keepalive and
 * cache options) through a spy on the global fetch, which msw has already patched.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, vi, type MockInstance } from 'vitest';
import { FakeFhirServer, type FakeFhirOptions } from './fakeFhirServer';

export interface SentRequest {
  method: string;
  url: string;
  keepalive: boolean;
  cache: RequestCache;
  credentials: RequestCredentials;
  redirect: RequestRedirect;
  headers: Headers;
}

export function useFhirServer() {
  const server = setupServer();
  let spy: MockInstance<typeof fetch> | undefined;
  // msw 3 renamed `onUnhandledRequest` to `onUnhandledFrame`: a request no handler answers fails the test.
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  beforeEach(() => {
    spy = vi.spyOn(globalThis, 'fetch');
  });
  afterEach(() => {
    spy?.mockRestore();
    server.resetHandlers();
  });
  afterAll(() => server.close());
  return {
    server,
    /** Starts a fake FHIR server for this test. */
    fhir(options: FakeFhirOptions = {}): FakeFhirServer {
      const fake = new FakeFhirServer(options);
      server.use(...fake.handlers());
      return fake;
    },
    /** Every request passed to the global fetch in this test, as the Request fetch would send. */
    sent(): SentRequest[] {
      return (spy?.mock.calls ?? []).map(([input, init]) => {
        const request = input instanceof Request && init === undefined ? input : new Request(input, init);
        return { method: request.method, url: request.url, keepalive: request.keepalive, cache: request.cache, credentials: request.credentials, redirect: request.redirect, headers: request.headers };
      });
    },
  };
}

/** The two ways the adapter sends: fhir-kit-client (default) and an injected fetch (the extension). */
export const TRANSPORTS: ReadonlyArray<[name: string, fetch: typeof fetch | undefined]> = [
  ['fhir-kit-client', undefined],
  ['an injected fetch', (input, init) => globalThis.fetch(input, init)],
];

/** A sleep that records each wait and returns at once (no real waiting in tests). */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}
