import { describe, expect, it } from 'vitest';
import { carerSharingAnswered, isReferred, referralExpected, withReferral } from '../../../shared/domain/assessment';
import type { AssessmentStatus, CarerReferral } from '../../../shared/domain/types';
import { GraceMother, JaneDaughter, LeoYoungSon, NOW, POLICY, carerWith } from '../fixtures';

const REFERRAL: CarerReferral = { task: 'Task/ref-1', on: '2026-03-01T10:00:00Z', to: "The local carers' centre" };

describe('withReferral: what a referral for a statutory carer’s assessment means (recommendation 3)', () => {
  it('leaves the assessment alone when there is no referral', () => {
    const offered: AssessmentStatus = { status: 'offered', task: 'Task/o', offeredOn: '2026-02-01' };
    expect(withReferral(offered, undefined, POLICY)).toBe(offered);
  });

  it('reads a referral with no offer on record as the assessment arranged (accepted), offered and answered on the referral date', () => {
    expect(withReferral({ status: 'not-offered' }, REFERRAL, POLICY)).toEqual({
      status: 'accepted',
      offeredOn: REFERRAL.on,
      respondedOn: REFERRAL.on,
      referral: 'Task/ref-1',
      referredOn: REFERRAL.on,
      referredTo: "The local carers' centre",
    });
  });

  it('reads an undated referral with no offer as accepted, with no dates invented', () => {
    expect(withReferral({ status: 'not-offered' }, { task: 'Task/ref-2' }, POLICY)).toEqual({ status: 'accepted', referral: 'Task/ref-2' });
  });

  it.each([
    ['offered', { status: 'offered', task: 'Task/o', offeredOn: '2026-02-01' }],
    ['declined', { status: 'declined', task: 'Task/o', offeredOn: '2026-02-01', respondedOn: '2026-02-10', declinedReason: 'not now' }],
  ] as const)('turns an offer %s before the referral into accepted, answered on the referral date', (_what, offer) => {
    const read = withReferral(offer, REFERRAL, POLICY);
    expect(read).toMatchObject({ status: 'accepted', task: 'Task/o', offeredOn: '2026-02-01', respondedOn: REFERRAL.on, referral: 'Task/ref-1' });
    expect(read.declinedReason).toBeUndefined();
  });

  it('keeps a completed assessment (and its review clock) and records the referral beside it', () => {
    const completed: AssessmentStatus = { status: 'completed', task: 'Task/o', offeredOn: '2026-01-20', completedOn: '2026-02-10' };
    expect(withReferral(completed, REFERRAL, POLICY)).toEqual({ ...completed, referral: 'Task/ref-1', referredOn: REFERRAL.on, referredTo: "The local carers' centre" });
  });

  it('counts a referral on the day of the offer (calendar days, policy zone), and ignores one the day before: an earlier round', () => {
    const offer: AssessmentStatus = { status: 'offered', task: 'Task/o', offeredOn: '2026-06-01' };
    expect(withReferral(offer, { task: 'Task/r', on: '2026-06-01' }, POLICY).status).toBe('accepted');
    expect(withReferral(offer, { task: 'Task/r', on: '2026-05-31T23:30:00Z' }, POLICY).status).toBe('accepted'); // 00:30 BST on 1 June in London
    expect(withReferral(offer, { task: 'Task/r', on: '2026-05-31T22:30:00Z' }, POLICY)).toBe(offer);
  });
});

describe('referralExpected / isReferred / carerSharingAnswered', () => {
  it('expects a referral for an adult carer whose assessment was accepted or took place, not for one offered or not offered', () => {
    expect(referralExpected(GraceMother, POLICY, NOW)).toBe(true);
    expect(referralExpected(carerWith(JaneDaughter, { assessment: { status: 'accepted', task: 'Task/a' } }), POLICY, NOW)).toBe(true);
    expect(referralExpected(JaneDaughter, POLICY, NOW)).toBe(false);
    expect(referralExpected(carerWith(JaneDaughter, { assessment: { status: 'offered', task: 'Task/a' } }), POLICY, NOW)).toBe(false);
    expect(referralExpected(carerWith(JaneDaughter, { assessment: { status: 'declined', task: 'Task/a' } }), POLICY, NOW)).toBe(false);
  });

  it('leaves young carers to young-carer-referral (Children Act 1989 s.17ZA), and inactive carers out', () => {
    expect(referralExpected(carerWith(LeoYoungSon, { assessment: { status: 'accepted', task: 'Task/a' } }), POLICY, NOW)).toBe(false);
    expect(referralExpected(carerWith(GraceMother, { active: false }), POLICY, NOW)).toBe(false);
  });

  it('reads a referral in this round as referred', () => {
    expect(isReferred(GraceMother)).toBe(false);
    expect(isReferred(carerWith(GraceMother, { assessment: { ...GraceMother.assessment, referral: 'Task/r' } }))).toBe(true);
  });

  it('takes permit, deny and withdrawn as the carer’s answer, and unknown or nothing as not asked', () => {
    for (const decision of ['permit', 'deny', 'withdrawn'] as const) expect(carerSharingAnswered({ sharingConsent: { consent: 'Consent/c', decision } })).toBe(true);
    expect(carerSharingAnswered({ sharingConsent: { consent: 'Consent/c', decision: 'unknown' } })).toBe(false);
    expect(carerSharingAnswered({})).toBe(false);
  });
});

describe('referralExpected after the assessment: until its review is due', () => {
  // Grace's assessment took place on 10 Feb 2026: review due 10 Feb 2027 (12 months).
  it('expects a referral the day before the review is due, and not on the due date (assessment-review-due then asks for a new round)', () => {
    expect(referralExpected(GraceMother, POLICY, new Date('2027-02-09T12:00:00Z'))).toBe(true);
    expect(referralExpected(GraceMother, POLICY, new Date('2027-02-10T12:00:00Z'))).toBe(false);
  });
});
