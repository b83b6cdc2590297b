import { describe, expect, it } from 'vitest';
import type { AuditFact } from '../../../shared/audit/facts';
import { finaliseCoverage } from '../../../shared/audit/finalise';
import { addFact, emptyAuditState, mergeAuditStates } from '../../../shared/audit/state';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { NOW, carer, episode, patient } from './personas';

const later = '2026-12-23T12:00:00Z';
const FACTS: AuditFact[] = [
  patient('p1', 'Early intervention'),
  patient('p2', 'Older adults'),
  carer('c1', 'p1', { carerStatus: 'carer' }),
  carer('c2', 'p2', { carerStatus: 'carer', birthDate: '2012-01-01' }),
  { kind: 'carerAction', id: 's1', carer: 'c1', action: 'signposted' },
  { kind: 'carerAction', id: 's2', carer: 'c1', action: 'signposted' },
  { kind: 'carerAction', id: 'r1', carer: 'c2', action: 'young-carer-referred' },
  { kind: 'deferral', id: 'd1', carer: 'c1', code: 'offer-assessment', deferral: 'not-now', reason: 'lacks-capacity', until: later },
  { kind: 'deferral', id: 'd2', carer: 'c2', code: 'offer-assessment', deferral: 'not-now', reason: 'lacks-capacity', until: '2026-11-01T00:00:00Z' },
  { kind: 'deferral', id: 'd3', patient: 'p2', code: 'identify-carers', deferral: 'not-applicable', reason: 'no-carer', until: later },
  // A deferral for a patient not in scope counts for nobody.
  { kind: 'deferral', id: 'd4', patient: 'elsewhere', code: 'identify-carers', deferral: 'not-now', reason: 'no-carer', until: later },
];

describe('recorded actions in the audit', () => {
  it('counts carers signposted and young carers referred once each, and deferrals by prompt, reason and team, in force or ended', () => {
    const coverage = finaliseCoverage(FACTS.reduce(addFact, emptyAuditState()), DEFAULT_POLICY, NOW, { complete: true });
    expect(coverage.recordedActions).toEqual({
      carersSignposted: 1,
      youngCarersReferred: 1,
      deferrals: [
        { code: 'identify-carers', reason: 'no-carer', team: 'Older adults', recorded: 1, inForce: 1 },
        { code: 'offer-assessment', reason: 'lacks-capacity', team: 'Early intervention', recorded: 1, inForce: 1 },
        { code: 'offer-assessment', reason: 'lacks-capacity', team: 'Older adults', recorded: 1, inForce: 0 },
      ],
    });
  });

  it('gives the same counts when the population is audited in two parts and merged', () => {
    const whole = finaliseCoverage(FACTS.reduce(addFact, emptyAuditState()), DEFAULT_POLICY, NOW, { complete: true });
    const a = FACTS.filter((_, i) => i % 2 === 0).reduce(addFact, emptyAuditState());
    const b = FACTS.filter((_, i) => i % 2 === 1).reduce(addFact, emptyAuditState());
    expect(finaliseCoverage(mergeAuditStates(a, b), DEFAULT_POLICY, NOW, { complete: true }).recordedActions).toEqual(whole.recordedActions);
  });

  it('counts what was recorded for the audited caseload only: not for a deceased patient, nor one outside the caseload', () => {
    const facts: AuditFact[] = [
      patient('in', 'Early intervention'),
      episode('e-in', 'in', '2026-01-01'),
      carer('c-in', 'in', { carerStatus: 'carer' }),
      patient('gone', 'Early intervention'),
      carer('c-gone', 'gone', { carerStatus: 'carer' }),
      { ...patient('died', 'Early intervention'), deceased: true },
      episode('e-died', 'died', '2026-01-01'),
      carer('c-died', 'died', { carerStatus: 'carer' }),
      { kind: 'carerAction', id: 's-in', carer: 'c-in', action: 'signposted' },
      { kind: 'carerAction', id: 's-gone', carer: 'c-gone', action: 'signposted' },
      { kind: 'carerAction', id: 's-died', carer: 'c-died', action: 'signposted' },
      { kind: 'deferral', id: 'd-gone', patient: 'gone', code: 'identify-carers', deferral: 'not-now', reason: 'no-carer', until: later },
      { kind: 'deferral', id: 'd-died', carer: 'c-died', code: 'offer-assessment', deferral: 'not-now', reason: 'lacks-capacity', until: later },
    ];
    const coverage = finaliseCoverage(facts.reduce(addFact, emptyAuditState()), DEFAULT_POLICY, NOW, { complete: true });
    expect(coverage.population.excluded.notInCaseload).toBe(1);
    expect(coverage.population.excluded.deceasedPatients).toBe(1);
    expect(coverage.recordedActions).toEqual({ carersSignposted: 1, youngCarersReferred: 0, deferrals: [] });
  });
});
