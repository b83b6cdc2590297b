import type { Group, Patient, Reference, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { generateCaseload } from '../../sandbox/generate/caseload';
import { Random } from '../../sandbox/generate/random';
import { TEAMS } from '../../sandbox/generate/teams';
import { PERSONAS } from '../../sandbox/personas';
import { isTestRangeNhsNumber, isValidNhsNumber } from '../../shared/nhsNumber';
import { SYSTEM } from '../../shared/terminology';
import { validateR4 } from '../support/validateR4';
import { TEST_NOW } from './support/fhirFetch';

const caseload = (patients: number, seed: number, now = TEST_NOW): Resource[] => [...generateCaseload({ patients, seed, now })];
const text = (resources: Resource[]) => resources.map((r) => JSON.stringify(r)).join('\n');

/** Every `reference` string anywhere in a resource. */
function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, out);
  else if (value && typeof value === 'object') {
    const ref = (value as Reference).reference;
    if (typeof ref === 'string') out.push(ref);
    for (const v of Object.values(value)) referencesIn(v, out);
  }
  return out;
}

describe('the random source', () => {
  it('repeats exactly for a seed and differs between seeds', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const run = (r: Random) => Array.from({ length: 5 }, () => r.next());
    const first = run(a);
    expect(run(b)).toEqual(first);
    expect(run(c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('generateCaseload', () => {
  it('gives the same bytes for the same seed and now', () => {
    expect(text(caseload(150, 9))).toBe(text(caseload(150, 9)));
  });

  it('gives a different caseload for a different seed', () => {
    expect(text(caseload(150, 9))).not.toBe(text(caseload(150, 10)));
  });

  it('streams: the first resources come before the rest is generated', () => {
    const iterator = generateCaseload({ patients: 1_000_000, seed: 1, now: TEST_NOW });
    const first = iterator.next();
    expect(first.value?.resourceType).toBe('Organization');
    iterator.return(undefined);
  });

  it('gives every resource a unique Type/id', () => {
    const refs = caseload(500, 4).map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('gives every patient a valid, unique NHS number from the never-issued 999 range', () => {
    const numbers = caseload(3000, 11)
      .filter((r): r is Patient => r.resourceType === 'Patient')
      .map((p) => p.identifier?.find((i) => i.system === SYSTEM.nhsNumber)?.value ?? '');
    expect(numbers).toHaveLength(3000 + Object.keys(PERSONAS).length);
    for (const n of numbers) {
      expect(isValidNhsNumber(n), n).toBe(true);
      expect(isTestRangeNhsNumber(n), n).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('writes only references that resolve inside the caseload', () => {
    const resources = caseload(400, 6);
    const known = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
    const dangling = resources.flatMap((r) => referencesIn(r).filter((ref) => !known.has(ref)).map((ref) => `${r.resourceType}/${r.id} → ${ref}`));
    expect(dangling).toEqual([]);
  });

  it('lists each team\'s patients in one Group per team, every patient in exactly one', () => {
    const resources = caseload(300, 8);
    const patients = resources.filter((r): r is Patient => r.resourceType === 'Patient');
    const groups = resources.filter((r): r is Group => r.resourceType === 'Group');
    expect(groups.map((g) => g.id).sort()).toEqual(TEAMS.map((t) => t.id).sort());
    const members = groups.flatMap((g) => (g.member ?? []).map((m) => ({ group: g.id, ref: m.entity.reference })));
    expect(members).toHaveLength(patients.length);
    for (const patient of patients) {
      const member = members.find((m) => m.ref === `Patient/${patient.id}`);
      expect(member?.group).toBe(patient.managingOrganization?.reference?.replace('Organization/', ''));
    }
    for (const group of groups) expect(group.quantity).toBe(group.member?.length ?? 0);
  });

  it('produces valid FHIR R4 for every resource of a sample caseload', () => {
    const problems = caseload(250, 12).flatMap((r) => validateR4(r).map((issue) => `${r.resourceType}/${r.id}: ${issue}`));
    expect(problems).toEqual([]);
  });

  it('rejects nonsensical options with a clear error', () => {
    expect(() => [...generateCaseload({ patients: -1, seed: 1, now: TEST_NOW })]).toThrow(/patients/);
    expect(() => [...generateCaseload({ patients: 1, seed: 1.5, now: TEST_NOW })]).toThrow(/seed/);
    expect(() => [...generateCaseload({ patients: 1, seed: 1, now: new Date('nope') })]).toThrow(/now/);
  });
});
