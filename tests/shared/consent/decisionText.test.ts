import { describe, expect, it } from 'vitest';
import { decisionSentence } from '../../../shared/consent/decisionText';

const TZ = 'Europe/London';

describe('decisionSentence', () => {
  it.each([
    [{ decision: 'permit', recordedOn: '2026-10-01' }, 'The patient agreed to share information, 1 Oct 2026'],
    [{ decision: 'deny', recordedOn: '2026-10-01T23:30:00Z' }, 'The patient declined to share information, 2 Oct 2026'],
    [{ decision: 'withdrawn', recordedOn: '2025-01-10', withdrawnOn: '2026-11-20T10:00:00Z', previously: 'permit' }, 'Consent withdrawn on 20 Nov 2026 (previously agreed 10 Jan 2025)'],
    [{ decision: 'expired', recordedOn: '2025-12-01', expiredDecision: 'permit', expiredOn: '2026-06-01' }, 'The decision (agreed 1 Dec 2025) was valid until 1 Jun 2026: ask again'],
    [{ decision: 'lacks-capacity', recordedOn: '2026-11-20', reviewDue: '2026-12-21' }, 'Unable to decide at present (20 Nov 2026); ask again on 21 Dec 2026'],
    [{ decision: 'conflict', conflicting: ['Consent/a', 'Consent/b'] }, 'Conflicting decisions — check in the EHR'],
    [{ decision: 'none' }, 'Not recorded'],
  ] as const)('says %j as "%s"', (consent, sentence) => {
    expect(decisionSentence(consent as never, TZ)).toBe(sentence);
  });

  it('never says "the patient agreed" for a decision made for them, and names who decided when it can', () => {
    const byAttorney = { decision: 'permit', recordedOn: '2026-10-04', decidedByPatient: false, basis: 'lpa', decidedBy: 'RelatedPerson/ruth' } as const;
    expect(decisionSentence(byAttorney, TZ, 'Ruth Clarke')).toBe('Agreed to share information, 4 Oct 2026. Decided for the patient by Ruth Clarke, an attorney under a lasting power of attorney for health and welfare');
    expect(decisionSentence({ ...byAttorney, basis: 'best-interests' }, TZ)).toBe('Agreed to share information, 4 Oct 2026. Decided for the patient in their best interests (Mental Capacity Act 2005 s.4)');
    expect(decisionSentence({ decision: 'permit', recordedOn: '2026-10-04', decidedByPatient: true, basis: 'gillick-competent' }, TZ)).toBe('The patient agreed to share information, 4 Oct 2026. Decided by the patient, judged Gillick competent');
  });

  it('carries no record ids or FHIR codes', () => {
    for (const consent of [{ decision: 'conflict', conflicting: ['Consent/a'] }, { decision: 'unknown', consent: 'Consent/x' }, { decision: 'permit', consent: 'Consent/y' }] as const) {
      expect(decisionSentence(consent as never, TZ)).not.toMatch(/Consent\/|permit\b|OPTIN/);
    }
  });
});
