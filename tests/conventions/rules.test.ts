/**
 * Conventions as code: one prompt rule per file named for its code, listed once in the index, with
 * its own test file and a documented commitment; and shared/ stays pure (no I/O, no upper layers).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROMPT_CODES, type CarerContext, type PromptCode } from '../../shared/domain/types';
import { PROMPT_RULES } from '../../shared/prompts/index';
import { FormerFriend, GraceMother, JaneDaughter, LeoYoungSon, NOW, PatientAlex, PatNeighbour, POLICY, TomBrother, carerWith, contextWith } from '../shared/fixtures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROMPTS_DIR = join(ROOT, 'shared/prompts');
const PROMPT_TESTS_DIR = join(ROOT, 'tests/shared/prompts');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Records that, between them, call for every prompt code. */
const CONTEXTS: CarerContext[] = [
  contextWith(),
  contextWith({ askedNoCarers: { list: 'List/1', askedOn: '2020-01-01' } }),
  contextWith({
    carers: [
      GraceMother,
      JaneDaughter,
      TomBrother,
      PatNeighbour,
      FormerFriend,
      LeoYoungSon,
      carerWith(JaneDaughter, { reference: 'RelatedPerson/d1', consent: { decision: 'deny', recordedOn: '2020-01-01' }, assessment: { status: 'completed', completedOn: '2020-01-01' } }),
      carerWith(JaneDaughter, { reference: 'RelatedPerson/d2', consent: { decision: 'unknown' }, relationships: [], identifiedOn: '2020-01-01', assessment: { status: 'offered', offeredOn: '2020-01-01' } }),
      carerWith(JaneDaughter, { reference: 'RelatedPerson/d3', identifiedOn: '2020-01-01' }),
      carerWith(GraceMother, { reference: 'RelatedPerson/g1', name: 'Gail', consent: { decision: 'conflict', conflicting: ['Consent/a', 'Consent/b'] } }),
      carerWith(GraceMother, { reference: 'RelatedPerson/g2', name: 'Gwen', consent: { decision: 'permit', recordedOn: '2026-03-01', futureDated: ['Consent/typo'] }, paidCareWorker: true }),
      carerWith(JaneDaughter, { reference: 'RelatedPerson/e1', enquiries: [{ communication: 'Communication/q1', receivedOn: '2026-05-01' }] }),
      carerWith(LeoYoungSon, { reference: 'RelatedPerson/l17', name: 'Lou', birthDate: '2009-01-01' }),
      carerWith(GraceMother, { reference: 'RelatedPerson/g3', name: 'Gina', assessment: { ...GraceMother.assessment, referral: 'Task/ref', referredOn: '2026-03-01' } }),
    ],
    orphanConsents: [{ consent: 'Consent/o', decision: 'permit' }],
    carePlans: [{ reference: 'CarePlan/p', kind: 'crisis-plan', involves: [] }],
  }),
  // Issue 11 items 5 and 8: an inpatient episode in progress, and an accepted assessment long overdue.
  contextWith({
    patient: { ...PatientAlex, episodes: [{ reference: 'EpisodeOfCare/ward', status: 'current', start: '2026-06-01', inpatient: true, detained: false }] },
    carers: [carerWith(JaneDaughter, { reference: 'RelatedPerson/a1', assessment: { status: 'accepted', offeredOn: '2020-01-01', respondedOn: '2020-01-02' } })],
  }),  // Think Family: a parent (a daughter recorded, not a carer) not yet asked about children who help.
  contextWith({ askedNoCarers: { list: 'List/2', askedOn: '2026-06-01' }, carers: [carerWith(JaneDaughter, { reference: 'RelatedPerson/c1', familyCodes: ['DAUC'], carerStatus: 'not-carer' })] }),
];

describe('prompt rule conventions', () => {
  const ruleFiles = readdirSync(PROMPTS_DIR).filter((f) => f.endsWith('.ts'));

  it.each([...PROMPT_CODES])('%s has a rule file, an index entry and a test file', (code) => {
    expect(ruleFiles).toContain(`${code}.ts`);
    expect(typeof PROMPT_RULES[code]).toBe('function');
    expect(readdirSync(PROMPT_TESTS_DIR)).toContain(`${code}.test.ts`);
  });

  it('has no file in shared/prompts but the rules and the index', () => {
    const expected = [...PROMPT_CODES.map((code) => `${code}.ts`), 'index.ts'].sort();
    expect(ruleFiles.sort()).toEqual(expected);
  });

  it.each([...PROMPT_CODES])('%s documents the commitment it serves', async (code) => {
    const module: unknown = await import(`../../shared/prompts/${code}.ts`);
    const commitment = (module as { COMMITMENT?: unknown }).COMMITMENT;
    expect(typeof commitment).toBe('string');
    expect(String(commitment).trim().length).toBeGreaterThan(20);
    expect(readFileSync(join(PROMPTS_DIR, `${code}.ts`), 'utf8')).toMatch(new RegExp(`^/\\*\\*\\n \\* ${code}: `));
  });

  it('every rule produces prompts of its own code, each carrying a commitment', () => {
    const produced = new Set<PromptCode>();
    for (const ctx of CONTEXTS) {
      for (const code of PROMPT_CODES) {
        for (const prompt of PROMPT_RULES[code](ctx, POLICY, NOW)) {
          expect(prompt.code).toBe(code);
          expect(prompt.commitment.trim()).not.toBe('');
          expect(prompt.actions.length).toBeGreaterThan(0);
          produced.add(code);
        }
      }
    }
    expect([...produced].sort()).toEqual([...PROMPT_CODES].sort());
  });
});

describe('shared/ is pure', () => {
  const sources = filesUnder(join(ROOT, 'shared')).filter((f) => /\.(ts|tsx)$/.test(f));
  const FORBIDDEN = /^(node:|.*\/(adapter|extension|sandbox)(\/|$)|fhir-kit-client$|wxt|#imports$)/;
  const SPECIFIERS = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources.map((f) => [relative(ROOT, f), f]))('%s imports nothing from adapter/, extension/, sandbox/ or node:', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(SPECIFIERS)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
    expect(specifiers.filter((s) => FORBIDDEN.test(s))).toEqual([]);
  });

  it('recognises a forbidden import when it sees one', () => {
    const text = "import { x } from '../adapter/fhir';\nimport type { Y } from 'node:fs';\nexport * from '../../extension/a';\nconst z = import('../sandbox/b');";
    const specifiers = [...text.matchAll(SPECIFIERS)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
    expect(specifiers.filter((s) => FORBIDDEN.test(s))).toEqual(['../adapter/fhir', 'node:fs', '../../extension/a', '../sandbox/b']);
  });
});
