import { normalizeFhirError } from '../../errors';
import { createFhirHttp, type FhirHttp } from '../../http/fhirHttp';
import { abortableSleep } from '../../http/signal';
import { bulkExport } from '../../bulk/bulkExport';
import type { PollOptions } from '../../bulk/waitForManifest';
import type { SourceEvent } from '../../bulk/sourceEvents';
import { PULL_RETRY_POLICY, type RetryPolicy, type Sleep } from '../../bulk/transport';
import { AUDIT_RESOURCE_TYPES } from '../../bulk/kickOff';
import { withCarerTasks } from './carerTasks';
import { choosePullPlan, exportSupport, type PullPlan } from './chooseStrategy';
import type { PullEvent, PullMode } from './events';
import { IntegrityLedger } from './integrity';
import { readNdjsonFolder } from './ndjsonFolder';
import { pagedSearch } from './pagedSearch';

export type { PullEvent, PullMode } from './events';

export interface PullOptions {
  /** The FHIR server's base URL (every path but `ndjson`). */
  fhirBase?: string;
  /** A Group id: pull that caseload (its members and their carers' records) instead of everything. */
  group?: string;
  mode: PullMode;
  /** The folder of an export already taken (`ndjson` mode). */
  ndjsonDir?: string;
  /** The fetch to send requests with; it adds the token when the server needs one. Defaults to the global fetch. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Export files downloaded at once, or searches in flight at once (default 3 files / 2 searches). */
  concurrency?: number;
  /** Where the bulk export keeps its checkpoint so a rerun resumes (the audit's --out folder). */
  outDir?: string;
  /** Resource types to pull (default: what the audit reads, adapter/bulk/kickOff.ts AUDIT_RESOURCE_TYPES). */
  types?: readonly string[];
  /** `_count` for paged search (default 500). */
  pageSize?: number;
  /** A progress event after every this many resources (default 1000), besides file and status changes. */
  progressEvery?: number;
  /** Warnings passed on before the rest are only counted (default 100): a broken file must not flood the terminal. */
  maxWarnings?: number;
  /** Injected for tests: how to wait (Retry-After, polling). */
  sleep?: Sleep;
  retry?: RetryPolicy;
  poll?: PollOptions;
}

/**
 * Pulls a population for the audit and reports it as events: every resource once, throttled
 * progress, warnings, and exactly one `complete` event last — `complete: false` with a reason when
 * anything failed or was cancelled, so partial results are never presented as complete.
 *
 * The path is the mode's, or (`auto`) chosen from the server's CapabilityStatement: a FHIR Bulk Data
 * `$export` when offered, paged search otherwise.
 *
 * @example
 * for await (const event of pullPopulation({ fhirBase, group: 'team-north', mode: 'auto', outDir })) {
 *   if (event.type === 'resource') state = reduce(state, event.resource);
 * }
 */
export async function* pullPopulation(options: PullOptions): AsyncGenerator<PullEvent> {
  const progressEvery = Math.max(1, options.progressEvery ?? 1000);
  const maxWarnings = Math.max(0, options.maxWarnings ?? 100);
  let resources = 0;
  let bytes = 0;
  let files: { done: number; total: number } | undefined;
  let warnings = 0;
  let sawBytes = false;
  const progress = (status?: string): PullEvent => ({
    type: 'progress',
    resources,
    ...(files ? { files: { ...files } } : {}),
    ...(sawBytes ? { bytes } : {}),
    ...(status !== undefined ? { status } : {}),
  });
  const onBytes = (count: number): void => {
    sawBytes = true;
    bytes += count;
  };

  let completed: PullEvent | undefined;
  const integrity = new IntegrityLedger();
  try {
    const source = await openSource(options, onBytes);
    for await (const event of source) {
      switch (event.type) {
        case 'resource':
          resources += 1;
          yield { type: 'resource', resource: event.resource };
          if (resources % progressEvery === 0) yield progress();
          break;
        case 'warning':
          warnings += 1;
          if (warnings <= maxWarnings) yield event;
          break;
        case 'integrity':
          integrity.add(event);
          warnings += 1;
          if (warnings <= maxWarnings) yield { type: 'warning', message: event.message };
          break;
        case 'status':
          yield progress(event.message);
          break;
        case 'files':
          files = { done: event.done, total: event.total };
          yield progress();
          break;
        case 'complete':
          completed ??= event.complete ? { type: 'complete', complete: true } : { type: 'complete', complete: false, reason: event.reason ?? 'The pull did not finish.' };
          break;
      }
    }
  } catch (error) {
    const failure = normalizeFhirError(error);
    completed = { type: 'complete', complete: false, reason: failure.kind === 'aborted' ? 'The pull was cancelled.' : failure.userMessage };
  }
  if (options.signal?.aborted && completed?.type === 'complete' && completed.complete) {
    completed = { type: 'complete', complete: false, reason: 'The pull was cancelled.' };
  }
  if (!integrity.empty && completed?.type === 'complete') {
    // Never COMPLETE with a count the source itself contradicts: the reason names every file or search.
    completed = { type: 'complete', complete: false, reason: completed.complete ? integrity.reason() : `${completed.reason ?? 'The pull did not finish'}; ${integrity.reason()}` };
  }
  yield progress();
  if (warnings > maxWarnings) yield { type: 'warning', message: `${warnings - maxWarnings} more warning(s) like these were not shown.` };
  yield completed ?? { type: 'complete', complete: false, reason: 'The pull ended before it finished.' };
}

/** The source for the chosen path, or a single `complete: false` event for options that cannot work. */
async function openSource(options: PullOptions, onBytes: (count: number) => void): Promise<AsyncIterable<SourceEvent>> {
  if (options.mode === 'ndjson' || (options.mode === 'auto' && options.ndjsonDir !== undefined)) {
    if (options.ndjsonDir === undefined) return refuse('Reading an export from files needs a folder (--from-ndjson DIR).');
    return readNdjsonFolder(options.ndjsonDir, { onBytes, ...(options.signal ? { signal: options.signal } : {}) });
  }
  if (options.fhirBase === undefined) return refuse('Pulling from a FHIR server needs its address (--fhir URL).');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? abortableSleep;
  const retry = options.retry ?? PULL_RETRY_POLICY;
  const http = createFhirHttp({
    baseUrl: options.fhirBase,
    fetch: fetchImpl,
    sleep,
    timeoutMs: 120_000,
    maxRetries: retry.maxRetries,
    maxRetryWaitMs: retry.maxTotalWaitMs,
  });
  const plan = await planFor(options, http);
  const search = (): AsyncIterable<SourceEvent> =>
    pagedSearch({
      http,
      ...(options.group !== undefined ? { group: options.group } : {}),
      ...(options.types ? { types: options.types } : {}),
      ...(options.pageSize !== undefined ? { count: options.pageSize } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  if (plan.path === 'search' || plan.path === 'ndjson') {
    return withStatus(options.group === undefined ? 'Pulling with paged search' : `Pulling Group ${options.group} with paged search`, search());
  }
  const exported = withStatus(
    `Pulling with a FHIR bulk export (${plan.level.kind === 'group' ? `Group ${plan.level.id}` : `${plan.level.kind} level`})`,
    bulkExport({
      fhirBase: http.baseUrl,
      level: plan.level,
      ...(options.types ? { types: options.types } : {}),
      transport: { fetch: fetchImpl, sleep, ...(options.signal ? { signal: options.signal } : {}) },
      retry,
      onBytes,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.outDir !== undefined ? { outDir: options.outDir } : {}),
      ...(options.poll ? { poll: options.poll } : {}),
    }),
  );
  // A Patient- or Group-level export holds the patients' compartments, which leave out the Tasks
  // about their carers: those are read after it (./carerTasks.ts).
  const wantsTasks = (options.types ?? AUDIT_RESOURCE_TYPES).includes('Task');
  const bulk = plan.level.kind === 'system' || !wantsTasks ? exported : withCarerTasks(exported, { http, count: options.pageSize ?? 500, ...(options.signal ? { signal: options.signal } : {}) });
  // Chosen automatically, a bulk export that never started for a reason of its own is not the end:
  // paged search reads the same population (a forced --bulk still fails, as asked).
  return options.mode === 'auto' ? orSearchWhenRefused(bulk, search) : bulk;
}

/** The bulk pull, or (when its kick-off was refused before anything was read) paged search, saying which. */
async function* orSearchWhenRefused(bulk: AsyncIterable<SourceEvent>, search: () => AsyncIterable<SourceEvent>): AsyncGenerator<SourceEvent> {
  let read = false;
  for await (const event of bulk) {
    if (event.type === 'complete' && event.bulkRefused === true && !read) {
      yield { type: 'status', message: `The bulk export could not be used (${(event.reason ?? 'refused').replace(/\.$/, '')}); pulling with paged search instead` };
      yield* search();
      return;
    }
    if (event.type === 'resource') read = true;
    if (event.type === 'complete') {
      const { bulkRefused: _refused, ...plain } = event;
      yield plain;
      continue;
    }
    yield event;
  }
}

/** Forced modes need no server round trip; `auto` reads the CapabilityStatement. */
async function planFor(options: PullOptions, http: FhirHttp): Promise<PullPlan> {
  if (options.mode !== 'auto') return choosePullPlan(options.mode, exportSupport(undefined), options.group);
  try {
    const response = await http.send({
      method: 'GET',
      path: 'metadata',
      context: { interaction: 'capabilities', resourceType: 'CapabilityStatement' },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return choosePullPlan('auto', exportSupport(response.body), options.group);
  } catch (error) {
    // No readable CapabilityStatement means no declared $export: paged search works on any server.
    const failure = normalizeFhirError(error);
    if (failure.kind === 'not-found' || failure.kind === 'invalid-response' || failure.kind === 'unsupported') return { path: 'search' };
    throw failure;
  }
}

async function* refuse(reason: string): AsyncGenerator<SourceEvent> {
  yield { type: 'complete', complete: false, reason };
}

async function* withStatus(message: string, source: AsyncIterable<SourceEvent>): AsyncGenerator<SourceEvent> {
  yield { type: 'status', message };
  yield* source;
}
