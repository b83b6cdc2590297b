/**
 * What a population pull reports, in order: resources as they are read, progress now and then,
 * warnings about input that was skipped, and exactly one `complete` event at the end.
 *
 * Reporters (progress bar, log lines) and the metrics reducer only subscribe to these events; the
 * pull never renders anything itself. `complete: false` always carries a `reason`: partial results
 * are never presented as complete. No message ever contains patient data or a URL with a query.
 */
export type PullEvent =
  | { type: 'resource'; resource: unknown }
  | {
      type: 'progress';
      /** Resources read so far (all types). */
      resources: number;
      /** Export or NDJSON files finished, of the total, when the pull reads files. */
      files?: { done: number; total: number };
      /** Bytes of NDJSON read so far, when the pull reads files. */
      bytes?: number;
      /** What the pull is doing now, in words ("Export in progress: 40%", "HTTP 429; retrying in 5 s"). */
      status?: string;
    }
  | { type: 'warning'; message: string }
  | { type: 'complete'; complete: boolean; reason?: string };

/** Which way the population is pulled: chosen from the CapabilityStatement (`auto`) or forced. */
export type PullMode = 'auto' | 'bulk' | 'search' | 'ndjson';
