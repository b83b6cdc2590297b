import type { RequestHandler } from '../../../sandbox/server';

/**
 * A fault-injecting HTTP proxy in front of the sandbox's own `$export` (a sandbox request handler,
 * tried before the real one): it passes every bulk-data request on to the sandbox over HTTP, then
 * hands the client a damaged answer — a file cut short, a line cut in half, extra lines, a resource
 * of the wrong type, files that have expired, a throttled status. Nothing of the sandbox's own
 * export is changed; the client meets what a broken network or server would send.
 */
export interface ExportFaults {
  /** Damage the NDJSON of files of this type. */
  file?: { type: string; damage: (lines: string[]) => string };
  /** Answer 410 Gone for every file of the job the next kick-off starts (for ever, as an expired job does). */
  expireNextJob?: boolean;
  /** Answer 429 to this many status polls (with this Retry-After), then pass them on. */
  throttleStatus?: { times: number; retryAfter: string };
}

export interface FaultyExport {
  handler: RequestHandler;
  faults: ExportFaults;
  /** What the client asked for, in order: `kick-off`, `status`, `file <type>`, `delete`. */
  log: string[];
}

const PASS = 'x-fault-proxy-pass';

export function faultyExport(): FaultyExport {
  const faults: ExportFaults = {};
  const log: string[] = [];
  const expiredJobs = new Set<string>();
  const fileTypes = new Map<string, string>();

  const handler: RequestHandler = async (req, res, ctx) => {
    if (req.headers[PASS] !== undefined) return false;
    const url = new URL(req.url ?? '/', new URL(ctx.fhirBase).origin);
    const kickOff = /\/\$export$/.test(url.pathname);
    const status = /\/\$export-status\/([^/]+)$/.exec(url.pathname);
    const file = /\/\$export-file\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!kickOff && !status && !file) return false;

    if (status && req.method === 'DELETE') log.push('delete');
    else if (status) log.push('status');
    else if (kickOff) log.push('kick-off');

    if (status && req.method === 'GET' && faults.throttleStatus && faults.throttleStatus.times > 0) {
      faults.throttleStatus.times -= 1;
      res.writeHead(429, { 'content-type': 'application/fhir+json', 'retry-after': faults.throttleStatus.retryAfter });
      res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled' }] }));
      return true;
    }
    const type = file ? (fileTypes.get(`${file[1]}/${file[2]}`) ?? '?') : undefined;
    if (file) log.push(`file ${type}`);
    if (file && expiredJobs.has(file[1] ?? '')) {
      res.writeHead(410, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found', details: { text: 'expired' } }] }));
      return true;
    }

    const upstream = await fetch(`${ctx.fhirBase.replace(/\/fhir$/, '')}${url.pathname}${url.search}`, {
      method: req.method ?? 'GET',
      headers: { ...(headerValues(req.headers)), [PASS]: '1' },
    });
    let body = Buffer.from(await upstream.arrayBuffer());
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection') headers[name] = value;
    });
    if (kickOff && upstream.status === 202 && faults.expireNextJob === true) {
      expiredJobs.add((upstream.headers.get('content-location') ?? '').split('/').at(-1) ?? '');
      delete faults.expireNextJob;
    }
    if (status && upstream.status === 200) {
      const manifest = JSON.parse(body.toString('utf8')) as { output: Array<{ type: string; url: string }> };
      for (const entry of manifest.output) fileTypes.set(entry.url.split('/$export-file/')[1] ?? '', entry.type);
    }
    if (file && upstream.status === 200 && faults.file && faults.file.type === type) {
      const lines = body.toString('utf8').split('\n').filter((line) => line !== '');
      body = Buffer.from(faults.file.damage(lines), 'utf8');
    }
    res.writeHead(upstream.status, headers);
    res.end(body);
    return true;
  };
  return { handler, faults, log };
}

function headerValues(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'host' || name === 'connection' || name === 'content-length') continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
