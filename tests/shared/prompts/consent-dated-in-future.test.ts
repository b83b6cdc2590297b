import { describe, expect, it } from 'vitest';
import { COMMITMENT, consentDatedInFuture } from '../../../shared/prompts/consent-dated-in-future';
import { FormerFriend, JaneDaughter, NOW, PatNeighbour, POLICY, carerWith, contextWith } from '../fixtures';

const TYPO = { decision: 'deny' as const, recordedOn: '2026-05-01', futureDated: ['Consent/typo'] as `Consent/${string}`[] };

describe('consent-dated-in-future', () => {
  it('shows a decision dated after today as the data-quality problem it is', () => {
    expect(consentDatedInFuture(contextWith({ carers: [carerWith(JaneDaughter, { consent: TYPO })] }), POLICY, NOW)).toEqual([
      {
        id: 'consent-dated-in-future:RelatedPerson/jane',
        code: 'consent-dated-in-future',
        severity: 'warning',
        summary: 'A consent decision for Jane Smith (Daughter) is dated in the future — correct the date in the EHR',
        detail: expect.stringContaining('It is not used as the current decision until its date is corrected.'),
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

  it('says nothing when no decision is dated in the future, or about people who are not current carers or contacts', () => {
    expect(consentDatedInFuture(contextWith({ carers: [JaneDaughter] }), POLICY, NOW)).toEqual([]);
    expect(consentDatedInFuture(contextWith({ carers: [carerWith(PatNeighbour, { consent: TYPO }), carerWith(FormerFriend, { consent: TYPO })] }), POLICY, NOW)).toEqual([]);
  });
});
