import type { FhirResourceLike } from './ndjsonResources';

/**
 * What each way of reading a population (bulk export, paged search, NDJSON folder) reports to the
 * pull, which turns these into the public PullEvents (adding throttled progress). Messages never
 * contain patient data or URLs with queries.
 */
export type SourceEvent =
  | { type: 'resource'; resource: FhirResourceLike }
  | { type: 'warning'; message: string }
  /** The server's own account of an export in progress (X-Progress), or a phase ("waiting for export"). */
  | { type: 'status'; message: string }
  | { type: 'files'; done: number; total: number }
  /**
   * `bulkRefused`: a bulk export that never started, for a reason paged search does not share (no
   * Content-Location, $export absent, not implemented, or its parameters refused): the pull may
   * fall back to search.
   */
  | { type: 'complete'; complete: boolean; reason?: string; bulkRefused?: true };
