/**
 * Property-style: toCarerContext never throws, whatever it is fed, and its warnings never carry
 * patient data. Inputs come from a seeded generator so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import { UNREADABLE, toCarerContext } from '../../../adapter/mapping/carerContext';
import { READ_OPTIONS, CarerGrace, ConsentGracePartial, PatientAlex, TaskGraceCompleted, alexRecord, asJson } from '../../fixtures/fhir/personas';

type Json = Record<string, unknown>;
const options = { ...READ_OPTIONS };

/** Mulberry32: small, seeded, good enough to shuffle junk. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK: unknown[] = [
  null,
  undefined,
  0,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'Patient',
  'x'.repeat(100_000),
  true,
  [],
  [[]],
  {},
  { resourceType: null },
  { resourceType: 42 },
  { resourceType: 'Patient', id: { nested: true } },
  { resourceType: 'Bundle', entry: 'nope' },
  { resourceType: 'Bundle', entry: [null, 1, { resource: 'x' }, { fullUrl: 5 }] },
  { resourceType: '__proto__', id: 'x' },
  { resourceType: 'constructor', id: 'x' },
];

/** Replaces one element at a random path with junk. */
function mutate(value: unknown, next: () => number, depth = 0): unknown {
  if (typeof value !== 'object' || value === null || depth > 6 || next() < 0.15) return JUNK[Math.floor(next() * JUNK.length)];
  const copy: Json | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Json) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return JUNK[Math.floor(next() * JUNK.length)];
  const key = keys[Math.floor(next() * keys.length)] as string;
  (copy as Json)[key] = mutate((copy as Json)[key], next, depth + 1);
  return copy;
}

function deep(levels: number, key: string): Json {
  const root: Json = {};
  let cursor = root;
  for (let i = 0; i < levels; i += 1) {
    const child: Json = {};
    cursor[key] = [child];
    cursor = child;
  }
  return root;
}

const expectNoThrow = (input: unknown, patient?: string): ReturnType<typeof toCarerContext> => {
  let result: ReturnType<typeof toCarerContext> | undefined;
  expect(() => {
    result = toCarerContext(input as readonly unknown[], patient === undefined ? options : { ...options, patient });
  }).not.toThrow();
  // Not thrown, and not caught by the last-resort guard either: every failure has a specific reason.
  if (result && !result.ok) expect(result.reason).not.toBe(UNREADABLE);
  return result as ReturnType<typeof toCarerContext>;
};

// Heavy inputs on a shared machine: generous timeouts (performance is measured by benchmarks, not here).
describe('toCarerContext never throws', { timeout: 60_000 }, () => {
  it.each(JUNK.map((j) => [j]))('on the single input %#', (junk) => {
    expectNoThrow(junk);
    expectNoThrow([junk]);
    expectNoThrow([asJson(PatientAlex), junk]);
  });

  it('on 1,000 random mutations of a real record, and names nobody in its warnings', () => {
    const next = random(20261123);
    for (let i = 0; i < 1_000; i += 1) {
      const record = alexRecord.map((r) => asJson(r));
      const index = Math.floor(next() * record.length);
      record[index] = mutate(record[index], next);
      const result = expectNoThrow(next() < 0.5 ? record : [{ resourceType: 'Bundle', type: 'searchset', entry: record.map((resource) => ({ resource })) }]);
      if (result.ok) {
        const warnings = JSON.stringify(result.context.warnings);
        expect(warnings).not.toMatch(/Grace|Henry|Alex Example|9990000018/);
      }
    }
  });

  it('on absurdly deep nesting in every place that nests', () => {
    const patient = asJson(PatientAlex);
    const consent = { ...(asJson(ConsentGracePartial) as Json), provision: { type: 'permit', ...deep(50_000, 'provision') } };
    const carer = { ...(asJson(CarerGrace) as Json), extension: deep(50_000, 'extension').extension };
    const task = { ...(asJson(TaskGraceCompleted) as Json), contained: [deep(50_000, 'modifierExtension')] };
    let bundle: Json = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient }] };
    for (let i = 0; i < 10_000; i += 1) bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: bundle }] };
    const result = expectNoThrow([patient, consent, carer, task, bundle]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.context.warnings.length).toBeGreaterThan(0);
  });

  it('on wrong types for every element the code reads', () => {
    const wrong = [1, 'x', true, null, {}, [], [1], [null], [{}]];
    const fields = ['id', 'meta', 'patient', 'relationship', 'name', 'telecom', 'birthDate', 'period', 'extension', 'active', 'address'];
    for (const field of fields) {
      for (const value of wrong) {
        expectNoThrow([asJson(PatientAlex), { ...(asJson(CarerGrace) as Json), [field]: value }]);
        expectNoThrow([{ ...(asJson(PatientAlex) as Json), [field]: value }]);
        expectNoThrow([asJson(PatientAlex), asJson(CarerGrace), { ...(asJson(ConsentGracePartial) as Json), [field === 'name' ? 'provision' : field]: value }]);
      }
    }
  });

  it('on huge strings, without copying them into warnings', () => {
    const huge = 'A'.repeat(1_000_000);
    const result = expectNoThrow([asJson(PatientAlex), { ...(asJson(CarerGrace) as Json), id: huge }, { ...(asJson(CarerGrace) as Json), id: 'g2', patient: { reference: huge } }]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(JSON.stringify(result.context.warnings).length).toBeLessThan(1_000);
  });

  it('on a patient with 5,000 RelatedPersons, each with a Consent and an offer', () => {
    const resources: unknown[] = [asJson(PatientAlex)];
    for (let i = 0; i < 5_000; i += 1) {
      resources.push({ ...(asJson(CarerGrace) as Json), id: `rp${i}` });
      resources.push({ ...(asJson(ConsentGracePartial) as Json), id: `c${i}`, provision: { type: 'permit', actor: [{ role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] }, reference: { reference: `RelatedPerson/rp${i}` } }] } });
      resources.push({ ...(asJson(TaskGraceCompleted) as Json), id: `t${i}`, for: { reference: `RelatedPerson/rp${i}` } });
    }
    const result = expectNoThrow(resources);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.context.carers).toHaveLength(5_000);
    expect(result.context.carers.every((c) => c.consent.decision === 'permit' && c.assessment.status === 'completed')).toBe(true);
  });
});
