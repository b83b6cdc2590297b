import { describe, expect, it } from 'vitest';
import { buildCarerReferral, buildCarerSharingConsent, invariantProblems } from '../../../../adapter/writes/build';
import { readReferralTask } from '../../../../adapter/mapping/readReferralTask';
import { readConsentDecision } from '../../../../adapter/mapping/readConsentDecision';
import { REFERRAL_GP_CARER_ASSESSMENT, carerActionCodeSystemUrl } from '../../../../shared/terminology';
import { EXTENSION_BASE, asJson } from '../../../fixtures/fhir/personas';
import type { RawResource } from '../../../../adapter/fhir/rawStore';
import { validateR4 } from '../../../support/validateR4';

const ON = '2026-11-23T10:15:00Z';
const ORG = { name: "Exampleshire County Council adult social care", identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'X123' } };
const withId = <T extends object>(resource: T, id: string): T & { id: string } => ({ ...resource, id });

describe('buildCarerReferral', () => {
  const task = buildCarerReferral({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', organisation: ORG, on: ON, requestId: '8f7c6a52-1b7e-4a39-9d7e-2f1f4d8f0a11', note: 'Carer asked for it' });

  it('writes a valid R4 Task coded SNOMED 790101000000103, for the carer, owned by the policy’s organisation', () => {
    expect(validateR4(task)).toEqual([]);
    expect(invariantProblems(asJson(task) as RawResource)).toEqual([]);
    expect(task).toMatchObject({
      status: 'requested',
      intent: 'order',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '790101000000103' }] },
      for: { reference: 'RelatedPerson/grace' },
      authoredOn: ON,
      owner: { type: 'Organization', display: ORG.name, identifier: ORG.identifier },
    });
  });

  it('is read back as a referral made, on its date, to the organisation', () => {
    expect(readReferralTask(withId(task, 'ref-1'))).toEqual({ carerRef: 'RelatedPerson/grace', referral: { task: 'Task/ref-1', on: ON, to: ORG.name } });
  });

  it('reads the general-practice referral code and every status meaning the referral was made; not draft, rejected, failed or cancelled', () => {
    const gp = { ...withId(task, 'gp'), code: { coding: [{ ...REFERRAL_GP_CARER_ASSESSMENT }] } };
    for (const status of ['requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold', 'completed']) {
      expect(readReferralTask({ ...gp, status })).toMatchObject({ referral: { task: 'Task/gp' } });
    }
    for (const status of ['draft', 'rejected', 'failed', 'cancelled', 'entered-in-error']) expect(readReferralTask({ ...gp, status })).toMatchObject({ ignored: true });
  });

  it('refuses a carer reference that is not a RelatedPerson', () => {
    expect(() => buildCarerReferral({ patient: 'Patient/alex', carer: 'Patient/alex' as never, organisation: ORG, on: ON })).toThrow();
  });
});

describe('buildCarerSharingConsent', () => {
  const consent = buildCarerSharingConsent({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', decision: 'permit', organisation: ORG, referral: 'Task/ref-1', on: ON, extensionBase: EXTENSION_BASE });

  it("writes a valid R4 Consent: the carer's own information category, performer the carer, recipient the organisation, never the carer as actor", () => {
    expect(validateR4(consent)).toEqual([]);
    expect(invariantProblems(asJson(consent) as RawResource)).toEqual([]);
    expect(consent.category).toEqual([expect.objectContaining({ coding: [expect.objectContaining({ system: carerActionCodeSystemUrl(EXTENSION_BASE), code: 'carers-own-information' })] })]);
    expect(consent.performer).toEqual([{ reference: 'RelatedPerson/grace' }]);
    expect(consent.patient).toEqual({ reference: 'Patient/alex' });
    expect(consent.provision?.actor).toEqual([expect.objectContaining({ reference: expect.objectContaining({ display: ORG.name }) })]);
    expect(JSON.stringify(consent.provision)).not.toContain('RelatedPerson/');
    expect(consent.provision?.data).toEqual([{ meaning: 'related', reference: { reference: 'Task/ref-1' } }]);
  });

  it("is read back as the carer's own decision, not about sharing with carers and naming no carer", () => {
    const read = readConsentDecision(withId(consent, 'own-1'), { extensionBase: EXTENSION_BASE });
    expect(read).toMatchObject({
      statement: {
        consent: 'Consent/own-1',
        patient: 'Patient/alex',
        aboutCarerSharing: false,
        mentions: [],
        carersOwn: { consent: 'Consent/own-1', carer: 'RelatedPerson/grace', decision: 'permit', recordedOn: ON, recipient: ORG.name },
      },
    });
  });

  it('reads a refusal, a withdrawal and a modifier extension', () => {
    const deny = buildCarerSharingConsent({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', decision: 'deny', organisation: ORG, on: ON, extensionBase: EXTENSION_BASE });
    const of = (raw: unknown) => ('statement' in (raw as object) ? (raw as { statement: { carersOwn?: { decision: string } } }).statement.carersOwn?.decision : undefined);
    expect(of(readConsentDecision(withId(deny, 'd'), { extensionBase: EXTENSION_BASE }))).toBe('deny');
    expect(of(readConsentDecision({ ...withId(consent, 'w'), status: 'inactive' }, { extensionBase: EXTENSION_BASE }))).toBe('withdrawn');
    expect(of(readConsentDecision({ ...withId(consent, 'm'), modifierExtension: [{ url: 'https://example.org/x', valueBoolean: true }] }, { extensionBase: EXTENSION_BASE }))).toBe('unknown');
  });
});
