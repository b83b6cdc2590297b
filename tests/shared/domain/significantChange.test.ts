import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../shared/domain/types';
import { carerAssessmentReviewDue, significantChangesAfter } from '../../../shared/domain/significantChange';
import { GraceMother, JaneDaughter, PatientAlex, POLICY, carerWith, contextWith, noonOn } from '../fixtures';

const assessed = carerWith(JaneDaughter, { assessment: { status: 'completed', offeredOn: '2026-01-05', completedOn: '2026-02-01' } });
const admission: Episode = { reference: 'EpisodeOfCare/ward', status: 'finished', start: '2026-03-10', end: '2026-04-20', inpatient: true, detained: false };
const withEpisodes = (...episodes: Episode[]) => contextWith({ patient: { ...PatientAlex, episodes }, carers: [assessed] });

describe('significant changes in a carer’s circumstances', () => {
  it('an admission and a discharge after the last assessment, in order', () => {
    const ctx = withEpisodes(admission);
    expect(significantChangesAfter(ctx, assessed, '2026-02-01', POLICY, noonOn('2026-06-15')).map((c) => [c.kind, c.on])).toEqual([
      ['inpatient-admission', '2026-03-10'],
      ['discharge', '2026-04-20'],
    ]);
  });

  it('a detention, a new carer, the patient’s death and a recorded change all count; changes on or before the assessment day do not', () => {
    const detention: Episode = { reference: 'EpisodeOfCare/s2', status: 'current', start: '2026-02-01', inpatient: false, detained: true };
    const later: Episode = { ...detention, reference: 'EpisodeOfCare/s3', start: '2026-02-02' };
    const newCarer = carerWith(GraceMother, { identifiedOn: '2026-03-01' });
    const ill = carerWith(assessed, { circumstancesChanged: { on: '2026-05-01T09:00:00Z', what: 'carer-illness' } });
    const ctx = contextWith({ patient: { ...PatientAlex, episodes: [detention, later], deceased: '2026-06-01' }, carers: [ill, newCarer] });
    expect(significantChangesAfter(ctx, ill, '2026-02-01', POLICY, noonOn('2026-06-15')).map((c) => c.kind)).toEqual(['detention', 'new-carer', 'carer-illness', 'patient-died']);
  });

  it('makes the review due on the change, not a year after the assessment', () => {
    expect(carerAssessmentReviewDue(withEpisodes(), assessed, POLICY, noonOn('2026-06-15')).due).toBe('2027-02-01');
    const review = carerAssessmentReviewDue(withEpisodes(admission), assessed, POLICY, noonOn('2026-06-15'));
    expect(review.due).toBe('2026-03-10');
    expect(review.change?.kind).toBe('inpatient-admission');
  });

  it('a change in the future (a planned admission) is not yet a change', () => {
    const planned = { ...admission, status: 'current' as const, start: '2026-06-16', end: undefined } as Episode;
    expect(carerAssessmentReviewDue(withEpisodes(planned), assessed, POLICY, noonOn('2026-06-15')).due).toBe('2027-02-01');
    expect(carerAssessmentReviewDue(withEpisodes(planned), assessed, POLICY, noonOn('2026-06-16')).due).toBe('2026-06-16');
  });
});
