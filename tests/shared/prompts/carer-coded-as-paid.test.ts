import { describe, expect, it } from 'vitest';
import { COMMITMENT, carerCodedAsPaid } from '../../../shared/prompts/carer-coded-as-paid';
import { FormerFriend, JaneDaughter, NOW, POLICY, TomBrother, carerWith, contextWith } from '../fixtures';

describe('carer-coded-as-paid', () => {
  it('raises one person coded both as an unpaid carer and as a paid care worker', () => {
    expect(carerCodedAsPaid(contextWith({ carers: [carerWith(JaneDaughter, { paidCareWorker: true })] }), POLICY, NOW)).toEqual([
      {
        id: 'carer-coded-as-paid:RelatedPerson/jane',
        code: 'carer-coded-as-paid',
        severity: 'warning',
        summary: 'Jane Smith (Daughter) is recorded both as an unpaid carer and as a paid care worker — check which',
        detail: expect.stringMatching(/^Paid care workers are not unpaid carers\./),
        commitment: COMMITMENT,
        actions: [
          { kind: 'open-in-ehr', label: 'Check in the EHR' },
          { kind: 'mark-not-carer', label: 'Not an unpaid carer' },
        ],
        carer: 'RelatedPerson/jane',
        snoozable: true,
      },
    ]);
  });

  it('says nothing about an unpaid carer, a paid worker who is not coded as a carer, or a former carer', () => {
    expect(carerCodedAsPaid(contextWith({ carers: [JaneDaughter, carerWith(TomBrother, { paidCareWorker: true, carerStatus: 'not-carer' }), carerWith(FormerFriend, { paidCareWorker: true })] }), POLICY, NOW)).toEqual([]);
  });
});
