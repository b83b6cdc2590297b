/**
 * Running the commands as the CLI tests do: `carers` in-process (what it prints collected), an
 * entry point in a child process, and `carers explain --json` on a record, its report parsed by
 * the contract other tools read (CarerReportSchema).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { carersMain } from '../../../adapter/cli/carersMain';
import { CarerReportSchema, type CarerReport } from '../../../shared/report/carerReport';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `carers ARGV…` in-process: its exit code and everything it wrote to stdout and stderr. */
export async function runCarers(argv: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await carersMain([...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const TSX = resolve('node_modules/.bin/tsx');

/**
 * A command's entry point (`tsx ENTRY ARGS…`, ENTRY from the repository root, as `npm run` runs it)
 * in a child process, with `env` added to the environment; no colour.
 */
export function runEntry(entry: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [resolve(entry), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Resources as a saved record: a FHIR collection Bundle, as JSON text. */
export function bundleJson(resources: readonly unknown[]): string {
  return JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });
}

/** `carers explain FILE --now NOW --json …`: it exits 0 with nothing on stderr; its report, parsed. */
export async function explainFile(file: string, now: string, extra: readonly string[] = []): Promise<CarerReport> {
  const { code, stdout, stderr } = await runCarers(['explain', file, '--now', now, '--json', ...extra]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return CarerReportSchema.parse(JSON.parse(stdout));
}

/** Saves the resources as a record (a Bundle in a scratch folder, removed afterwards) and hands its path to `use`. */
export async function withSavedRecord<T>(resources: readonly unknown[], use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'carers-record-'));
  try {
    const file = join(dir, 'record.json');
    await writeFile(file, bundleJson(resources));
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `carers explain --json` on the resources saved as a record: it exits 0 with nothing on stderr; its report. */
export function explainRecord(resources: readonly unknown[], now: string): Promise<CarerReport> {
  return withSavedRecord(resources, (file) => explainFile(file, now));
}
