import { describe, expect, it } from 'vitest';
import { CANNOT_INTERPRET, readConsentDecision } from '../../../adapter/mapping/readConsentDecision';
import notThis from '../../fixtures/fhir/examples/consent-example-notThis.json';
import ukConsent from '../../fixtures/fhir/examples/uk-carer-consent.json';
import {
  ConsentGracePartial,
  ConsentGracePermit,
  ConsentHenryDeny,
  ConsentIvyModifier,
  ConsentOrphan,
  ConsentSamWithdrawn,
  asJson,
} from '../../fixtures/fhir/personas';

type Json = Record<string, unknown>;
const json = (value: unknown): Json => asJson(value) as Json;
const ok = (raw: unknown) => {
  const result = readConsentDecision(raw);
  if ('warning' in result) throw new Error(`expected a decision, got: ${result.warning}`);
  return result;
};
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

describe('readConsentDecision', () => {
  it('reads a permit: carer, dates, who recorded it', () => {
    expect(ok(json(ConsentGracePermit))).toEqual({
      patient: 'Patient/alex',
      carerRefs: ['RelatedPerson/grace'],
      isCarerSharingConsent: true,
      actorReference: 'RelatedPerson/grace',
      lastUpdated: '2026-06-10T10:00:00Z',
      decision: {
        decision: 'permit',
        consent: 'Consent/grace-permit',
        versionId: '1',
        recordedOn: '2026-06-10',
        recordedBy: 'Dr Rivers',
        reviewDue: '2027-06-10',
      },
      warnings: [],
    });
  });

  it('reads a permit with nested deny as partial, with what may and may not be shared', () => {
    const { decision } = ok(json(ConsentGracePartial));
    expect(decision).toMatchObject({
      decision: 'partial',
      mayShare: ['Medication', 'Appointments'],
      mayNotShare: ['History of forensic involvement'],
      reviewDue: '2027-08-01',
    });
  });

  it('reads a deny with nested permit as partial', () => {
    const raw = json(ConsentHenryDeny);
    (raw.provision as Json).provision = [{ type: 'permit', code: [{ text: 'Discharge arrangements' }] }];
    expect(ok(raw).decision).toMatchObject({ decision: 'partial', mayShare: ['Discharge arrangements'] });
    expect(ok(raw).decision.mayNotShare).toBeUndefined();
  });

  it('reads nested provisions of the same type as the plain decision', () => {
    const raw = json(ConsentHenryDeny);
    (raw.provision as Json).provision = [{ type: 'deny', code: [{ text: 'Everything' }] }];
    expect(ok(raw).decision.decision).toBe('deny');
  });

  it('falls back to data, security labels, then actions, to describe a nested provision', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).provision = [
      { type: 'deny', data: [{ meaning: 'instance', reference: { reference: 'DocumentReference/d1', display: 'Psychology report' } }] },
      { type: 'deny', securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY', display: 'psychiatry disorder information sensitivity' }] },
      { type: 'deny', action: [{ text: 'Correct records' }] },
      { type: 'deny' },
    ];
    expect(ok(raw).decision.mayNotShare).toEqual([
      'Psychology report',
      'psychiatry disorder information sensitivity',
      'Correct records',
      'information not described in the record',
    ]);
  });

  it('reads a deny, an INF recipient, and the basis of a best-interests decision', () => {
    const read = ok(json(ConsentHenryDeny));
    expect(read.carerRefs).toEqual(['RelatedPerson/henry']);
    expect(read.decision).toMatchObject({ decision: 'deny', basis: 'Best interests decision (Mental Capacity Act 2005)' });
  });

  it('reads the basis from a policyRule coding that is not OPTIN/OPTOUT', () => {
    const raw = { ...json(ConsentGracePermit), policyRule: { coding: [{ system: 'https://example.nhs.uk/basis', code: 'LPA', display: 'Lasting power of attorney' }] } };
    expect(ok(raw).decision.basis).toBe('Lasting power of attorney');
  });

  it('does not treat plain opt-in text as a basis', () => {
    const raw = { ...json(ConsentGracePermit), policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }], text: 'Opt-in' } };
    expect(ok(raw).decision.basis).toBeUndefined();
  });

  it('reads status inactive as withdrawn', () => {
    expect(ok(json(ConsentSamWithdrawn)).decision.decision).toBe('withdrawn');
  });

  it('ignores a Consent entered in error', () => {
    expect(readConsentDecision({ ...json(ConsentGracePermit), status: 'entered-in-error' })).toEqual({
      warning: 'Consent/grace-permit was entered in error and is ignored',
      ignored: true,
    });
  });

  it.each(['draft', 'proposed', 'rejected'])('reads status %s as unknown: not a decision in force', (status) => {
    const { decision } = ok({ ...json(ConsentGracePermit), status });
    expect(decision.decision).toBe('unknown');
    expect(decision.unknownReason).toContain(status);
  });

  it('never reads a Consent with a modifier extension as a decision, wherever the modifier is', () => {
    const { decision } = ok(json(ConsentIvyModifier));
    expect(decision.decision).toBe('unknown');
    expect(decision.unknownReason).toContain(CANNOT_INTERPRET);
    const topLevel = { ...json(ConsentGracePermit), modifierExtension: [{ url: 'https://example.org/x', valueCode: 'reverse' }] };
    expect(ok(topLevel).decision.decision).toBe('unknown');
  });

  it('reads even a withdrawn Consent with a modifier extension as unknown', () => {
    const raw = { ...json(ConsentSamWithdrawn), modifierExtension: [{ url: 'https://example.org/x', valueBoolean: true }] };
    expect(ok(raw).decision.decision).toBe('unknown');
  });

  it('ignores an empty modifierExtension list', () => {
    expect(ok({ ...json(ConsentGracePermit), modifierExtension: [] }).decision.decision).toBe('permit');
  });

  it('reads a Consent with no provision.type as unknown, and says why', () => {
    const { decision } = ok({ ...json(ConsentGracePermit), provision: { actor: (json(ConsentGracePermit).provision as Json).actor } });
    expect(decision.decision).toBe('unknown');
    expect(decision.unknownReason).toMatch(/no provision\.type/);
  });

  it('reads a nested provision without a type as unknown rather than guessing', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).provision = [{ code: [{ text: 'Letters' }] }];
    expect(ok(raw).decision.decision).toBe('unknown');
  });

  it('reads the official R4 example consent-example-notThis (no provision.type) as unknown, naming no carer', () => {
    const read = ok(notThis);
    expect(read.decision.decision).toBe('unknown');
    expect(read.carerRefs).toEqual([]);
    expect(read.patient).toBe('Patient/f001');
    expect(read.decision.recordedOn).toBe('2015-11-18');
  });

  it('reads a UK-style consent (INFA category, PRCP recipient, _status extension) as a permit', () => {
    const read = ok(ukConsent);
    expect(read).toMatchObject({ carerRefs: ['RelatedPerson/uk-carer-1'], isCarerSharingConsent: true, decision: { decision: 'permit', versionId: '7', reviewDue: '2027-10-02' } });
  });

  it('only counts RelatedPersons whose role is an information recipient', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).actor = [{ role: { coding: [{ system: PARTICIPATION, code: 'AUT' }] }, reference: { reference: 'RelatedPerson/grace' } }];
    expect(ok(raw).carerRefs).toEqual([]);
  });

  it('accepts the DELEGATEE role from v3 RoleCode', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).actor = [
      { role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DELEGATEE' }] }, reference: { reference: 'RelatedPerson/grace' } },
    ];
    expect(ok(raw).carerRefs).toEqual(['RelatedPerson/grace']);
  });

  it('reads a consent naming a RelatedPerson of nobody known as carer-sharing (the caller decides it is an orphan)', () => {
    expect(ok(json(ConsentOrphan))).toMatchObject({ carerRefs: ['RelatedPerson/someone-else'], isCarerSharingConsent: true });
  });

  it('does not count a privacy consent naming only organisations as about a carer', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).actor = [{ role: { coding: [{ system: PARTICIPATION, code: 'PRCP' }] }, reference: { reference: 'Organization/gp' } }];
    expect(ok(raw).isCarerSharingConsent).toBe(false);
  });

  it('does not count a consent of another scope as about a carer', () => {
    const raw = {
      ...json(ConsentGracePermit),
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'research' }] },
      category: [{ text: 'Research' }],
      provision: { type: 'permit' },
    };
    expect(ok(raw).isCarerSharingConsent).toBe(false);
  });

  it('resolves urn:uuid actor references through a Bundle fullUrl map', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).actor = [{ role: { coding: [{ system: PARTICIPATION, code: 'IRCP' }] }, reference: { reference: 'urn:uuid:0e0c3b2e-6a0b-4f6e-9d7e-1c2b3a4d5e6f' } }];
    const aliases = new Map([['urn:uuid:0e0c3b2e-6a0b-4f6e-9d7e-1c2b3a4d5e6f', 'RelatedPerson/grace']]);
    const result = readConsentDecision(raw, { aliases });
    expect('carerRefs' in result && result.carerRefs).toEqual(['RelatedPerson/grace']);
  });

  it('leaves out a malformed performer with a warning: it does not change the decision', () => {
    const read = ok({ ...json(ConsentGracePermit), performer: { reference: 'Patient/alex' } });
    expect(read.decision.decision).toBe('permit');
    expect(read.decision.recordedBy).toBeUndefined();
    expect(read.warnings).toEqual(['Consent/grace-permit: performer could not be read and was left out (performer: Invalid input: expected array, received object)']);
  });

  it.each([
    ['provision.type is not permit or deny', { provision: { type: 'allow' } }],
    ['dateTime is not a FHIR dateTime', { dateTime: '10/06/2026' }],
    ['status is missing', { status: undefined }],
    ['category is not a list', { category: { text: 'x' } }],
  ])('warns when %s', (_what, change) => {
    const result = readConsentDecision({ ...json(ConsentGracePermit), ...change });
    expect(result).toHaveProperty('warning');
    expect(result).not.toHaveProperty('ignored');
  });

  it('survives provisions nested tens of thousands deep', () => {
    const top: Json = { type: 'permit' };
    let cursor = top;
    for (let i = 0; i < 20_000; i += 1) {
      const next: Json = { type: 'deny' };
      cursor.provision = [next];
      cursor = next;
    }
    const result = readConsentDecision({ ...json(ConsentGracePermit), provision: top });
    expect(result).toHaveProperty('warning');
  });
});
