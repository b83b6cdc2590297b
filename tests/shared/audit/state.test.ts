/**
 * Merge laws of the coverage reducer's state: a large organisation pulls its population in parts
 * (two Groups, two halves of an export) and combines them, so merging must give exactly the audit
 * of the whole — whatever the split, the order of resources, or the order parts are merged in.
 */
import { describe, expect, it } from 'vitest';
import type { AuditFact } from '../../../shared/audit/facts';
import { finaliseCoverage } from '../../../shared/audit/finalise';
import { addFact, emptyAuditState, mergeAuditStates, type AuditState } from '../../../shared/audit/state';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { NOW, askedNoCarers, carer, consent, episode, offer, patient } from './personas';
import { population, random } from './population';

function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const reduce = (facts: readonly AuditFact[]): AuditState => facts.reduce(addFact, emptyAuditState());
const finalise = (state: AuditState) => finaliseCoverage(state, DEFAULT_POLICY, NOW, { complete: true });

/** Splits facts at random into `parts` parts, each in shuffled order. */
function split(facts: readonly AuditFact[], parts: number, rand: () => number): AuditFact[][] {
  const out: AuditFact[][] = Array.from({ length: parts }, () => []);
  for (const fact of facts) (out[Math.floor(rand() * parts)] as AuditFact[]).push(fact);
  return out.map((part) => shuffle(part, rand));
}

/** Merges states in a random tree shape. */
function mergeInRandomOrder(states: AuditState[], rand: () => number): AuditState {
  const pool = [...states];
  while (pool.length > 1) {
    const i = Math.floor(rand() * pool.length);
    const [a] = pool.splice(i, 1);
    const j = Math.floor(rand() * pool.length);
    const [b] = pool.splice(j, 1);
    pool.push(mergeAuditStates(a as AuditState, b as AuditState));
  }
  return pool[0] ?? emptyAuditState();
}

const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

describe('merging partial audits', () => {
  it.each(SEEDS)('gives exactly the audit of the whole for a random split into parts (seed %i)', (seed) => {
    const rand = random(seed * 7919);
    const facts = population(seed, 60, { idlessMalformed: true });
    const whole = finalise(reduce(facts));
    const parts = split(facts, 2 + Math.floor(rand() * 4), rand).map(reduce);
    const merged = mergeInRandomOrder(parts, rand);
    expect(finalise(merged)).toEqual(whole);
    expect(merged).toEqual(reduce(facts));
  });

  it.each(SEEDS.slice(0, 10))('counts a resource read in two overlapping parts once (seed %i)', (seed) => {
    const rand = random(seed * 104729);
    const facts = population(seed, 40, { idlessMalformed: false });
    const a = facts.filter(() => rand() < 0.7);
    const b = facts.filter(() => rand() < 0.7);
    const missing = facts.filter((f) => !a.includes(f) && !b.includes(f));
    const merged = mergeAuditStates(reduce([...a, ...missing]), reduce(shuffle(b, rand)));
    expect(finalise(merged)).toEqual(finalise(reduce(facts)));
  });

  it.each(SEEDS.slice(0, 10))('is associative and commutative (seed %i)', (seed) => {
    const rand = random(seed * 31);
    const [a, b, c] = split(population(seed, 40, { idlessMalformed: true }), 3, rand).map(reduce) as [AuditState, AuditState, AuditState];
    const left = mergeAuditStates(mergeAuditStates(a, b), c);
    const right = mergeAuditStates(a, mergeAuditStates(b, c));
    expect(left).toEqual(right);
    expect(mergeAuditStates(a, b)).toEqual(mergeAuditStates(b, a));
    expect(finalise(left)).toEqual(finalise(right));
  });

  it('has the empty state as identity on both sides', () => {
    const state = reduce(population(99, 50, { idlessMalformed: true }));
    expect(mergeAuditStates(emptyAuditState(), state)).toEqual(state);
    expect(mergeAuditStates(state, emptyAuditState())).toEqual(state);
    expect(finalise(mergeAuditStates(emptyAuditState(), emptyAuditState()))).toEqual(finalise(emptyAuditState()));
  });

  it('leaves the states it merges unchanged', () => {
    const facts = population(5, 30, { idlessMalformed: true });
    const [a, b] = split(facts, 2, random(5)).map(reduce) as [AuditState, AuditState];
    const before = [structuredClone(a), structuredClone(b)];
    const merged = mergeAuditStates(a, b);
    addFact(merged, patient('added-later'));
    addFact(merged, askedNoCarers('later-list', 'p0'));
    expect([a, b]).toEqual(before);
  });

  it('makes the same choice whichever side holds which version of a record', () => {
    const a = reduce([patient('p', 'North'), carer('c', 'p', { active: true }), consent('k', 'p', ['c'], 'permit', '2026-01-01')]);
    const b = reduce([patient('p', 'South'), carer('c', 'p', { active: false }), consent('k', 'p', ['c'], 'deny', '2026-01-01')]);
    expect(mergeAuditStates(a, b)).toEqual(mergeAuditStates(b, a));
    expect(finalise(mergeAuditStates(a, b))).toEqual(finalise(mergeAuditStates(b, a)));
    expect(finalise(mergeAuditStates(a, b)).byTeam.map((t) => t.team)).toEqual(['North']);
  });

  it('joins a Consent in one half to its carer in the other', () => {
    const first = reduce([patient('p'), carer('c', 'p')]);
    const second = reduce([consent('k', 'p', ['c'], 'permit', '2026-01-01'), offer('t', 'c', 'completed', '2026-02-01')]);
    const coverage = finalise(mergeAuditStates(second, first));
    expect(coverage.carers.consent.permit).toBe(1);
    expect(coverage.carers.assessment.completed).toBe(1);
    expect(coverage.dataQuality.consentWithoutCarer).toBe(0);
  });

  it('exercises every count in the generated populations (so the laws are not tested on zeros)', () => {
    const coverage = finalise(reduce(population(3, 400, { idlessMalformed: true })));
    expect(coverage.patients.withCarer * coverage.patients.askedNoCarers * coverage.patients.neverAsked).toBeGreaterThan(0);
    expect(Object.values(coverage.carers.consent).every((n) => n > 0)).toBe(true);
    expect(Object.values(coverage.carers.assessment).every((n) => n > 0)).toBe(true);
    expect(coverage.carers.young * coverage.carers.consentPastReview * coverage.carers.offerNotWithinPolicy * coverage.carers.assessmentReviewOverdue).toBeGreaterThan(0);
    expect(coverage.dataQuality.consentWithoutCarer * coverage.dataQuality.carerWithoutContact * coverage.population.unreadableTotal).toBeGreaterThan(0);
    expect(coverage.byMonth.length).toBeGreaterThan(12);
  });
});

describe('choosing between two versions of one record', () => {
  // Two versions of a resource (the same id read in two parts, edited in between): the one whose
  // fields, written out in the order the adapter builds facts, sort last as JSON — the rule the
  // reducer has always applied, so a compact state changes no result.
  it('keeps the carer version whose canonical form sorts last, whichever is read first', () => {
    const active = carer('c', 'p', { active: true });
    const inactive = carer('c', 'p', { active: false });
    for (const order of [[active, inactive], [inactive, active]]) {
      const state = reduce([patient('p'), ...order]);
      expect(state.carers.get('c')?.active).toBe(true);
    }
  });

  it('keeps the Consent version whose canonical form sorts last, whichever is read first', () => {
    const permit = consent('k', 'p', ['c'], 'permit', '2026-01-01');
    const deny = consent('k', 'p', ['c'], 'deny', '2026-01-01');
    for (const order of [[permit, deny], [deny, permit]]) {
      expect(reduce(order).consents.get('k')?.statement.named['RelatedPerson/c']?.kind).toBe('permit');
    }
  });

  it('keeps the offer version whose canonical form sorts last, whichever is read first', () => {
    const offered = offer('t', 'c', 'offered', '2026-01-01');
    const completed = offer('t', 'c', 'completed', '2026-01-01');
    for (const order of [[offered, completed], [completed, offered]]) {
      expect(reduce(order).assessments.get('t')?.status).toBe('offered');
    }
  });

  it('keeps the latest current episode, and of two versions of one episode the one that sorts last', () => {
    const early = episode('e1', 'p', '2025-01-01', 'North');
    const late = episode('e2', 'p', '2025-06-01', 'South');
    const lateRenamed = episode('e2', 'p', '2025-06-01', 'West');
    for (const order of [[early, late, lateRenamed], [lateRenamed, early, late], [late, lateRenamed, early]]) {
      const record = reduce(order).patients.get('p');
      expect(record?.episodeId).toBe('e2');
      expect(record?.episodeTeam).toBe('West');
    }
  });

  it('names a carer\'s patient by the patient record\'s id, and keeps teams and dates in the shared table', () => {
    const state = reduce([patient('p', 'North'), carer('c1', 'p', { birthDate: '1990-01-01' }), carer('c2', 'p', { birthDate: '1990-01-01' }), episode('e', 'p', '2025-01-01', 'North')]);
    expect(state.carers.get('c1')?.patient).toBe(state.patients.get('p')?.id);
    expect(state.carers.get('c1')?.birthDate).toBe(state.carers.get('c2')?.birthDate);
    expect([...state.shared.keys()].sort()).toEqual(['1990-01-01', '2025-01-01', 'North']);
  });
});
