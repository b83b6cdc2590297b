import { describe, expect, it } from 'vitest';
import { COMMITMENT, RECOMMENDATION_3, referCarerAssessment } from '../../../shared/prompts/refer-carer-assessment';
import { evaluatePrompts } from '../../../shared/prompts/index';
import { GraceMother, JaneDaughter, LeoYoungSon, NOW, POLICY, carerWith, contextWith } from '../fixtures';

const acceptedJane = carerWith(JaneDaughter, { assessment: { status: 'accepted', task: 'Task/jane-offer', offeredOn: '2026-05-10', respondedOn: '2026-05-20' } });

describe('refer-carer-assessment', () => {
  it("prompts to refer a carer who accepted a carer's assessment, quoting recommendation 3", () => {
    expect(referCarerAssessment(contextWith({ carers: [acceptedJane] }), POLICY, NOW)).toEqual([
      {
        id: 'refer-carer-assessment:RelatedPerson/jane',
        code: 'refer-carer-assessment',
        severity: 'info',
        summary: "Refer Jane Smith (Daughter) to carers' support for their statutory carer's assessment",
        detail: expect.stringContaining(`"${RECOMMENDATION_3}"`),
        commitment: COMMITMENT,
        actions: [{ kind: 'refer-carer-assessment', label: "Record referral for carer's assessment" }],
        carer: 'RelatedPerson/jane',
        snoozable: true,
      },
    ]);
    expect(COMMITMENT).toContain('Involvement of the carer support organisations at assessment and subject to carers consent, sharing the statutory assessment');
  });

  it('prompts for a carer whose assessment took place and who was not referred', () => {
    expect(referCarerAssessment(contextWith({ carers: [GraceMother] }), POLICY, NOW).map((p) => p.carer)).toEqual(['RelatedPerson/grace']);
  });

  it('ends once a referral is recorded in this round', () => {
    const referred = carerWith(acceptedJane, { assessment: { ...acceptedJane.assessment, referral: 'Task/ref', referredOn: '2026-06-01' } });
    expect(referCarerAssessment(contextWith({ carers: [referred] }), POLICY, NOW)).toEqual([]);
  });

  it('does not prompt before the carer has accepted, for young carers (young-carer-referral), or for inactive carers', () => {
    expect(referCarerAssessment(contextWith({ carers: [JaneDaughter] }), POLICY, NOW)).toEqual([]);
    expect(referCarerAssessment(contextWith({ carers: [carerWith(LeoYoungSon, { assessment: acceptedJane.assessment })] }), POLICY, NOW)).toEqual([]);
    expect(referCarerAssessment(contextWith({ carers: [carerWith(acceptedJane, { active: false })] }), POLICY, NOW)).toEqual([]);
  });

  it('keeps every summary under 140 characters, even for a long name', () => {
    const long = carerWith(acceptedJane, { name: 'A'.repeat(200) });
    for (const prompt of evaluatePrompts(contextWith({ carers: [long] }), POLICY, NOW)) expect(prompt.summary.length).toBeLessThan(140);
  });
});

describe('a referral already made is never "not offered" (the offer prompts)', () => {
  it('shows no offer-assessment or follow-up prompt for a carer with only a referral on record', () => {
    const referredOnly = carerWith(JaneDaughter, { assessment: { status: 'accepted', referral: 'Task/ref', referredOn: '2026-06-01', offeredOn: '2026-06-01', respondedOn: '2026-06-01' } });
    const codes = evaluatePrompts(contextWith({ carers: [referredOnly] }), POLICY, NOW).map((p) => p.code);
    expect(codes).not.toContain('offer-assessment');
    expect(codes).not.toContain('follow-up-assessment-offer');
    expect(codes).not.toContain('refer-carer-assessment');
    expect(codes).toContain('carer-sharing-consent');
  });
});
