/**
 * One measured case of the audit benchmark, run in its own process so its peak memory is its own
 * (process.resourceUsage().maxRSS) and the cases cannot disturb each other's heaps.
 *
 * argv[2] is a JSON WorkerCase; the last stdout line is the JSON WorkerResult.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pullPopulation, type PullEvent } from '../../adapter/audit/pull';
import { runAudit } from '../../adapter/audit/run';
import { DEFAULT_POLICY } from '../../shared/policy';

export type WorkerCase =
  | { kind: 'json-parse'; dir: string }
  | { kind: 'pull'; dir: string }
  | { kind: 'audit'; dir: string }
  | { kind: 'search'; fhirBase: string; pageSize: number }
  | { kind: 'bulk'; fhirBase: string };

export interface WorkerResult {
  resources: number;
  bytes: number;
  ms: number;
  /** CPU time (user + system, every thread) the case took: on a shared machine, steadier than wall time. */
  cpuMs: number;
  peakRssMB: number;
  peakHeapMB: number;
  complete: boolean;
}

async function measure(work: () => Promise<{ resources: number; bytes: number; complete: boolean }>): Promise<WorkerResult> {
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 20);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const { resources, bytes, complete } = await work();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  return {
    resources,
    bytes,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    peakHeapMB: peakHeap / (1024 * 1024),
    complete,
  };
}

/** Baseline (a): the plainest reading of the same bytes — whole file, split, JSON.parse per line. */
async function jsonParse(dir: string) {
  let resources = 0;
  let bytes = 0;
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.ndjson')).sort()) {
    const text = await readFile(join(dir, name), 'utf8');
    bytes += Buffer.byteLength(text);
    for (const line of text.split('\n')) {
      if (line.length === 0) continue;
      const value = JSON.parse(line) as { resourceType?: string };
      if (value.resourceType !== undefined) resources += 1;
    }
  }
  return { resources, bytes, complete: true };
}

async function pullOnly(events: AsyncIterable<PullEvent>) {
  let resources = 0;
  let bytes = 0;
  let complete = false;
  for await (const event of events) {
    if (event.type === 'resource') resources += 1;
    else if (event.type === 'progress' && event.bytes !== undefined) bytes = event.bytes;
    else if (event.type === 'complete') complete = event.complete;
  }
  return { resources, bytes, complete };
}

async function audit(dir: string) {
  let bytes = 0;
  const result = await runAudit({
    events: pullPopulation({ mode: 'ndjson', ndjsonDir: dir }),
    policy: DEFAULT_POLICY,
    now: new Date('2026-11-23T00:00:00Z'),
    onEvent: (event) => {
      if (event.type === 'progress' && event.bytes !== undefined) bytes = event.bytes;
    },
  });
  return { resources: result.resources, bytes, complete: result.complete };
}

const input = JSON.parse(process.argv[2] ?? '{}') as WorkerCase;
const result = await measure(() => {
  switch (input.kind) {
    case 'json-parse':
      return jsonParse(input.dir);
    case 'pull':
      return pullOnly(pullPopulation({ mode: 'ndjson', ndjsonDir: input.dir }));
    case 'audit':
      return audit(input.dir);
    case 'search':
      // Baseline (b): a naive pull — one search at a time, following next links serially.
      return pullOnly(pullPopulation({ mode: 'search', fhirBase: input.fhirBase, concurrency: 1, pageSize: input.pageSize }));
    case 'bulk':
      return pullOnly(pullPopulation({ mode: 'bulk', fhirBase: input.fhirBase }));
  }
});
process.stdout.write(`${JSON.stringify(result)}\n`);
