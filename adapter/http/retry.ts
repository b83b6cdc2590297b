/**
 * When a request may be sent again, and how long to wait first.
 *
 * Reads are always safe to repeat. A write is repeated only when repeating it cannot change the
 * outcome: a PUT with If-Match (a second copy fails the precondition instead of overwriting), a
 * conditional create with If-None-Exist (a second copy finds the first), and a transaction or batch
 * whose every entry is one of those (or a read). A plain POST is never repeated: the first may have
 * landed even though its answer was lost.
 */
import type { HttpMethod } from './types';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The most we wait in total across retries; a Retry-After beyond what is left ends the retries. */
  maxTotalWaitMs: number;
  /** First backoff step (doubles each retry) and its ceiling, when the server gives no Retry-After. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, maxTotalWaitMs: 10_000, baseDelayMs: 250, maxDelayMs: 4_000 };

/** Statuses worth another attempt: rate limiting and server-side failures that are usually brief. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Whether sending this request twice has the same effect as sending it once. */
export function isIdempotent(method: HttpMethod, headers: Readonly<Record<string, string>>, body: unknown): boolean {
  if (method === 'GET') return true;
  if (method === 'PUT') return headers['if-match'] !== undefined;
  if (headers['if-none-exist'] !== undefined) return true;
  return isAllConditionalBundle(body);
}

function isAllConditionalBundle(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const bundle = body as { resourceType?: unknown; type?: unknown; entry?: unknown };
  if (bundle.resourceType !== 'Bundle' || (bundle.type !== 'transaction' && bundle.type !== 'batch')) return false;
  if (!Array.isArray(bundle.entry) || bundle.entry.length === 0) return false;
  return bundle.entry.every((entry: unknown) => {
    const request = typeof entry === 'object' && entry !== null ? (entry as { request?: unknown }).request : undefined;
    if (typeof request !== 'object' || request === null) return false;
    const { method, ifMatch, ifNoneExist } = request as { method?: unknown; ifMatch?: unknown; ifNoneExist?: unknown };
    if (method === 'GET' || method === 'HEAD') return true;
    if (method === 'PUT') return typeof ifMatch === 'string' && ifMatch !== '';
    if (method === 'POST') return typeof ifNoneExist === 'string' && ifNoneExist !== '';
    return false;
  });
}

/**
 * Retry-After as milliseconds from `nowMs`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * `undefined` when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Exponential backoff with full jitter: a random wait up to base·2^retry, capped. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
