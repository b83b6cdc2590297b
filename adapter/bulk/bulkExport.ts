import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { normalizeFhirError } from '../errors';
import { ensurePrivateDir, UnsafeFolderError } from '../files/privateFiles';
import { CheckpointStore } from './checkpoint';
import { downloadFile } from './downloadFile';
import { checkedFile } from './fileIntegrity';
import { AUDIT_RESOURCE_TYPES, exportKickOffUrl, kickOffExport, type ExportLevel } from './kickOff';
import type { BulkManifest } from './manifest';
import { mergeBounded } from './mergeBounded';
import { ndjsonResources } from './ndjsonResources';
import { readOutcomeFile } from './readOutcomeFile';
import { sameOriginUrl } from './sameOrigin';
import type { SourceEvent } from './sourceEvents';
import { sendWithRetry, type PullTransport, type RetryPolicy } from './transport';
import { waitForManifest, type PollOptions } from './waitForManifest';

export interface BulkExportOptions {
  fhirBase: string;
  level: ExportLevel;
  /** Resource types to export; defaults to what the audit reads. */
  types?: readonly string[];
  transport: PullTransport;
  /** Files downloaded at once (default 3: polite to the server, enough to fill the pipe). */
  concurrency?: number;
  /** Keep a checkpoint (and finished files) here so an interrupted pull resumes. */
  outDir?: string;
  poll?: PollOptions;
  retry?: RetryPolicy;
  onBytes?: (count: number) => void;
}

interface ExportFile {
  url: URL;
  type: string;
  name: string;
  local: string;
  /** The manifest's count of resources in the file, when the server gives one. */
  count?: number;
}

/**
 * Failures a later run may get past (the server busy, slow or unreachable): the job is kept on the
 * server, and the checkpoint with it, so a rerun resumes instead of exporting everything again.
 */
const FAILURES_WORTH_RESUMING: ReadonlySet<string> = new Set(['rate-limited', 'timeout', 'unavailable', 'network']);

/**
 * A FHIR Bulk Data export, start to finish: kick-off (or resume), poll, download every file in
 * parallel (bounded) streaming its lines, then delete the job. Yields resources as they are parsed
 * and ends with exactly one `complete` event; it never throws for a server or network failure —
 * that ends as `complete: false` with a reason a person can act on.
 *
 * @see https://hl7.org/fhir/uv/bulkdata/export.html
 */
/**
 * Kick-off failures that are about bulk export itself: no Content-Location or no 202
 * (invalid-response, unsupported), $export absent (not-found, 405/501 unsupported), or its
 * parameters refused (bad-request). Authentication, permission, rate limits and outages are shared
 * with paged search, so they end the pull instead.
 */
const KICK_OFF_FAILURES_SEARCH_AVOIDS: ReadonlySet<string> = new Set(['invalid-response', 'unsupported', 'not-found', 'bad-request']);

export async function* bulkExport(options: BulkExportOptions): AsyncGenerator<SourceEvent> {
  const notes: SourceEvent[] = [];
  const note = (reason: string, waitMs: number): void => {
    notes.push({ type: 'status', message: `${reason}; retrying in ${Math.ceil(waitMs / 1000)} s` });
  };
  const store = options.outDir === undefined ? undefined : new CheckpointStore(options.outDir);
  let statusUrl: URL | undefined;
  let keepJob = false;
  let kickingOff = false;
  try {
    const kickOffUrl = exportKickOffUrl(options.fhirBase, options.level, options.types ?? AUDIT_RESOURCE_TYPES);
    let checkpoint = await store?.load();
    if (checkpoint !== undefined && checkpoint.kickOffUrl !== kickOffUrl.href) {
      yield { type: 'warning', message: 'The --out folder held a checkpoint for a different export; starting a new export.' };
      await store?.clear();
      checkpoint = undefined;
    }

    let manifest: BulkManifest | undefined;
    if (checkpoint !== undefined) {
      statusUrl = sameOriginUrl(checkpoint.statusUrl, options.fhirBase, 'export status link');
      keepJob = store !== undefined;
      yield { type: 'status', message: 'Resuming the export from the checkpoint' };
      try {
        manifest = yield* statusEvents(waitForManifest(statusUrl, options.transport, { ...options.poll, ...(options.retry ? { retry: options.retry } : {}), onRetry: note }), notes);
      } catch (error) {
        const normalized = normalizeFhirError(error);
        if (normalized.kind !== 'not-found' && normalized.kind !== 'gone') throw normalized;
        keepJob = false;
        yield { type: 'warning', message: 'The export in the checkpoint is no longer on the server; starting a new export.' };
        await store?.clear();
        checkpoint = undefined;
      }
    }
    if (checkpoint === undefined || manifest === undefined) {
      yield { type: 'status', message: 'Starting the export' };
      kickingOff = true;
      statusUrl = await kickOffExport(kickOffUrl, options.fhirBase, options.transport, options.retry);
      kickingOff = false;
      checkpoint = { version: 1, kickOffUrl: kickOffUrl.href, statusUrl: statusUrl.href, finished: [] };
      await store?.save(checkpoint);
      // The job now exists on the server: a throttled or unreachable status poll leaves it for a resume.
      keepJob = store !== undefined;
      manifest = yield* statusEvents(waitForManifest(statusUrl, options.transport, { ...options.poll, ...(options.retry ? { retry: options.retry } : {}), onRetry: note }), notes);
    }

    const files = manifestFiles(manifest, options.fhirBase);
    const errorFiles = manifest.error.map((file) => sameOriginUrl(file.url, options.fhirBase, 'export error file link'));
    if (checkpoint.transactionTime !== undefined && checkpoint.transactionTime !== manifest.transactionTime) checkpoint.finished = [];
    checkpoint.transactionTime = manifest.transactionTime;
    await store?.save(checkpoint);
    // From here the job is worth keeping if something fails: a rerun resumes it.
    keepJob = store !== undefined;

    const finished = new Set<string>();
    for (const entry of checkpoint.finished) {
      if (store && (await exists(store.localFile(entry.file)))) finished.add(entry.url);
    }
    const total = files.length;
    const alreadyDone = files.filter((file) => finished.has(file.url.href)).length;
    if (alreadyDone > 0) yield { type: 'status', message: `${alreadyDone} of ${total} files were already downloaded; reading them from the --out folder` };
    let done = 0;
    yield { type: 'files', done: 0, total };

    const failures: string[] = [];
    const expired: string[] = [];
    const unsound: string[] = [];
    const saved = checkpoint;
    let saving = Promise.resolve();
    // Saves are chained so two files finishing together never write the checkpoint at once. A save
    // that fails costs only the ability to resume, so it is a warning, not a failed download.
    const markFinished = (file: ExportFile): Promise<void> => {
      saved.finished.push({ url: file.url.href, file: file.local });
      saving = saving.then(() =>
        store?.save(saved).catch(() => {
          notes.push({ type: 'warning', message: 'The checkpoint in the --out folder could not be saved; an interrupted pull will start again.' });
        }),
      );
      return saving;
    };
    if (store) await ensurePrivateDir(store.filesDir);

    const tasks = files.map((file) => async function* fileTask(): AsyncGenerator<SourceEvent> {
      try {
        const items =
          store && finished.has(file.url.href)
            ? ndjsonResources(createReadStream(store.localFile(file.local)), file.name, options.onBytes)
            : downloadFile(file.url, options.transport, {
                name: file.name,
                ...(store ? { keepAs: store.localFile(file.local) } : {}),
                ...(options.retry ? { retry: options.retry } : {}),
                ...(options.onBytes ? { onBytes: options.onBytes } : {}),
                onRetry: note,
              });
        const sound = yield* checkedFile(items, { name: file.name, type: file.type, ...(file.count !== undefined ? { count: file.count } : {}) });
        if (!sound) {
          // Not marked finished: a resume downloads it again rather than trust a copy that did not check out.
          unsound.push(file.name);
          return;
        }
        if (!finished.has(file.url.href)) await markFinished(file);
        done += 1;
        yield { type: 'files', done, total };
      } catch (error) {
        const normalized = normalizeFhirError(error);
        if (normalized.kind === 'aborted') throw normalized;
        if (normalized.kind === 'gone') {
          expired.push(file.name);
          yield { type: 'warning', message: `${file.name} has expired on the server (HTTP 410)` };
          return;
        }
        failures.push(file.name);
        yield { type: 'warning', message: `${file.name} could not be downloaded: ${normalized.userMessage}` };
      }
    });

    for await (const event of mergeBounded(tasks, options.concurrency ?? 3)) {
      if (notes.length > 0) yield* notes.splice(0);
      yield event;
    }
    if (notes.length > 0) yield* notes.splice(0);

    let serverErrors = 0;
    for (const [index, url] of errorFiles.entries()) {
      const summary = await readOutcomeFile(url, options.transport, `error file ${index + 1}`);
      serverErrors += summary.errors;
      for (const message of summary.messages) yield { type: 'warning', message };
    }

    if (expired.length > 0) {
      // The job's files are gone: resuming it would meet the same 410s for ever. The job and the
      // checkpoint are dropped, so the next run starts a new export.
      keepJob = false;
      yield {
        type: 'complete',
        complete: false,
        reason: `${expired.length} of ${total} export files had expired on the server (HTTP 410) before they were downloaded; run again to start a new export`,
      };
      return;
    }
    if (failures.length > 0 || unsound.length > 0 || serverErrors > 0) {
      const parts = [
        failures.length > 0 ? `${failures.length} of ${total} export files could not be downloaded` : undefined,
        unsound.length > 0 ? `${unsound.length} of ${total} export files did not match the server's list of files (${unsound.join(', ')})` : undefined,
        serverErrors > 0 ? `the server reported ${serverErrors} error(s) while exporting` : undefined,
      ].filter((part): part is string => part !== undefined);
      const resumable = failures.length > 0 || unsound.length > 0;
      const resume = store && resumable ? '; run again with the same --out folder to resume' : '';
      // Keep the job only when a rerun can resume it (files failed); the server's own errors will not change.
      keepJob = store !== undefined && resumable;
      yield { type: 'complete', complete: false, reason: `${parts.join(' and ')}${resume}` };
      return;
    }
    keepJob = false;
    yield { type: 'complete', complete: true };
  } catch (error) {
    if (error instanceof UnsafeFolderError) {
      yield { type: 'complete', complete: false, reason: `The --out folder is not safe for patient data: ${error.message}.` };
      return;
    }
    const normalized = normalizeFhirError(error);
    if (normalized.kind === 'aborted' || options.transport.signal?.aborted) {
      keepJob = store !== undefined;
      yield { type: 'complete', complete: false, reason: 'The pull was cancelled.' };
      return;
    }
    keepJob = keepJob && FAILURES_WORTH_RESUMING.has(normalized.kind);
    const searchCanAvoid = kickingOff && KICK_OFF_FAILURES_SEARCH_AVOIDS.has(normalized.kind);
    const resume = keepJob ? ' The export was left on the server: run again with the same --out folder to resume it.' : '';
    yield { type: 'complete', complete: false, reason: `${normalized.userMessage}${resume}`, ...(searchCanAvoid ? { bulkRefused: true as const } : {}) };
  } finally {
    if (!keepJob && statusUrl !== undefined && !options.transport.signal?.aborted) {
      // The job is finished with (or unusable): free the server's storage, and forget the checkpoint.
      await deleteJob(statusUrl, options.transport);
      await store?.clear();
    }
  }
}

/** Every output file, checked to be on the server's own origin before anything is downloaded. */
function manifestFiles(manifest: BulkManifest, fhirBase: string): ExportFile[] {
  const perType = new Map<string, number>();
  return manifest.output.map((file, index) => {
    const url = sameOriginUrl(file.url, fhirBase, 'export file link');
    const n = (perType.get(file.type) ?? 0) + 1;
    perType.set(file.type, n);
    const safeType = file.type.replace(/[^A-Za-z]/g, '');
    return {
      url,
      type: file.type,
      name: `${safeType} file ${n}`,
      local: `${String(index).padStart(4, '0')}-${safeType}.ndjson`,
      ...(file.count !== undefined ? { count: file.count } : {}),
    };
  });
}

/** Relays the poll's progress as status events (with any retry notes) and returns the manifest. */
async function* statusEvents(
  poll: AsyncGenerator<string | undefined, BulkManifest>,
  notes: SourceEvent[],
): AsyncGenerator<SourceEvent, BulkManifest> {
  for (;;) {
    const step = await poll.next();
    if (notes.length > 0) yield* notes.splice(0);
    if (step.done) return step.value;
    yield { type: 'status', message: step.value === undefined ? 'Export in progress' : `Export in progress: ${step.value}` };
  }
}

/** Best effort: a job we cannot delete expires on the server by itself. */
async function deleteJob(statusUrl: URL, transport: PullTransport): Promise<void> {
  try {
    const response = await sendWithRetry(statusUrl, { method: 'DELETE' }, { ...transport, signal: undefined }, {}, { maxRetries: 1, maxTotalWaitMs: 5_000, baseDelayMs: 500, maxDelayMs: 1_000 });
    await response.body?.cancel().catch(() => undefined);
  } catch {
    // Nothing to do: deletion only frees server storage.
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
