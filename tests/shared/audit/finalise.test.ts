import { describe, expect, it } from 'vitest';
import type { AuditFact, EpisodeFact } from '../../../shared/audit/facts';
import { CoverageSchema, type Measures } from '../../../shared/audit/coverage';
import { finaliseCoverage, rateOf, type CaseloadChoice } from '../../../shared/audit/finalise';
import { identifyCarers } from '../../../shared/prompts/identify-carers';
import { addFact, emptyAuditState } from '../../../shared/audit/state';
import { DEFAULT_POLICY, parsePolicy, type Policy } from '../../../shared/policy';
import { AS_OF, NOW, askedNoCarers, at, carer, consent, episode, offer, patient } from './personas';
import { population } from './population';

function audit(facts: readonly AuditFact[], policy: Policy = DEFAULT_POLICY, now: Date = NOW) {
  const state = facts.reduce(addFact, emptyAuditState());
  return finaliseCoverage(state, policy, now, { complete: true });
}

describe('patients', () => {
  it('counts each patient read once, as with a carer, asked with no carers, or never asked', () => {
    const coverage = audit([
      patient('with-carer'),
      carer('grace', 'with-carer'),
      patient('asked'),
      askedNoCarers('list-1', 'asked'),
      patient('never'),
      patient('never'),
    ]);
    expect(coverage.patients).toEqual({ total: 3, withCarer: 1, askedNoCarers: 1, neverAsked: 1, askedNoCarersStale: 0, childrenAsked: 0, childrenAskedChildHelps: 0 });
  });

  it('counts a patient with a carer as with a carer even when an older "no carers" answer is on record', () => {
    const coverage = audit([patient('p'), askedNoCarers('l', 'p'), carer('c', 'p')]);
    expect(coverage.patients).toMatchObject({ withCarer: 1, askedNoCarers: 0, neverAsked: 0 });
  });

  it('does not count an inactive carer, a confirmed non-carer or an unconfirmed contact as a carer', () => {
    const coverage = audit([
      patient('p'),
      carer('gone', 'p', { active: false }),
      carer('neighbour', 'p', { carerStatus: 'not-carer' }),
      carer('next-of-kin', 'p', { carerStatus: 'unconfirmed' }),
    ]);
    expect(coverage.patients).toMatchObject({ withCarer: 0, neverAsked: 1 });
    expect(coverage.carers.total).toBe(0);
  });

  it('counts only patients whose Patient resource was read: an episode or list alone brings nobody into scope', () => {
    const coverage = audit([episode('e', 'ghost', '2026-01-01'), askedNoCarers('l', 'ghost'), carer('c', 'ghost')]);
    expect(coverage.patients.total).toBe(0);
    expect(coverage.carers.total).toBe(0);
    expect(coverage.population.relatedPersonsOfPatientsNotRead).toBe(1);
  });

  it('reads the same population whatever order the resource types arrive in', () => {
    const facts: AuditFact[] = [patient('p'), carer('c', 'p'), consent('k', 'p', ['c'], 'permit', '2026-05-01'), offer('t', 'c', 'offered', '2026-05-02')];
    expect(audit([...facts].reverse())).toEqual(audit(facts));
  });
});

describe('carers', () => {
  it('counts active carers of patients in scope', () => {
    const coverage = audit([patient('p'), carer('a', 'p'), carer('b', 'p'), patient('q'), carer('c', 'q')]);
    expect(coverage.carers.total).toBe(3);
  });

  it.each([
    ['the day before their 18th birthday', '2008-11-24', 1],
    ['on their 18th birthday', '2008-11-23', 0],
    ['aged 12', '2014-03-01', 1],
    ['with no birth date', undefined, 0],
    ['born in 2009 (year only, read as the youngest they can be)', '2009', 1],
  ])('counts a young carer %s: %s → %i', (_label, birthDate, young) => {
    const coverage = audit([patient('p'), carer('c', 'p', birthDate === undefined ? {} : { birthDate })]);
    expect(coverage.carers.young).toBe(young);
  });

  it('uses the policy young-carer age', () => {
    const policy = parsePolicy({ youngCarerUnderAge: 25 });
    expect(audit([patient('p'), carer('c', 'p', { birthDate: '2003-01-01' })], policy).carers.young).toBe(1);
  });

  it("counts young carers identified, referred to young carers' support, and assessed, and rates the referrals", () => {
    const coverage = audit([
      patient('p'),
      carer('referred', 'p', { birthDate: '2012-01-01' }),
      { kind: 'carerAction', id: 'r1', carer: 'referred', action: 'young-carer-referred' },
      carer('assessed', 'p', { birthDate: '2011-01-01' }),
      offer('t1', 'assessed', 'completed', '2026-05-01', { completedOn: '2026-06-01' }),
      carer('neither', 'p', { birthDate: '2010-01-01' }),
      // An adult carer's referral or assessment is not a young carer's.
      carer('adult', 'p', { birthDate: '1970-01-01' }),
      { kind: 'carerAction', id: 'r2', carer: 'adult', action: 'young-carer-referred' },
      offer('t2', 'adult', 'completed', '2026-05-01', { completedOn: '2026-06-01' }),
    ]);
    expect(coverage.carers).toMatchObject({ young: 3, youngReferred: 1, youngAssessed: 1 });
    expect(coverage.rates.youngCarersReferred).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('reads a coverage.json written before the young-carer counts existed as 0, and its referral rate as no data', () => {
    const coverage = JSON.parse(JSON.stringify(audit([patient('p')]))) as Record<string, unknown> & { carers: Record<string, unknown>; rates: Record<string, unknown> };
    delete coverage.carers.youngReferred;
    delete coverage.carers.youngAssessed;
    delete coverage.rates.youngCarersReferred;
    const read = CoverageSchema.parse(coverage);
    expect(read.carers).toMatchObject({ youngReferred: 0, youngAssessed: 0 });
    expect(read.rates.youngCarersReferred).toEqual({ numerator: 0, denominator: 0, percent: null, rag: 'none' });
  });
});

describe('consent decisions', () => {
  it.each(['permit', 'deny', 'partial', 'withdrawn', 'unknown'] as const)('counts a carer whose most recent Consent is %s', (decision) => {
    const coverage = audit([patient('p'), carer('c', 'p'), consent('k', 'p', ['c'], decision, '2026-10-01')]);
    expect(coverage.carers.consent[decision]).toBe(1);
    expect(Object.values(coverage.carers.consent).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('counts a carer with no Consent as none', () => {
    expect(audit([patient('p'), carer('c', 'p')]).carers.consent).toEqual({ permit: 0, deny: 0, partial: 0, withdrawn: 0, expired: 0, conflict: 0, 'lacks-capacity': 0, none: 1, unknown: 0 });
  });

  it('takes the most recent Consent by dateTime, whatever order they were read in', () => {
    const older = consent('k1', 'p', ['c'], 'permit', '2026-01-01');
    const newer = consent('k2', 'p', ['c'], 'withdrawn', '2026-06-01');
    expect(audit([patient('p'), carer('c', 'p'), newer, older]).carers.consent.withdrawn).toBe(1);
    expect(audit([patient('p'), carer('c', 'p'), older, newer]).carers.consent.withdrawn).toBe(1);
  });

  it('never settles two equally new, disagreeing decisions by last update or id: they are a conflict', () => {
    const a = consent('a', 'p', ['c'], 'permit', '2026-01-01', { lastUpdated: '2026-02-01T00:00:00Z' });
    const b = consent('b', 'p', ['c'], 'deny', '2026-01-01', { lastUpdated: '2026-01-15T00:00:00Z' });
    expect(audit([patient('p'), carer('c', 'p'), a, b]).carers.consent.conflict).toBe(1);
    expect(audit([patient('p'), carer('c', 'p'), b, a]).carers.consent.conflict).toBe(1);
  });

  it('ignores a Consent of another patient that names the carer', () => {
    const coverage = audit([patient('p'), patient('q'), carer('c', 'p'), consent('k', 'q', ['c'], 'permit', '2026-01-01')]);
    expect(coverage.carers.consent.none).toBe(1);
    expect(coverage.dataQuality.consentWithoutCarer).toBe(1);
  });

  it('counts a carer-sharing Consent naming no RelatedPerson of its patient as consent without carer', () => {
    const coverage = audit([
      patient('p'),
      carer('c', 'p'),
      consent('names-nobody', 'p', [], 'permit', '2026-01-01'),
      consent('names-a-stranger', 'p', ['stranger'], 'permit', '2026-01-01'),
      consent('names-a-contact', 'p', ['contact'], 'permit', '2026-01-01'),
      carer('contact', 'p', { carerStatus: 'unconfirmed' }),
    ]);
    expect(coverage.dataQuality.consentWithoutCarer).toBe(2);
  });

  it('no longer counts a Consent naming nobody once a decision of the patient’s for one of their carers cites it as its source', () => {
    const coverage = audit([
      patient('p'),
      carer('c', 'p'),
      consent('names-nobody', 'p', [], 'permit', '2026-01-01'),
      consent('for-the-carer', 'p', ['c'], 'permit', '2026-02-01', { settles: 'Consent/names-nobody' }),
    ]);
    expect(coverage.dataQuality.consentWithoutCarer).toBe(0);
    expect(coverage.carers.consent.permit).toBe(1);
  });

  it('does not count a Consent that is not about carers as consent without carer', () => {
    expect(audit([patient('p'), consent('k', 'p', [], 'permit', '2026-01-01', { aboutCarerSharing: false })]).dataQuality.consentWithoutCarer).toBe(0);
  });

  it('counts carer-sharing Consents of patients not read apart', () => {
    const coverage = audit([consent('k', 'elsewhere', [], 'permit'), consent('j', undefined, ['nobody'], 'deny')]);
    expect(coverage.population.consentsOfPatientsNotRead).toBe(2);
    expect(coverage.dataQuality.consentWithoutCarer).toBe(0);
  });

  it('counts a Consent that names no patient for nobody, as the clinician’s view does', () => {
    const coverage = audit([patient('p'), carer('c', 'p'), consent('k', undefined, ['c'], 'deny', '2026-01-01')]);
    expect(coverage.carers.consent.none).toBe(1);
    expect(coverage.population.consentsOfPatientsNotRead).toBe(1);
  });

  it('counts one multi-carer Consent for each carer it names', () => {
    const coverage = audit([patient('p'), carer('a', 'p'), carer('b', 'p'), consent('k', 'p', ['a', 'b'], 'permit', '2026-01-01')]);
    expect(coverage.carers.consent.permit).toBe(2);
  });

  describe('past review (as of 23 Nov 2026)', () => {
    it.each([
      ['review date yesterday', { reviewDue: '2026-11-22' }, 1],
      ['review date today', { reviewDue: '2026-11-23' }, 0],
      ['review date tomorrow', { reviewDue: '2026-11-24' }, 0],
    ])('%s', (_label, extra, past) => {
      const coverage = audit([patient('p'), carer('c', 'p'), consent('k', 'p', ['c'], 'permit', '2025-01-01', extra)]);
      expect(coverage.carers.consentPastReview).toBe(past);
    });

    it('without a review date, reviews the decision after the policy interval from when it was recorded', () => {
      const due = audit([patient('p'), carer('c', 'p'), consent('k', 'p', ['c'], 'deny', '2025-11-22')]);
      const inDate = audit([patient('p'), carer('c', 'p'), consent('k', 'p', ['c'], 'deny', '2025-11-23')]);
      expect(due.carers.consentPastReview).toBe(1);
      expect(inDate.carers.consentPastReview).toBe(0);
    });

    it('never counts "none" or an uninterpretable Consent as past review', () => {
      const coverage = audit([patient('p'), carer('c', 'p'), carer('d', 'p'), consent('k', 'p', ['d'], 'unknown', '2020-01-01', { reviewDue: '2021-01-01' })]);
      expect(coverage.carers.consentPastReview).toBe(0);
    });
  });
});

describe('assessments', () => {
  it.each([
    ['offered', 'offered'],
    ['accepted', 'accepted'],
    ['declined', 'declined'],
    ['completed', 'completed'],
  ] as const)('counts a carer whose most recent offer Task is %s', (status, key) => {
    const coverage = audit([patient('p'), carer('c', 'p'), offer('t', 'c', status, '2026-10-01')]);
    expect(coverage.carers.assessment[key]).toBe(1);
    expect(coverage.carers.assessment.notOffered).toBe(0);
  });

  it('counts a carer with no offer Task as not offered', () => {
    expect(audit([patient('p'), carer('c', 'p')]).carers.assessment).toEqual({ notOffered: 1, offered: 0, accepted: 0, declined: 0, completed: 0 });
  });

  it('takes the most recent offer by authoredOn', () => {
    const coverage = audit([patient('p'), carer('c', 'p'), offer('new', 'c', 'offered', '2026-09-01'), offer('old', 'c', 'completed', '2025-01-01')]);
    expect(coverage.carers.assessment.offered).toBe(1);
  });

  it('ignores a Task for another patient than the carer’s', () => {
    const coverage = audit([patient('p'), carer('c', 'p'), offer('t', 'c', 'completed', '2026-01-01', { patient: 'q' })]);
    expect(coverage.carers.assessment.notOffered).toBe(1);
  });

  describe('offers not made within policy (first offer due 3 months after identification or service start, whichever is later)', () => {
    it.each([
      ['not offered, due yesterday', '2026-08-22', undefined, 1],
      ['not offered, due today', '2026-08-23', undefined, 0],
      ['offered on the due date', '2026-01-10', '2026-04-10', 0],
      ['offered a day late', '2026-01-10', '2026-04-11', 1],
    ])('%s', (_label, identifiedOn, offeredOn, late) => {
      const facts: AuditFact[] = [patient('p'), carer('c', 'p', { identifiedOn })];
      if (offeredOn !== undefined) facts.push(offer('t', 'c', 'offered', offeredOn));
      const coverage = audit(facts);
      expect(coverage.carers.offerNotWithinPolicy).toBe(late);
    });

    it('starts the clock at the service start when that is later than identification', () => {
      const facts: AuditFact[] = [patient('p'), episode('e', 'p', '2026-06-01'), carer('c', 'p', { identifiedOn: '2025-01-01' })];
      expect(audit(facts).carers.offerNotWithinPolicy).toBe(1);
      expect(audit(facts, DEFAULT_POLICY, new Date('2026-08-31T12:00:00Z')).carers.offerNotWithinPolicy).toBe(0);
    });

    it('judges the first offer, not a later re-offer', () => {
      const coverage = audit([
        patient('p'),
        carer('c', 'p', { identifiedOn: '2026-01-10' }),
        offer('first', 'c', 'declined', '2026-02-01'),
        offer('again', 'c', 'offered', '2026-10-01'),
      ]);
      expect(coverage.carers.offerNotWithinPolicy).toBe(0);
      expect(coverage.rates.offerWithinPolicy).toMatchObject({ numerator: 1, denominator: 1 });
    });

    it('leaves a carer without any start date out of the on-time rate rather than guessing', () => {
      const coverage = audit([patient('p'), carer('c', 'p')]);
      expect(coverage.carers.offerNotWithinPolicy).toBe(0);
      expect(coverage.rates.offerWithinPolicy).toMatchObject({ denominator: 0, rag: 'none' });
    });
  });

  describe('assessment reviews overdue (annual)', () => {
    it.each([
      ['completed a year and a day ago', 'completed', { completedOn: '2025-11-22' }, 1],
      ['completed exactly a year ago', 'completed', { completedOn: '2025-11-23' }, 0],
      ['declined a year and a day ago', 'declined', { respondedOn: '2025-11-22' }, 1],
      ['offered long ago, no answer', 'offered', {}, 0],
    ] as const)('%s', (_label, status, extra, overdue) => {
      const coverage = audit([patient('p'), carer('c', 'p'), offer('t', 'c', status, '2025-06-01', extra)]);
      expect(coverage.carers.assessmentReviewOverdue).toBe(overdue);
    });
  });

  describe('assessment reviews brought forward by a significant change, as the panel brings them forward', () => {
    // Assessed on 1 Sep 2026: the yearly review is due on 1 Sep 2027, unless something changes first.
    const assessed = [patient('p'), episode('community', 'p', '2025-01-01'), carer('c', 'p', { identifiedOn: '2025-02-01' }), offer('t', 'c', 'completed', '2026-08-01', { completedOn: '2026-09-01' })];
    const ward = (id: string, start: string, extra: Partial<EpisodeFact> = {}): EpisodeFact => ({ ...episode(id, 'p', start), inpatient: true, ...extra });

    it('an admission after the assessment makes the review due on the day of admission', () => {
      expect(audit([...assessed, ward('ward', '2026-11-01')]).carers.assessmentReviewOverdue).toBe(1);
    });

    it('a detention, and a discharge, after the assessment do too', () => {
      expect(audit([...assessed, ward('s3', '2026-11-01', { detained: true })]).carers.assessmentReviewOverdue).toBe(1);
      expect(audit([...assessed, ward('ward', '2026-06-01', { ended: true, endedOn: '2026-10-01' })]).carers.assessmentReviewOverdue).toBe(1);
    });

    it('an admission before the assessment, or a community episode after it, does not', () => {
      expect(audit([...assessed, ward('ward', '2026-08-01')]).carers.assessmentReviewOverdue).toBe(0);
      expect(audit([...assessed, episode('new-community', 'p', '2026-11-01')]).carers.assessmentReviewOverdue).toBe(0);
    });

    it('a new carer identified after the assessment does, but the same person recorded again does not', () => {
      expect(audit([...assessed, carer('new', 'p', { identifiedOn: '2026-10-01' })]).carers.assessmentReviewOverdue).toBe(1);
      const again = [carer('c', 'p', { identifiedOn: '2025-02-01', identityDigests: ['same-person'] }), carer('again', 'p', { identifiedOn: '2026-10-01', identityDigests: ['same-person'] })];
      expect(audit([...assessed.filter((f) => f.kind !== 'carer'), ...again]).carers.assessmentReviewOverdue).toBe(0);
    });

    it('a significant change a clinician recorded for the carer does', () => {
      const recorded = { kind: 'carerAction' as const, id: 'changed', carer: 'c', action: 'circumstances-changed' as const, on: '2026-10-15T10:00:00Z' };
      expect(audit([...assessed, recorded]).carers.assessmentReviewOverdue).toBe(1);
    });
  });

  describe('median days from identification to first offer', () => {
    it('is the middle value for an odd number of carers', () => {
      const coverage = audit([
        patient('p'),
        carer('a', 'p', { identifiedOn: '2026-01-01' }),
        offer('ta', 'a', 'offered', '2026-01-11'),
        carer('b', 'p', { identifiedOn: '2026-01-01' }),
        offer('tb', 'b', 'offered', '2026-01-31'),
        carer('c', 'p', { identifiedOn: '2026-01-01' }),
        offer('tc', 'c', 'offered', '2026-03-02'),
      ]);
      expect(coverage.carers.medianDaysToOffer).toBe(30);
      expect(coverage.carers.daysToOfferSampleSize).toBe(3);
    });

    it('is the mean of the two middle values for an even number, and null with no data', () => {
      const coverage = audit([
        patient('p'),
        carer('a', 'p', { identifiedOn: '2026-01-01' }),
        offer('ta', 'a', 'offered', '2026-01-11'),
        carer('b', 'p', { identifiedOn: '2026-01-01' }),
        offer('tb', 'b', 'offered', '2026-01-16'),
        carer('unoffered', 'p', { identifiedOn: '2026-01-01' }),
      ]);
      expect(coverage.carers.medianDaysToOffer).toBe(12.5);
      expect(audit([patient('p'), carer('c', 'p')]).carers.medianDaysToOffer).toBeNull();
    });

    it('counts from the first offer and reads dateTimes as calendar days in the trust’s zone', () => {
      const coverage = audit([
        patient('p'),
        carer('a', 'p', { identifiedOn: '2026-06-30' }),
        offer('t1', 'a', 'offered', '2026-06-30T23:30:00Z'),
        offer('t2', 'a', 'completed', '2026-09-01'),
      ]);
      expect(coverage.carers.medianDaysToOffer).toBe(1);
    });
  });
});

describe('data quality', () => {
  it('counts carers without a relationship or any contact detail', () => {
    const coverage = audit([
      patient('p'),
      carer('a', 'p', { hasRelationship: false }),
      carer('b', 'p', { hasContact: false }),
      carer('c', 'p', { hasRelationship: false, hasContact: false }),
      carer('inactive', 'p', { active: false, hasRelationship: false }),
    ]);
    expect(coverage.dataQuality).toEqual({ carerWithoutRelationship: 2, carerWithoutContact: 2, consentWithoutCarer: 0, possibleDuplicateCarers: 0, contactsNotAskedAbout: 0 });
  });

  it('counts a person recorded twice once, keeping the record that says most, and each extra record as a possible duplicate', () => {
    const coverage = audit([
      patient('p'),
      carer('a', 'p', { identityDigests: ['same-phone'] }),
      carer('b', 'p', { identityDigests: ['same-phone', 'same-name'] }),
      carer('c', 'p', { identityDigests: ['same-name'] }),
      carer('d', 'p', { identityDigests: ['someone-else'] }),
      consent('k', 'p', ['c'], 'permit', '2026-10-01'),
    ]);
    expect(coverage.carers.total).toBe(2);
    expect(coverage.carers.consent).toMatchObject({ permit: 1, none: 1 });
    expect(coverage.dataQuality.possibleDuplicateCarers).toBe(2);
  });

  it('counts unreadable resources by type, once per id', () => {
    const coverage = audit([
      { kind: 'malformed', resourceType: 'Consent', id: 'x' },
      { kind: 'malformed', resourceType: 'Consent', id: 'x' },
      { kind: 'malformed', resourceType: 'Task' },
      { kind: 'malformed', resourceType: 'Task' },
    ]);
    expect(coverage.population.unreadable).toEqual({ Consent: 1, Task: 2 });
    expect(coverage.population.unreadableTotal).toBe(3);
  });
});

describe('breakdowns', () => {
  const facts: AuditFact[] = [
    patient('p1', 'Team B'),
    episode('e1', 'p1'),
    carer('c1', 'p1'),
    patient('p2', 'team a'),
    episode('e2', 'p2', '2026-03-15', 'Team A'),
    patient('p3', 'Team B'),
    episode('e3', 'p3', '2026-01-31T23:30:00-05:00'),
    patient('p4'),
    episode('e4', 'p4'),
  ];
  const coverage = audit(facts);

  it('lists teams alphabetically, never ranked, with "no team recorded" last', () => {
    expect(coverage.byTeam.map((t) => t.team)).toEqual(['Team A', 'Team B', null]);
    expect(coverage.byTeam.map((t) => t.patients.total)).toEqual([1, 2, 1]);
  });

  it('takes the team from the current episode of care before the Patient', () => {
    expect(coverage.byTeam[0]).toMatchObject({ team: 'Team A', patients: { total: 1, neverAsked: 1 } });
  });

  it('files patients under the month their service started, in the trust’s zone, oldest first', () => {
    expect(coverage.byMonth.map((m) => [m.month, m.patients.total])).toEqual([
      ['2026-02', 1],
      ['2026-03', 1],
      [null, 2],
    ]);
  });

  it('gives every team in every month the same measures, and the parts add up to the whole', () => {
    expect(coverage.byTeamAndMonth.map((g) => [g.team, g.month])).toEqual([
      ['Team A', '2026-03'],
      ['Team B', '2026-02'],
      ['Team B', null],
      [null, null],
    ]);
    for (const breakdown of [coverage.byTeam, coverage.byMonth, coverage.byTeamAndMonth]) {
      expect(breakdown.reduce((n, g) => n + g.patients.total, 0)).toBe(coverage.patients.total);
      expect(breakdown.reduce((n, g) => n + g.carers.total, 0)).toBe(coverage.carers.total);
    }
  });

  it.each([1, 2, 3, 4, 5])('adds up, count by count, to the whole in every breakdown (random population %i)', (seed) => {
    const whole = audit(population(seed, 300, { idlessMalformed: true }));
    // Every count adds up; a median does not, so it is left out.
    const counts = (m: Measures) => {
      const { medianDaysToOffer: _median, ...carers } = m.carers;
      return { patients: m.patients, carers, dataQuality: m.dataQuality };
    };
    for (const breakdown of [whole.byTeam, whole.byMonth, whole.byTeamAndMonth]) {
      expect(breakdown.map(counts).reduce(addCounts)).toEqual(counts(whole));
    }
  });

  it('takes the latest current episode when a patient has several', () => {
    const result = audit([patient('p'), episode('old', 'p', '2025-01-01', 'Old team'), episode('new', 'p', '2026-02-01', 'New team')]);
    expect(result.byTeam.map((t) => t.team)).toEqual(['New team']);
  });
});

describe('rates and RAG', () => {
  it.each([
    [81, 100, 'green'],
    [80, 100, 'amber'],
    [50, 100, 'amber'],
    [49, 100, 'red'],
    [0, 3, 'red'],
    [3, 3, 'green'],
  ] as const)('%i of %i is %s on the Triangle of Care thresholds', (n, d, rag) => {
    expect(rateOf(n, d, DEFAULT_POLICY).rag).toBe(rag);
  });

  it('rates nothing when nobody is in the denominator', () => {
    expect(rateOf(0, 0, DEFAULT_POLICY)).toEqual({ numerator: 0, denominator: 0, percent: null, rag: 'none' });
  });

  it('rounds the percentage to one decimal but rates the exact fraction', () => {
    expect(rateOf(2, 3, DEFAULT_POLICY)).toEqual({ numerator: 2, denominator: 3, percent: 66.7, rag: 'amber' });
    expect(rateOf(8001, 10000, DEFAULT_POLICY)).toMatchObject({ percent: 80, rag: 'green' });
  });

  it('uses the policy thresholds', () => {
    expect(rateOf(85, 100, parsePolicy({ rag: { green: 0.9 } })).rag).toBe('amber');
  });

  it('computes every headline rate from the counts', () => {
    const coverage = audit([
      patient('p'),
      carer('a', 'p', { identifiedOn: '2026-10-01' }),
      consent('k', 'p', ['a'], 'permit', '2026-10-02'),
      offer('t', 'a', 'completed', '2026-10-03'),
      carer('b', 'p', { identifiedOn: '2026-10-01' }),
      patient('q'),
      patient('r'),
      askedNoCarers('l', 'r'),
    ]);
    expect(coverage.rates.carersIdentified).toMatchObject({ numerator: 2, denominator: 3 });
    expect(coverage.rates.consentRecorded).toMatchObject({ numerator: 1, denominator: 2, rag: 'amber' });
    expect(coverage.rates.consentInDate).toMatchObject({ numerator: 1, denominator: 1, rag: 'green' });
    expect(coverage.rates.assessmentOffered).toMatchObject({ numerator: 1, denominator: 2 });
    expect(coverage.rates.offerWithinPolicy).toMatchObject({ numerator: 1, denominator: 1 });
    expect(coverage.rates.assessmentReviewInDate).toMatchObject({ numerator: 1, denominator: 1 });
  });
});

describe('coverage.json', () => {
  it('matches the versioned schema', () => {
    const coverage = audit([patient('p', 'Team <A> & "B"'), carer('c', 'p'), consent('k', 'p', ['c'], 'permit', '2026-01-01')]);
    expect(CoverageSchema.parse(coverage)).toEqual(coverage);
    expect(coverage).toMatchObject({ schemaVersion: 1, complete: true, now: NOW.toISOString(), asOf: AS_OF });
  });

  it('says it is incomplete, and why, when the pull did not finish', () => {
    const coverage = finaliseCoverage(emptyAuditState(), DEFAULT_POLICY, NOW, { complete: false, reason: 'file 3 of 7 failed' });
    expect(coverage).toMatchObject({ complete: false, incompleteReason: 'file 3 of 7 failed' });
  });

  it('dates the audit in the trust’s zone: 23:30 UTC on 30 June is 1 July in London', () => {
    expect(finaliseCoverage(emptyAuditState(), DEFAULT_POLICY, new Date('2026-06-30T23:30:00Z'), { complete: true }).asOf).toBe('2026-07-01');
  });
});

/** Adds two nested count objects key by key. */
function addCounts<T>(a: T, b: T): T {
  if (typeof a === 'number' && typeof b === 'number') return (a + b) as T;
  if (typeof a !== 'object' || a === null) return a;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(a)) out[key] = addCounts((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
  return out as T;
}

/*
 * Issue 12 item 3: measures a carers' lead can defend — the population is the current caseload,
 * a stale "no carers" answer is not "identified", a carer whose offer deadline cannot be worked out
 * is "deadline unknown", and the trend over time is by month recorded.
 */
function auditOf(facts: readonly AuditFact[], caseload?: CaseloadChoice, now: Date = NOW) {
  const state = facts.reduce(addFact, emptyAuditState());
  return finaliseCoverage(state, DEFAULT_POLICY, now, { complete: true }, caseload);
}

function endedEpisode(id: string, patientId: string, start: string, end: string): EpisodeFact {
  return { kind: 'episode', id, patient: patientId, serviceStart: start, endedOn: end, ended: true, recency: at(start) };
}

describe('the population is the current caseload', () => {
  it('leaves a patient discharged in 2016 out of the measures and reports them as not in the caseload', () => {
    const coverage = auditOf([patient('old'), endedEpisode('e-old', 'old', '2015-02-01', '2016-05-01'), patient('now'), episode('e-now', 'now', '2026-01-01')]);
    expect(coverage.patients.total).toBe(1);
    expect(coverage.patients.neverAsked).toBe(1);
    expect(coverage.population.excluded.notInCaseload).toBe(1);
    expect(coverage.population.caseload).toEqual({ basis: 'episode-of-care', from: '2026-11-23', to: '2026-11-23' });
  });

  it('leaves out a patient with no episode of care when the data has episodes for others', () => {
    const coverage = auditOf([patient('p'), patient('q'), episode('e', 'q', '2026-01-01')]);
    expect(coverage.patients.total).toBe(1);
    expect(coverage.population.excluded.notInCaseload).toBe(1);
  });

  it('with --since, counts a patient discharged on or after that date', () => {
    const facts = [patient('left'), endedEpisode('e1', 'left', '2025-01-01', '2026-08-01'), patient('stays'), episode('e2', 'stays', '2026-01-01')];
    expect(auditOf(facts, { since: '2026-06-01' }).patients.total).toBe(2);
    expect(auditOf(facts, { since: '2026-09-01' }).patients.total).toBe(1);
  });

  it('as at an earlier date, leaves out a patient whose episode started after it and counts one discharged after it', () => {
    const facts = [patient('later'), episode('e1', 'later', '2026-10-01'), patient('discharged'), endedEpisode('e2', 'discharged', '2026-01-01', '2026-09-30')];
    const coverage = auditOf(facts, undefined, new Date('2026-07-01T12:00:00Z'));
    expect(coverage.patients.total).toBe(1);
    expect(coverage.population.excluded.notInCaseload).toBe(1);
  });

  it('counts every patient read when the data holds no episode of care at all, and says so', () => {
    const coverage = auditOf([patient('p'), patient('q')]);
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
    const coverage = auditOf([patient('p'), askedNoCarers('l', 'p', '2024-01-10')]);
    expect(coverage.patients).toMatchObject({ total: 1, askedNoCarers: 0, askedNoCarersStale: 1, neverAsked: 0 });
    expect(coverage.rates.carersIdentified.numerator).toBe(0);
  });

  it('takes the most recent of two answers, as the panel does', () => {
    const coverage = auditOf([patient('p'), askedNoCarers('old', 'p', '2023-01-10'), askedNoCarers('new', 'p', '2026-10-01')]);
    expect(coverage.patients).toMatchObject({ askedNoCarers: 1, askedNoCarersStale: 0 });
  });

  it('asks again after any new episode since the answer, not only the current one or the one that ended last', () => {
    // Asked on 1 Aug 2026; a short episode started after it (1 Sep) and ended (20 Sep); an older one ended last.
    const facts: AuditFact[] = [
      patient('p'),
      askedNoCarers('l', 'p', '2026-08-01'),
      episode('current', 'p', '2024-01-01'),
      { ...episode('short', 'p', '2026-09-01'), ended: true, endedOn: '2026-09-20' },
      { ...episode('older', 'p', '2025-01-01'), ended: true, endedOn: '2026-11-01' },
    ];
    expect(auditOf(facts).patients).toMatchObject({ askedNoCarers: 0, askedNoCarersStale: 1 });
  });

  it.each(['2025-11-23', '2025-11-24', '2026-01-10', undefined])('agrees with the panel for an answer dated %s', (askedOn) => {
    const fact = askedOn === undefined ? { kind: 'askedNoCarers' as const, id: 'l', patient: 'p' } : askedNoCarers('l', 'p', askedOn);
    const coverage = auditOf([patient('p'), fact]);
    expect(coverage.patients.askedNoCarersStale === 1).toBe(panelAsksAgain(askedOn));
    expect(coverage.patients.askedNoCarers === 1).toBe(!panelAsksAgain(askedOn));
  });
});

describe('offer deadlines', () => {
  it('reports a carer whose first-offer deadline cannot be computed as "deadline unknown", not dropped', () => {
    const coverage = auditOf([patient('p'), carer('c', 'p')]);
    expect(coverage.carers.total).toBe(1);
    expect(coverage.carers.offerDeadlineUnknown).toBe(1);
    expect(coverage.rates.offerWithinPolicy.denominator).toBe(0);
  });

  it('does not count a carer with a known deadline as unknown', () => {
    const coverage = auditOf([patient('p'), episode('e', 'p', '2026-01-01'), carer('c', 'p', { identifiedOn: '2026-02-01' })]);
    expect(coverage.carers.offerDeadlineUnknown).toBe(0);
  });
});

describe('trend over time from activity dates', () => {
  it('counts carers identified, consent decisions recorded and first offers made in the month each was recorded, not the month of service start', () => {
    const coverage = auditOf([
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
    const coverage = auditOf([
      patient('old'),
      { kind: 'episode', id: 'e-old', patient: 'old', serviceStart: '2015-01-01', ended: true, endedOn: '2016-01-01', recency: at('2015-01-01') },
      carer('c', 'old', { identifiedOn: '2015-03-01' }),
      patient('now'),
      episode('e', 'now', '2026-01-01'),
    ]);
    expect(coverage.activityByMonth).toEqual([]);
  });
});

describe("recommendation 3: carers referred for the statutory assessment, and their own consent to share it", () => {
  const referral = (id: string, carerId: string, on?: string): AuditFact => ({ kind: 'referral', id, carer: carerId, ...(on !== undefined ? { on } : {}), recency: at(on) });
  const own = (id: string, carerId: string, patientId: string, decision: 'permit' | 'deny' | 'withdrawn' | 'unknown'): AuditFact => ({ kind: 'carerSharingConsent', id, carer: carerId, patient: patientId, decision, recency: at('2026-10-20') });

  it('counts a referred carer as offered (never "not offered"), with the referral as the first offer', () => {
    const coverage = audit([patient('p'), episode('e', 'p', '2026-01-01'), carer('c', 'p', { identifiedOn: '2026-01-05' }), referral('r', 'c', '2026-02-01')]);
    expect(coverage.carers.assessment).toMatchObject({ notOffered: 0, accepted: 1 });
    expect(coverage.rates.assessmentOffered).toMatchObject({ numerator: 1, denominator: 1 });
    expect(coverage.rates.offerWithinPolicy).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('rates carers referred out of adult carers who accepted or completed an assessment, and referred carers with their own decision recorded', () => {
    const coverage = audit([
      patient('p'),
      carer('a', 'p'),
      offer('ta', 'a', 'completed', '2026-09-01'),
      referral('ra', 'a', '2026-09-02'),
      own('oa', 'a', 'p', 'deny'),
      carer('b', 'p'),
      offer('tb', 'b', 'accepted', '2026-09-01'),
      carer('c', 'p'),
      offer('tc', 'c', 'offered', '2026-11-01'),
      carer('d', 'p'),
      referral('rd', 'd', '2026-10-01'),
      own('od', 'd', 'p', 'unknown'),
    ]);
    // a (completed, referred), b (accepted, not referred), d (referral only: accepted) are expected; c (offered) is not.
    expect(coverage.rates.carersReferred).toMatchObject({ numerator: 2, denominator: 3, rag: 'amber' });
    // a answered (deny counts: an answer); d's decision cannot be interpreted.
    expect(coverage.rates.carerSharingConsentRecorded).toMatchObject({ numerator: 1, denominator: 2, rag: 'amber' });
  });

  it("never reads the carer's own consent as the patient's decision", () => {
    const coverage = audit([patient('p'), carer('a', 'p'), referral('ra', 'a', '2026-09-02'), own('oa', 'a', 'p', 'permit')]);
    expect(coverage.carers.consent.none).toBe(1);
    expect(coverage.dataQuality.consentWithoutCarer).toBe(0);
    expect(coverage.rates.consentRecorded).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('ignores a referral dated before the current offer (an earlier round) for the referral rate', () => {
    const coverage = audit([patient('p'), carer('a', 'p'), offer('ta', 'a', 'accepted', '2026-09-01'), referral('ra', 'a', '2026-08-01')]);
    expect(coverage.rates.carersReferred).toMatchObject({ numerator: 0, denominator: 1, rag: 'red' });
  });
});
