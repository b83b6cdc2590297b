import { describe, expect, it } from 'vitest';
import type { ConsentDecision } from '../../../shared/domain/types';
import { COMMITMENT, reviewConsent } from '../../../shared/prompts/review-consent';
import { FormerFriend, GraceMother, JaneDaughter, NOW, PatNeighbour, POLICY, TomBrother, carerWith, contextWith, noonOn } from '../fixtures';

function withConsent(consent: ConsentDecision) {
  return contextWith({ carers: [carerWith(JaneDaughter, { consent })] });
}

describe('review-consent', () => {
  const permitDue = withConsent({ decision: 'permit', recordedOn: '2025-09-01', reviewDue: '2026-06-15' });

  it('does not prompt before the review date', () => {
    expect(reviewConsent(permitDue, POLICY, noonOn('2026-06-14'))).toEqual([]);
    expect(reviewConsent(contextWith({ carers: [GraceMother] }), POLICY, NOW)).toEqual([]);
  });

  it('prompts on and after the review date', () => {
    expect(reviewConsent(permitDue, POLICY, noonOn('2026-06-15'))).toEqual([
      {
        id: 'review-consent:RelatedPerson/jane',
        code: 'review-consent',
        severity: 'warning',
        summary: 'Review consent to share with Jane Smith (Daughter) — due 15 Jun 2026',
        detail: expect.stringMatching(/^The patient agreed to share information, 1 Sep 2025\. It was due for review on 15 Jun 2026\./),
        commitment: COMMITMENT,
        actions: [
          { kind: 'record-consent', label: 'Record new decision' },
          { kind: 'withdraw-consent', label: 'Withdraw consent' },
        ],
        carer: 'RelatedPerson/jane',
        snoozable: true,
      },
    ]);
    expect(reviewConsent(permitDue, POLICY, noonOn('2026-06-16'))).toHaveLength(1);
  });

  it('without a review date, prompts once the decision is 12 months old', () => {
    const undated = withConsent({ decision: 'deny', recordedOn: '2025-06-15T10:00:00+01:00' });
    expect(reviewConsent(undated, POLICY, noonOn('2026-06-14'))).toEqual([]);
    expect(reviewConsent(undated, POLICY, noonOn('2026-06-15'))).toEqual([expect.objectContaining({ summary: 'Review consent to share with Jane Smith (Daughter) — due 15 Jun 2026' })]);
    expect(reviewConsent(undated, POLICY, noonOn('2026-06-16'))[0]?.summary).toMatch(/^Overdue: /);
    expect(reviewConsent(undated, POLICY, noonOn('2026-06-16'))).toHaveLength(1);
  });

  it('follows the policy interval, clamped at month end', () => {
    const endOfAugust = withConsent({ decision: 'permit', recordedOn: '2025-08-31' });
    const sixMonths = { ...POLICY, consentReviewMonths: 6 };
    expect(reviewConsent(endOfAugust, sixMonths, noonOn('2026-02-27'))).toEqual([]);
    expect(reviewConsent(endOfAugust, sixMonths, noonOn('2026-02-28'))).toHaveLength(1);
  });

  it.each([
    ['permit', 'The patient agreed to share information, 1 Jan 2024.', true],
    ['partial', 'The patient agreed to share some information, 1 Jan 2024.', true],
    ['deny', 'The patient declined to share information, 1 Jan 2024.', false],
    ['withdrawn', 'Consent withdrawn.', false],
  ] as const)('reviews a %s decision, offering withdrawal only where something is shared', (decision, words, canWithdraw) => {
    const [prompt] = reviewConsent(withConsent({ decision, recordedOn: '2024-01-01' }), POLICY, NOW);
    expect(prompt?.detail).toContain(words);
    expect(prompt?.actions.some((a) => a.kind === 'withdraw-consent')).toBe(canWithdraw);
  });

  it('asks again at once when the decision is no longer valid (its validity ended), saying so', () => {
    const [prompt] = reviewConsent(withConsent({ decision: 'expired', expiredDecision: 'permit', recordedOn: '2025-01-10', expiredOn: '2026-05-31' }), POLICY, NOW);
    expect(prompt?.summary).toBe('Consent decision for Jane Smith (Daughter) is no longer valid — ask again');
    expect(prompt?.detail).toMatch(/^The decision \(agreed 10 Jan 2025\) was valid until 31 May 2026: ask again\./);
    expect(prompt?.actions.map((a) => a.kind)).toEqual(['record-consent']);
  });

  it('asks again on the date set when the patient was unable to decide, and not before', () => {
    const unable = withConsent({ decision: 'lacks-capacity', recordedOn: '2026-06-01', reviewDue: '2026-06-29' });
    expect(reviewConsent(unable, POLICY, NOW)).toEqual([]);
    expect(reviewConsent(unable, POLICY, noonOn('2026-06-29'))).toEqual([
      expect.objectContaining({ summary: 'Ask again whether the patient can decide about sharing with Jane Smith (Daughter) — due 29 Jun 2026' }),
    ]);
  });

  it('says "Overdue" once the review date has passed', () => {
    expect(reviewConsent(permitDue, POLICY, noonOn('2026-06-16'))[0]?.summary).toBe('Overdue: review consent to share with Jane Smith (Daughter) — due 15 Jun 2026');
  });

  it('does not ask to review a consent the patient has only just withdrawn', () => {
    const justWithdrawn = withConsent({ decision: 'withdrawn', recordedOn: '2024-01-01', reviewDue: '2025-01-01', withdrawnOn: '2026-06-01' });
    expect(reviewConsent(justWithdrawn, POLICY, NOW)).toEqual([]);
    expect(reviewConsent(justWithdrawn, POLICY, noonOn('2027-06-01'))).toHaveLength(1);
  });

  it('prompts when a decision has no usable date, since it may be out of date', () => {
    for (const consent of [{ decision: 'permit' }, { decision: 'deny', recordedOn: 'a while ago' }] as ConsentDecision[]) {
      expect(reviewConsent(withConsent(consent), POLICY, NOW)).toEqual([
        expect.objectContaining({
          summary: 'Review consent to share with Jane Smith (Daughter) — decision date not recorded',
          detail: expect.stringContaining('The decision has no date'),
        }),
      ]);
    }
  });

  it('never reviews a missing or unreadable decision', () => {
    expect(reviewConsent(withConsent({ decision: 'none' }), POLICY, NOW)).toEqual([]);
    expect(reviewConsent(withConsent({ decision: 'unknown', recordedOn: '2020-01-01' }), POLICY, NOW)).toEqual([]);
  });

  it('ignores former carers, unconfirmed contacts and non-carers', () => {
    const stale: ConsentDecision = { decision: 'permit', recordedOn: '2020-01-01' };
    const carers = [FormerFriend, TomBrother, PatNeighbour].map((c) => carerWith(c, { consent: stale }));
    expect(reviewConsent(contextWith({ carers }), POLICY, NOW)).toEqual([]);
  });
});
