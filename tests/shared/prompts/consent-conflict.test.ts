import { describe, expect, it } from 'vitest';
import { COMMITMENT, consentConflict } from '../../../shared/prompts/consent-conflict';
import { FormerFriend, JaneDaughter, NOW, PatNeighbour, POLICY, TomBrother, carerWith, contextWith } from '../fixtures';

const CONFLICT = { decision: 'conflict' as const, conflicting: ['Consent/a', 'Consent/b'] as `Consent/${string}`[] };

describe('consent-conflict', () => {
  it('raises conflicting decisions as a safety prompt that cannot be deferred, naming no record ids', () => {
    expect(consentConflict(contextWith({ carers: [carerWith(JaneDaughter, { consent: CONFLICT })] }), POLICY, NOW)).toEqual([
      {
        id: 'consent-conflict:RelatedPerson/jane',
        code: 'consent-conflict',
        severity: 'critical',
        summary: 'Conflicting consent decisions for Jane Smith (Daughter) — check in the EHR before sharing',
        detail: expect.stringMatching(/^2 decisions about sharing with this carer are equally recent and say different things, or a newer one has no date/),
        commitment: COMMITMENT,
        actions: [
          { kind: 'open-in-ehr', label: 'Check in the EHR' },
          { kind: 'record-consent', label: 'Record current decision' },
        ],
        carer: 'RelatedPerson/jane',
        snoozable: false,
      },
    ]);
    const [prompt] = consentConflict(contextWith({ carers: [carerWith(JaneDaughter, { consent: CONFLICT })] }), POLICY, NOW);
    expect(prompt?.detail).not.toMatch(/Consent\//);
    expect(prompt?.detail).toMatch(/Share nothing personal on either until it is settled/);
  });

  it('applies to a contact not yet confirmed as a carer too, never to a confirmed non-carer or someone no longer in the patient’s life', () => {
    expect(consentConflict(contextWith({ carers: [carerWith(TomBrother, { consent: CONFLICT })] }), POLICY, NOW)).toHaveLength(1);
    const others = [PatNeighbour, FormerFriend, carerWith(JaneDaughter, { endedOn: '2026-01-01' })].map((c) => carerWith(c, { consent: CONFLICT }));
    expect(consentConflict(contextWith({ carers: others }), POLICY, NOW)).toEqual([]);
  });

  it('says nothing for any other decision', () => {
    for (const decision of ['permit', 'deny', 'partial', 'withdrawn', 'expired', 'lacks-capacity', 'none', 'unknown'] as const) {
      expect(consentConflict(contextWith({ carers: [carerWith(JaneDaughter, { consent: { decision } })] }), POLICY, NOW)).toEqual([]);
    }
  });
});
