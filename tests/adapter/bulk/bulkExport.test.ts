import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bulkExport, type BulkExportOptions } from '../../../adapter/bulk/bulkExport';
import type { SourceEvent } from '../../../adapter/bulk/sourceEvents';
import { CarerGrace, ConsentAdaGrace, PatientAda, PatientBen } from '../support/populationPersonas';

const BASE = 'https://fhir.trust.test/r4';
const STATUS = `${BASE}/$export-status/job-1`;


const ndjson = (...resources: object[]): string => resources.map((resource) => JSON.stringify(resource)).join('\n') + '\n';

const manifest = (output: Array<{ type: string; url: string }>, error: Array<{ type: string; url: string }> = []) => ({
  transactionTime: '2026-11-23T10:00:00Z',
  request: `${BASE}/$export`,
  requiresAccessToken: true,
  output,
  error,
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Calls {
  kickOff: URLSearchParams[];
  kickOffHeaders: Headers[];
  status: number;
  files: Record<string, number>;
  deleted: number;
}

let calls: Calls;
let waits: number[];
beforeEach(() => {
  calls = { kickOff: [], kickOffHeaders: [], status: 0, files: {}, deleted: 0 };
  waits = [];
});

function options(overrides: Partial<BulkExportOptions> = {}): BulkExportOptions {
  return {
    fhirBase: BASE,
    level: { kind: 'system' },
    transport: {
      fetch: globalThis.fetch,
      sleep: async (ms) => {
        waits.push(ms);
      },
    },
    retry: { maxRetries: 2, maxTotalWaitMs: 60_000, baseDelayMs: 10, maxDelayMs: 100 },
    ...overrides,
  };
}

/** A server whose export is "in progress" for `pendingPolls` polls, then offers the given files. */
function exportServer(files: Record<string, () => Response>, pendingPolls = 1, extra: { error?: Array<{ type: string; url: string }> } = {}) {
  const output = Object.keys(files).map((name) => ({ type: name.split('-')[0] ?? name, url: `${BASE}/files/${name}` }));
  return [
    http.get(`${BASE}/$export`, ({ request }) => {
      calls.kickOff.push(new URL(request.url).searchParams);
      calls.kickOffHeaders.push(request.headers);
      return new HttpResponse(null, { status: 202, headers: { 'content-location': STATUS } });
    }),
    http.get(STATUS, () => {
      calls.status += 1;
      if (calls.status <= pendingPolls) {
        return new HttpResponse(null, { status: 202, headers: { 'retry-after': '3', 'x-progress': 'Exporting Consent' } });
      }
      return HttpResponse.json(manifest(output, extra.error));
    }),
    http.delete(STATUS, () => {
      calls.deleted += 1;
      return new HttpResponse(null, { status: 202 });
    }),
    http.get(`${BASE}/files/:name`, ({ params }) => {
      const name = String(params.name);
      calls.files[name] = (calls.files[name] ?? 0) + 1;
      const respond = files[name];
      return respond ? respond() : new HttpResponse(null, { status: 404 });
    }),
  ];
}

const ndjsonResponse = (body: string | ReadableStream<Uint8Array>): Response =>
  new HttpResponse(body, { status: 200, headers: { 'content-type': 'application/fhir+ndjson' } });

async function run(source: AsyncIterable<SourceEvent>): Promise<{ resources: unknown[]; warnings: string[]; complete?: SourceEvent; events: SourceEvent[] }> {
  const events: SourceEvent[] = [];
  for await (const event of source) events.push(event);
  return {
    events,
    resources: events.flatMap((event) => (event.type === 'resource' ? [event.resource] : [])),
    warnings: events.flatMap((event) => (event.type === 'warning' ? [event.message] : [])),
    complete: events.filter((event) => event.type === 'complete').at(-1),
  };
}

const byId = (resources: unknown[]): string[] => resources.map((resource) => (resource as { id: string }).id).sort();

describe('bulkExport', () => {
  it('kicks off an async export of the audit types, waits as Retry-After asks, streams every file and deletes the job', async () => {
    server.use(
      ...exportServer({
        'Patient-1.ndjson': () => ndjsonResponse(ndjson(PatientAda, PatientBen)),
        'RelatedPerson-1.ndjson': () => ndjsonResponse(ndjson(CarerGrace)),
        'Consent-1.ndjson': () => ndjsonResponse(ndjson(ConsentAdaGrace)),
      }),
    );
    const result = await run(bulkExport(options()));
    expect(calls.kickOff[0]?.get('_type')).toBe('Patient,RelatedPerson,Consent,List,Task,EpisodeOfCare');
    expect(calls.kickOffHeaders[0]?.get('prefer')).toBe('respond-async');
    expect(calls.kickOffHeaders[0]?.get('accept')).toBe('application/fhir+json');
    expect(waits).toEqual([3000]);
    expect(result.events).toContainEqual({ type: 'status', message: 'Export in progress: Exporting Consent' });
    expect(byId(result.resources)).toEqual(['ada', 'ben', 'c1', 'grace']);
    expect(result.events).toContainEqual({ type: 'files', done: 3, total: 3 });
    expect(result.complete).toEqual({ type: 'complete', complete: true });
    expect(calls.deleted).toBe(1);
  });

  it('exports a Group caseload from Group/<id>/$export', async () => {
    let kickedOff: string | undefined;
    server.use(
      http.get(`${BASE}/Group/:id/$export`, ({ request, params }) => {
        kickedOff = `${String(params.id)}?${new URL(request.url).searchParams.get('_type')}`;
        return new HttpResponse(null, { status: 202, headers: { 'content-location': STATUS } });
      }),
      http.get(STATUS, () => HttpResponse.json(manifest([{ type: 'Patient', url: `${BASE}/files/p` }]))),
      http.get(`${BASE}/files/p`, () => ndjsonResponse(ndjson(PatientAda))),
      http.delete(STATUS, () => new HttpResponse(null, { status: 202 })),
    );
    const result = await run(bulkExport(options({ level: { kind: 'group', id: 'team-north' } })));
    expect(kickedOff).toBe('team-north?Patient,RelatedPerson,Consent,List,Task,EpisodeOfCare');
    expect(result.complete).toEqual({ type: 'complete', complete: true });
  });

  it('waits as long as a 429 Retry-After asks before kicking off again', async () => {
    let attempts = 0;
    server.use(
      http.get(`${BASE}/$export`, () => {
        attempts += 1;
        if (attempts === 1) return new HttpResponse(null, { status: 429, headers: { 'retry-after': '7' } });
        return new HttpResponse(null, { status: 202, headers: { 'content-location': STATUS } });
      }),
      ...exportServer({ 'Patient-1.ndjson': () => ndjsonResponse(ndjson(PatientAda)) }, 0).slice(1),
    );
    const result = await run(bulkExport(options()));
    expect(attempts).toBe(2);
    expect(waits[0]).toBe(7000);
    expect(result.complete).toEqual({ type: 'complete', complete: true });
  });

  it('caps a Retry-After that is an epoch time sent as seconds at its longest backoff, says so, and carries on', async () => {
    let attempts = 0;
    server.use(
      http.get(STATUS, () => {
        attempts += 1;
        if (attempts === 1) return new HttpResponse(null, { status: 429, headers: { 'retry-after': '1796199780' } });
        return HttpResponse.json(manifest([{ type: 'Patient', url: `${BASE}/files/Patient-1.ndjson` }]));
      }),
      ...exportServer({ 'Patient-1.ndjson': () => ndjsonResponse(ndjson(PatientAda)) }, 0),
    );
    const result = await run(bulkExport(options()));
    expect(attempts).toBe(2);
    expect(waits[0]).toBe(100);
    expect(result.events).toContainEqual({ type: 'status', message: 'HTTP 429 (the server asked for a wait of more than an hour, which is not plausible); retrying in 1 s' });
    expect(JSON.stringify(result.events)).not.toMatch(/29936663/);
    expect(result.complete).toEqual({ type: 'complete', complete: true });
  });

  it('retries a file whose download fails (503, then 429 with Retry-After), and counts its resources once', async () => {
    let served = 0;
    server.use(
      ...exportServer(
        {
          'Patient-1.ndjson': () => {
            served += 1;
            if (served === 1) return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 503 });
            if (served === 2) return new HttpResponse(null, { status: 429, headers: { 'retry-after': '2' } });
            return ndjsonResponse(ndjson(PatientAda, PatientBen));
          },
        },
        0,
      ),
    );
    const result = await run(bulkExport(options()));
    expect(calls.files['Patient-1.ndjson']).toBe(3);
    expect(waits.at(-1)).toBe(2000);
    expect(byId(result.resources)).toEqual(['ada', 'ben']);
    expect(result.complete).toEqual({ type: 'complete', complete: true });
  });

  it('re-downloads a file whose connection drops mid-stream without repeating the lines already read', async () => {
    let served = 0;
    const encoder = new TextEncoder();
    server.use(
      ...exportServer(
        {
          'Patient-1.ndjson': () => {
            served += 1;
            if (served > 1) return ndjsonResponse(ndjson(PatientAda, PatientBen));
            const body = new ReadableStream<Uint8Array>({
              start(controller) {
                controller.enqueue(encoder.encode(`${JSON.stringify(PatientAda)}\n{"resourceType":"Pat`));
                controller.error(new TypeError('terminated'));
              },
            });
            return ndjsonResponse(body);
          },
        },
        0,
      ),
    );
    const result = await run(bulkExport(options()));
    expect(served).toBe(2);
    expect(byId(result.resources)).toEqual(['ada', 'ben']);
    expect(result.warnings).toEqual([]);
    expect(result.complete).toEqual({ type: 'complete', complete: true });
  });

  it('reads past a malformed NDJSON line but is incomplete, naming the file and line', async () => {
    server.use(
      ...exportServer({ 'Patient-1.ndjson': () => ndjsonResponse(`${JSON.stringify(PatientAda)}\n{"resourceType":\n${JSON.stringify(PatientBen)}`) }, 0),
    );
    const result = await run(bulkExport(options()));
    expect(byId(result.resources)).toEqual(['ada', 'ben']);
    expect(result.events).toContainEqual({ type: 'integrity', source: 'Patient file 1', problem: 'unreadable-line', message: 'Patient file 1 line 2: not valid JSON; line skipped' });
    expect(result.complete).toMatchObject({ type: 'complete', complete: false, reason: expect.stringContaining('Patient file 1') });
  });

  it('refuses a manifest whose file is on another origin, and sends nothing there', async () => {
    let foreign = 0;
    server.use(
      ...exportServer({}, 0).filter((_, index) => index !== 1),
      http.get(STATUS, () => HttpResponse.json(manifest([{ type: 'Patient', url: 'https://files.elsewhere.test/p.ndjson' }]))),
      http.get('https://files.elsewhere.test/p.ndjson', () => {
        foreign += 1;
        return ndjsonResponse(ndjson(PatientAda));
      }),
    );
    const result = await run(bulkExport(options()));
    expect(foreign).toBe(0);
    expect(result.resources).toEqual([]);
    expect(result.complete).toMatchObject({ type: 'complete', complete: false, reason: expect.stringContaining('https://files.elsewhere.test') });
    expect(calls.deleted).toBe(1);
  });

  it('refuses a status link on another origin', async () => {
    server.use(http.get(`${BASE}/$export`, () => new HttpResponse(null, { status: 202, headers: { 'content-location': 'https://evil.test/status' } })));
    const result = await run(bulkExport(options()));
    expect(result.complete).toMatchObject({ complete: false, reason: expect.stringContaining('another site') });
  });

  it('reports the export as incomplete when the server lists errors in its error file', async () => {
    server.use(
      ...exportServer(
        {
          'Patient-1.ndjson': () => ndjsonResponse(ndjson(PatientAda)),
          'OperationOutcome-1.ndjson': () =>
            ndjsonResponse(ndjson({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics: 'Patient/zed could not be read' }] })),
        },
        0,
      ).filter((_, index) => index !== 1),
      http.get(STATUS, () =>
        HttpResponse.json(
          manifest([{ type: 'Patient', url: `${BASE}/files/Patient-1.ndjson` }], [{ type: 'OperationOutcome', url: `${BASE}/files/OperationOutcome-1.ndjson` }]),
        ),
      ),
    );
    const result = await run(bulkExport(options()));
    expect(byId(result.resources)).toEqual(['ada']);
    expect(result.warnings).toEqual(["The server reported 1 × error processing in the export's error file 1."]);
    expect(JSON.stringify(result.events)).not.toContain('zed');
    expect(result.complete).toMatchObject({ complete: false, reason: 'the server reported 1 error(s) while exporting' });
  });

  it('reports a refused kick-off with the server’s reason', async () => {
    server.use(
      http.get(`${BASE}/$export`, () =>
        HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported', diagnostics: '_type List not supported' }] }, { status: 400 }),
      ),
    );
    const result = await run(bulkExport(options()));
    expect(result.complete).toEqual({
      type: 'complete',
      complete: false,
      reason: 'The FHIR server refused to start the export (HTTP 400): error not-supported: _type List not supported.',
      // A refusal of the export itself: a pull that chose bulk automatically may use paged search instead.
      bulkRefused: true,
    });
  });

  it('gives up polling after the time limit, keeping the job to resume', async () => {
    server.use(...exportServer({}, Number.POSITIVE_INFINITY));
    const result = await run(bulkExport(options({ poll: { maxWaitMs: 10_000 } })));
    expect(waits).toEqual([3000, 3000, 3000]);
    expect(result.complete).toMatchObject({ complete: false, reason: expect.stringContaining('still in progress') });
  });

  it('stops when cancelled, never presenting the pull as complete', async () => {
    const controller = new AbortController();
    server.use(...exportServer({}, Number.POSITIVE_INFINITY));
    const events: SourceEvent[] = [];
    for await (const event of bulkExport(options({ transport: { fetch: globalThis.fetch, sleep: async () => controller.abort(), signal: controller.signal } }))) {
      events.push(event);
    }
    expect(events.at(-1)).toEqual({ type: 'complete', complete: false, reason: 'The pull was cancelled.' });
  });

  describe('resume', () => {
    let outDir: string;
    beforeEach(async () => {
      outDir = await mkdtemp(join(tmpdir(), 'bulk-resume-'));
    });
    afterEach(async () => {
      await rm(outDir, { recursive: true, force: true });
    });

    it('resumes an interrupted export without kicking off again or re-downloading finished files', async () => {
      let consentUp = false;
      server.use(
        ...exportServer(
          {
            'Patient-1.ndjson': () => ndjsonResponse(ndjson(PatientAda, PatientBen)),
            'Consent-1.ndjson': () => (consentUp ? ndjsonResponse(ndjson(ConsentAdaGrace)) : new HttpResponse(null, { status: 500 })),
          },
          0,
        ),
      );
      const first = await run(bulkExport(options({ outDir })));
      expect(first.complete).toMatchObject({ complete: false, reason: expect.stringContaining('1 of 2 export files could not be downloaded') });
      expect(calls.deleted).toBe(0);
      const checkpoint = await readFile(join(outDir, 'bulk-export-checkpoint.json'), 'utf8');
      expect(checkpoint).not.toContain('ada');
      expect(checkpoint).toContain('Patient-1.ndjson');

      consentUp = true;
      const second = await run(bulkExport(options({ outDir })));
      expect(calls.kickOff).toHaveLength(1);
      expect(calls.files).toEqual({ 'Patient-1.ndjson': 1, 'Consent-1.ndjson': 4 });
      expect(byId(second.resources)).toEqual(['ada', 'ben', 'c1']);
      expect(second.events.filter((event) => event.type === 'files').at(-1)).toEqual({ type: 'files', done: 2, total: 2 });
      expect(second.complete).toEqual({ type: 'complete', complete: true });
      expect(calls.deleted).toBe(1);
      expect(await readdir(outDir)).toEqual([]);
    });

    it('writes through no symlink planted at a .part or temporary name, and keeps files 0600 in a 0700 folder', async () => {
      const elsewhere = await mkdtemp(join(tmpdir(), 'bulk-victim-'));
      try {
        const victim = join(elsewhere, 'victim.txt');
        await writeFile(victim, 'the user\'s own file\n');
        await mkdir(join(outDir, 'bulk-export-files'), { mode: 0o700 });
        await symlink(victim, join(outDir, 'bulk-export-files', '0000-Patient.ndjson.part'));
        await symlink(victim, join(outDir, 'bulk-export-checkpoint.json.tmp'));
        server.use(
          ...exportServer({ 'Patient-1.ndjson': () => ndjsonResponse(ndjson(PatientAda, PatientBen)), 'Consent-1.ndjson': () => new HttpResponse(null, { status: 500 }) }, 0),
        );
        const first = await run(bulkExport(options({ outDir })));
        expect(byId(first.resources)).toEqual(['ada', 'ben']);
        expect(await readFile(victim, 'utf8')).toBe('the user\'s own file\n');
        const kept = await lstat(join(outDir, 'bulk-export-files', '0000-Patient.ndjson'));
        expect(kept.isFile()).toBe(true);
        expect(kept.mode & 0o777).toBe(0o600);
        expect((await lstat(join(outDir, 'bulk-export-files'))).mode & 0o777).toBe(0o700);
        expect((await lstat(join(outDir, 'bulk-export-checkpoint.json'))).mode & 0o777).toBe(0o600);
      } finally {
        await rm(elsewhere, { recursive: true, force: true });
      }
    });

    it('refuses a kept-files folder that is a planted symlink, writing nothing into it', async () => {
      const elsewhere = await mkdtemp(join(tmpdir(), 'bulk-elsewhere-'));
      try {
        await symlink(elsewhere, join(outDir, 'bulk-export-files'));
        server.use(...exportServer({ 'Patient-1.ndjson': () => ndjsonResponse(ndjson(PatientAda)) }, 0));
        const result = await run(bulkExport(options({ outDir })));
        expect(result.complete).toMatchObject({ complete: false, reason: expect.stringMatching(/^The --out folder is not safe for patient data: .*bulk-export-files is not a plain folder/) });
        expect(await readdir(elsewhere)).toEqual([]);
      } finally {
        await rm(elsewhere, { recursive: true, force: true });
      }
    });

    it('starts a new export when the checkpointed job has gone from the server', async () => {
      server.use(
        ...exportServer({ 'Patient-1.ndjson': () => new HttpResponse(null, { status: 500 }) }, 0),
      );
      await run(bulkExport(options({ outDir })));
      server.resetHandlers(
        ...exportServer({ 'Patient-1.ndjson': () => ndjsonResponse(ndjson(PatientAda)) }, 0).filter((_, index) => index !== 1),
        http.get(STATUS, () => {
          calls.status += 1;
          return calls.kickOff.length < 2 ? new HttpResponse(null, { status: 404 }) : HttpResponse.json(manifest([{ type: 'Patient', url: `${BASE}/files/Patient-1.ndjson` }]));
        }),
      );
      const second = await run(bulkExport(options({ outDir })));
      expect(calls.kickOff).toHaveLength(2);
      expect(second.warnings).toContain('The export in the checkpoint is no longer on the server; starting a new export.');
      expect(byId(second.resources)).toEqual(['ada']);
      expect(second.complete).toEqual({ type: 'complete', complete: true });
    });
  });
});
