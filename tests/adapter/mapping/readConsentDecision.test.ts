import { describe, expect, it } from 'vitest';
import { CANNOT_INTERPRET, readConsentDecision } from '../../../adapter/mapping/readConsentDecision';
import { decisionInForce } from '../../../shared/consent/decisionInForce';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { DEFAULT_EXTENSION_BASE } from '../../../shared/terminology';
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
const OPTIONS = { extensionBase: DEFAULT_EXTENSION_BASE };
const NOW = new Date('2026-11-23T12:00:00Z');
const ok = (raw: unknown) => {
  const result = readConsentDecision(raw, OPTIONS);
  if ('warning' in result) throw new Error(`expected a statement, got: ${result.warning}`);
  return result;
};
/** The decision in force for `carer` when this is the patient's only Consent (the panel's and the audit's reading). */
const decide = (raw: unknown, carer: string, others: string[] = []) =>
  decisionInForce({ carer, patient: 'Patient/alex', relatedPersons: new Set([carer, ...others]), statements: [ok(raw).statement] }, DEFAULT_POLICY, NOW);
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

describe('readConsentDecision', () => {
  it('reads a permit: the carer it names, dates, who decided and who recorded it', () => {
    expect(ok(json(ConsentGracePermit))).toEqual({
      statement: {
        consent: 'Consent/grace-permit',
        versionId: '1',
        patient: 'Patient/alex',
        state: 'decision',
        aboutCarerSharing: true,
        mentions: ['RelatedPerson/grace'],
        named: { 'RelatedPerson/grace': { kind: 'permit' } },
        topNamesNobody: false,
        decidedByPatient: true,
        decidedBy: 'Patient/alex',
        recordedBy: 'Dr Rivers',
        recordedOn: '2026-06-10',
        lastUpdated: '2026-06-10T10:00:00Z',
        validUntil: '2027-06-10',
        actorReference: 'RelatedPerson/grace',
      },
      warnings: [],
    });
  });

  it('reads a permit with nested permit and deny provisions as partial, with what may and may not be shared', () => {
    expect(decide(json(ConsentGracePartial), 'RelatedPerson/grace')).toMatchObject({
      decision: 'partial',
      mayShare: ['Medication', 'Appointments'],
      mayNotShare: ['History of forensic involvement'],
    });
  });

  it('reads a deny with nested permit as partial', () => {
    const raw = json(ConsentHenryDeny);
    (raw.provision as Json).provision = [{ type: 'permit', code: [{ text: 'Discharge arrangements' }] }];
    const decision = decide(raw, 'RelatedPerson/henry');
    expect(decision).toMatchObject({ decision: 'partial', mayShare: ['Discharge arrangements'] });
    expect(decision.mayNotShare).toBeUndefined();
  });

  it('reads nested provisions of the same type as the plain decision', () => {
    const raw = json(ConsentHenryDeny);
    (raw.provision as Json).provision = [{ type: 'deny', code: [{ text: 'Everything' }] }];
    expect(decide(raw, 'RelatedPerson/henry').decision).toBe('deny');
  });

  it('falls back to data, security labels, then actions, to describe a nested provision', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).provision = [
      { type: 'deny', data: [{ meaning: 'instance', reference: { reference: 'DocumentReference/d1', display: 'Psychology report' } }] },
      { type: 'deny', securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY', display: 'psychiatry disorder information sensitivity' }] },
      { type: 'deny', action: [{ text: 'Correct records' }] },
      { type: 'deny' },
    ];
    expect(decide(raw, 'RelatedPerson/grace').mayNotShare).toEqual([
      'Psychology report',
      'psychiatry disorder information sensitivity',
      'Correct records',
      'information not described in the record',
    ]);
  });

  it('decides for a carer named in a nested refusal: deny for them, the top permit for everyone else', () => {
    const raw = {
      ...json(ConsentGracePermit),
      provision: { type: 'permit', provision: [{ type: 'deny', actor: [{ reference: { reference: 'RelatedPerson/father' } }] }] },
    };
    expect(decide(raw, 'RelatedPerson/father', ['RelatedPerson/mother']).decision).toBe('deny');
    expect(decide(raw, 'RelatedPerson/mother', ['RelatedPerson/father']).decision).toBe('permit');
  });

  it('reads a permit narrowed at its top level as partial: only what it names may be shared', () => {
    const narrowed = (extra: Json) => ({ ...json(ConsentGracePermit), provision: { ...(json(ConsentGracePermit).provision as Json), ...extra } });
    expect(decide(narrowed({ code: [{ text: 'Appointment times' }] }), 'RelatedPerson/grace')).toMatchObject({ decision: 'partial', mayShare: ['Appointment times'] });
    expect(decide(narrowed({ class: [{ system: 'http://hl7.org/fhir/resource-types', code: 'Appointment' }] }), 'RelatedPerson/grace').decision).toBe('partial');
    expect(decide(narrowed({ securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'N' }] }), 'RelatedPerson/grace').decision).toBe('partial');
    expect(decide(narrowed({ data: [{ meaning: 'instance', reference: { reference: 'CarePlan/1' } }] }), 'RelatedPerson/grace').decision).toBe('partial');
    expect(decide(narrowed({ purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HRESCH' }] }), 'RelatedPerson/grace').decision).toBe('partial');
  });

  it('does not read the two purposes written for carers (family request, coordination of care) as a narrowing', () => {
    const purpose = [
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'FAMRQT' },
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'COC' },
    ];
    expect(decide({ ...json(ConsentGracePermit), provision: { ...(json(ConsentGracePermit).provision as Json), purpose } }, 'RelatedPerson/grace').decision).toBe('permit');
  });

  it('reads the basis of a decision from the project extension, else from policyRule as other systems word it', () => {
    const withExtension = { ...json(ConsentGracePermit), extension: [{ url: `${DEFAULT_EXTENSION_BASE}/consent-basis`, valueCode: 'deputy' }] };
    expect(ok(withExtension).statement.basis).toBe('deputy');
    expect(ok(json(ConsentHenryDeny)).statement).toMatchObject({ basis: 'best-interests', basisText: 'Best interests decision (Mental Capacity Act 2005)' });
    const coded = { ...json(ConsentGracePermit), policyRule: { coding: [{ system: 'https://example.nhs.uk/basis', code: 'LPA', display: 'Lasting power of attorney' }] } };
    expect(ok(coded).statement.basis).toBe('lpa');
    const other = { ...json(ConsentGracePermit), policyRule: { text: 'Court of Protection order 2026/123' } };
    expect(ok(other).statement).toMatchObject({ basisText: 'Court of Protection order 2026/123' });
    expect(ok(other).statement.basis).toBeUndefined();
  });

  it('does not treat plain opt-in text as a basis', () => {
    const raw = { ...json(ConsentGracePermit), policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }], text: 'Opt-in' } };
    expect(ok(raw).statement.basisText).toBeUndefined();
  });

  it('reads the review date from its extension, and provision.period as validity', () => {
    const raw = { ...json(ConsentGracePermit), extension: [{ url: `${DEFAULT_EXTENSION_BASE}/consent-review-due`, valueDate: '2027-01-31' }], provision: { ...(json(ConsentGracePermit).provision as Json), period: { start: '2026-06-10', end: '2027-06-10' } } };
    expect(ok(raw).statement).toMatchObject({ reviewDue: '2027-01-31', validFrom: '2026-06-10', validUntil: '2027-06-10' });
  });

  it('reads a performer who is not the patient as a decision by someone else', () => {
    const raw = { ...json(ConsentGracePermit), performer: [{ reference: 'RelatedPerson/grace', display: 'Grace' }] };
    expect(ok(raw).statement).toMatchObject({ decidedByPatient: false, decidedBy: 'RelatedPerson/grace' });
  });

  it('reads status inactive as withdrawn, keeping what was withdrawn', () => {
    expect(ok(json(ConsentSamWithdrawn)).statement).toMatchObject({ state: 'withdrawn', named: { 'RelatedPerson/sam': { kind: 'permit' } } });
  });

  it('reads a proposed Consent with the basis "lacks capacity" as the patient being unable to decide', () => {
    const raw = { ...json(ConsentGracePermit), status: 'proposed', extension: [{ url: `${DEFAULT_EXTENSION_BASE}/consent-basis`, valueCode: 'lacks-capacity' }], provision: { actor: (json(ConsentGracePermit).provision as Json).actor } };
    expect(ok(raw).statement.state).toBe('lacks-capacity');
    expect(ok(raw).statement.uninterpretable).toBeUndefined();
  });

  it('ignores a Consent entered in error', () => {
    expect(readConsentDecision({ ...json(ConsentGracePermit), status: 'entered-in-error' }, OPTIONS)).toEqual({
      warning: 'Consent/grace-permit was entered in error and is ignored',
      ignored: true,
    });
  });

  it.each(['draft', 'proposed', 'rejected'])('reads status %s as not a decision in force', (status) => {
    const decision = decide({ ...json(ConsentGracePermit), status }, 'RelatedPerson/grace');
    expect(decision.decision).toBe('unknown');
    expect(decision.unknownReason).toMatch(/not a decision in force/);
  });

  it('never reads a Consent with a modifier extension as a decision, wherever the modifier is', () => {
    const decision = decide(json(ConsentIvyModifier), 'RelatedPerson/ivy');
    expect(decision.decision).toBe('unknown');
    expect(decision.unknownReason).toContain(CANNOT_INTERPRET);
    const topLevel = { ...json(ConsentGracePermit), modifierExtension: [{ url: 'https://example.org/x', valueCode: 'reverse' }] };
    expect(decide(topLevel, 'RelatedPerson/grace').decision).toBe('unknown');
  });

  it('reads even a withdrawn Consent with a modifier extension as unknown', () => {
    const raw = { ...json(ConsentSamWithdrawn), modifierExtension: [{ url: 'https://example.org/x', valueBoolean: true }] };
    expect(decide(raw, 'RelatedPerson/sam').decision).toBe('unknown');
  });

  it('ignores an empty modifierExtension list', () => {
    expect(decide({ ...json(ConsentGracePermit), modifierExtension: [] }, 'RelatedPerson/grace').decision).toBe('permit');
  });

  it('reads a Consent with no provision.type as unknown, and says why', () => {
    const decision = decide({ ...json(ConsentGracePermit), provision: { actor: (json(ConsentGracePermit).provision as Json).actor } }, 'RelatedPerson/grace');
    expect(decision.decision).toBe('unknown');
    expect(decision.unknownReason).toMatch(/no provision\.type/);
  });

  it('reads a nested provision without a type as unknown rather than guessing', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).provision = [{ code: [{ text: 'Letters' }] }];
    expect(decide(raw, 'RelatedPerson/grace').decision).toBe('unknown');
  });

  it('reads the official R4 example consent-example-notThis (no provision.type) as uninterpretable, naming no carer', () => {
    const { statement } = ok(notThis);
    expect(statement.uninterpretable).toMatch(/no provision\.type/);
    expect(statement.mentions).toEqual([]);
    expect(statement.patient).toBe('Patient/f001');
    expect(statement.recordedOn).toBe('2015-11-18');
  });

  it('reads a UK-style consent (INFA category, PRCP recipient, _status extension) as a permit', () => {
    expect(ok(ukConsent).statement).toMatchObject({ mentions: ['RelatedPerson/uk-carer-1'], aboutCarerSharing: true, versionId: '7', named: { 'RelatedPerson/uk-carer-1': { kind: 'permit' } } });
  });

  it('names a carer whatever the role (or none), but is about sharing with them only when a recipient role is among them', () => {
    const withRole = (code: string | undefined) => {
      const raw = json(ConsentGracePermit);
      (raw.provision as Json).actor = [code === undefined ? { reference: { reference: 'RelatedPerson/grace' } } : { role: { coding: [{ system: PARTICIPATION, code }] }, reference: { reference: 'RelatedPerson/grace' } }];
      return ok(raw).statement;
    };
    expect(withRole(undefined)).toMatchObject({ mentions: ['RelatedPerson/grace'], aboutCarerSharing: true });
    expect(withRole('INF')).toMatchObject({ mentions: ['RelatedPerson/grace'], aboutCarerSharing: false });
    expect(withRole('AUT')).toMatchObject({ aboutCarerSharing: false });
  });

  it('accepts the DELEGATEE role from v3 RoleCode', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).actor = [
      { role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DELEGATEE' }] }, reference: { reference: 'RelatedPerson/grace' } },
    ];
    expect(ok(raw).statement).toMatchObject({ mentions: ['RelatedPerson/grace'], aboutCarerSharing: true });
  });

  it('reads a consent naming a RelatedPerson of nobody known as carer-sharing (the caller decides it is an orphan)', () => {
    expect(ok(json(ConsentOrphan)).statement).toMatchObject({ mentions: ['RelatedPerson/someone-else'], aboutCarerSharing: true });
  });

  it('does not count a privacy consent naming only organisations as about a carer', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).actor = [{ role: { coding: [{ system: PARTICIPATION, code: 'PRCP' }] }, reference: { reference: 'Organization/gp' } }];
    expect(ok(raw).statement.aboutCarerSharing).toBe(false);
  });

  it('does not count a research consent, or one whose actions are not a disclosure, as about sharing with a carer', () => {
    const research = { ...json(ConsentGracePermit), scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'research' }] } };
    expect(ok(research).statement.aboutCarerSharing).toBe(false);
    const collect = json(ConsentGracePermit);
    (collect.provision as Json).action = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'collect' }] }];
    expect(ok(collect).statement.aboutCarerSharing).toBe(false);
  });

  it('resolves urn:uuid actor references through a Bundle fullUrl map', () => {
    const raw = json(ConsentGracePermit);
    (raw.provision as Json).actor = [{ role: { coding: [{ system: PARTICIPATION, code: 'IRCP' }] }, reference: { reference: 'urn:uuid:0e0c3b2e-6a0b-4f6e-9d7e-1c2b3a4d5e6f' } }];
    const aliases = new Map([['urn:uuid:0e0c3b2e-6a0b-4f6e-9d7e-1c2b3a4d5e6f', 'RelatedPerson/grace']]);
    const result = readConsentDecision(raw, { ...OPTIONS, aliases });
    expect('statement' in result && result.statement.mentions).toEqual(['RelatedPerson/grace']);
  });

  it('leaves out a malformed performer with a warning: it does not change the decision', () => {
    const read = ok({ ...json(ConsentGracePermit), performer: { reference: 'Patient/alex' } });
    expect(read.statement.named).toEqual({ 'RelatedPerson/grace': { kind: 'permit' } });
    expect(read.statement.recordedBy).toBeUndefined();
    expect(read.warnings).toEqual(['Consent/grace-permit: performer could not be read and was left out (performer: Invalid input: expected array, received object)']);
  });

  it.each([
    ['provision.type is not permit or deny', { provision: { type: 'allow' } }],
    ['dateTime is not a FHIR dateTime', { dateTime: '10/06/2026' }],
    ['status is missing', { status: undefined }],
    ['category is not a list', { category: { text: 'x' } }],
  ])('warns when %s', (_what, change) => {
    const result = readConsentDecision({ ...json(ConsentGracePermit), ...change }, OPTIONS);
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
    const result = readConsentDecision({ ...json(ConsentGracePermit), provision: top }, OPTIONS);
    expect(result).toHaveProperty('warning');
  });
});
