import { FhirError, errorFromResponse } from '../errors';
import { firstIssue } from './kickOff';
import { bulkManifestSchema, type BulkManifest } from './manifest';
import { parseRetryAfter } from '../http/retry';
import { readJsonQuietly, sendWithRetry, type PullTransport, type RetryPolicy } from './transport';

export interface PollOptions {
  /** Gives up after waiting this long in total (default 6 hours: big exports take a while). */
  maxWaitMs?: number;
  /** Poll interval when the server gives no Retry-After; doubles up to maxIntervalMs. */
  initialIntervalMs?: number;
  maxIntervalMs?: number;
  onRetry?: (reason: string, waitMs: number) => void;
  retry?: RetryPolicy;
}

/**
 * Polls the export status URL until the manifest is ready, honouring Retry-After between polls.
 * Yields the server's X-Progress text (or undefined) on each "in progress" answer and returns the
 * manifest. Time is counted from the waits themselves, so an injected sleep makes the bound testable.
 *
 * @see https://hl7.org/fhir/uv/bulkdata/export.html#bulk-data-status-request
 */
export async function* waitForManifest(
  statusUrl: URL,
  transport: PullTransport,
  options: PollOptions = {},
): AsyncGenerator<string | undefined, BulkManifest> {
  const maxWaitMs = options.maxWaitMs ?? 6 * 60 * 60 * 1000;
  const maxIntervalMs = options.maxIntervalMs ?? 60_000;
  let interval = options.initialIntervalMs ?? 1_000;
  let waited = 0;
  const now = transport.now ?? Date.now;
  for (;;) {
    const response = await sendWithRetry(statusUrl, { method: 'GET', headers: { accept: 'application/json' } }, transport, {}, options.retry, options.onRetry);
    if (response.status === 202) {
      await response.body?.cancel().catch(() => undefined);
      yield response.headers.get('x-progress') ?? undefined;
      const asked = parseRetryAfter(response.headers.get('retry-after'), now());
      const wait = Math.min(asked ?? interval, maxIntervalMs * 10);
      if (asked === undefined) interval = Math.min(interval * 2, maxIntervalMs);
      if (waited + wait > maxWaitMs) {
        throw new FhirError({
          kind: 'timeout',
          message: `export not ready after ${Math.round(waited / 1000)} s`,
          userMessage: `The FHIR server's export was still in progress after ${Math.round(waited / 60_000)} minutes, so the pull stopped. Run it again later to resume.`,
        });
      }
      waited += wait;
      await transport.sleep(wait, transport.signal);
      continue;
    }
    const body = await readJsonQuietly(response);
    if (response.status === 200) {
      const parsed = bulkManifestSchema.safeParse(body);
      if (!parsed.success) {
        throw new FhirError({
          kind: 'invalid-response',
          status: 200,
          cause: parsed.error,
          message: 'export manifest is not valid',
          userMessage: 'The FHIR server finished the export but its list of files could not be read.',
        });
      }
      return parsed.data;
    }
    const error = errorFromResponse(response.status, body);
    throw new FhirError({
      kind: error.kind,
      status: response.status,
      ...(error.outcome ? { outcome: error.outcome } : {}),
      message: `export failed (status HTTP ${response.status})`,
      userMessage: `The FHIR server's export failed (HTTP ${response.status})${firstIssue(error.issues)}.`,
    });
  }
}
