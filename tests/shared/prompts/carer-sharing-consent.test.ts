import { describe, expect, it } from 'vitest';
import { COMMITMENT, carerSharingConsent } from '../../../shared/prompts/carer-sharing-consent';
import { RECOMMENDATION_3 } from '../../../shared/prompts/refer-carer-assessment';
import { GraceMother, NOW, POLICY, carerWith, contextWith } from '../fixtures';

const referredGrace = carerWith(GraceMother, { assessment: { ...GraceMother.assessment, referral: 'Task/ref', referredOn: '2026-03-01', referredTo: "The local carers' centre" } });

describe('carer-sharing-consent', () => {
  it("asks a referred carer whether their assessment may be shared with the organisation, quoting recommendation 3", () => {
    expect(carerSharingConsent(contextWith({ carers: [referredGrace] }), POLICY, NOW)).toEqual([
      {
        id: 'carer-sharing-consent:RelatedPerson/grace',
        code: 'carer-sharing-consent',
        severity: 'info',
        summary: "Ask Grace Morgan (Mother) whether their carer's assessment may be shared with The local carers' centre",
        detail: expect.stringContaining(`"${RECOMMENDATION_3}"`),
        commitment: COMMITMENT,
        actions: [{ kind: 'record-carer-sharing-consent', label: "Record the carer's decision" }],
        carer: 'RelatedPerson/grace',
        snoozable: true,
      },
    ]);
  });

  it('does not ask a carer who was not referred', () => {
    expect(carerSharingConsent(contextWith({ carers: [GraceMother] }), POLICY, NOW)).toEqual([]);
  });

  it.each(['permit', 'deny', 'withdrawn'] as const)('ends once the carer’s own decision (%s) is recorded', (decision) => {
    const answered = carerWith(referredGrace, { sharingConsent: { consent: 'Consent/own', decision } });
    expect(carerSharingConsent(contextWith({ carers: [answered] }), POLICY, NOW)).toEqual([]);
  });

  it('still asks when the recorded decision cannot be interpreted', () => {
    const unclear = carerWith(referredGrace, { sharingConsent: { consent: 'Consent/own', decision: 'unknown' } });
    expect(carerSharingConsent(contextWith({ carers: [unclear] }), POLICY, NOW)).toHaveLength(1);
  });

  it("is not the patient's consent: the patient's decision and its prompts are untouched", () => {
    const answered = carerWith(referredGrace, { sharingConsent: { consent: 'Consent/own', decision: 'deny' } });
    expect(answered.consent).toEqual(GraceMother.consent);
  });
});
