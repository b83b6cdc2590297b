import { describe, expect, it } from 'vitest';
import type { ConsentDecision } from '../../../shared/domain/types';
import { COMMITMENT, consentDeclinedStillListen } from '../../../shared/prompts/consent-declined-still-listen';
import { FormerFriend, JaneDaughter, NOW, PatNeighbour, POLICY, TomBrother, carerWith, contextWith } from '../fixtures';

const DENY: ConsentDecision = { decision: 'deny', recordedOn: '2026-05-01' };

describe('consent-declined-still-listen', () => {
  it('reminds staff what they may still do when the patient declines', () => {
    const [prompt, ...rest] = consentDeclinedStillListen(contextWith({ carers: [carerWith(JaneDaughter, { consent: DENY })] }), POLICY, NOW);
    expect(rest).toEqual([]);
    expect(prompt).toEqual({
      id: 'consent-declined-still-listen:RelatedPerson/jane',
      code: 'consent-declined-still-listen',
      severity: 'info',
      summary: 'No consent to share with Jane Smith (Daughter) — you can still listen and give general information',
      detail: expect.stringMatching(/^The patient declined consent to share with this carer\./),
      commitment: COMMITMENT,
      actions: [
        { kind: 'record-carer-heard', label: 'Record carer heard' },
        { kind: 'record-consent', label: 'Record new decision' },
        { kind: 'record-disclosure', label: 'Record a disclosure without consent' },
      ],
      carer: 'RelatedPerson/jane',
      snoozable: true,
    });
    expect(prompt?.summary.length).toBeLessThan(140);
  });

  it.each([
    'listen to the carer',
    'receive information from them',
    'the condition',
    'medication in general',
    'the Mental Health Act',
    'the care programme approach',
    "local carers' support",
  ])('says staff may still: %s', (words) => {
    const [prompt] = consentDeclinedStillListen(contextWith({ carers: [carerWith(JaneDaughter, { consent: DENY })] }), POLICY, NOW);
    expect(prompt?.detail).toContain(words);
  });

  it('never calls discharge arrangements general information: personal information needs a recorded decision, and the patient told unless that raises risk', () => {
    const [prompt] = consentDeclinedStillListen(contextWith({ carers: [carerWith(JaneDaughter, { consent: DENY })] }), POLICY, NOW);
    const general = prompt?.detail.slice(prompt.detail.indexOf('give general information'), prompt.detail.indexOf('Anything personal'));
    expect(general).not.toMatch(/discharge/i);
    expect(prompt?.detail).toContain('Anything personal to the patient — including their discharge arrangements — needs a recorded decision first');
    expect(prompt?.detail).toMatch(/consent, a best-interests decision, or a risk of serious harm/);
    expect(prompt?.detail).toMatch(/tell the patient unless doing so would increase the risk/);
  });

  it('reminds the same when consent was withdrawn', () => {
    const [prompt] = consentDeclinedStillListen(contextWith({ carers: [carerWith(JaneDaughter, { consent: { decision: 'withdrawn' } })] }), POLICY, NOW);
    expect(prompt?.detail).toMatch(/^The patient withdrew consent to share\./);
  });

  it.each<ConsentDecision>([{ decision: 'permit' }, { decision: 'partial' }, { decision: 'none' }, { decision: 'unknown' }])(
    'says nothing for a $decision decision',
    (consent) => {
      expect(consentDeclinedStillListen(contextWith({ carers: [carerWith(JaneDaughter, { consent })] }), POLICY, NOW)).toEqual([]);
    },
  );

  it('says nothing about former carers, unconfirmed contacts or non-carers', () => {
    const carers = [FormerFriend, TomBrother, PatNeighbour].map((c) => carerWith(c, { consent: DENY }));
    expect(consentDeclinedStillListen(contextWith({ carers }), POLICY, NOW)).toEqual([]);
  });

  describe('ends once the carer is heard after the refusal', () => {
    const refused = (heardOn: string | undefined, consent: ConsentDecision = DENY) =>
      consentDeclinedStillListen(contextWith({ carers: [carerWith(JaneDaughter, { consent, ...(heardOn !== undefined ? { heardOn } : {}) })] }), POLICY, NOW);

    it('asks for the carer to be heard, and offers to record it', () => {
      expect(refused(undefined)[0]?.actions[0]).toEqual({ kind: 'record-carer-heard', label: 'Record carer heard' });
    });

    it.each([
      ['the day before the refusal', '2026-04-30', 1],
      ['late on the day before, in London (23:30 BST is still that day)', '2026-04-30T22:30:00Z', 1],
      ['on the day of the refusal', '2026-05-01', 0],
      ['just after midnight in London on that day (23:30 UTC the day before)', '2026-04-30T23:30:00Z', 0],
      ['after the refusal', '2026-06-01T09:00:00Z', 0],
    ])('heard %s → %i prompt(s)', (_when, heardOn, expected) => {
      expect(refused(heardOn)).toHaveLength(expected);
    });

    it('counts a withdrawal from the day it was withdrawn, not the day of the decision withdrawn', () => {
      const withdrawn: ConsentDecision = { decision: 'withdrawn', recordedOn: '2026-01-10', withdrawnOn: '2026-05-20T10:00:00Z' };
      expect(refused('2026-03-01', withdrawn)).toHaveLength(1);
      expect(refused('2026-05-20', withdrawn)).toHaveLength(0);
    });

    it('takes any record of the carer heard when the refusal has no readable date', () => {
      expect(refused('2020-01-01', { decision: 'deny' })).toHaveLength(0);
    });

    it('is not ended by an unreadable date of being heard', () => {
      expect(refused('garbage')).toHaveLength(1);
    });
  });
});
