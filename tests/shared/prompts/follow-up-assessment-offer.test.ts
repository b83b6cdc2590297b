import { describe, expect, it } from 'vitest';
import type { AssessmentStatus } from '../../../shared/domain/types';
import { COMMITMENT, followUpAssessmentOffer } from '../../../shared/prompts/follow-up-assessment-offer';
import { FormerFriend, JaneDaughter, NOW, PatNeighbour, POLICY, TomBrother, carerWith, contextWith, noonOn } from '../fixtures';

function offered(offeredOn?: string) {
  return contextWith({ carers: [carerWith(JaneDaughter, { assessment: { status: 'offered', task: 'Task/offer-1', offeredOn } })] });
}

describe('follow-up-assessment-offer', () => {
  it('does not prompt while the offer is under 28 days old', () => {
    expect(followUpAssessmentOffer(offered('2026-05-18'), POLICY, noonOn('2026-05-18'))).toEqual([]);
    expect(followUpAssessmentOffer(offered('2026-05-18'), POLICY, noonOn('2026-06-14'))).toEqual([]);
  });

  it('prompts to follow up once 28 days have passed without an answer', () => {
    expect(followUpAssessmentOffer(offered('2026-05-18'), POLICY, noonOn('2026-06-15'))).toEqual([
      {
        id: 'follow-up-assessment-offer:RelatedPerson/jane',
        code: 'follow-up-assessment-offer',
        severity: 'warning',
        summary: "Follow up the carer's assessment offered to Jane Smith (Daughter) on 18 May 2026",
        detail: expect.stringMatching(/^The offer was made 28 days ago and no answer is recorded\./),
        commitment: COMMITMENT,
        actions: [{ kind: 'record-assessment-outcome', label: 'Record answer' }],
        carer: 'RelatedPerson/jane',
        snoozable: true,
      },
    ]);
    expect(followUpAssessmentOffer(offered('2026-05-18'), POLICY, noonOn('2026-06-16'))[0]?.detail).toContain('29 days ago');
  });

  it('counts days in the trust\'s zone', () => {
    // 23:30 UTC on 17 May is 00:30 on 18 May in London.
    expect(followUpAssessmentOffer(offered('2026-05-17T23:30:00Z'), POLICY, noonOn('2026-06-14'))).toEqual([]);
    expect(followUpAssessmentOffer(offered('2026-05-17T23:30:00Z'), POLICY, noonOn('2026-06-15'))).toHaveLength(1);
  });

  it('counts across month ends and clock changes', () => {
    expect(followUpAssessmentOffer(offered('2026-03-03'), POLICY, noonOn('2026-03-30'))).toEqual([]);
    expect(followUpAssessmentOffer(offered('2026-03-03'), POLICY, noonOn('2026-03-31'))).toHaveLength(1);
  });

  it('follows the policy period', () => {
    const fortnight = { ...POLICY, offerFollowUpDays: 14 };
    expect(followUpAssessmentOffer(offered('2026-06-01'), fortnight, noonOn('2026-06-14'))).toEqual([]);
    expect(followUpAssessmentOffer(offered('2026-06-01'), fortnight, noonOn('2026-06-15'))).toHaveLength(1);
  });

  it('follows up an offer with no usable date at once', () => {
    for (const date of [undefined, 'last week']) {
      expect(followUpAssessmentOffer(offered(date), POLICY, NOW)).toEqual([
        expect.objectContaining({
          summary: "Follow up the carer's assessment offered to Jane Smith (Daughter) — offer date not recorded",
          detail: expect.stringMatching(/^The offer has no date\./),
        }),
      ]);
    }
  });

  it.each<AssessmentStatus>([
    { status: 'not-offered' },
    { status: 'accepted', offeredOn: '2026-01-01', respondedOn: '2026-01-02' },
    { status: 'declined', offeredOn: '2026-01-01' },
    { status: 'completed', offeredOn: '2026-01-01', completedOn: '2026-02-01' },
  ])('does not prompt when the assessment is $status', (assessment) => {
    expect(followUpAssessmentOffer(contextWith({ carers: [carerWith(JaneDaughter, { assessment })] }), POLICY, NOW)).toEqual([]);
  });

  it('does not prompt for former carers, unconfirmed contacts or non-carers', () => {
    const assessment: AssessmentStatus = { status: 'offered', offeredOn: '2025-01-01' };
    const carers = [FormerFriend, TomBrother, PatNeighbour].map((c) => carerWith(c, { assessment }));
    expect(followUpAssessmentOffer(contextWith({ carers }), POLICY, NOW)).toEqual([]);
  });
});
