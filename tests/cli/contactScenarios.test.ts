/**
 * Issue 14: next of kin and emergency contacts kept in Patient.contact, as scenario records
 * (tests/fixtures/contacts/*.json, one FHIR Bundle each) and the official R4 Patient examples that
 * carry contacts (tests/fixtures/fhir/examples; their narrative `text` is left out), run through the
 * real `carers explain`.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditMain } from '../../adapter/cli/auditMain';
import { carersMain } from '../../adapter/cli/carersMain';
import { CoverageSchema, type Coverage } from '../../shared/audit/coverage';
import type { CarerReport } from '../../shared/report/carerReport';
import { explainFile } from './support/commands';

const NOW = '2026-11-23T12:00:00Z';
const CONTACTS = fileURLToPath(new URL('../fixtures/contacts/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../fixtures/fhir/examples/', import.meta.url));

const explain = (file: string, extra: string[] = []) => explainFile(file, NOW, extra);
const scenario = (name: string) => explain(join(CONTACTS, `${name}.json`));
const summaries = (report: CarerReport) => report.prompts.map((p) => p.summary);
const NO_CARER = /No carer recorded/;

describe('issue 14: carers where real records keep them (Patient.contact)', () => {
  it('asks whether a mother recorded only as next of kin in Patient.contact is a carer, and never says "no carer recorded"', async () => {
    const report = await scenario('01-mother-next-of-kin');
    expect(summaries(report)).toContain('Is Mary Smith (mother, next of kin) a carer? Ask and record the answer');
    expect(summaries(report)).toContain('Ask whether these contacts are carers: Mary Smith (mother, next of kin)');
    expect(summaries(report).some((s) => NO_CARER.test(s))).toBe(false);
    const ask = report.prompts.find((p) => p.code === 'confirm-carer-status');
    expect(ask?.contact).toMatch(/^Patient\/pat#contact-0-[0-9a-z]+$/);
    expect(report.contacts).toEqual([{ key: ask?.contact, name: 'Mary Smith', relationship: ['Mother'], roles: ['next-of-kin'] }]);
  });

  it('reads a contact coded only with a v2-0131 role (emergency contact)', async () => {
    const report = await scenario('02-emergency-contact-v2-only');
    expect(summaries(report)).toContain('Is Sam Jones (emergency contact) a carer? Ask and record the answer');
    expect(summaries(report).some((s) => NO_CARER.test(s))).toBe(false);
  });

  it('treats a contact whose period ended as history: not asked about', async () => {
    const report = await scenario('03-contact-ended');
    expect(report.prompts.filter((p) => p.contact !== undefined)).toEqual([]);
    expect(report.contacts).toBeUndefined();
    expect(summaries(report)).toContain('No carer recorded — ask now whether anyone supports the patient');
  });

  it('recognises a contact already recorded as a RelatedPerson carer (same telephone) as that one person: no second prompt', async () => {
    const report = await scenario('04-contact-already-a-carer');
    expect(report.carers.map((c) => c.reference)).toEqual(['RelatedPerson/mum']);
    expect(report.prompts.filter((p) => p.contact !== undefined)).toEqual([]);
    expect(report.prompts.some((p) => p.code === 'identify-carers')).toBe(false);
    expect(report.contacts?.[0]?.recordedAs).toBe('RelatedPerson/mum');
  });

  it('stops asking about a contact once a RelatedPerson for them records "not a carer" (same name and relationship)', async () => {
    const report = await scenario('05-contact-answered-not-carer');
    expect(report.prompts.filter((p) => p.code === 'confirm-carer-status')).toEqual([]);
    expect(report.contacts?.[0]?.recordedAs).toBe('RelatedPerson/mum');
  });

  it('does not ask whether an organisation contact (an employer) is a carer', async () => {
    const report = await scenario('06-organisation-contact');
    expect(report.prompts.filter((p) => p.code === 'confirm-carer-status')).toEqual([]);
    expect(summaries(report)).toContain('No carer recorded — ask now whether anyone supports the patient');
  });
});

describe('issue 14: every official R4 Patient example with contacts yields the right prompts', () => {
  it('patient-example: asks whether Bénédicte du Marché (next of kin) is a carer', async () => {
    const report = await explain(join(EXAMPLES, 'patient-example.json'));
    expect(summaries(report)).toContain('Is Bénédicte du Marché (next of kin) a carer? Ask and record the answer');
    expect(summaries(report).some((s) => NO_CARER.test(s))).toBe(false);
  });

  it('patient-example with relatedperson-example-benedicte: one person, asked about once (as the RelatedPerson)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contacts-'));
    const read = async (name: string) => JSON.parse(await readFile(join(EXAMPLES, name), 'utf8')) as unknown;
    const file = join(dir, 'bundle.json');
    const entry = [await read('patient-example.json'), await read('relatedperson-example-benedicte.json')].map((resource) => ({ resource }));
    await writeFile(file, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry }));
    const report = await explain(file);
    const asks = report.prompts.filter((p) => p.code === 'confirm-carer-status');
    expect(asks.map((p) => p.carer ?? p.contact)).toEqual(['RelatedPerson/benedicte']);
    expect(report.contacts?.[0]?.recordedAs).toBe('RelatedPerson/benedicte');
  });

  it('patient-example-f001-pieter: asks whether Sarah Abels (emergency contact) is a carer', async () => {
    const report = await explain(join(EXAMPLES, 'patient-example-f001-pieter.json'));
    expect(summaries(report)).toContain('Is Sarah Abels (emergency contact) a carer? Ask and record the answer');
    expect(summaries(report)).toContain('Ask whether these contacts are carers: Sarah Abels (emergency contact)');
  });

  it('patient-example-f201-roel: asks whether Ariadne Bor-Jansma (wife, next of kin) is a carer', async () => {
    const report = await explain(join(EXAMPLES, 'patient-example-f201-roel.json'));
    expect(summaries(report)).toContain('Is Ariadne Bor-Jansma (wife, next of kin) a carer? Ask and record the answer');
    expect(summaries(report).some((s) => NO_CARER.test(s))).toBe(false);
  });
});

describe('issue 14: carers explain as text', () => {
  it('lists the patient\'s contacts and whether each has been asked about', async () => {
    let stdout = '';
    const code = await carersMain(['explain', join(CONTACTS, '04-contact-already-a-carer.json'), '--now', NOW], { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(code).toBe(0);
    expect(stdout).toContain("Contacts on the patient's record (1)");
    expect(stdout).toContain('Mary Smith — Mother, next of kin  (recorded as RelatedPerson/mum)');
  });
});

describe('issue 14: carers explain is honest about the patient it reads', () => {
  it('exits non-zero with one clear line when --patient names a patient the file does not hold', async () => {
    let stdout = '';
    let stderr = '';
    const code = await carersMain(['explain', join(CONTACTS, '01-mother-next-of-kin.json'), '--patient', 'Patient/nobody', '--now', NOW], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/Patient\/nobody is not in .*01-mother-next-of-kin\.json/);
  });
});

/** The scenario's resources as a bulk export folder (one NDJSON file per type), audited as at NOW. */
async function audit(name: string): Promise<{ coverage: Coverage; csv: string; terminal: string }> {
  const bundle = JSON.parse(await readFile(join(CONTACTS, `${name}.json`), 'utf8')) as { entry: { resource: { resourceType: string } }[] };
  const dir = await mkdtemp(join(tmpdir(), `contacts-audit-${name}-`));
  const out = join(dir, 'out');
  await mkdir(out);
  const byType = new Map<string, string[]>();
  for (const { resource } of bundle.entry) byType.set(resource.resourceType, [...(byType.get(resource.resourceType) ?? []), JSON.stringify(resource)]);
  for (const [type, lines] of byType) await writeFile(join(dir, `${type}.ndjson`), `${lines.join('\n')}\n`);
  let terminal = '';
  const code = await auditMain(['--from-ndjson', dir, '--now', NOW, '--out', out], { stdout: (t) => (terminal += t), stderr: () => {}, sleep: async () => {} });
  expect(code).toBe(0);
  const coverage = CoverageSchema.parse(JSON.parse(await readFile(join(out, 'coverage.json'), 'utf8')));
  const csvFiles = (await readdir(out)).filter((f) => f.endsWith('.csv'));
  const csv = (await Promise.all(csvFiles.map((f) => readFile(join(out, f), 'utf8')))).join('\n');
  return { coverage, csv, terminal };
}

describe('issue 14: the audit and Patient.contact', () => {
  it('counts a next of kin never asked about as a data-quality figure, and does not count the patient as having a carer', async () => {
    const { coverage, csv, terminal } = await audit('01-mother-next-of-kin');
    expect(coverage.dataQuality.contactsNotAskedAbout).toBe(1);
    expect(coverage.patients.withCarer).toBe(0);
    expect(coverage.carers.total).toBe(0);
    expect(csv).toContain('dataQuality.contactsNotAskedAbout');
    expect(terminal).toContain('contacts never asked about 1');
  });

  it('counts a contact already recorded as a RelatedPerson carer once, as that carer, and not as a contact never asked about', async () => {
    const { coverage } = await audit('04-contact-already-a-carer');
    expect(coverage.dataQuality.contactsNotAskedAbout).toBe(0);
    expect(coverage.carers.total).toBe(1);
    expect(coverage.dataQuality.possibleDuplicateCarers).toBe(0);
  });

  it('does not count a contact whose period ended, or one answered "not a carer"', async () => {
    expect((await audit('03-contact-ended')).coverage.dataQuality.contactsNotAskedAbout).toBe(0);
    expect((await audit('05-contact-answered-not-carer')).coverage.dataQuality.contactsNotAskedAbout).toBe(0);
  });
});
