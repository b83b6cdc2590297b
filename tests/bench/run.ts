/**
 * `npm run bench`: runs each benchmark module listed below and prints what it measured.
 * `npm run bench -- <name> [<name>…]` runs only those. To add a benchmark, export
 * `run(): Promise<BenchReport>` from a module here and add one line to BENCHES.
 *
 * Performance is measured here, never asserted by timing in unit tests (CONVENTIONS.md).
 */

/** What a benchmark module reports: named figures, optional rows of a table, and ratios. */
export interface BenchReport {
  /** Named single figures, e.g. `{ 'readCarerContext median (ms)': 3.1 }`. */
  figures?: Record<string, number | string>;
  /** Rows of a table (every row an object of the same keys). */
  rows?: ReadonlyArray<object>;
  /** Named ratios, e.g. `{ 'readCarerContext / plain GET (median)': 1.8 }`. */
  ratios?: Record<string, number>;
}

type BenchModule = { run(): Promise<BenchReport> };

const BENCHES: ReadonlyArray<[name: string, load: () => Promise<BenchModule>]> = [
  ['readCarerContext', () => import('./readCarerContext')],
  ['audit', () => import('./audit')],
  ['audit-ndjson', () => import('./audit').then((bench) => ({ run: bench.runNdjson }))],
  ['extension', () => import('./extension')],
];

function format(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) >= 100 ? 0 : 2);
  return String(value);
}

function printTable(rows: ReadonlyArray<object>): void {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((c) => format((row as Record<string, unknown>)[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => `  ${values.map((v, i) => v.padEnd(widths[i]!)).join('  ')}`;
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of cells) console.log(line(row));
}

function printPairs(title: string, pairs: Record<string, number | string> | undefined): void {
  if (!pairs || Object.keys(pairs).length === 0) return;
  console.log(`  ${title}`);
  const width = Math.max(...Object.keys(pairs).map((k) => k.length));
  for (const [key, value] of Object.entries(pairs)) console.log(`    ${key.padEnd(width)}  ${format(value)}`);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !BENCHES.some(([name]) => name === w));
  if (unknown.length > 0) {
    console.error(`bench: unknown benchmark ${unknown.join(', ')} (known: ${BENCHES.map(([n]) => n).join(', ')})`);
    process.exitCode = 2;
    return;
  }
  for (const [name, load] of BENCHES) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.log(`\n${name}`);
    const started = performance.now();
    try {
      const report = await (await load()).run();
      printPairs('figures', report.figures);
      if (report.rows) printTable(report.rows);
      printPairs('ratios', report.ratios);
    } catch (error) {
      console.error(`  failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

await main();
