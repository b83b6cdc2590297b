import { describe, expect, it } from 'vitest';
import { COMMITMENT, youngCarerReferral } from '../../../shared/prompts/young-carer-referral';
import { GraceMother, JaneDaughter, LeoYoungSon, NOW, POLICY, TomBrother, carerWith, contextWith, noonOn } from '../fixtures';

describe('young-carer-referral', () => {
  it("prompts to refer a carer under 18 to young carers' support", () => {
    expect(youngCarerReferral(contextWith({ carers: [LeoYoungSon] }), POLICY, NOW)).toEqual([
      {
        id: 'young-carer-referral:RelatedPerson/leo',
        code: 'young-carer-referral',
        severity: 'warning',
        summary: "Leo Morgan (Son) is a young carer, aged 15 — refer to young carers' support",
        detail: expect.stringContaining('safeguarding'),
        commitment: COMMITMENT,
        actions: [{ kind: 'refer-young-carer', label: "Refer to young carers' support" }],
        carer: 'RelatedPerson/leo',
        snoozable: true,
      },
    ]);
    expect(COMMITMENT).toMatch(/^Children Act 1989 s\.17ZA/);
  });

  it('stops on the 18th birthday', () => {
    const ctx = contextWith({ carers: [carerWith(LeoYoungSon, { birthDate: '2008-06-15' })] });
    expect(youngCarerReferral(ctx, POLICY, noonOn('2026-06-14'))[0]?.summary).toContain('aged 17');
    expect(youngCarerReferral(ctx, POLICY, noonOn('2026-06-15'))).toEqual([]);
    expect(youngCarerReferral(ctx, POLICY, noonOn('2026-06-16'))).toEqual([]);
  });

  it('follows the policy age', () => {
    const ctx = contextWith({ carers: [carerWith(LeoYoungSon, { birthDate: '2006-01-01' })] });
    expect(youngCarerReferral(ctx, POLICY, NOW)).toEqual([]);
    const [prompt] = youngCarerReferral(ctx, { ...POLICY, youngCarerUnderAge: 25 }, NOW);
    expect(prompt?.detail).toMatch(/^This carer is under 25, the trust's young-carer age\./);
    // The law follows age: a carer of 20 is not offered a young carer's needs assessment (s.17ZA).
    expect(prompt?.detail).not.toContain('s.17ZA');
    expect(prompt?.detail).toContain('Care Act 2014 s.10');
  });

  it('prompts for a carer with only a birth year who may still be under 18', () => {
    const ctx = contextWith({ carers: [carerWith(LeoYoungSon, { birthDate: '2008' })] });
    expect(youngCarerReferral(ctx, POLICY, NOW)[0]?.summary).toContain('aged 17');
  });

  it('does not prompt for adults, carers without a birth date, inactive young carers or young contacts not confirmed as carers', () => {
    const carers = [
      JaneDaughter,
      GraceMother,
      carerWith(LeoYoungSon, { reference: 'RelatedPerson/a', birthDate: undefined }),
      carerWith(LeoYoungSon, { reference: 'RelatedPerson/b', active: false }),
      carerWith(TomBrother, { birthDate: '2012-01-01' }),
    ];
    expect(youngCarerReferral(contextWith({ carers }), POLICY, NOW)).toEqual([]);
  });
});

describe('young-carer-referral once a referral is recorded', () => {
  it('ends when the record says the young carer was referred', () => {
    expect(youngCarerReferral(contextWith({ carers: [{ ...LeoYoungSon, youngCarerReferredOn: '2026-11-20T10:00:00Z' }] }), POLICY, NOW)).toEqual([]);
  });
});
