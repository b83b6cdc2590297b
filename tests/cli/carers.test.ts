import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../adapter/cli/carersMain';
import { CarerReportSchema } from '../../shared/report/carerReport';
import { alexRecord, CarerGrace, ConsentGracePermit, PatientAlex } from '../fixtures/fhir/personas';
import { runCarers } from './support/commands';

const carers = (...argv: string[]) => runCarers(argv);

const NOW = '2026-11-23T12:00:00Z';
let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carers-cli-'));
  const bundle = { resourceType: 'Bundle', type: 'searchset', entry: alexRecord.map((resource) => ({ resource })) };
  await writeFile(file('alex.json'), JSON.stringify(bundle));
  await writeFile(file('alex.ndjson'), alexRecord.map((r) => JSON.stringify(r)).join('\n'));
  await writeFile(file('grace.json'), JSON.stringify(CarerGrace));
  await writeFile(file('consent.json'), JSON.stringify(ConsentGracePermit));
  await writeFile(file('broken.json'), '{"resourceType": "Bundle", ');
  await writeFile(file('two-patients.ndjson'), `${JSON.stringify(PatientAlex)}\n${JSON.stringify({ ...PatientAlex, id: 'other' })}`);
  await writeFile(file('html-name.json'), JSON.stringify({ ...CarerGrace, name: [{ text: '<img src=x onerror=alert(1)>\u001b[2J' }] }));
  await writeFile(file('bidi-name.json'), JSON.stringify({ ...CarerGrace, name: [{ text: 'Saidha Khan \u202edetalor ton\u202c and\u200bco' }] }));
  await writeFile(file('policy.json'), JSON.stringify({ assessmentReviewMonths: 6 }));
  await writeFile(file('bad-policy.json'), JSON.stringify({ youngCarerUnderAge: 'eighteen' }));
});

describe('carers explain', () => {
  it('prints the stable JSON contract for a Bundle holding one patient', async () => {
    const run = await carers('explain', file('alex.json'), '--now', NOW, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(EXIT.ok);
    const report = CarerReportSchema.parse(JSON.parse(run.stdout));
    expect(report.patient).toEqual({ reference: 'Patient/alex', nhsNumber: '9990000018', name: 'Alex Example' });
    const grace = report.carers.find((c) => c.reference === 'RelatedPerson/grace');
    expect(grace).toMatchObject({ name: 'Grace Example', isCarer: true, relationship: ['Daughter'], young: false });
    expect(report.prompts.length).toBeGreaterThan(0);
    for (const prompt of report.prompts) expect(prompt.summary.length).toBeLessThan(140);
  });

  it('gives the same answer for the same record as NDJSON', async () => {
    const json = await carers('explain', file('alex.json'), '--now', NOW, '--json');
    const ndjson = await carers('explain', file('alex.ndjson'), '--now', NOW, '--json');
    expect(JSON.parse(ndjson.stdout)).toEqual(JSON.parse(json.stdout));
  });

  it('orders prompts critical, then warning, then info', async () => {
    const report = CarerReportSchema.parse(JSON.parse((await carers('explain', file('alex.json'), '--now', NOW, '--json')).stdout));
    const rank = { critical: 0, warning: 1, info: 2 } as const;
    const ranks = report.prompts.map((p) => rank[p.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('prints a human-readable summary by default', async () => {
    const run = await carers('explain', file('alex.json'), '--now', NOW);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain('Patient  Alex Example  NHS 999 000 0018  (Patient/alex)');
    expect(run.stdout).toMatch(/Carers \(\d+\)/);
    expect(run.stdout).toContain('Grace Example — Daughter');
    expect(run.stdout).toMatch(/Prompts \(\d+\)/);
  });

  it('explains a lone RelatedPerson against the patient it references', async () => {
    const run = await carers('explain', file('grace.json'), '--now', NOW, '--json');
    expect(run.code).toBe(EXIT.ok);
    const report = CarerReportSchema.parse(JSON.parse(run.stdout));
    expect(report.patient).toEqual({ reference: 'Patient/alex' });
    expect(report.carers.map((c) => c.reference)).toEqual(['RelatedPerson/grace']);
    expect(report.prompts.map((p) => p.code)).toContain('record-consent');
  });

  it('explains a lone Consent as a consent that names no carer of the patient', async () => {
    const run = await carers('explain', file('consent.json'), '--now', NOW, '--json');
    expect(run.code).toBe(EXIT.ok);
    const report = CarerReportSchema.parse(JSON.parse(run.stdout));
    expect(report.prompts.map((p) => p.code)).toContain('consent-without-carer');
  });

  it('prints names exactly as recorded, as text, with terminal control characters made visible', async () => {
    const json = CarerReportSchema.parse(JSON.parse((await carers('explain', file('html-name.json'), '--now', NOW, '--json')).stdout));
    expect(json.carers[0]?.name).toBe('<img src=x onerror=alert(1)>\u001b[2J');
    const text = (await carers('explain', file('html-name.json'), '--now', NOW)).stdout;
    expect(text).toContain('<img src=x onerror=alert(1)>\\u{1b}[2J');
    expect(text).not.toContain('\u001b');
  });

  it('shows bidi overrides and zero-width characters in names visibly, so no name reverses the wording around it, and keeps them in the JSON as recorded', async () => {
    const json = CarerReportSchema.parse(JSON.parse((await carers('explain', file('bidi-name.json'), '--now', NOW, '--json')).stdout));
    expect(json.carers[0]?.name).toBe('Saidha Khan \u202edetalor ton\u202c and\u200bco');
    const text = (await carers('explain', file('bidi-name.json'), '--now', NOW)).stdout;
    expect(text).toContain('Saidha Khan \\u{202e}detalor ton\\u{202c} and\\u{200b}co');
    expect(text).not.toMatch(/[\u200b\u202a-\u202e]/);
  });

  it('applies a policy file', async () => {
    const graceOf = async (...extra: string[]) =>
      CarerReportSchema.parse(JSON.parse((await carers('explain', file('alex.json'), '--now', NOW, '--json', ...extra)).stdout)).carers.find(
        (c) => c.reference === 'RelatedPerson/grace',
      );
    const byDefault = await graceOf();
    const withPolicy = await graceOf('--policy', file('policy.json'));
    expect(byDefault?.assessment.completedOn).toBe('2026-08-20');
    expect(byDefault?.assessment.reviewDue).toBe('2027-08-20');
    expect(withPolicy?.assessment.reviewDue).toBe('2027-02-20');
  });

  it.each([
    ['a file that does not exist', ['explain', '/nonexistent.json'], EXIT.failed, /^carers: no such file: \/nonexistent\.json\n$/],
    ['a file that is not FHIR', ['explain', 'BROKEN'], EXIT.failed, /^carers: .*neither FHIR JSON nor NDJSON/],
    ['a file about two patients', ['explain', 'TWO'], EXIT.failed, /^carers: the file does not name exactly one patient; say which with --patient/],
    ['a policy with a wrong type', ['explain', 'ALEX', '--policy', 'BADPOLICY'], EXIT.usage, /^carers: invalid policy in .*bad-policy\.json: youngCarerUnderAge must be an age in years\n/],
    ['an invalid --now', ['explain', 'ALEX', '--now', 'yesterday'], EXIT.usage, /^carers: --now must be an ISO date/],
    ['an unknown flag', ['explain', 'ALEX', '--colour'], EXIT.usage, /^carers: Unknown option '--colour'/],
    ['no file', ['explain'], EXIT.usage, /^carers: explain takes exactly one file/],
    ['an unknown command', ['frobnicate'], EXIT.usage, /^carers: unknown command "frobnicate"/],
    ['prompts without --fhir', ['prompts', '--patient', 'alex'], EXIT.usage, /^carers: --fhir is required/],
    ['prompts with a --fhir that is not a URL', ['prompts', '--fhir', 'localhost', '--patient', 'x'], EXIT.usage, /^carers: --fhir must be an http\(s\) URL/],
    ['prompts without --patient', ['prompts', '--fhir', 'http://127.0.0.1:9/fhir'], EXIT.usage, /^carers: --patient is required/],
    ['prompts with an http:// --fhir that is not this computer', ['prompts', '--fhir', 'http://fhir.trust.example/R4', '--patient', '9434765919'], EXIT.usage, /^carers: --fhir must start with https:\/\/ \(http:\/\/ only for this computer: localhost or 127\.0\.0\.1\)/],
  ])('fails on %s with one clear line and no stack trace', async (_label, argv, code, message) => {
    const substituted = argv.map((a) =>
      a === 'BROKEN' ? file('broken.json') : a === 'TWO' ? file('two-patients.ndjson') : a === 'ALEX' ? file('alex.json') : a === 'BADPOLICY' ? file('bad-policy.json') : a,
    );
    const run = await carers(...substituted);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('carers prompts', () => {
  it('fails with one clear line when the server cannot be reached', async () => {
    const run = await carers('prompts', '--fhir', 'http://127.0.0.1:9/fhir', '--patient', 'alex');
    expect(run.code).toBe(EXIT.failed);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toMatch(/^carers: /);
  });

  it('rejects an NHS number that fails the modulus 11 check before asking the server', async () => {
    const run = await carers('prompts', '--fhir', 'http://127.0.0.1:9/fhir', '--patient', '943 476 5910');
    expect(run.code).toBe(EXIT.failed);
    expect(run.stderr).toMatch(/NHS number/i);
  });
});
