/**
 * `npm run audit` end to end, in-process: over an NDJSON folder written by the sandbox generator,
 * and against the sandbox FHIR server by bulk $export and by paged search. Every path must give
 * exactly the audit of the same caseload computed in memory.
 */
import { chmod, lstat, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EXIT, auditMain, OUTPUT_FILES, type AuditIo } from '../../adapter/cli/auditMain';
import type { PullEvent } from '../../adapter/audit/pull/events';
import { runAudit } from '../../adapter/audit/run';
import { CoverageSchema, type Coverage } from '../../shared/audit/coverage';
import { DEFAULT_POLICY } from '../../shared/policy';
import { generateCaseload } from '../../sandbox/generate/caseload';
import { writeNdjson } from '../../sandbox/ndjson';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const NOW = '2026-11-23T12:00:00Z';
const CASELOAD = { patients: 120, seed: 11, now: new Date(NOW) };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function audit(argv: string[], extra: Partial<AuditIo> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await auditMain(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    sleep: async () => {},
    ...extra,
  });
  return { code, stdout, stderr };
}

async function coverageIn(dir: string): Promise<Coverage> {
  return CoverageSchema.parse(JSON.parse(await readFile(join(dir, 'coverage.json'), 'utf8')));
}

/** The audit of the caseload computed in memory, straight from the generator: the answer every path must give. */
async function expectedCoverage(): Promise<Coverage> {
  async function* events(): AsyncGenerator<PullEvent> {
    for (const resource of generateCaseload(CASELOAD)) yield { type: 'resource', resource };
    yield { type: 'complete', complete: true };
  }
  return (await runAudit({ events: events(), policy: DEFAULT_POLICY, now: new Date(NOW) })).coverage;
}

let work: string;
let ndjson: string;
let expected: Coverage;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'audit-cli-'));
  ndjson = join(work, 'export');
  await writeNdjson(ndjson, generateCaseload(CASELOAD));
  expected = await expectedCoverage();
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('audit --from-ndjson', () => {
  it('writes coverage.json, coverage.csv and report.html, prints the summary and exits 0', async () => {
    const out = join(work, 'out-ndjson');
    const run = await audit(['--from-ndjson', ndjson, '--out', out, '--now', NOW]);
    expect(run.stderr).not.toContain('INCOMPLETE');
    expect(run.code).toBe(AUDIT_EXIT.ok);
    expect((await readdir(out)).sort()).toEqual(['coverage.csv', 'coverage.json', 'prompt-outcomes.csv', 'report.html']);
    expect(await coverageIn(out)).toEqual(expected);
    expect(run.stdout).toContain(`Carer consent coverage as at 23 Nov 2026`);
    expect(run.stdout).toContain(`Wrote coverage.json, coverage.csv, prompt-outcomes.csv, report.html to ${out}`);
    expect(run.stderr).toMatch(/audit: read [\d,]+ resources in [\d.]+ s/);
  });

  it('writes its outputs owner-only, in a new folder only the user can enter, never through a planted temporary name', async () => {
    const out = join(work, 'out-private');
    const victim = join(work, 'victim.txt');
    await writeFile(victim, 'the user\'s own file\n');
    await mkdir(out, { mode: 0o700 });
    // The temporary names the audit once used were predictable: a link planted at one was written through.
    for (const name of OUTPUT_FILES) await symlink(victim, join(out, `${name}.${process.pid}.tmp`));
    const run = await audit(['--from-ndjson', ndjson, '--out', out, '--now', NOW]);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    expect(await readFile(victim, 'utf8')).toBe('the user\'s own file\n');
    for (const name of OUTPUT_FILES) {
      const written = await lstat(join(out, name));
      expect(written.isFile()).toBe(true);
      expect(written.mode & 0o777).toBe(0o600);
    }
    const fresh = join(work, 'out-fresh', 'nested');
    expect((await audit(['--from-ndjson', ndjson, '--out', fresh, '--now', NOW])).code).toBe(AUDIT_EXIT.ok);
    expect((await stat(fresh)).mode & 0o777).toBe(0o700);
  });

  it('refuses to write into a folder every user can write to, with one line and exit 1', async () => {
    const shared = join(work, 'out-shared');
    await mkdir(shared);
    await chmod(shared, 0o777);
    const run = await audit(['--from-ndjson', ndjson, '--out', shared, '--now', NOW]);
    expect(run.code).toBe(AUDIT_EXIT.failed);
    expect(run.stderr.trim().split('\n').at(-1)).toBe(`audit: ${shared} can be written by every user; choose a folder of your own`);
    expect(await readdir(shared)).toEqual([]);
  });

  it('counts every patient in the export, the deceased apart, with teams and months from their episodes of care', async () => {
    const patientLines = (await readFile(join(ndjson, 'Patient.ndjson'), 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const deceased = patientLines.filter((l) => 'deceasedDateTime' in (JSON.parse(l) as object) || 'deceasedBoolean' in (JSON.parse(l) as object)).length;
    expect(deceased).toBeGreaterThan(0);
    expect(expected.population.excluded.deceasedPatients).toBe(deceased);
    expect(expected.patients.total).toBe(patientLines.length - deceased);
    expect(expected.carers.total).toBeGreaterThan(0);
    expect(expected.byTeam.length).toBeGreaterThan(1);
    expect(expected.byMonth.length).toBeGreaterThan(1);
  });

  it('merges two halves of an export read at once — Consents in one, their carers in the other — into exactly the whole', async () => {
    const halves = [join(work, 'half-1'), join(work, 'half-2')];
    await Promise.all(halves.map((h) => mkdir(h)));
    const files = (await readdir(ndjson)).sort();
    for (const [i, name] of files.entries()) {
      const half = name.startsWith('Consent') || name.startsWith('Task') ? halves[0] : name.startsWith('RelatedPerson') ? halves[1] : halves[i % 2];
      await writeFile(join(half as string, name), await readFile(join(ndjson, name)));
    }
    const out = join(work, 'out-halves');
    const run = await audit(['--from-ndjson', halves[0] as string, '--from-ndjson', halves[1] as string, '--out', out, '--now', NOW]);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    expect(await coverageIn(out)).toEqual(expected);
  });

  it('writes results marked INCOMPLETE, and exits 3, when a file cannot be read', async () => {
    const broken = join(work, 'broken');
    await mkdir(broken);
    await writeFile(join(broken, 'A-Patient.ndjson'), (await readFile(join(ndjson, 'Patient.ndjson'), 'utf8')).split('\n').slice(0, 5).join('\n'));
    await mkdir(join(broken, 'Z-RelatedPerson.ndjson')); // a folder where a file should be: reading it fails
    const out = join(work, 'out-broken');
    const run = await audit(['--from-ndjson', broken, '--out', out, '--now', NOW]);
    expect(run.code).toBe(AUDIT_EXIT.incomplete);
    const coverage = await coverageIn(out);
    expect(coverage).toMatchObject({ complete: false, patients: { total: 5 } });
    expect(coverage.incompleteReason).toContain('Z-RelatedPerson.ndjson');
    expect(run.stdout.split('\n')[0]).toMatch(/^\*\*\* INCOMPLETE: /);
    expect(run.stdout).toContain('marked INCOMPLETE');
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('<strong>INCOMPLETE.</strong>');
    expect(await readFile(join(out, 'coverage.csv'), 'utf8')).toContain('INCOMPLETE: ');
  });

  it('fails with one line, exit 1 and no files when the folder holds no export', async () => {
    const empty = join(work, 'empty');
    await mkdir(empty);
    const out = join(work, 'out-empty');
    const run = await audit(['--from-ndjson', empty, '--out', out, '--now', NOW]);
    expect(run.code).toBe(AUDIT_EXIT.failed);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^audit: The folder .* has no \.ndjson files\.$/);
    await expect(readdir(out)).rejects.toThrow();
  });
});

describe('audit flags', () => {
  it.each([
    [['--fhir', 'https://x.example/fhir', '--bulk', '--search'], 'choose --bulk or --search, not both'],
    [['--out', 'x'], '--fhir <base URL> or --from-ndjson <folder> is required'],
    [['--fhir', 'ftp://x.example/fhir'], '--fhir must be an http(s) URL'],
    [['--fhir', 'https://x.example/fhir', '--now', 'yesterday'], '--now must be an ISO date'],
    [['--fhir', 'http://x.example/fhir'], '--fhir must start with https:// (http:// only for this computer: localhost or 127.0.0.1)'],
    [['--fhir', 'https://x.example/fhir', '--auth', 'backend-services', '--client-id', 'a', '--private-key', 'k.pem', '--token-url', 'http://auth.x.example/token'], '--token-url must start with https://'],
    [['--fhir', 'https://x.example/fhir', '--group', 'a/b'], '--group must be a FHIR id'],
    [['--from-ndjson', 'dir', '--fhir', 'https://x.example/fhir'], 'leave out --fhir'],
    [['--from-ndjson', 'dir', '--search'], 'apply to a FHIR server'],
    [['--fhir', 'https://x.example/fhir', '--colour'], "Unknown option '--colour'"],
    [['--fhir', 'https://x.example/fhir', 'extra'], 'Unexpected argument'],
    [['--fhir', 'https://x.example/fhir', '--policy', '/no/such/file.json'], 'cannot read policy file /no/such/file.json'],
  ])('rejects %j with one clear line and exit 2', async (argv, message) => {
    const run = await audit(argv);
    expect(run.code).toBe(AUDIT_EXIT.usage);
    const [first, second, third] = run.stderr.split('\n');
    expect(first).toContain(message);
    expect(first).toMatch(/^audit: /);
    expect(second).toMatch(/^usage: npm run audit/);
    expect(third).toBe('');
    expect(run.stdout).toBe('');
  });

  it('rejects a policy file with a bad field, naming the field', async () => {
    const file = join(work, 'policy.json');
    await writeFile(file, JSON.stringify({ rag: { green: 2 } }));
    const run = await audit(['--from-ndjson', ndjson, '--policy', file]);
    expect(run.code).toBe(AUDIT_EXIT.usage);
    expect(run.stderr).toMatch(/^audit: policy rag.green: must be a fraction between 0 and 1/);
  });

  it('applies a valid policy file', async () => {
    const file = join(work, 'strict.json');
    await writeFile(file, JSON.stringify({ rag: { green: 0.99, amber: 0.98 } }));
    const out = join(work, 'out-policy');
    const run = await audit(['--from-ndjson', ndjson, '--out', out, '--now', NOW, '--policy', file]);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    const coverage = await coverageIn(out);
    expect(coverage.policy.rag).toEqual({ green: 0.99, amber: 0.98 });
    expect(coverage.patients).toEqual(expected.patients);
  });

  it('prints the usage on --help and exits 0', async () => {
    const run = await audit(['--help']);
    expect(run).toMatchObject({ code: AUDIT_EXIT.ok, stderr: '' });
    expect(run.stdout).toMatch(/^usage: npm run audit/);
  });
});

describe('audit against a FHIR server', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, ...CASELOAD });
  }, 120_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  it.each([
    ['bulk $export', ['--bulk']],
    ['paged search', ['--search']],
    ['the way the CapabilityStatement offers', []],
  ])('gives exactly the in-memory audit when pulled by %s', async (_label, mode) => {
    const out = join(work, `out-server-${mode.join('') || 'auto'}`);
    const run = await audit(['--fhir', sandbox.fhirBase, ...mode, '--out', out, '--now', NOW]);
    expect(run.stderr).not.toContain('INCOMPLETE');
    expect(run.code).toBe(AUDIT_EXIT.ok);
    expect(await coverageIn(out)).toEqual(expected);
  });

  it('audits one team’s caseload with --group, counting its carers’ assessment offers exactly as the system-level audit’s row for that team', async () => {
    const out = join(work, 'out-group');
    const run = await audit(['--fhir', sandbox.fhirBase, '--group', 'team-cmht-north', '--bulk', '--out', out, '--now', NOW]);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    const coverage = await coverageIn(out);
    const team = expected.byTeam.find((t) => t.team === 'Community Mental Health Team North');
    expect(coverage.patients.total).toBe(team?.patients.total);
    expect(coverage.carers.total).toBe(team?.carers.total);
    // The carers' assessment Tasks are outside the Group's export (not in the Patient compartment):
    // they are read after it, so the team's offers count exactly as in the system-level audit.
    expect(coverage.byTeam).toEqual([team]);
    expect(coverage.carers.assessment.offered + coverage.carers.assessment.accepted + coverage.carers.assessment.declined + coverage.carers.assessment.completed).toBeGreaterThan(0);
  });

  it('pulls several Groups at once and merges them, each team exactly as in the whole', async () => {
    const out = join(work, 'out-groups');
    const teams = ['Community Mental Health Team North', 'Early Intervention in Psychosis'];
    const run = await audit(['--fhir', sandbox.fhirBase, '--group', 'team-cmht-north', '--group', 'team-eip', '--bulk', '--out', out, '--now', NOW]);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    const coverage = await coverageIn(out);
    const expectedTeams = expected.byTeam.filter((t) => t.team !== null && teams.includes(t.team));
    expect(coverage.byTeam).toEqual(expectedTeams);
    expect(coverage.patients.total).toBe(expectedTeams.reduce((n, t) => n + t.patients.total, 0));
  });

  it('rejects the same Group named twice', async () => {
    const run = await audit(['--fhir', sandbox.fhirBase, '--group', 'a', '--group', 'a']);
    expect(run.code).toBe(AUDIT_EXIT.usage);
    expect(run.stderr).toMatch(/^audit: --group names the same Group twice/);
  });

  it('fails with one line and exit 1 when the server cannot be reached', async () => {
    const port = await closedPort();
    const out = join(work, 'out-unreachable');
    const run = await audit(['--fhir', `http://127.0.0.1:${port}/fhir`, '--out', out, '--now', NOW]);
    expect(run.code).toBe(AUDIT_EXIT.failed);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^audit: \S/);
    expect(lines.filter((l) => !l.startsWith('audit: ')).length).toBe(0);
    await expect(readdir(out)).rejects.toThrow();
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
