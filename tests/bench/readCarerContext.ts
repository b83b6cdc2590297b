/**
 * One patient's carer context read through the adapter (`readCarerContext`: one `_revinclude`
 * search, paging, zod mapping to the domain) against the sandbox on a free port, next to a plain
 * GET of the same Patient and a plain GET of the same search, over the same keep-alive connection
 * pool. The design's overlay budget is "one FHIR round trip plus 50 ms": the ratio to a plain GET
 * says how close to one round trip the read is, and the difference to the raw search is the
 * adapter's own cost.
 *
 * Run: `npm run bench -- readCarerContext`.
 */
import { createFhirAdapter } from '../../adapter/client';
import { revincludePath } from '../../adapter/read/readCarerContext';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox } from '../../sandbox/server';
import type { BenchReport } from './run';

const WARMUP = 30;
const ROUNDS = 300;
const NOW = new Date('2026-11-23T00:00:00Z');

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function run(): Promise<BenchReport> {
  const sandbox = await startSandbox({ port: 0, patients: 200, seed: 1, now: NOW });
  try {
    const persona = PERSONAS.graceTaylor;
    const patient = `Patient/${persona.patientId}`;
    const viaFhirKit = createFhirAdapter({ baseUrl: sandbox.fhirBase });
    const viaFetch = createFhirAdapter({ baseUrl: sandbox.fhirBase, fetch: (input, init) => globalThis.fetch(input, init) });
    const caps = await viaFhirKit.capabilities();
    await viaFetch.capabilities();
    const plainGet = async () => (await fetch(`${sandbox.fhirBase}/${patient}`, { cache: 'no-store', headers: { accept: 'application/fhir+json' } })).json();
    const rawSearch = async () => (await fetch(`${sandbox.fhirBase}/${revincludePath(persona.patientId, caps)}`, { cache: 'no-store', headers: { accept: 'application/fhir+json' } })).json();

    const cases: Array<[name: string, work: () => Promise<unknown>]> = [
      ['plain GET Patient/<id>', plainGet],
      ['plain GET of the _revinclude search', rawSearch],
      ['readCarerContext (fhir-kit-client)', () => viaFhirKit.readCarerContext(patient)],
      ['readCarerContext (injected fetch)', () => viaFetch.readCarerContext(patient)],
    ];
    const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    for (let i = 0; i < WARMUP; i += 1) for (const [, work] of cases) await work();
    // Interleaved, so drift (GC, other processes) affects every case alike.
    for (let i = 0; i < ROUNDS; i += 1) {
      for (const [name, work] of cases) samples.get(name)!.push(await time(work));
    }

    const record = await viaFhirKit.readCarerContext(patient);
    const rows = cases.map(([name]) => {
      const sorted = [...samples.get(name)!].sort((a, b) => a - b);
      return { case: name, 'median (ms)': quantile(sorted, 0.5), 'p95 (ms)': quantile(sorted, 0.95), rounds: sorted.length };
    });
    const median = (name: string) => rows.find((r) => r.case === name)!['median (ms)'];
    const p95 = (name: string) => rows.find((r) => r.case === name)!['p95 (ms)'];
    return {
      figures: {
        'sandbox patients': 200 + Object.keys(PERSONAS).length,
        'resources in the record': record.raw.size,
        'carers in the record': record.context.carers.length,
      },
      rows,
      ratios: {
        'readCarerContext / plain GET Patient (median)': median('readCarerContext (fhir-kit-client)') / median('plain GET Patient/<id>'),
        'readCarerContext / plain GET Patient (p95)': p95('readCarerContext (fhir-kit-client)') / p95('plain GET Patient/<id>'),
        'readCarerContext / plain GET of the same search (median)': median('readCarerContext (fhir-kit-client)') / median('plain GET of the _revinclude search'),
        'injected fetch / fhir-kit-client (median)': median('readCarerContext (injected fetch)') / median('readCarerContext (fhir-kit-client)'),
      },
    };
  } finally {
    await sandbox.close();
  }
}
