import { describe, expect, it } from 'vitest';
import type { AssessmentStatus } from '../../../shared/domain/types';
import { COMMITMENT, assessmentReviewDue } from '../../../shared/prompts/assessment-review-due';
import { FormerFriend, GraceMother, JaneDaughter, NOW, PatNeighbour, PatientAlex, POLICY, TomBrother, carerWith, contextWith, noonOn } from '../fixtures';
import { evaluatePrompts } from '../../../shared/prompts/index';

function withAssessment(assessment: AssessmentStatus) {
  return contextWith({ carers: [carerWith(JaneDaughter, { assessment })] });
}

describe('assessment-review-due', () => {
  const completedYearAgo = withAssessment({ status: 'completed', offeredOn: '2025-05-01', completedOn: '2025-06-15' });

  it('does not prompt before the assessment is 12 months old', () => {
    expect(assessmentReviewDue(completedYearAgo, POLICY, noonOn('2026-06-14'))).toEqual([]);
    expect(assessmentReviewDue(contextWith({ carers: [GraceMother] }), POLICY, NOW)).toEqual([]);
  });

  it('prompts for a review on and after the date it is due', () => {
    expect(assessmentReviewDue(completedYearAgo, POLICY, noonOn('2026-06-15'))).toEqual([
      {
        id: 'assessment-review-due:RelatedPerson/jane',
        code: 'assessment-review-due',
        severity: 'warning',
        summary: "Carer's assessment review for Jane Smith (Daughter) — due 15 Jun 2026",
        detail: expect.stringContaining('at least every 12 months'),
        commitment: COMMITMENT,
        actions: [
          { kind: 'offer-assessment', label: 'Record new offer' },
          { kind: 'record-assessment-outcome', label: 'Record outcome' },
        ],
        carer: 'RelatedPerson/jane',
        snoozable: true,
      },
    ]);
    expect(assessmentReviewDue(completedYearAgo, POLICY, noonOn('2026-06-16'))).toHaveLength(1);
    expect(COMMITMENT).toMatch(/^Local standard/);
    expect(COMMITMENT).not.toMatch(/NSF|National Service Framework/);
  });

  it('offers again a year after the carer declined', () => {
    const declined = withAssessment({ status: 'declined', offeredOn: '2025-06-01', respondedOn: '2025-06-15', declinedReason: 'Not now' });
    expect(assessmentReviewDue(declined, POLICY, noonOn('2026-06-14'))).toEqual([]);
    expect(assessmentReviewDue(declined, POLICY, noonOn('2026-06-15'))).toEqual([
      expect.objectContaining({ summary: "Jane Smith (Daughter) declined a carer's assessment — offer again (due 15 Jun 2026)" }),
    ]);
  });

  it('counts a year from 29 February as ending on 28 February', () => {
    const leap = withAssessment({ status: 'completed', completedOn: '2024-02-29' });
    expect(assessmentReviewDue(leap, POLICY, noonOn('2025-02-27'))).toEqual([]);
    expect(assessmentReviewDue(leap, POLICY, noonOn('2025-02-28'))).toHaveLength(1);
  });

  it('follows the policy interval', () => {
    const sixMonths = { ...POLICY, assessmentReviewMonths: 6 };
    expect(assessmentReviewDue(completedYearAgo, sixMonths, noonOn('2025-12-14'))).toEqual([]);
    expect(assessmentReviewDue(completedYearAgo, sixMonths, noonOn('2025-12-15'))).toHaveLength(1);
  });

  it('treats an assessment with no date at all as due', () => {
    expect(assessmentReviewDue(withAssessment({ status: 'completed' }), POLICY, NOW)).toEqual([
      expect.objectContaining({ summary: "Carer's assessment review for Jane Smith (Daughter) — date of the last one not recorded" }),
    ]);
  });

  it.each<AssessmentStatus>([
    { status: 'not-offered' },
    { status: 'offered', offeredOn: '2020-01-01' },
    { status: 'accepted', offeredOn: '2020-01-01', respondedOn: '2020-01-02' },
  ])('does not prompt while the assessment is $status', (assessment) => {
    expect(assessmentReviewDue(withAssessment(assessment), POLICY, NOW)).toEqual([]);
  });

  it('does not prompt for former carers, unconfirmed contacts or non-carers', () => {
    const assessment: AssessmentStatus = { status: 'completed', completedOn: '2020-01-01' };
    const carers = [FormerFriend, TomBrother, PatNeighbour].map((c) => carerWith(c, { assessment }));
    expect(assessmentReviewDue(contextWith({ carers }), POLICY, NOW)).toEqual([]);
  });
});

describe('assessment-review-due after a significant change (recommendation 4: "or sooner if a significant change in needs/circumstances do arise")', () => {
  const assessed = carerWith(JaneDaughter, { assessment: { status: 'completed', offeredOn: '2026-01-05', completedOn: '2026-02-01' } });
  const admitted = (start: string) => ({ reference: 'EpisodeOfCare/ward' as const, status: 'current' as const, start, inpatient: true, detained: false });

  it('is due now after a new inpatient episode that started after the assessment', () => {
    const ctx = contextWith({ patient: { ...PatientAlex, episodes: [admitted('2026-05-01')] }, carers: [assessed] });
    expect(assessmentReviewDue(ctx, POLICY, noonOn('2026-04-30'))).toEqual([]);
    const [prompt] = assessmentReviewDue(ctx, POLICY, noonOn('2026-05-01'));
    expect(prompt?.summary).toBe("Carer's assessment review for Jane Smith (Daughter) — due now: the patient was admitted on 1 May 2026");
    expect(prompt?.detail).toContain('A significant change since the last assessment');
  });

  it('not for an episode that started on or before the assessment day', () => {
    const ctx = contextWith({ patient: { ...PatientAlex, episodes: [admitted('2026-02-01')] }, carers: [assessed] });
    expect(assessmentReviewDue(ctx, POLICY, noonOn('2026-06-15'))).toEqual([]);
  });

  it('after a recorded change (the carer’s own illness), and ends once a new assessment is completed after it', () => {
    const ill = carerWith(assessed, { circumstancesChanged: { on: '2026-06-10T09:00:00Z', what: 'carer-illness' } });
    expect(assessmentReviewDue(contextWith({ carers: [ill] }), POLICY, noonOn('2026-06-15'))[0]?.summary).toContain("the carer's own illness (recorded) on 10 Jun 2026");
    const reassessed = carerWith(ill, { assessment: { status: 'completed', offeredOn: '2026-06-11', completedOn: '2026-06-12' } });
    expect(assessmentReviewDue(contextWith({ carers: [reassessed] }), POLICY, noonOn('2026-06-15'))).toEqual([]);
  });

  it('after the patient’s death, for that alone', () => {
    const deceased = { ...PatientAlex, deceased: '2026-06-01' };
    expect(evaluatePrompts(contextWith({ patient: deceased, carers: [assessed] }), POLICY, noonOn('2026-06-15')).map((p) => p.code)).toContain('assessment-review-due');
    const longAgo = carerWith(JaneDaughter, { assessment: { status: 'completed', completedOn: '2024-01-01' } });
    const diedBefore = { ...PatientAlex, deceased: '2023-06-01' };
    expect(evaluatePrompts(contextWith({ patient: diedBefore, carers: [longAgo] }), POLICY, noonOn('2026-06-15')).map((p) => p.code)).not.toContain('assessment-review-due');
  });
});
