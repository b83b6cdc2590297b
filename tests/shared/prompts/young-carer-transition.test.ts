import { describe, expect, it } from 'vitest';
import { COMMITMENT, youngCarerTransition } from '../../../shared/prompts/young-carer-transition';
import { evaluatePrompts } from '../../../shared/prompts/index';
import { LeoYoungSon, POLICY, carerWith, contextWith } from '../fixtures';

// 2026-07-14T23:30Z is 15 July in London (BST): ages are counted on the policy zone's calendar day.
const NOW = new Date('2026-07-14T23:30:00Z');
const leoBorn = (birthDate: string) => contextWith({ carers: [carerWith(LeoYoungSon, { birthDate })] });

describe('young-carer-transition', () => {
  it('prompts for a transition assessment for a carer aged 17 (Care Act 2014 s.63)', () => {
    expect(youngCarerTransition(leoBorn('2009-01-10'), POLICY, NOW)).toEqual([
      {
        id: 'young-carer-transition:RelatedPerson/leo',
        code: 'young-carer-transition',
        severity: 'warning',
        summary: "Leo Morgan (Son) is 17 — ask the local authority for a young carer's transition assessment before 18",
        detail: expect.stringMatching(/^Care Act 2014 s\.63\(1\): "Where it appears to a local authority that a young carer is likely to have needs for support after becoming 18/),
        commitment: COMMITMENT,
        actions: [{ kind: 'request-transition-assessment', label: 'Record transition assessment request' }],
        carer: 'RelatedPerson/leo',
        snoozable: true,
      },
    ]);
    expect(COMMITMENT).toMatch(/^Care Act 2014 s\.63/);
  });

  it.each([
    ['16 years 364 days', '2009-07-16', false],
    ['17 years 0 days (17th birthday in London, still 16 in UTC)', '2009-07-15', true],
    ['17 years 364 days', '2008-07-16', true],
    ['18 years 0 days (18th birthday in London, still 17 in UTC)', '2008-07-15', false],
  ])('at %s: %s', (_, birthDate, prompted) => {
    expect(youngCarerTransition(leoBorn(birthDate), POLICY, NOW).length).toBe(prompted ? 1 : 0);
  });

  it('follows age, not the policy’s young-carer age', () => {
    expect(youngCarerTransition(leoBorn('2009-01-10'), { ...POLICY, youngCarerUnderAge: 16 }, NOW)).toHaveLength(1);
    expect(youngCarerTransition(leoBorn('2007-01-10'), { ...POLICY, youngCarerUnderAge: 25 }, NOW)).toEqual([]);
  });

  it('ends once a transition assessment request is recorded', () => {
    const ctx = contextWith({ carers: [carerWith(LeoYoungSon, { birthDate: '2009-01-10', transitionAssessmentRequestedOn: '2026-07-01T10:00:00Z' })] });
    expect(youngCarerTransition(ctx, POLICY, NOW)).toEqual([]);
  });

  it('is not about a carer without a birth date, an inactive carer, or a contact not confirmed as a carer', () => {
    expect(youngCarerTransition(contextWith({ carers: [carerWith(LeoYoungSon, { birthDate: undefined })] }), POLICY, NOW)).toEqual([]);
    expect(youngCarerTransition(contextWith({ carers: [carerWith(LeoYoungSon, { birthDate: '2009-01-10', active: false })] }), POLICY, NOW)).toEqual([]);
    expect(youngCarerTransition(contextWith({ carers: [carerWith(LeoYoungSon, { birthDate: '2009-01-10', carerStatus: 'unconfirmed' })] }), POLICY, NOW)).toEqual([]);
  });

  it('is among every prompt for the patient, beside the young carer referral', () => {
    const codes = evaluatePrompts(leoBorn('2009-01-10'), POLICY, NOW).map((p) => p.code);
    expect(codes).toContain('young-carer-transition');
  });
});
