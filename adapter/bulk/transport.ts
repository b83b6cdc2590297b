import { errorFromResponse, normalizeFhirError, type FhirErrorContext } from '../errors';
import { backoffDelay, isRetryableStatus, parseRetryAfter, type RetryPolicy } from '../http/retry';
import { fetchWithinOrigin } from '../http/redirects';
import { REQUEST_INIT_DEFAULTS } from '../http/types';

/**
 * The bulk client's way onto the network. It shares the adapter's retry rules (adapter/http/retry.ts:
 * which statuses to retry, Retry-After, backoff with jitter) but hands back the raw Response, because
 * an export file is streamed line by line and the adapter's JSON transport reads whole bodies.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What every network step of a pull needs: injected so tests drive time and the network. */
export interface PullTransport {
  fetch: typeof fetch;
  sleep: Sleep;
  signal?: AbortSignal;
  /** Clock for Retry-After HTTP-dates; defaults to Date.now. */
  now?: () => number;
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
}

export type { RetryPolicy };

/** Longer than this, a Retry-After is not taken at its word (it is capped at the policy's longest backoff step). */
export const IMPLAUSIBLE_RETRY_AFTER_MS = 60 * 60 * 1000;

/** A population pull is long and unattended: it waits longer for a busy server than a clinician would. */
export const PULL_RETRY_POLICY: RetryPolicy = { maxRetries: 5, maxTotalWaitMs: 5 * 60_000, baseDelayMs: 1_000, maxDelayMs: 60_000 };

/** The wait before retry n (0-based): the server's Retry-After when given, otherwise backoff with jitter. */
export function retryDelay(retry: number, policy: RetryPolicy, retryAfterMs: number | undefined, transport: PullTransport): number {
  return retryAfterMs ?? backoffDelay(retry, policy, transport.random ?? Math.random);
}

/**
 * Sends a request, retrying network failures and retryable statuses (429, 5xx) with the server's
 * Retry-After or backoff, within the policy's bounds. Returns the first other response, whatever its
 * status, for the caller to interpret; throws a FhirError once the retries are used up.
 *
 * `onRetry` hears about each wait (for a status line) — its text has no URL or patient data.
 */
export async function sendWithRetry(
  url: URL,
  init: RequestInit,
  transport: PullTransport,
  context: FhirErrorContext,
  policy: RetryPolicy = PULL_RETRY_POLICY,
  onRetry?: (reason: string, waitMs: number) => void,
): Promise<Response> {
  const now = transport.now ?? Date.now;
  let waited = 0;
  for (let retry = 0; ; retry += 1) {
    let response: Response;
    try {
      // Redirects only within the FHIR server's origin: a file or status link must not take the token or the query elsewhere.
      response = await fetchWithinOrigin(transport.fetch, url, { ...REQUEST_INIT_DEFAULTS, ...init, ...(transport.signal ? { signal: transport.signal } : {}) }, context);
    } catch (error) {
      const failure = normalizeFhirError(error, context);
      if (failure.kind !== 'network' || transport.signal?.aborted) throw failure;
      const wait = retryDelay(retry, policy, undefined, transport);
      if (retry >= policy.maxRetries || waited + wait > policy.maxTotalWaitMs) throw failure;
      waited += wait;
      onRetry?.('network error', wait);
      await transport.sleep(wait, transport.signal);
      continue;
    }
    if (!isRetryableStatus(response.status)) return response;
    const asked = parseRetryAfter(response.headers.get('retry-after'), now());
    // A Retry-After past any plausible wait (an epoch time sent as seconds, as the SMART reference
    // server's rate limiter does) is capped at the longest backoff step, and said to be.
    const implausible = asked !== undefined && asked > IMPLAUSIBLE_RETRY_AFTER_MS;
    const retryAfter = implausible ? policy.maxDelayMs : asked;
    const wait = retryDelay(retry, policy, retryAfter, transport);
    if (retry >= policy.maxRetries || waited + wait > policy.maxTotalWaitMs) {
      throw errorFromResponse(response.status, await readJsonQuietly(response), {
        ...context,
        // The server's own (implausible) figure, which the message then names as such without repeating it.
        ...(asked !== undefined ? { retryAfterSeconds: Math.ceil(asked / 1000) } : {}),
      });
    }
    await response.body?.cancel().catch(() => undefined);
    waited += wait;
    onRetry?.(implausible ? `HTTP ${response.status} (the server asked for a wait of more than an hour, which is not plausible)` : `HTTP ${response.status}`, wait);
    await transport.sleep(wait, transport.signal);
  }
}

/** The body as JSON when it is JSON (an OperationOutcome, typically); undefined otherwise. */
export async function readJsonQuietly(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
