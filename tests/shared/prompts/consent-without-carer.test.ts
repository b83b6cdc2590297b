import { describe, expect, it } from 'vitest';
import { COMMITMENT, consentWithoutCarer } from '../../../shared/prompts/consent-without-carer';
import { JaneDaughter, NOW, POLICY, contextWith } from '../fixtures';

describe('consent-without-carer', () => {
  it('flags a consent decision that names no carer of the patient', () => {
    const ctx = contextWith({
      carers: [JaneDaughter],
      orphanConsents: [{ consent: 'Consent/c-1', decision: 'permit', recordedOn: '2026-02-03T09:00:00Z', actorReference: 'RelatedPerson/someone-else' }],
    });
    expect(consentWithoutCarer(ctx, POLICY, NOW)).toEqual([
      {
        id: 'consent-without-carer:Consent/c-1',
        code: 'consent-without-carer',
        severity: 'warning',
        summary: 'A consent decision (agreed to share, 3 Feb 2026) names no carer of this patient — check in the EHR',
        detail:
          "The decision names someone who is not one of this patient's carers or contacts. " +
          'Find which carer the decision was meant for, and record it again against that carer: the new decision settles this one, which is kept as it was.',
        commitment: COMMITMENT,
        consent: 'Consent/c-1',
        actions: [
          { kind: 'open-in-ehr', label: 'Check in the EHR' },
          { kind: 'record-consent', label: 'Record decision for a carer' },
        ],
        snoozable: true,
      },
    ]);
  });

  it('flags each such consent, in record order, without a carer reference', () => {
    const ctx = contextWith({
      orphanConsents: [
        { consent: 'Consent/a', decision: 'deny' },
        { consent: 'Consent/b', decision: 'unknown', recordedOn: 'garbled' },
      ],
    });
    const prompts = consentWithoutCarer(ctx, POLICY, NOW);
    expect(prompts.map((p) => [p.id, p.carer, p.summary])).toEqual([
      ['consent-without-carer:Consent/a', undefined, 'A consent decision (declined to share) names no carer of this patient — check in the EHR'],
      ['consent-without-carer:Consent/b', undefined, 'A consent decision (cannot interpret) names no carer of this patient — check in the EHR'],
    ]);
    expect(prompts[0]?.detail).toMatch(/^The decision names nobody it applies to\./);
    expect(prompts.map((p) => p.detail).join(' ')).not.toMatch(/Consent\//);
  });

  it('says nothing when every consent names a carer', () => {
    expect(consentWithoutCarer(contextWith({ carers: [JaneDaughter] }), POLICY, NOW)).toEqual([]);
  });

  it('serves the information-sharing commitment', () => {
    expect(COMMITMENT).toMatch(/^Triangle of Care standard 3/);
  });
});
