/**
 * Issue 8's eleven findings as scenario records (tests/fixtures/consent/*.json, one FHIR Bundle each),
 * run through the real commands: `carers explain --json` (the reading the panel shows) and, where a
 * finding changes a count, `audit --from-ndjson` on the same resources. Each expectation is what a
 * clinician or an auditor must be told; the closing note of the issue lists them before and after.
 */
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMain } from '../../adapter/cli/auditMain';
import { CoverageSchema, type Coverage } from '../../shared/audit/coverage';
import type { CarerReport } from '../../shared/report/carerReport';
import { explainFile, runCarers } from './support/commands';

const NOW = '2026-11-23T12:00:00Z';
const FIXTURES = fileURLToPath(new URL('../fixtures/consent/', import.meta.url));
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'consent-scenarios-'));
});

/** `carers explain` as text. */
async function explainText(scenario: string): Promise<string> {
  const { code, stdout, stderr } = await runCarers(['explain', join(FIXTURES, `${scenario}.json`), '--now', NOW]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

/** `carers explain --json`: the contract other tools read. */
async function explain(scenario: string): Promise<{ report: CarerReport }> {
  return { report: await explainFile(join(FIXTURES, `${scenario}.json`), NOW) };
}

/** The same resources as a bulk export folder (one NDJSON file per type), audited as at NOW. */
async function audit(scenario: string, reversed = false): Promise<Coverage> {
  const bundle = JSON.parse(await readFile(join(FIXTURES, `${scenario}.json`), 'utf8')) as { entry: { resource: { resourceType: string } }[] };
  const resources = bundle.entry.map((e) => e.resource);
  const dir = join(work, `${scenario}${reversed ? '-reversed' : ''}`);
  const out = join(dir, 'out');
  await mkdir(dir, { recursive: true });
  const byType = new Map<string, string[]>();
  for (const resource of reversed ? [...resources].reverse() : resources) byType.set(resource.resourceType, [...(byType.get(resource.resourceType) ?? []), JSON.stringify(resource)]);
  for (const [type, lines] of byType) await writeFile(join(dir, `${type}.ndjson`), `${lines.join('\n')}\n`);
  const code = await auditMain(['--from-ndjson', dir, '--now', NOW, '--out', out], { stdout: () => {}, stderr: () => {}, sleep: async () => {} });
  expect(code).toBe(0);
  return CoverageSchema.parse(JSON.parse(await readFile(join(out, 'coverage.json'), 'utf8')));
}

const decisionOf = (report: CarerReport, carer: string) => report.carers.find((c) => c.reference === `RelatedPerson/${carer}`)?.consent;
const promptsFor = (report: CarerReport, carer?: string) => report.prompts.filter((p) => (carer === undefined ? true : p.carer === `RelatedPerson/${carer}`)).map((p) => p.code);

describe('issue 8 scenarios: what the panel, carers and the audit say', () => {
  it('has one Bundle per scenario, each naming the finding it reproduces', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it('1. a permit for everyone with a nested refusal for the father: the father is refused (listen prompt), the mother agreed', async () => {
    const { report } = await explain('01-refused-for-one-carer');
    expect(decisionOf(report, 'father')?.decision).toBe('deny');
    expect(promptsFor(report, 'father')).toContain('consent-declined-still-listen');
    expect(decisionOf(report, 'mother')?.decision).toBe('permit');
    const coverage = await audit('01-refused-for-one-carer');
    expect(coverage.carers.consent).toMatchObject({ deny: 1, permit: 1, partial: 0 });
  });

  it('2. a permit narrowed at its top level to appointment times is partial, saying what may be shared', async () => {
    const { report } = await explain('02-permit-narrowed-at-top');
    expect(decisionOf(report, 'mother')).toMatchObject({ decision: 'partial', mayShare: ['Appointment times'] });
  });

  it.each([
    ['03a-same-datetime-tie', 'two decisions at the same dateTime'],
    ['03b-undated-newer-refusal', 'a newer refusal without a date'],
    ['03c-date-only-refusal-same-day', 'a date-only refusal later on the day of a timed permit'],
  ])('3. %s (%s): a conflict, never permission, the same in the panel and in the audit whatever the order', async (scenario) => {
    const { report } = await explain(scenario);
    expect(decisionOf(report, 'mother')?.decision).toBe('conflict');
    expect(promptsFor(report, 'mother')).toContain('consent-conflict');
    for (const reversed of [false, true]) {
      const coverage = await audit(scenario, reversed);
      expect(coverage.carers.consent).toMatchObject({ conflict: 1, permit: 0, deny: 0 });
    }
  });

  it('4. a decision whose validity ended is expired (ask again); one whose validity has not started is not in force', async () => {
    const ended = await explain('04a-validity-ended');
    expect(decisionOf(ended.report, 'mother')?.decision).toBe('expired');
    expect(ended.report.prompts.find((p) => p.code === 'review-consent')?.summary).toMatch(/no longer valid — ask again/);
    const coverage = await audit('04a-validity-ended');
    expect(coverage.carers).toMatchObject({ consent: { expired: 1, permit: 0 }, consentPastReview: 1 });
    const notYet = await explain('04b-validity-not-started');
    expect(decisionOf(notYet.report, 'mother')?.decision).toBe('none');
    expect(promptsFor(notYet.report, 'mother')).toContain('record-consent');
  });

  it('5. a permission given by the carer is not the patient’s: cannot interpret, check in the EHR', async () => {
    const { report } = await explain('05-performer-is-the-carer');
    expect(decisionOf(report, 'mother')).toMatchObject({ decision: 'unknown', decidedBy: 'RelatedPerson/mother' });
    expect(promptsFor(report, 'mother')).toContain('consent-cannot-interpret');
  });

  it('6. a withdrawal is dated, the card says so, and asking again counts from it (no review prompt, not past review)', async () => {
    const { report } = await explain('06-withdrawn');
    expect(decisionOf(report, 'mother')).toMatchObject({ decision: 'withdrawn', withdrawnOn: '2026-11-20T10:00:00Z', reviewDue: '2027-11-20' });
    expect(promptsFor(report, 'mother')).not.toContain('review-consent');
    expect(await explainText('06-withdrawn')).toMatch(/consent: the patient withdrew consent, recorded 2025-01-10, withdrawn 2026-11-20/);
    const coverage = await audit('06-withdrawn');
    expect(coverage.carers).toMatchObject({ consent: { withdrawn: 1 }, consentPastReview: 0 });
  });

  it('7. a refusal whose actor has no role names that carer: refused, not "consent not recorded", no orphan', async () => {
    const { report } = await explain('07-refusal-actor-without-role');
    expect(decisionOf(report, 'father')?.decision).toBe('deny');
    expect(promptsFor(report)).not.toContain('consent-without-carer');
    expect(promptsFor(report, 'father')).not.toContain('record-consent');
  });

  it('8. "unable to decide at present" is recorded and read back: no record-consent prompt, asked again on the date set', async () => {
    const { report } = await explain('08-unable-to-decide');
    expect(decisionOf(report, 'mother')).toMatchObject({ decision: 'lacks-capacity', reviewDue: '2026-12-21' });
    expect(promptsFor(report, 'mother')).not.toContain('record-consent');
    expect(promptsFor(report, 'mother')).not.toContain('consent-cannot-interpret');
    expect((await audit('08-unable-to-decide')).carers.consent['lacks-capacity']).toBe(1);
  });

  it('9a. a deceased patient gets no consent or offer prompts; their carer may still be signposted; the audit leaves them out', async () => {
    const { report } = await explain('09a-deceased-patient');
    expect(promptsFor(report)).toEqual(['signpost-support']);
    const coverage = await audit('09a-deceased-patient');
    expect(coverage.patients.total).toBe(0);
    expect(coverage.population.excluded.deceasedPatients).toBe(1);
  });

  it('9b. a carer whose relationship ended is history: not listed, not prompted, not counted', async () => {
    const { report } = await explain('09b-ended-relationship');
    expect(report.carers.map((c) => c.reference)).toEqual(['RelatedPerson/father']);
    expect(promptsFor(report, 'mother')).toEqual([]);
    const coverage = await audit('09b-ended-relationship');
    expect(coverage.carers.total).toBe(1);
    expect(coverage.population.excluded.endedCarerRelationships).toBe(1);
  });

  it('9c. a paid care worker is never asked "is this person a carer?"', async () => {
    const { report } = await explain('09c-paid-care-worker');
    expect(promptsFor(report, 'worker')).toEqual([]);
  });

  it('9d. a person coded both paid and unpaid carer raises the contradiction', async () => {
    const { report } = await explain('09d-paid-and-carer-codes');
    expect(promptsFor(report, 'worker')).toContain('carer-coded-as-paid');
  });

  it('9e. SNOMED 133932002 "Caregiver (person)" is a possible carer to confirm as unpaid, not a confirmed carer', async () => {
    const { report } = await explain('09e-caregiver-person');
    expect(report.carers.find((c) => c.reference === 'RelatedPerson/helper')?.isCarer).toBe(false);
    expect(report.prompts.find((p) => p.code === 'confirm-carer-status')?.summary).toMatch(/confirm they are an unpaid carer/);
  });

  it('9f. the same carer recorded twice is raised as a possible duplicate, and the audit counts the person once', async () => {
    const { report } = await explain('09f-duplicated-carer');
    expect(promptsFor(report)).toContain('possible-duplicate-carer');
    const coverage = await audit('09f-duplicated-carer');
    expect(coverage.carers.total).toBe(1);
    expect(coverage.dataQuality.possibleDuplicateCarers).toBe(1);
  });

  it('10a. a research Consent naming the carer as informant is not a decision about sharing with them', async () => {
    const { report } = await explain('10a-research-consent');
    expect(decisionOf(report, 'mother')?.decision).toBe('none');
    expect(promptsFor(report, 'mother')).toContain('record-consent');
  });

  it('10b. a Consent with no patient is not this patient’s decision, and the command says so', async () => {
    const { report } = await explain('10b-consent-without-patient');
    expect(decisionOf(report, 'mother')?.decision).toBe('none');
    expect(report.warnings.join(' ')).toMatch(/no patient/);
    expect((await audit('10b-consent-without-patient')).carers.consent.permit).toBe(0);
  });

  it('10c. a permit dated 2062 never hides the refusal recorded since: refused, and the date raised', async () => {
    const { report } = await explain('10c-decision-dated-2062');
    expect(decisionOf(report, 'mother')?.decision).toBe('deny');
    expect(promptsFor(report, 'mother')).toContain('consent-dated-in-future');
    expect((await audit('10c-decision-dated-2062')).carers.consent).toMatchObject({ deny: 1, permit: 0 });
  });
});
