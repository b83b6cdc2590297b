/**
 * A referral for a carer's assessment, and the carer's own consent, read in a whole record: the
 * carer referred is not "not offered", and the carer's consent never becomes the patient's decision.
 */
import { describe, expect, it } from 'vitest';
import { toCarerContext } from '../../../adapter/mapping/carerContext';
import { buildCarerReferral, buildCarerSharingConsent } from '../../../adapter/writes/build';
import type { CarerContext } from '../../../shared/domain/types';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { evaluatePrompts } from '../../../shared/prompts/index';
import { CarerGrace, ConsentGracePermit, EXTENSION_BASE, EpisodeAlex, PatientAlex, READ_OPTIONS, asJson } from '../../fixtures/fhir/personas';

const ORG = { name: "The local carers' centre" };
const referral = (status: string) => ({ ...buildCarerReferral({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', organisation: ORG, on: '2026-07-01T10:00:00Z' }), id: `ref-${status}`, status });
const ownConsent = (decision: 'permit' | 'deny') => ({ ...buildCarerSharingConsent({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', decision, organisation: ORG, on: '2026-11-01T10:00:00Z', extensionBase: EXTENSION_BASE }), id: `own-${decision}` });

function contextOf(resources: readonly unknown[]): CarerContext {
  const result = toCarerContext(resources.map(asJson), READ_OPTIONS);
  if (!result.ok) throw new Error(result.reason);
  return result.context;
}
const codes = (ctx: CarerContext) => evaluatePrompts(ctx, DEFAULT_POLICY, READ_OPTIONS.now).map((p) => p.code);
const base = [PatientAlex, EpisodeAlex, CarerGrace, ConsentGracePermit];

describe('a referral Task for a carer’s assessment in the record', () => {
  it('without one, the carer is "not offered" (the test below starts from this)', () => {
    expect(contextOf(base).carers[0]?.assessment.status).toBe('not-offered');
    expect(codes(contextOf(base))).toContain('offer-assessment');
  });

  it.each(['requested', 'accepted', 'in-progress', 'completed'])('a %s referral means the carer was referred: no "not offered" prompt', (status) => {
    const ctx = contextOf([...base, referral(status)]);
    expect(ctx.carers[0]?.assessment).toMatchObject({ status: 'accepted', referral: `Task/ref-${status}`, referredOn: '2026-07-01T10:00:00Z', referredTo: ORG.name });
    expect(codes(ctx)).not.toContain('offer-assessment');
    expect(codes(ctx)).not.toContain('follow-up-assessment-offer');
    expect(codes(ctx)).not.toContain('refer-carer-assessment');
  });

  it('a cancelled referral is no referral', () => {
    expect(codes(contextOf([...base, referral('cancelled')]))).toContain('offer-assessment');
  });
});

describe("the carer's own consent to share their assessment in the record", () => {
  it("leaves the patient's decision in force unchanged and raises no consent-without-carer or cannot-interpret prompt", () => {
    for (const decision of ['permit', 'deny'] as const) {
      const without = contextOf([...base, referral('completed')]);
      const withOwn = contextOf([...base, referral('completed'), ownConsent(decision)]);
      expect(withOwn.carers[0]?.consent).toEqual(without.carers[0]?.consent);
      expect(withOwn.carers[0]?.consent).toMatchObject({ decision: 'permit', consent: 'Consent/grace-permit' });
      expect(withOwn.orphanConsents).toEqual([]);
      expect(withOwn.warnings).toEqual(without.warnings);
      expect(codes(withOwn)).not.toContain('consent-without-carer');
      expect(codes(withOwn)).not.toContain('consent-cannot-interpret');
      expect(withOwn.carers[0]?.sharingConsent).toMatchObject({ consent: `Consent/own-${decision}`, decision });
    }
  });

  it('ends the carer-sharing-consent prompt once recorded', () => {
    expect(codes(contextOf([...base, referral('completed')]))).toContain('carer-sharing-consent');
    expect(codes(contextOf([...base, referral('completed'), ownConsent('deny')]))).not.toContain('carer-sharing-consent');
  });

  it('is no decision at all for a carer with no consent of the patient on record', () => {
    const ctx = contextOf([PatientAlex, EpisodeAlex, CarerGrace, referral('completed'), ownConsent('permit')]);
    expect(ctx.carers[0]?.consent).toEqual({ decision: 'none' });
    expect(ctx.orphanConsents).toEqual([]);
  });
});
