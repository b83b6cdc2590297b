import { describe, expect, it } from 'vitest';
import type { ConsentDecision } from '../../../shared/domain/types';
import { COMMITMENT, recordConsent } from '../../../shared/prompts/record-consent';
import { FormerFriend, GraceMother, JaneDaughter, NOW, PatNeighbour, POLICY, TomBrother, carerWith, contextWith } from '../fixtures';

describe('record-consent', () => {
  it('prompts for consent when a carer has no decision', () => {
    expect(recordConsent(contextWith({ carers: [JaneDaughter] }), POLICY, NOW)).toEqual([
      {
        id: 'record-consent:RelatedPerson/jane',
        code: 'record-consent',
        severity: 'warning',
        summary: 'Consent to share with Jane Smith (Daughter) not recorded',
        detail: expect.stringContaining('reviewed in 12 months'),
        commitment: COMMITMENT,
        actions: [{ kind: 'record-consent', label: 'Record consent decision' }],
        carer: 'RelatedPerson/jane',
        snoozable: true,
      },
    ]);
    expect(COMMITMENT).toMatch(/^Triangle of Care standard 3/);
  });

  it.each<ConsentDecision>([
    { decision: 'permit', recordedOn: '2026-01-01' },
    { decision: 'deny', recordedOn: '2026-01-01' },
    { decision: 'partial', recordedOn: '2026-01-01', mayShare: ['Appointments'], mayNotShare: ['Diagnosis'] },
    { decision: 'withdrawn', recordedOn: '2026-01-01' },
    { decision: 'unknown', unknownReason: 'unknown modifierExtension' },
  ])('does not prompt once a decision exists ($decision)', (consent) => {
    expect(recordConsent(contextWith({ carers: [carerWith(JaneDaughter, { consent })] }), POLICY, NOW)).toEqual([]);
  });

  it('does not prompt for a former carer, an unconfirmed contact or a confirmed non-carer', () => {
    expect(recordConsent(contextWith({ carers: [FormerFriend, TomBrother, PatNeighbour] }), POLICY, NOW)).toEqual([]);
  });

  it('prompts for each carer without a decision, in record order', () => {
    const noConsentGrace = carerWith(GraceMother, { consent: { decision: 'none' } });
    const prompts = recordConsent(contextWith({ carers: [GraceMother, noConsentGrace, JaneDaughter] }), POLICY, NOW);
    expect(prompts.map((p) => p.carer)).toEqual(['RelatedPerson/grace', 'RelatedPerson/jane']);
    expect(prompts[0]?.summary).toBe('Consent to share with Grace Morgan (Mother) not recorded');
  });
});
