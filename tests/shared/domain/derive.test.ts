import { describe, expect, it } from 'vitest';
import {
  assessmentReviewDue,
  carerAge,
  consentReviewDue,
  firstOfferDeadline,
  isActiveCarer,
  isCurrent,
  isYoungCarer,
} from '../../../shared/domain/derive';
import { FormerFriend, GraceMother, JaneDaughter, LeoYoungSon, NOW, PatientAlex, PatNeighbour, POLICY, TomBrother, carerWith, noonOn } from '../fixtures';

describe('isActiveCarer', () => {
  it('is true only for an active person marked as carer', () => {
    expect(isActiveCarer(JaneDaughter, POLICY, NOW)).toBe(true);
    expect(isActiveCarer(FormerFriend, POLICY, NOW)).toBe(false);
    expect(isActiveCarer(TomBrother, POLICY, NOW)).toBe(false);
    expect(isActiveCarer(PatNeighbour, POLICY, NOW)).toBe(false);
  });
});

describe('isCurrent', () => {
  it('treats a relationship that has ended as history from the day after its end', () => {
    const ended = carerWith(JaneDaughter, { endedOn: '2026-06-14' });
    const endsToday = carerWith(JaneDaughter, { endedOn: '2026-06-15' });
    expect(isCurrent(ended, POLICY, NOW)).toBe(false);
    expect(isActiveCarer(ended, POLICY, NOW)).toBe(false);
    expect(isCurrent(endsToday, POLICY, NOW)).toBe(true);
  });

  it('reads a relationship ended in a month as ending on its last day', () => {
    expect(isCurrent(carerWith(JaneDaughter, { endedOn: '2026-06' }), POLICY, NOW)).toBe(true);
    expect(isCurrent(carerWith(JaneDaughter, { endedOn: '2026-05' }), POLICY, NOW)).toBe(false);
  });
});

describe('isYoungCarer', () => {
  it('is true for a carer under 18', () => {
    expect(isYoungCarer(LeoYoungSon, POLICY, NOW)).toBe(true);
    expect(carerAge(LeoYoungSon, POLICY, NOW)).toBe(15);
  });

  it('stops on the 18th birthday', () => {
    const turning18 = carerWith(LeoYoungSon, { birthDate: '2008-06-15' });
    expect(isYoungCarer(turning18, POLICY, noonOn('2026-06-14'))).toBe(true);
    expect(isYoungCarer(turning18, POLICY, noonOn('2026-06-15'))).toBe(false);
    expect(isYoungCarer(turning18, POLICY, noonOn('2026-06-16'))).toBe(false);
  });

  it('counts the birthday in the policy zone, not in UTC', () => {
    const turning18 = carerWith(LeoYoungSon, { birthDate: '2008-06-15' });
    // 23:30 UTC on the 14th is already 00:30 on the 15th in London (BST).
    expect(isYoungCarer(turning18, POLICY, new Date('2026-06-14T23:30:00Z'))).toBe(false);
    expect(isYoungCarer(turning18, { ...POLICY, timeZone: 'America/Los_Angeles' }, new Date('2026-06-14T23:30:00Z'))).toBe(true);
  });

  it('treats someone born on 29 February as 18 from 1 March in a common year', () => {
    const leapling = carerWith(LeoYoungSon, { birthDate: '2008-02-29' });
    expect(isYoungCarer(leapling, POLICY, noonOn('2026-02-28'))).toBe(true);
    expect(isYoungCarer(leapling, POLICY, noonOn('2026-03-01'))).toBe(false);
  });

  it('treats a carer with only a birth year as young while they may be under 18', () => {
    const yearOnly = carerWith(LeoYoungSon, { birthDate: '2008' });
    expect(isYoungCarer(yearOnly, POLICY, noonOn('2026-12-30'))).toBe(true);
    expect(isYoungCarer(yearOnly, POLICY, noonOn('2026-12-31'))).toBe(false);
  });

  it('follows the policy age', () => {
    expect(isYoungCarer(carerWith(LeoYoungSon, { birthDate: '2006-01-01' }), { ...POLICY, youngCarerUnderAge: 25 }, NOW)).toBe(true);
  });

  it('is false without a usable birth date, for adults, and for contacts not confirmed as carers', () => {
    expect(isYoungCarer(carerWith(LeoYoungSon, { birthDate: undefined }), POLICY, NOW)).toBe(false);
    expect(isYoungCarer(carerWith(LeoYoungSon, { birthDate: 'unknown' }), POLICY, NOW)).toBe(false);
    expect(isYoungCarer(carerWith(LeoYoungSon, { birthDate: '2030-01-01' }), POLICY, NOW)).toBe(false);
    expect(isYoungCarer(JaneDaughter, POLICY, NOW)).toBe(false);
    expect(isYoungCarer(carerWith(LeoYoungSon, { carerStatus: 'unconfirmed' }), POLICY, NOW)).toBe(false);
    expect(isYoungCarer(carerWith(LeoYoungSon, { carerStatus: 'not-carer' }), POLICY, NOW)).toBe(false);
  });

  it('leaves whether the person is active to the caller', () => {
    expect(isYoungCarer(carerWith(LeoYoungSon, { active: false }), POLICY, NOW)).toBe(true);
  });
});

describe('assessmentReviewDue', () => {
  it('is 12 months after a completed assessment', () => {
    expect(assessmentReviewDue(GraceMother.assessment, POLICY)).toBe('2027-02-10');
  });

  it('is 12 months after the carer declined', () => {
    expect(assessmentReviewDue({ status: 'declined', offeredOn: '2026-01-05', respondedOn: '2026-01-20' }, POLICY)).toBe('2027-01-20');
  });

  it('falls back to the answer, then the offer, when the assessment date is missing', () => {
    expect(assessmentReviewDue({ status: 'completed', offeredOn: '2026-01-05', respondedOn: '2026-01-20' }, POLICY)).toBe('2027-01-20');
    expect(assessmentReviewDue({ status: 'completed', offeredOn: '2026-01-05' }, POLICY)).toBe('2027-01-05');
    expect(assessmentReviewDue({ status: 'declined', offeredOn: '2026-01-05' }, POLICY)).toBe('2027-01-05');
    expect(assessmentReviewDue({ status: 'completed', completedOn: 'garbage', offeredOn: '2026-01-05' }, POLICY)).toBe('2027-01-05');
  });

  it('is undefined with no date at all', () => {
    expect(assessmentReviewDue({ status: 'completed' }, POLICY)).toBeUndefined();
  });

  it('clamps to the end of a shorter month', () => {
    expect(assessmentReviewDue({ status: 'completed', completedOn: '2024-02-29' }, POLICY)).toBe('2025-02-28');
    expect(assessmentReviewDue({ status: 'completed', completedOn: '2026-01-31' }, { ...POLICY, assessmentReviewMonths: 1 })).toBe('2026-02-28');
  });

  it('reads a dateTime in the policy zone', () => {
    expect(assessmentReviewDue({ status: 'completed', completedOn: '2026-06-30T23:30:00Z' }, POLICY)).toBe('2027-07-01');
  });

  it('reads a partial date from its first day', () => {
    expect(assessmentReviewDue({ status: 'completed', completedOn: '2026-02' }, POLICY)).toBe('2027-02-01');
  });

  it.each(['not-offered', 'offered', 'accepted'] as const)('is undefined while the assessment is %s', (status) => {
    expect(assessmentReviewDue({ status, offeredOn: '2025-01-01', respondedOn: '2025-01-02' }, POLICY)).toBeUndefined();
  });
});

describe('consentReviewDue', () => {
  it('is the review date on the Consent', () => {
    expect(consentReviewDue(GraceMother.consent, POLICY)).toBe('2027-03-01');
  });

  it('is the decision date plus 12 months without a review date', () => {
    for (const decision of ['permit', 'deny', 'partial'] as const) {
      expect(consentReviewDue({ decision, recordedOn: '2026-01-31' }, POLICY)).toBe('2027-01-31');
    }
    expect(consentReviewDue({ decision: 'permit', recordedOn: '2026-01-31' }, { ...POLICY, consentReviewMonths: 1 })).toBe('2026-02-28');
  });

  it('keeps an explicit review date even when it is further away than the policy interval', () => {
    expect(consentReviewDue({ decision: 'permit', recordedOn: '2026-01-01', reviewDue: '2028-01-01' }, POLICY)).toBe('2028-01-01');
  });

  it('ignores an unreadable review date', () => {
    expect(consentReviewDue({ decision: 'permit', recordedOn: '2026-01-01', reviewDue: 'next year' }, POLICY)).toBe('2027-01-01');
  });

  it('restarts from the withdrawal when its date is known', () => {
    expect(consentReviewDue({ decision: 'withdrawn', recordedOn: '2024-01-01', reviewDue: '2025-01-01', withdrawnOn: '2026-06-01' }, POLICY)).toBe('2027-06-01');
    expect(consentReviewDue({ decision: 'withdrawn', recordedOn: '2024-01-01', reviewDue: '2025-01-01' }, POLICY)).toBe('2025-01-01');
    expect(consentReviewDue({ decision: 'withdrawn', recordedOn: '2024-01-01' }, POLICY)).toBe('2025-01-01');
  });

  it('is undefined when there is no decision, an unreadable one, or no date at all', () => {
    expect(consentReviewDue({ decision: 'none' }, POLICY)).toBeUndefined();
    expect(consentReviewDue({ decision: 'unknown', recordedOn: '2024-01-01', reviewDue: '2025-01-01' }, POLICY)).toBeUndefined();
    expect(consentReviewDue({ decision: 'permit' }, POLICY)).toBeUndefined();
  });
});

describe('firstOfferDeadline', () => {
  it('is 3 months after the carer was identified when that is after the service started', () => {
    expect(firstOfferDeadline(JaneDaughter, PatientAlex, POLICY)).toBe('2026-08-01');
  });

  it('is 3 months after the service started when the carer was identified before', () => {
    expect(firstOfferDeadline(GraceMother, PatientAlex, POLICY)).toBe('2026-04-10');
  });

  it('uses whichever start is known', () => {
    expect(firstOfferDeadline(JaneDaughter, { ...PatientAlex, serviceStart: undefined }, POLICY)).toBe('2026-08-01');
    expect(firstOfferDeadline(carerWith(JaneDaughter, { identifiedOn: undefined }), PatientAlex, POLICY)).toBe('2026-04-10');
  });

  it('takes the date carer status was confirmed when the identification date is missing', () => {
    const confirmed = carerWith(JaneDaughter, { identifiedOn: undefined, carerStatusAskedOn: '2026-05-20T09:00:00Z' });
    expect(firstOfferDeadline(confirmed, PatientAlex, POLICY)).toBe('2026-08-20');
  });

  it('is undefined when neither clock start is known', () => {
    expect(firstOfferDeadline(carerWith(JaneDaughter, { identifiedOn: undefined }), { ...PatientAlex, serviceStart: undefined }, POLICY)).toBeUndefined();
    expect(firstOfferDeadline(carerWith(JaneDaughter, { identifiedOn: 'soon' }), { ...PatientAlex, serviceStart: 'never' }, POLICY)).toBeUndefined();
  });

  it('clamps at month end and follows the policy', () => {
    const lateNovember = carerWith(JaneDaughter, { identifiedOn: '2026-11-30' });
    expect(firstOfferDeadline(lateNovember, PatientAlex, POLICY)).toBe('2027-02-28');
    expect(firstOfferDeadline(lateNovember, PatientAlex, { ...POLICY, firstOfferWithinMonths: 1 })).toBe('2026-12-30');
  });
});
