import { describe, expect, it } from 'vitest';
import { COMMITMENT, signpostSupport } from '../../../shared/prompts/signpost-support';
import { FormerFriend, GraceMother, JaneDaughter, LeoYoungSon, NOW, PatNeighbour, POLICY, TomBrother, contextWith } from '../fixtures';

describe('signpost-support', () => {
  it("reminds to signpost every active carer to local carers' support, whatever else is recorded", () => {
    const prompts = signpostSupport(contextWith({ carers: [GraceMother, JaneDaughter, LeoYoungSon] }), POLICY, NOW);
    expect(prompts.map((p) => p.carer)).toEqual(['RelatedPerson/grace', 'RelatedPerson/jane', 'RelatedPerson/leo']);
    expect(prompts[0]).toEqual({
      id: 'signpost-support:RelatedPerson/grace',
      code: 'signpost-support',
      severity: 'info',
      summary: "Signpost Grace Morgan (Mother) to local carers' support",
      detail: expect.stringContaining('needs no consent'),
      commitment: COMMITMENT,
      actions: [{ kind: 'record-signposting', label: 'Record signposting' }],
      carer: 'RelatedPerson/grace',
      snoozable: true,
    });
    expect(COMMITMENT).toMatch(/^Triangle of Care standard 6/);
  });

  it('does not signpost former carers, unconfirmed contacts or non-carers', () => {
    expect(signpostSupport(contextWith({ carers: [FormerFriend, TomBrother, PatNeighbour] }), POLICY, NOW)).toEqual([]);
    expect(signpostSupport(contextWith(), POLICY, NOW)).toEqual([]);
  });
});

describe('signpost-support once signposting is recorded', () => {
  it('ends for a carer whose signposting is recorded, and stays for the others', () => {
    const signposted = { ...GraceMother, signpostedOn: '2026-11-20T10:00:00Z' };
    expect(signpostSupport(contextWith({ carers: [signposted, JaneDaughter] }), POLICY, NOW).map((p) => p.carer)).toEqual(['RelatedPerson/jane']);
  });
});
