/**
 * `npm run audit` flags for measures a carers' lead can act on (issue 12 items 3–4): --since and
 * --as-at choose the caseload, --worklist writes who needs follow-up (patient-identifiable, owner-only,
 * never by default), --compare adds the change since the last audit and refuses a file that is not
 * a coverage.json.
 */
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EXIT, auditMain } from '../../adapter/cli/auditMain';
import { PID_BANNER } from '../../adapter/audit/report/worklist';
import { CoverageSchema, type Coverage } from '../../shared/audit/coverage';
import { generateCaseload } from '../../sandbox/generate/caseload';
import { writeNdjson } from '../../sandbox/ndjson';

const NOW = '2026-11-23T12:00:00Z';
const CASELOAD = { patients: 120, seed: 11, now: new Date(NOW) };

async function audit(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await auditMain(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), sleep: async () => {} });
  return { code, stdout, stderr };
}

const coverageIn = async (dir: string): Promise<Coverage> => CoverageSchema.parse(JSON.parse(await readFile(join(dir, 'coverage.json'), 'utf8')));

let work: string;
let ndjson: string;
let nhsNumbers: string[];
/** Each generated patient's earliest episode start (a patient admitted later has an earlier community episode too). */
let episodeStarts: string[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'audit-measures-cli-'));
  ndjson = join(work, 'export');
  const resources = [...generateCaseload(CASELOAD)];
  await writeNdjson(ndjson, resources);
  nhsNumbers = resources.flatMap((r) => ((r as { resourceType?: string }).resourceType === 'Patient' ? ((r as { identifier?: { value?: string }[] }).identifier ?? []).map((i) => i.value ?? '') : [])).filter((v) => /^\d{10}$/.test(v));
  // Deceased patients are counted apart (population.excluded.deceasedPatients), before the caseload test.
  const deceased = new Set(
    resources.flatMap((r) => {
      const patient = r as { resourceType?: string; id: string; deceasedBoolean?: boolean; deceasedDateTime?: string };
      const died = patient.deceasedBoolean !== undefined || patient.deceasedDateTime !== undefined;
      return patient.resourceType === 'Patient' && died ? [`Patient/${patient.id}`] : [];
    }),
  );
  const earliest = new Map<string, string>();
  for (const r of resources) {
    const episode = r as { resourceType?: string; patient?: { reference?: string }; period?: { start?: string } };
    const patient = episode.patient?.reference ?? '';
    if (episode.resourceType !== 'EpisodeOfCare' || deceased.has(patient)) continue;
    const start = episode.period?.start ?? '';
    const seen = earliest.get(patient);
    if (seen === undefined || start < seen) earliest.set(patient, start);
  }
  episodeStarts = [...earliest.values()];
  // A patient discharged in 2016 and one discharged in August 2026, each with a finished episode of care only.
  const discharged = (id: string, end: string) => [
    JSON.stringify({ resourceType: 'Patient', id }),
    JSON.stringify({ resourceType: 'EpisodeOfCare', id: `${id}-episode`, status: 'finished', patient: { reference: `Patient/${id}` }, period: { start: '2015-01-10', end } }),
  ];
  await writeFile(join(ndjson, 'Discharged.ndjson'), [...discharged('gone-2016', '2016-05-01'), ...discharged('gone-2026', '2026-08-01')].join('\n') + '\n');
}, 60_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the caseload audited', () => {
  it('leaves patients discharged before the audit date out by default, and counts those discharged since --since', async () => {
    const now = join(work, 'out-now');
    const since = join(work, 'out-since');
    expect((await audit(['--from-ndjson', ndjson, '--out', now, '--now', NOW])).code).toBe(AUDIT_EXIT.ok);
    expect((await audit(['--from-ndjson', ndjson, '--out', since, '--now', NOW, '--since', '2026-06-01'])).code).toBe(AUDIT_EXIT.ok);
    const [current, wider] = [await coverageIn(now), await coverageIn(since)];
    expect(current.population.excluded.notInCaseload).toBe(2);
    expect(wider.population.excluded.notInCaseload).toBe(1);
    expect(wider.patients.total).toBe(current.patients.total + 1);
    expect(wider.population.caseload).toEqual({ basis: 'episode-of-care', from: '2026-06-01', to: '2026-11-23' });
  });

  it('takes --as-at as the audit date, and refuses it with --now', async () => {
    const out = join(work, 'out-as-at');
    expect((await audit(['--from-ndjson', ndjson, '--out', out, '--as-at', '2026-07-01'])).code).toBe(AUDIT_EXIT.ok);
    const coverage = await coverageIn(out);
    expect(coverage.asOf).toBe('2026-07-01');
    // Discharged in August 2026: on the caseload on 1 July; not yet on it, those whose first episode started after 1 July.
    const startedLater = episodeStarts.filter((start) => start.slice(0, 10) > '2026-07-01').length;
    expect(startedLater).toBeGreaterThan(0);
    expect(coverage.population.excluded.notInCaseload).toBe(1 + startedLater);
    const both = await audit(['--from-ndjson', ndjson, '--out', out, '--as-at', '2026-07-01', '--now', NOW]);
    expect(both.code).toBe(AUDIT_EXIT.usage);
    expect(both.stderr).toContain('--as-at and --now both set the audit date');
  });
});

describe('--worklist', () => {
  it('is never written by default, and a default run removes one an earlier run left', async () => {
    const out = join(work, 'out-worklist-default');
    await audit(['--from-ndjson', ndjson, '--out', out, '--now', NOW, '--worklist']);
    expect(await readdir(out)).toContain('worklist.csv');
    const run = await audit(['--from-ndjson', ndjson, '--out', out, '--now', NOW]);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    const files = await readdir(out);
    expect(files).not.toContain('worklist.csv');
    expect(files).not.toContain('worklist.html');
    for (const name of files) {
      const text = await readFile(join(out, name), 'utf8');
      expect(nhsNumbers.filter((n) => text.includes(n))).toEqual([]);
    }
  });

  it('writes per team who has something overdue, which prompt and since when, owner-only, under a patient-identifiable banner', async () => {
    const out = join(work, 'out-worklist');
    const run = await audit(['--from-ndjson', ndjson, '--out', out, '--now', NOW, '--worklist']);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    expect(run.stdout).toContain('PATIENT-IDENTIFIABLE');
    const coverage = await coverageIn(out);
    for (const name of ['worklist.csv', 'worklist.html']) expect((await stat(join(out, name))).mode & 0o777).toBe(0o600);
    const csv = (await readFile(join(out, 'worklist.csv'), 'utf8')).slice(1).split('\r\n');
    expect(csv[0]).toContain('PATIENT-IDENTIFIABLE DATA');
    expect(csv[1]).toBe('team,nhsNumber,patient,carer,prompt,overdue,dueSince,asOf');
    const rows = csv.slice(2).filter((line) => line !== '');
    const prompts = (code: string) => rows.filter((r) => r.includes(`,${code},`)).length;
    // Every row is a count in the report: the worklist and coverage.json never disagree.
    expect(prompts('identify-carers')).toBe(coverage.patients.neverAsked + coverage.patients.askedNoCarersStale);
    expect(prompts('record-consent')).toBe(coverage.carers.consent.none);
    expect(prompts('assessment-review-due')).toBe(coverage.carers.assessmentReviewOverdue);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /,\d{4}-\d{2}-\d{2},2026-11-23$|,date not recorded,2026-11-23$/.test(r))).toBe(true);
    expect(rows.some((r) => nhsNumbers.some((n) => r.includes(n)))).toBe(true);
    const page = await readFile(join(out, 'worklist.html'), 'utf8');
    expect(page).toContain(PID_BANNER.slice(0, 60));
    expect(page).toContain('@page { size: A4');
    const report = await readFile(join(out, 'report.html'), 'utf8');
    expect(report).toContain('worklist.csv, worklist.html');
    expect(nhsNumbers.filter((n) => report.includes(n))).toEqual([]);
  });
});

describe('--compare', () => {
  it('adds the change since the last audit to the report', async () => {
    const before = join(work, 'out-before');
    const after = join(work, 'out-after');
    await audit(['--from-ndjson', ndjson, '--out', before, '--now', '2026-08-01']);
    const run = await audit(['--from-ndjson', ndjson, '--out', after, '--now', NOW, '--compare', join(before, 'coverage.json')]);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    const report = await readFile(join(after, 'report.html'), 'utf8');
    expect(report).toContain('Change since the last audit (as at 1 Aug 2026)');
    expect(report).toMatch(/<td>[+−][\d.]+ points<\/td>|<td>no change<\/td>/);
  });

  it.each([
    ['a file that is not JSON', 'not json', /is not JSON/],
    ['JSON that is not a coverage.json', JSON.stringify({ patients: 3 }), /is not a coverage\.json written by the audit \(patients: /],
  ])('refuses %s with one line, exit 2 and no outputs', async (_label, content, message) => {
    const bad = join(work, `bad-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(bad, content);
    const out = join(work, `out-bad-${Math.random().toString(36).slice(2)}`);
    const run = await audit(['--from-ndjson', ndjson, '--out', out, '--now', NOW, '--compare', bad]);
    expect(run.code).toBe(AUDIT_EXIT.usage);
    expect(run.stderr).toMatch(message);
    await expect(readdir(out)).rejects.toThrow();
  });
});
