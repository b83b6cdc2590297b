/**
 * The real command, as a person runs it (`npm run audit -- …` is `tsx adapter/cli/audit.ts …`):
 * exit codes, one-line errors and the files written, in a child process.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCaseload } from '../../sandbox/generate/caseload';
import { writeNdjson } from '../../sandbox/ndjson';
import { runEntry } from './support/commands';

const run = (args: string[]) => runEntry('adapter/cli/audit.ts', args);

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
