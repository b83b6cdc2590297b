/**
 * Audit benchmark (issue 4, "Performance"): throughput and peak memory of the audit pipeline —
 * the NDJSON pull (adapter/audit/pull) alone and with the metrics reducer (adapter/audit/run.ts) —
 * next to (a) a plain JSON.parse of the same NDJSON bytes and (b) a naive serial paged search
 * against the sandbox, all in the same run; and peak memory at 10k vs 100k patients.
 *
 * The caseload comes from the sandbox generator (patients with carers, consents, tasks, "asked: no
 * carers" lists, episodes of care) written as NDJSON to a temporary folder. Each case runs in its
 * own process, so its peak RSS (process.resourceUsage().maxRSS) is its own. Every process carries
 * the same fixed cost of Node + tsx (about 100 MB RSS): compare cases, not absolute numbers.
 *
 * The naive paged search (and, for comparison, the bulk path) runs against the sandbox server seeded
 * with the same 100k-patient caseload, over real HTTP on this machine: one search at a time,
 * `_count=200`, following `next` links — what a simple client would do.
 *
 * Run: `npm run bench -- audit` (or `tsx tests/bench/audit.ts`). About two minutes on 2 cores.
 * `npm run bench -- audit-ndjson` runs only the NDJSON cases at 100,000 patients (see runNdjson).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCaseload } from '../../sandbox/generate/caseload';
import { writeNdjson } from '../../sandbox/ndjson';
import { startSandbox } from '../../sandbox/server';
import type { WorkerCase, WorkerResult } from './auditWorker';

const SMALL_PATIENTS = 10_000;
const LARGE_PATIENTS = 100_000;
/** The paged search and the sandbox's own $export run over the same caseload size as the files. */
const SEARCH_PATIENTS = LARGE_PATIENTS;
const SEARCH_PAGE_SIZE = 200;
const CAPPED_OLD_SPACE_MB = 32;
const NOW = new Date('2026-11-23T00:00:00Z');
const WORKER = fileURLToPath(new URL('./auditWorker.ts', import.meta.url));

export interface AuditBenchRow extends WorkerResult {
  name: string;
  patients: number;
  resourcesPerSecond: number;
  mbPerSecond: number;
}

/** The shape tests/bench/run.ts prints: a table of cases, figures and ratios. */
export interface AuditBenchReport {
  rows: Array<Record<string, string | number>>;
  figures: Record<string, number | string>;
  ratios: Record<string, number>;
}

function runWorker(input: WorkerCase, nodeFlags: readonly string[] = []): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', WORKER, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1);
      if (code !== 0 || last === undefined) reject(new Error(`bench worker ${input.kind} exited with ${code ?? 'a signal'}`));
      else resolve(JSON.parse(last) as WorkerResult);
    });
  });
}

function row(name: string, patients: number, result: WorkerResult): AuditBenchRow {
  const seconds = result.ms / 1000;
  return { name, patients, ...result, resourcesPerSecond: result.resources / seconds, mbPerSecond: result.bytes / (1024 * 1024) / seconds };
}

async function caseloadFolder(patients: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `audit-bench-${patients}-`));
  await writeNdjson(dir, generateCaseload({ patients, seed: 1, now: NOW, personas: false }));
  return dir;
}

/** One table row per case, rounded for reading. */
function tableRow(r: AuditBenchRow): Record<string, string | number> {
  return {
    case: r.name,
    patients: r.patients,
    resources: r.resources,
    'resources/s': Math.round(r.resourcesPerSecond),
    'MB/s': r.bytes > 0 ? Number(r.mbPerSecond.toFixed(1)) : '-',
    'CPU s': Number((r.cpuMs / 1000).toFixed(2)),
    'peak RSS MB': Math.round(r.peakRssMB),
    'peak heap MB': Math.round(r.peakHeapMB),
    complete: r.complete ? 'yes' : 'NO',
  };
}

export async function run(): Promise<AuditBenchReport> {
  const rows: AuditBenchRow[] = [];
  const folders: string[] = [];
  try {
    for (const patients of [SMALL_PATIENTS, LARGE_PATIENTS]) {
      const dir = await caseloadFolder(patients);
      folders.push(dir);
      rows.push(row('(a) JSON.parse of the NDJSON (whole files)', patients, await runWorker({ kind: 'json-parse', dir })));
      rows.push(row('pull --from-ndjson (streamed)', patients, await runWorker({ kind: 'pull', dir })));
      rows.push(row('audit: pull + reducer (runAudit)', patients, await runWorker({ kind: 'audit', dir })));
      if (patients === LARGE_PATIENTS) {
        // Flat memory, shown rather than inferred from a lazy GC's peak: the whole pull fits in a
        // 32 MB old space (Node + tsx + modules take most of it), whatever the caseload size.
        rows.push(row(`pull, old space capped at ${CAPPED_OLD_SPACE_MB} MB`, patients, await runWorker({ kind: 'pull', dir }, [`--max-old-space-size=${CAPPED_OLD_SPACE_MB}`])));
      }
    }
    const sandbox = await startSandbox({ port: 0, patients: SEARCH_PATIENTS, seed: 1, now: NOW });
    try {
      rows.push(row(`(b) naive serial paged search, _count=${SEARCH_PAGE_SIZE}`, SEARCH_PATIENTS, await runWorker({ kind: 'search', fhirBase: sandbox.fhirBase, pageSize: SEARCH_PAGE_SIZE })));
      rows.push(row('bulk $export from the same sandbox', SEARCH_PATIENTS, await runWorker({ kind: 'bulk', fhirBase: sandbox.fhirBase })));
    } finally {
      await sandbox.close();
    }
  } finally {
    await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
  }

  const find = (name: string, patients: number) => {
    const found = rows.find((r) => r.name.startsWith(name) && r.patients === patients);
    if (!found) throw new Error(`missing bench row ${name} ${patients}`);
    return found;
  };
  const parseLarge = find('(a)', LARGE_PATIENTS);
  const pullLarge = find('pull --from-ndjson', LARGE_PATIENTS);
  const auditLarge = find('audit', LARGE_PATIENTS);
  const search = find('(b)', SEARCH_PATIENTS);
  const bulk = find('bulk', SEARCH_PATIENTS);
  const ratios: Record<string, number> = {
    'pull throughput / JSON.parse throughput (100k)': pullLarge.resourcesPerSecond / parseLarge.resourcesPerSecond,
    'audit throughput / JSON.parse throughput (100k)': auditLarge.resourcesPerSecond / parseLarge.resourcesPerSecond,
    // Wall time on a shared machine moves with everyone else's load; CPU time (all threads) much less.
    'audit / JSON.parse, by CPU time (100k)': parseLarge.cpuMs / auditLarge.cpuMs,
    'audit from NDJSON / naive paged search (resources/s)': auditLarge.resourcesPerSecond / search.resourcesPerSecond,
    'bulk $export pull / naive paged search, same sandbox': bulk.resourcesPerSecond / search.resourcesPerSecond,
    'pull peak heap, 100k / 10k patients': pullLarge.peakHeapMB / find('pull --from-ndjson', SMALL_PATIENTS).peakHeapMB,
    'pull peak RSS, 100k / 10k patients': pullLarge.peakRssMB / find('pull --from-ndjson', SMALL_PATIENTS).peakRssMB,
    'audit peak heap, 100k / 10k patients': auditLarge.peakHeapMB / find('audit', SMALL_PATIENTS).peakHeapMB,
    'audit peak RSS, 100k / 10k patients': auditLarge.peakRssMB / find('audit', SMALL_PATIENTS).peakRssMB,
    'JSON.parse peak RSS, 100k / 10k patients': parseLarge.peakRssMB / find('(a)', SMALL_PATIENTS).peakRssMB,
  };
  return {
    rows: rows.map(tableRow),
    figures: {
      'RSS of every case includes Node + tsx (MB, approx.)': 100,
    },
    ratios,
  };
}

/**
 * Only the issue 12 item 5 figure: `--from-ndjson` against JSON.parse of the same 100,000-patient
 * files, wall and CPU, in one run (`npm run bench -- audit-ndjson`; about a minute, no sandbox).
 */
export async function runNdjson(): Promise<AuditBenchReport> {
  const dir = await caseloadFolder(LARGE_PATIENTS);
  try {
    const parse = row('(a) JSON.parse of the NDJSON (whole files)', LARGE_PATIENTS, await runWorker({ kind: 'json-parse', dir }));
    const pull = row('pull --from-ndjson (streamed)', LARGE_PATIENTS, await runWorker({ kind: 'pull', dir }));
    const audit = row('audit: pull + reducer (runAudit)', LARGE_PATIENTS, await runWorker({ kind: 'audit', dir }));
    return {
      rows: [parse, pull, audit].map(tableRow),
      figures: { 'RSS of every case includes Node + tsx (MB, approx.)': 100 },
      ratios: {
        'audit throughput / JSON.parse throughput (100k)': audit.resourcesPerSecond / parse.resourcesPerSecond,
        'audit / JSON.parse, by CPU time (100k)': parse.cpuMs / audit.cpuMs,
        'pull / JSON.parse, by CPU time (100k)': parse.cpuMs / pull.cpuMs,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().then((report) => {
    console.table(report.rows);
    console.table(report.ratios);
  }).catch((error: unknown) => {
    process.stderr.write(`audit bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
