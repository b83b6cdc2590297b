import { describe, expect, it } from 'vitest';
import type { ConsentDecision } from '../../../shared/domain/types';
import { COMMITMENT, consentCannotInterpret } from '../../../shared/prompts/consent-cannot-interpret';
import { FormerFriend, JaneDaughter, NOW, PatNeighbour, POLICY, TomBrother, carerWith, contextWith } from '../fixtures';

const UNREADABLE: ConsentDecision = { decision: 'unknown', consent: 'Consent/c-9', unknownReason: 'unknown modifierExtension https://vendor.example/x' };

describe('consent-cannot-interpret', () => {
  it('says the consent cannot be interpreted and must be checked in the EHR, never shown as a decision', () => {
    expect(consentCannotInterpret(contextWith({ carers: [carerWith(JaneDaughter, { consent: UNREADABLE })] }), POLICY, NOW)).toEqual([
      {
        id: 'consent-cannot-interpret:RelatedPerson/jane',
        code: 'consent-cannot-interpret',
        severity: 'warning',
        summary: 'Consent for Jane Smith (Daughter) cannot be interpreted — check in the EHR',
        detail:
          'A consent record names this person but cannot be read safely: unknown modifierExtension https://vendor.example/x. ' +
          'Do not treat it as permission or refusal. Read it in the EHR and, if needed, record the decision again.',
        commitment: COMMITMENT,
        actions: [
          { kind: 'open-in-ehr', label: 'Check in the EHR' },
          { kind: 'record-consent', label: 'Record decision again' },
        ],
        carer: 'RelatedPerson/jane',
        snoozable: false,
      },
    ]);
  });

  it('cannot be snoozed', () => {
    const [prompt] = consentCannotInterpret(contextWith({ carers: [carerWith(JaneDaughter, { consent: { decision: 'unknown' } })] }), POLICY, NOW);
    expect(prompt?.snoozable).toBe(false);
    expect(prompt?.detail).toMatch(/^A consent record names this person but cannot be read safely\. Do not treat/);
  });

  it('also warns for a contact not yet confirmed as a carer', () => {
    expect(consentCannotInterpret(contextWith({ carers: [carerWith(TomBrother, { consent: UNREADABLE })] }), POLICY, NOW)).toHaveLength(1);
  });

  it('does not warn for a confirmed non-carer or an inactive person', () => {
    const carers = [PatNeighbour, FormerFriend].map((c) => carerWith(c, { consent: UNREADABLE }));
    expect(consentCannotInterpret(contextWith({ carers }), POLICY, NOW)).toEqual([]);
  });

  it('keeps an untidy reason on one short line', () => {
    const [prompt] = consentCannotInterpret(
      contextWith({ carers: [carerWith(JaneDaughter, { consent: { decision: 'unknown', unknownReason: `line one\nline two ${'x'.repeat(500)}` } })] }),
      POLICY,
      NOW,
    );
    expect(prompt?.detail).toContain('line one line two');
    expect(prompt?.detail).not.toContain('\n');
    expect(prompt?.detail.length).toBeLessThan(400);
  });

  it.each(['permit', 'deny', 'partial', 'withdrawn', 'none'] as const)('says nothing for a readable %s decision', (decision) => {
    expect(consentCannotInterpret(contextWith({ carers: [carerWith(JaneDaughter, { consent: { decision } })] }), POLICY, NOW)).toEqual([]);
  });

  it('serves the information-sharing commitment', () => {
    expect(COMMITMENT).toMatch(/^Triangle of Care standard 3/);
  });
});
