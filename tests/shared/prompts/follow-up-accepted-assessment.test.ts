import { describe, expect, it } from 'vitest';
import { COMMITMENT, followUpAcceptedAssessment } from '../../../shared/prompts/follow-up-accepted-assessment';
import { JaneDaughter, POLICY, carerWith, contextWith, noonOn } from '../fixtures';

const accepted = contextWith({ carers: [carerWith(JaneDaughter, { assessment: { status: 'accepted', offeredOn: '2026-01-05', respondedOn: '2026-01-20' } })] });

describe('follow-up-accepted-assessment', () => {
  it('waits the policy period (3 months) after the carer accepted', () => {
    expect(followUpAcceptedAssessment(accepted, POLICY, noonOn('2026-04-19'))).toEqual([]);
    expect(followUpAcceptedAssessment(accepted, POLICY, noonOn('2026-04-20'))).toEqual([
      expect.objectContaining({
        id: 'follow-up-accepted-assessment:RelatedPerson/jane',
        code: 'follow-up-accepted-assessment',
        summary: "Jane Smith (Daughter) accepted a carer's assessment on 20 Jan 2026 — not yet held",
        actions: [{ kind: 'record-assessment-outcome', label: 'Record assessment' }],
        commitment: COMMITMENT,
      }),
    ]);
    expect(COMMITMENT).toContain('within 3 months of the initial service');
  });

  it('counts from the offer when the acceptance has no date, and at once with no date at all', () => {
    const fromOffer = contextWith({ carers: [carerWith(JaneDaughter, { assessment: { status: 'accepted', offeredOn: '2026-01-05' } })] });
    expect(followUpAcceptedAssessment(fromOffer, POLICY, noonOn('2026-04-04'))).toEqual([]);
    expect(followUpAcceptedAssessment(fromOffer, POLICY, noonOn('2026-04-05'))).toHaveLength(1);
    const undated = contextWith({ carers: [carerWith(JaneDaughter, { assessment: { status: 'accepted' } })] });
    expect(followUpAcceptedAssessment(undated, POLICY, noonOn('2026-01-01'))[0]?.summary).toContain('date not recorded');
  });

  it('leaves an assessment accepted only by a referral to the organisation that holds it (no Task of the trust to record it on)', () => {
    const referredOnly = contextWith({ carers: [carerWith(JaneDaughter, { assessment: { status: 'accepted', respondedOn: '2026-01-20', referral: 'Task/ref', referredOn: '2026-01-20' } })] });
    expect(followUpAcceptedAssessment(referredOnly, POLICY, noonOn('2026-06-01'))).toEqual([]);
    // Accepted on the trust's own offer Task, then referred: the outcome can be recorded on that Task, so it is followed up.
    const offeredThenReferred = contextWith({ carers: [carerWith(JaneDaughter, { assessment: { status: 'accepted', task: 'Task/offer', respondedOn: '2026-01-20', referral: 'Task/ref', referredOn: '2026-01-25' } })] });
    expect(followUpAcceptedAssessment(offeredThenReferred, POLICY, noonOn('2026-06-01'))).toHaveLength(1);
  });

  it('is about accepted assessments only', () => {
    for (const status of ['offered', 'completed', 'declined', 'not-offered'] as const) {
      expect(followUpAcceptedAssessment(contextWith({ carers: [carerWith(JaneDaughter, { assessment: { status } })] }), POLICY, noonOn('2030-01-01'))).toEqual([]);
    }
  });
});
