import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSandboxFlags } from '../../sandbox/cli';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CLI = join(process.cwd(), 'sandbox', 'cli.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; once stdout matches `untilStdout`, calls `then` with the process id and the output so far. */
function run(args: string[], untilStdout?: RegExp, then?: (pid: number, stdout: string) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (untilStdout?.test(stdout) && then && child.pid !== undefined) {
        const pid = child.pid;
        untilStdout = undefined;
        then(pid, stdout);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('parseSandboxFlags', () => {
  it('takes defaults, --name value and --name=value', () => {
    expect(parseSandboxFlags([])).toMatchObject({ port: 8080, host: '127.0.0.1', patients: 200, seed: 1 });
    expect(parseSandboxFlags(['--port', '0', '--patients=50', '--seed', '9'])).toMatchObject({ port: 0, patients: 50, seed: 9 });
    expect(parseSandboxFlags(['--now', '2026-01-31']).now?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(parseSandboxFlags(['--ndjson', 'out', '--patients', '500000'])).toMatchObject({ ndjson: 'out', patients: 500000 });
  });

  it('takes --types as the resource types the server offers', () => {
    expect(parseSandboxFlags(['--types', 'Patient,RelatedPerson, Consent,Group'])).toMatchObject({ types: ['Patient', 'RelatedPerson', 'Consent', 'Group'] });
  });

  it.each([
    [['--port', 'abc'], /--port must be a number/],
    [['--port', '70000'], /--port must be at most 65535/],
    [['--patients', '-3'], /--patients must be at least 0/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--now', 'yesterday'], /--now must be an ISO 8601/],
    [['--frob', '1'], /unknown flag --frob/],
    [['--port'], /--port needs a value/],
    [['8080'], /unexpected argument/],
    [['--seed', '1', '--seed', '2'], /--seed given twice/],
    [['--patients', '500000'], /only works with --ndjson/],
    [['--types', 'Patient,Observation'], /--types takes resource types the sandbox supports/],
    [['--auth', 'smart', '--auth-key-id', 'k1'], /--auth-key-id only applies with --auth-public-key/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseSandboxFlags(argv)).toThrow(message);
  });
});

describe('npm run sandbox', () => {
  it('exits 2 with one line on stderr for a bad flag', async () => {
    const result = await run(['--port', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^sandbox: --port must be a number/);
  });

  it('prints the FHIR base, the EHR page and the persona ids, serves, and stops cleanly on SIGTERM', async () => {
    let served: number | undefined;
    const result = await run(['--port', '0', '--patients', '3'], /Press Ctrl\+C/, (pid, stdout) => {
      const base = /Sandbox FHIR server: (\S+)/.exec(stdout)?.[1] ?? '';
      fetch(`${base}/metadata`)
        .then((response) => {
          served = response.status;
        })
        .finally(() => process.kill(pid, 'SIGTERM'));
    });
    expect(result.code).toBe(0);
    expect(served).toBe(200);
    expect(result.stdout).toMatch(/Sandbox FHIR server: http:\/\/127\.0\.0\.1:\d+\/fhir/);
    expect(result.stdout).toMatch(/EHR page: +http:\/\/127\.0\.0\.1:\d+\/ehr\//);
    expect(result.stdout).toContain('Patient/demo-amira-khan');
  });

  it('writes NDJSON files instead of serving with --ndjson', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
    try {
      const result = await run(['--ndjson', dir, '--patients', '10', '--seed', '4']);
      expect(result.code).toBe(0);
      expect(await readdir(dir)).toEqual(expect.arrayContaining(['Patient.ndjson', 'RelatedPerson.ndjson', 'Group.ndjson']));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
