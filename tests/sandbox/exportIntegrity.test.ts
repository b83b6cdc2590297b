/**
 * The audit against the sandbox's real `$export` with a fault-injecting proxy in front of it
 * (./support/faultyExport.ts): every damaged export ends INCOMPLETE naming the file, or — once
 * resumed against a sound server — completes with exactly the numbers of an undamaged run. Never
 * COMPLETE with wrong numbers.
 */
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_EXIT, auditMain } from '../../adapter/cli/auditMain';
import { abortableSleep } from '../../adapter/http/signal';
import { CoverageSchema, type Coverage } from '../../shared/audit/coverage';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { faultyExport, type FaultyExport } from './support/faultyExport';

const NOW = '2026-11-23T12:00:00Z';
let sandbox: Sandbox;
let proxy: FaultyExport;
let work: string;
let clean: Coverage;
let runs = 0;

/** The sandbox asks for Retry-After: 1 between polls; honoured, shortened, to stay quick. */
const quickSleep = (ms: number, signal?: AbortSignal) => abortableSleep(Math.min(ms, 20), signal);

async function audit(out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await auditMain(['--fhir', sandbox.fhirBase, '--bulk', '--out', out, '--now', NOW], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    sleep: quickSleep,
  });
  return { code, stdout, stderr };
}

const newOut = () => join(work, `out-${(runs += 1)}`);
const coverageIn = async (dir: string) => CoverageSchema.parse(JSON.parse(await readFile(join(dir, 'coverage.json'), 'utf8')));
const exists = (path: string) => access(path).then(() => true, () => false);
const checkpointIn = (dir: string) => join(dir, 'bulk-export-checkpoint.json');

beforeAll(async () => {
  proxy = faultyExport();
  sandbox = await startSandbox({ port: 0, patients: 40, seed: 5, now: new Date(NOW), handlers: [proxy.handler] });
  work = await mkdtemp(join(tmpdir(), 'export-integrity-'));
  const out = newOut();
  const run = await audit(out);
  expect(run.code).toBe(AUDIT_EXIT.ok);
  clean = await coverageIn(out);
  expect(clean.carers.total).toBeGreaterThan(10);
});
afterAll(async () => {
  await sandbox.close();
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => {
  for (const key of Object.keys(proxy.faults)) delete proxy.faults[key as keyof typeof proxy.faults];
  proxy.log.length = 0;
});

/** Runs a damaged audit (INCOMPLETE, naming the file, on every output), then resumes it against a sound server. */
async function damagedThenResumed(damage: (lines: string[]) => string, named: RegExp): Promise<void> {
  const out = newOut();
  proxy.faults.file = { type: 'Consent', damage };
  const damaged = await audit(out);
  expect(damaged.code).toBe(AUDIT_EXIT.incomplete);
  expect(damaged.stdout).toMatch(/INCOMPLETE/);
  const coverage = await coverageIn(out);
  expect(coverage.complete).toBe(false);
  expect(coverage.incompleteReason).toMatch(named);
  expect(await readFile(join(out, 'coverage.csv'), 'utf8')).toMatch(/INCOMPLETE: [^\r\n]*Consent file 1/);
  expect(await readFile(join(out, 'report.html'), 'utf8')).toMatch(/INCOMPLETE[\s\S]*Consent file 1/);
  expect(await exists(checkpointIn(out))).toBe(true);
  expect(proxy.log).not.toContain('delete');

  delete proxy.faults.file;
  proxy.log.length = 0;
  const resumed = await audit(out);
  expect(resumed.code).toBe(AUDIT_EXIT.ok);
  // The same job, resumed: no second export, and the damaged file fetched again.
  expect(proxy.log.filter((entry) => entry === 'kick-off')).toEqual([]);
  expect(proxy.log).toContain('file Consent');
  expect(await coverageIn(out)).toEqual(clean);
  expect(await exists(join(out, 'warnings.txt'))).toBe(false);
}

describe('a damaged export is never reported complete', () => {
  it('is INCOMPLETE naming the file when a file ends cleanly on a line boundary short of its count, and right once resumed', async () => {
    await damagedThenResumed((lines) => `${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`, /Consent file 1 held \d+ of the \d+ resources/);
  });

  it('is INCOMPLETE naming the file and line when a file is cut in the middle of a line, and right once resumed', async () => {
    await damagedThenResumed((lines) => {
      const kept = lines.slice(0, Math.floor(lines.length / 2));
      const half = lines[kept.length] ?? '';
      return `${kept.join('\n')}\n${half.slice(0, Math.floor(half.length / 2))}`;
    }, /Consent file 1: 1 unreadable line/);
  });

  it('is INCOMPLETE naming the file when a file holds more lines than its count, and right once resumed', async () => {
    await damagedThenResumed((lines) => `${[...lines, ...lines.slice(0, 3)].join('\n')}\n`, /Consent file 1 held \d+ resources where the server's list of files promised \d+/);
  });

  it('is INCOMPLETE naming the file when a file holds a resource of another type, and right once resumed', async () => {
    await damagedThenResumed((lines) => {
      const consent = JSON.parse(lines[0] ?? '{}') as { id?: string };
      return `${[JSON.stringify({ resourceType: 'Patient', id: consent.id ?? 'x' }), ...lines.slice(1)].join('\n')}\n`;
    }, /Consent file 1: 1 resource of another type/);
  });
});

describe('expired and throttled exports', () => {
  it('starts a new export on the next run when every file has expired (410), instead of resuming the expired job for ever', async () => {
    const out = newOut();
    proxy.faults.expireNextJob = true;
    const expired = await audit(out);
    expect(expired.code).not.toBe(AUDIT_EXIT.ok);
    expect(expired.stderr + expired.stdout).toMatch(/expired on the server \(HTTP 410\)[^\n]*run again to start a new export/);
    expect(await exists(checkpointIn(out))).toBe(false);

    proxy.log.length = 0;
    const again = await audit(out);
    expect(again.code).toBe(AUDIT_EXIT.ok);
    expect(proxy.log.filter((entry) => entry === 'kick-off')).toHaveLength(1);
    expect(await coverageIn(out)).toEqual(clean);
  });

  it('leaves the throttled job on the server for a resume when 429s outlast the patience budget, and resumes it', async () => {
    const out = newOut();
    proxy.faults.throttleStatus = { times: 1_000, retryAfter: '1' };
    const throttled = await audit(out);
    expect(throttled.code).not.toBe(AUDIT_EXIT.ok);
    expect(throttled.stderr).toMatch(/left on the server: run again with the same --out folder to resume/);
    expect(proxy.log).not.toContain('delete');
    expect(await exists(checkpointIn(out))).toBe(true);

    delete proxy.faults.throttleStatus;
    proxy.log.length = 0;
    const resumed = await audit(out);
    expect(resumed.code).toBe(AUDIT_EXIT.ok);
    expect(proxy.log.filter((entry) => entry === 'kick-off')).toEqual([]);
    expect(await coverageIn(out)).toEqual(clean);
  });

  it('caps an absurd Retry-After and says so, never "about 29936663 minutes"', async () => {
    const out = newOut();
    proxy.faults.throttleStatus = { times: 1_000, retryAfter: '1796199780' };
    const throttled = await audit(out);
    expect(throttled.code).not.toBe(AUDIT_EXIT.ok);
    expect(throttled.stderr).not.toMatch(/29936663/);
    expect(throttled.stderr).toMatch(/Try again later \(it asked for a wait of more than an hour, which is not plausible/);
    expect(throttled.stderr).toMatch(/left on the server: run again with the same --out folder to resume/);
  });
});

describe('a stale warnings.txt', () => {
  it('is removed by a later complete run in the same --out folder', async () => {
    const out = newOut();
    proxy.faults.file = { type: 'Consent', damage: (lines) => `${lines.join('\n')}\n{"resourceType":\n` };
    expect((await audit(out)).code).toBe(AUDIT_EXIT.incomplete);
    expect(await readFile(join(out, 'warnings.txt'), 'utf8')).toMatch(/Consent file 1 line \d+: not valid JSON/);
    delete proxy.faults.file;
    expect((await audit(out)).code).toBe(AUDIT_EXIT.ok);
    expect(await exists(join(out, 'warnings.txt'))).toBe(false);
  });
});
