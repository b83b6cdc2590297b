/**
 * The real command, as a person runs it (`npm run audit -- …` is `tsx adapter/cli/audit.ts …`):
 * exit codes, one-line errors and the files written, in a child process.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCaseload } from '../../sandbox/generate/caseload';
import { writeNdjson } from '../../sandbox/ndjson';

const TSX = resolve('node_modules/.bin/tsx');
const ENTRY = resolve('adapter/cli/audit.ts');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [ENTRY, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'audit-entry-'));
  await writeNdjson(join(work, 'export'), generateCaseload({ patients: 40, seed: 2, now: new Date('2026-11-23T12:00:00Z') }));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm run audit', () => {
  it('audits an export folder, writes the four files and exits 0', async () => {
    const out = join(work, 'out');
    const result = await run(['--from-ndjson', join(work, 'export'), '--out', out, '--now', '2026-11-23']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Carer consent coverage as at 23 Nov 2026 (Europe/London)');
    expect((await readdir(out)).sort()).toEqual(['coverage.csv', 'coverage.json', 'prompt-outcomes.csv', 'report.html']);
  });

  it('rejects a bad flag with one line and the usage, exit 2', async () => {
    const result = await run(['--fhir', 'not a url']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('audit: --fhir must be an http(s) URL, the FHIR server base');
    expect(result.stdout).toBe('');
  });
});
