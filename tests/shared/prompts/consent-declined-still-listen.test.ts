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
        { kind: 'record-signposting', label: "Signpost to carers' support" },
        { kind: 'record-consent', label: 'Record new decision' },
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
});
