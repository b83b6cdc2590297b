import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { applyCors } from '../http/cors';
import { invalidRequest, methodNotAllowed, notAcceptable, notFoundAt, notSupported } from '../http/outcomes';
import { sendFhirJson, sendOutcome } from '../http/respond';
import type { RequestHandler } from '../server';
import { ExportJob, type ExportJobOptions } from './exportJob';
import { COMPARTMENT_TYPES, PopulationFilter, groupMembers, type ExportLevel } from './population';

export interface BulkExportHandlerOptions extends Partial<ExportJobOptions> {
  /** Seconds a client is asked to wait between status polls (default 1). */
  retryAfterSeconds?: number;
  /** Jobs running at once before kick-offs get 429 (default 4). */
  maxActiveJobs?: number;
  /** How long a finished job's files stay available (default 1 hour). */
  retainMs?: number;
  /** The resource types this server offers at all (the sandbox's `types` mode); default every type. */
  offeredTypes?: ReadonlySet<string>;
}

const OUTPUT_FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);
const KNOWN_PARAMS = new Set(['_type', '_since', '_outputFormat']);
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const NDJSON = 'application/fhir+ndjson';

/**
 * The sandbox's FHIR Bulk Data `$export` (system, `Patient/$export`, `Group/<id>/$export`): an
 * asynchronous kick-off answered 202 with a status URL; the status answers 202 with Retry-After
 * and X-Progress while the NDJSON is generated in the background, then 200 with the manifest;
 * files are served as `application/fhir+ndjson`; DELETE cancels a job and removes its files.
 *
 * @see https://hl7.org/fhir/uv/bulkdata/export.html
 */
export function bulkExportHandler(options: BulkExportHandlerOptions = {}): RequestHandler {
  const jobOptions: ExportJobOptions = {
    resourcesPerFile: options.resourcesPerFile ?? 5_000,
    chunkSize: options.chunkSize ?? 500,
    minDurationMs: options.minDurationMs ?? 500,
  };
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const maxActiveJobs = options.maxActiveJobs ?? 4;
  const retainMs = options.retainMs ?? 60 * 60 * 1000;
  const jobs = new Map<string, ExportJob>();

  return async (req, res, ctx) => {
    const base = new URL(ctx.fhirBase);
    const url = new URL(req.url ?? '/', base.origin);
    const prefix = base.pathname.replace(/\/+$/, '');
    if (!url.pathname.startsWith(`${prefix}/`)) return false;
    const path = url.pathname.slice(prefix.length + 1);
    const segments = path.split('/');

    const level = kickOffLevel(segments);
    if (level !== undefined) {
      if (req.method !== 'GET') {
        sendOutcome(req, res, methodNotAllowed('Start an export with GET (POST with Parameters is not supported here)'));
        return true;
      }
      const active = [...jobs.values()].filter((job) => job.state === 'in-progress').length;
      if (active >= maxActiveJobs) {
        sendFhirJson(req, res, 429, tooManyJobs(), { 'Retry-After': retryAfter });
        return true;
      }
      const started = await kickOff(req, url, level, ctx.repo, options.offeredTypes);
      if ('outcome' in started) {
        sendOutcome(req, res, started.outcome);
        return true;
      }
      jobs.set(started.job.id, started.job);
      void started.job.run(ctx.repo, jobOptions).then(() => {
        const timer = setTimeout(() => jobs.delete(started.job.id), retainMs);
        timer.unref();
      });
      sendFhirJson(req, res, 202, undefined, { 'Content-Location': `${ctx.fhirBase}/$export-status/${started.job.id}` });
      return true;
    }

    if (segments[0] === '$export-status' && segments.length === 2) {
      const job = jobs.get(segments[1] ?? '');
      if (job === undefined || job.state === 'cancelled') {
        sendOutcome(req, res, notFoundAt('No such export job (it may have finished and expired, or been deleted)'));
        return true;
      }
      if (req.method === 'DELETE') {
        job.cancel();
        jobs.delete(job.id);
        sendFhirJson(req, res, 202, undefined);
        return true;
      }
      if (req.method !== 'GET') {
        sendOutcome(req, res, methodNotAllowed('Poll an export with GET, or cancel it with DELETE'));
        return true;
      }
      if (job.state === 'in-progress') {
        sendFhirJson(req, res, 202, undefined, { 'Retry-After': retryAfter, 'X-Progress': job.progress() });
        return true;
      }
      if (job.state === 'failed') {
        sendFhirJson(req, res, 500, exportFailed());
        return true;
      }
      sendFhirJson(req, res, 200, manifest(job, ctx.fhirBase));
      return true;
    }

    if (segments[0] === '$export-file' && segments.length === 3) {
      const job = jobs.get(segments[1] ?? '');
      const file = job?.state === 'complete' ? job.files.find((f) => f.name === segments[2]) : undefined;
      if (file === undefined) {
        sendOutcome(req, res, notFoundAt('No such export file (the job may have expired or been deleted)'));
        return true;
      }
      if (req.method !== 'GET') {
        sendOutcome(req, res, methodNotAllowed('Download an export file with GET'));
        return true;
      }
      await sendNdjson(req, res, file.lines);
      return true;
    }
    return false;
  };
}

function kickOffLevel(segments: readonly string[]): ExportLevel | { kind: 'bad-group' } | undefined {
  if (segments.length === 1 && segments[0] === '$export') return { kind: 'system' };
  if (segments.length === 2 && segments[0] === 'Patient' && segments[1] === '$export') return { kind: 'patient' };
  if (segments.length === 3 && segments[0] === 'Group' && segments[2] === '$export') {
    const id = segments[1] ?? '';
    return FHIR_ID.test(id) ? { kind: 'group', id } : { kind: 'bad-group' };
  }
  return undefined;
}

async function kickOff(
  req: IncomingMessage,
  url: URL,
  level: ExportLevel | { kind: 'bad-group' },
  repo: Parameters<RequestHandler>[2]['repo'],
  offered: ReadonlySet<string> | undefined,
): Promise<{ job: ExportJob } | { outcome: OperationOutcome }> {
  if (level.kind === 'bad-group') return { outcome: invalidRequest('The Group id is not a valid FHIR id') };
  const accept = req.headers.accept;
  if (accept !== undefined && !/application\/fhir\+json|\*\/\*/.test(accept)) {
    return { outcome: notAcceptable('A bulk export kick-off must accept application/fhir+json') };
  }
  if (!/respond-async/.test(String(req.headers.prefer ?? ''))) {
    return { outcome: invalidRequest('A bulk export must be requested with "Prefer: respond-async"') };
  }
  for (const name of url.searchParams.keys()) {
    if (!KNOWN_PARAMS.has(name)) return { outcome: notSupported(`The export parameter ${name} is not supported by this server`, name) };
  }
  const format = url.searchParams.get('_outputFormat');
  if (format !== null && !OUTPUT_FORMATS.has(format)) return { outcome: notSupported(`Output format ${format} is not supported; use application/fhir+ndjson`, '_outputFormat') };
  const since = url.searchParams.get('_since') ?? undefined;
  if (since !== undefined && Number.isNaN(Date.parse(since))) return { outcome: invalidRequest('_since must be a FHIR instant', '_since') };

  const exportable: readonly string[] = level.kind === 'system' ? [...COMPARTMENT_TYPES, 'Group', 'Organization', 'Practitioner', 'Provenance'] : COMPARTMENT_TYPES;
  const allowed = exportable.filter((type) => offered === undefined || offered.has(type));
  const asked = url.searchParams.getAll('_type').flatMap((value) => value.split(',')).map((type) => type.trim()).filter(Boolean);
  for (const type of asked) {
    if (!allowed.includes(type)) {
      return { outcome: notSupported(`Resource type ${type} cannot be exported at this level`, '_type') };
    }
  }
  const types = allowed.filter((type) => (asked.length === 0 ? true : asked.includes(type)));

  let filter: PopulationFilter;
  if (level.kind === 'group') {
    const members = await groupMembers(repo, level.id);
    if (members === undefined) return { outcome: notFoundAt(`Group/${level.id} not found`) };
    filter = PopulationFilter.members(members);
  } else {
    filter = level.kind === 'patient' ? PopulationFilter.allPatients() : PopulationFilter.system();
  }
  return { job: new ExportJob(url.href, types, filter, since) };
}

function manifest(job: ExportJob, fhirBase: string) {
  return {
    transactionTime: job.transactionTime,
    request: job.request,
    requiresAccessToken: false,
    output: job.files.map((file) => ({ type: file.type, url: `${fhirBase}/$export-file/${job.id}/${file.name}`, count: file.lines.length })),
    error: [],
  };
}

/** Streams the lines with back-pressure: a slow client never makes the server buffer the whole file. */
async function sendNdjson(req: IncomingMessage, res: ServerResponse, lines: readonly string[]): Promise<void> {
  applyCors(req, res);
  res.setHeader('Cache-Control', 'no-store');
  res.writeHead(200, { 'Content-Type': NDJSON });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  for (const line of lines) {
    if (res.destroyed) return;
    if (!res.write(`${line}\n`)) await drainOrClose(res);
  }
  res.end();
}

/** Waits until the client has taken the buffered bytes, or has gone; leaves no listener behind. */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function tooManyJobs(): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled', details: { text: 'Too many exports are running; try again shortly' } }] };
}

function exportFailed(): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', details: { text: 'The export failed' } }] };
}
