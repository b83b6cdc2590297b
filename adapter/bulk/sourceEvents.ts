import type { FhirResourceLike } from './ndjsonResources';

/**
 * What each way of reading a population (bulk export, paged search, NDJSON folder) reports to the
 * pull, which turns these into the public PullEvents (adding throttled progress). Messages never
 * contain patient data or URLs with queries.
 */
export type SourceEvent =
  | { type: 'resource'; resource: FhirResourceLike }
  | { type: 'warning'; message: string }
  | IntegrityEvent
  /** The server's own account of an export in progress (X-Progress), or a phase ("waiting for export"). */
  | { type: 'status'; message: string }
  | { type: 'files'; done: number; total: number }
  /**
   * `bulkRefused`: a bulk export that never started, for a reason paged search does not share (no
   * Content-Location, $export absent, not implemented, or its parameters refused): the pull may
   * fall back to search.
   */
  | { type: 'complete'; complete: boolean; reason?: string; bulkRefused?: true };

/**
 * What was read does not match what the source said it held: a line that is not a resource, a
 * resource of another type than its file, a file with fewer or more lines than the manifest's
 * `count`, a search that read a different number of matches than its `total`. Any of these makes
 * the pull incomplete (adapter/audit/pull/integrity.ts): the counts would be wrong, not just short.
 *
 * `source` names the file or search ("Consent file 1", "Patient.ndjson", "Consent search"), never a
 * URL; `message` is the warning a person reads.
 */
export interface IntegrityEvent {
  type: 'integrity';
  source: string;
  problem: 'unreadable-line' | 'wrong-type' | 'count' | 'total';
  message: string;
}
