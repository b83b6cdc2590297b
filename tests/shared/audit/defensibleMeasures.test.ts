/**
 * Issue 12 item 3: measures a carers' lead can defend — the population is the current caseload,
 * a stale "no carers" answer is not "identified", and a carer whose offer deadline cannot be worked
 * out is reported as "deadline unknown", never silently dropped.
 */
import { describe, expect, it } from 'vitest';
import type { AuditFact, EpisodeFact } from '../../../shared/audit/facts';
import { finaliseCoverage, type CaseloadChoice } from '../../../shared/audit/finalise';
import { addFact, emptyAuditState } from '../../../shared/audit/state';
import { identifyCarers } from '../../../shared/prompts/identify-carers';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { NOW, askedNoCarers, at, carer, consent, episode, offer, patient } from './personas';

function audit(facts: readonly AuditFact[], caseload?: CaseloadChoice, now: Date = NOW) {
  const state = facts.reduce(addFact, emptyAuditState());
  return finaliseCoverage(state, DEFAULT_POLICY, now, { complete: true }, caseload);
}

function endedEpisode(id: string, patientId: string, start: string, end: string): EpisodeFact {
  return { kind: 'episode', id, patient: patientId, serviceStart: start, endedOn: end, ended: true, recency: at(start) };
}

describe('the population is the current caseload', () => {
  it('leaves a patient discharged in 2016 out of the measures and reports them as not in the caseload', () => {
    const coverage = audit([patient('old'), endedEpisode('e-old', 'old', '2015-02-01', '2016-05-01'), patient('now'), episode('e-now', 'now', '2026-01-01')]);
    expect(coverage.patients.total).toBe(1);
    expect(coverage.patients.neverAsked).toBe(1);
    expect(coverage.population.excluded.notInCaseload).toBe(1);
    expect(coverage.population.caseload).toEqual({ basis: 'episode-of-care', from: '2026-11-23', to: '2026-11-23' });
  });

  it('leaves out a patient with no episode of care when the data has episodes for others', () => {
    const coverage = audit([patient('p'), patient('q'), episode('e', 'q', '2026-01-01')]);
    expect(coverage.patients.total).toBe(1);
    expect(coverage.population.excluded.notInCaseload).toBe(1);
  });

  it('with --since, counts a patient discharged on or after that date', () => {
    const facts = [patient('left'), endedEpisode('e1', 'left', '2025-01-01', '2026-08-01'), patient('stays'), episode('e2', 'stays', '2026-01-01')];
    expect(audit(facts, { since: '2026-06-01' }).patients.total).toBe(2);
    expect(audit(facts, { since: '2026-09-01' }).patients.total).toBe(1);
  });

  it('as at an earlier date, leaves out a patient whose episode started after it and counts one discharged after it', () => {
    const facts = [patient('later'), episode('e1', 'later', '2026-10-01'), patient('discharged'), endedEpisode('e2', 'discharged', '2026-01-01', '2026-09-30')];
    const coverage = audit(facts, undefined, new Date('2026-07-01T12:00:00Z'));
    expect(coverage.patients.total).toBe(1);
    expect(coverage.population.excluded.notInCaseload).toBe(1);
  });

  it('counts every patient read when the data holds no episode of care at all, and says so', () => {
    const coverage = audit([patient('p'), patient('q')]);
    expect(coverage.patients.total).toBe(2);
    expect(coverage.population.caseload?.basis).toBe('every-patient-read');
    expect(coverage.population.excluded.notInCaseload).toBe(0);
  });
});

describe('"asked: no carers" goes stale exactly when the panel asks again', () => {
  const policy = DEFAULT_POLICY;
  const panelAsksAgain = (askedOn: string | undefined): boolean =>
    identifyCarers(
      { patient: { reference: 'Patient/p', id: 'p' }, carers: [], orphanConsents: [], warnings: [], askedNoCarers: askedOn === undefined ? { list: 'List/l' } : { list: 'List/l', askedOn } },
      policy,
      NOW,
    ).length > 0;

  it('counts an answer older than the ask-again interval as stale, not as carers identified', () => {
    const coverage = audit([patient('p'), askedNoCarers('l', 'p', '2024-01-10')]);
    expect(coverage.patients).toMatchObject({ total: 1, askedNoCarers: 0, askedNoCarersStale: 1, neverAsked: 0 });
    expect(coverage.rates.carersIdentified.numerator).toBe(0);
  });

  it('takes the most recent of two answers, as the panel does', () => {
    const coverage = audit([patient('p'), askedNoCarers('old', 'p', '2023-01-10'), askedNoCarers('new', 'p', '2026-10-01')]);
    expect(coverage.patients).toMatchObject({ askedNoCarers: 1, askedNoCarersStale: 0 });
  });

  it.each(['2025-11-23', '2025-11-24', '2026-01-10', undefined])('agrees with the panel for an answer dated %s', (askedOn) => {
    const fact = askedOn === undefined ? { kind: 'askedNoCarers' as const, id: 'l', patient: 'p' } : askedNoCarers('l', 'p', askedOn);
    const coverage = audit([patient('p'), fact]);
    expect(coverage.patients.askedNoCarersStale === 1).toBe(panelAsksAgain(askedOn));
    expect(coverage.patients.askedNoCarers === 1).toBe(!panelAsksAgain(askedOn));
  });
});

describe('offer deadlines', () => {
  it('reports a carer whose first-offer deadline cannot be computed as "deadline unknown", not dropped', () => {
    const coverage = audit([patient('p'), carer('c', 'p')]);
    expect(coverage.carers.total).toBe(1);
    expect(coverage.carers.offerDeadlineUnknown).toBe(1);
    expect(coverage.rates.offerWithinPolicy.denominator).toBe(0);
  });

  it('does not count a carer with a known deadline as unknown', () => {
    const coverage = audit([patient('p'), episode('e', 'p', '2026-01-01'), carer('c', 'p', { identifiedOn: '2026-02-01' })]);
    expect(coverage.carers.offerDeadlineUnknown).toBe(0);
  });
});

describe('trend over time from activity dates', () => {
  it('counts carers identified, consent decisions recorded and first offers made in the month each was recorded, not the month of service start', () => {
    const coverage = audit([
      patient('p'),
      episode('e', 'p', '2019-04-01'),
      carer('c', 'p', { identifiedOn: '2026-09-03' }),
      consent('k', 'p', ['c'], 'permit', '2026-10-05T10:00:00Z'),
      offer('t1', 'c', 'offered', '2026-10-20'),
      offer('t2', 'c', 'offered', '2026-11-02'),
      patient('q'),
      episode('eq', 'q', '2026-01-01'),
      carer('d', 'q', { identifiedOn: '2026-10-30T23:30:00Z' }),
    ]);
    expect(coverage.activityByMonth).toEqual([
      { month: '2026-09', carersIdentified: 1, consentDecisionsRecorded: 0, firstAssessmentOffers: 0 },
      // 23:30 UTC on 30 Oct is still October in London (GMT); the first offer is t1's month, not t2's.
      { month: '2026-10', carersIdentified: 1, consentDecisionsRecorded: 1, firstAssessmentOffers: 1 },
    ]);
    expect(coverage.byMonth.map((m) => m.month)).toEqual(['2019-04', '2026-01']);
  });

  it('leaves out activity of patients outside the caseload', () => {
    const coverage = audit([
      patient('old'),
      { kind: 'episode', id: 'e-old', patient: 'old', serviceStart: '2015-01-01', ended: true, endedOn: '2016-01-01', recency: at('2015-01-01') },
      carer('c', 'old', { identifiedOn: '2015-03-01' }),
      patient('now'),
      episode('e', 'now', '2026-01-01'),
    ]);
    expect(coverage.activityByMonth).toEqual([]);
  });
});
