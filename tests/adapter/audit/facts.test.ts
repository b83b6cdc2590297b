import { describe, expect, it } from 'vitest';
import { toAuditFact } from '../../../adapter/audit/facts';
import { buildCarerReferral, buildCarerSharingConsent } from '../../../adapter/writes/build';
import {
  ALEX_NHS_NUMBER,
  CarerGrace,
  ConsentGracePartial,
  ConsentIvyModifier,
  ConsentOrphan,
  EXTENSION_BASE,
  EpisodeAlex,
  ListAskedNoCarers,
  PatientAlex,
  TaskGraceCompleted,
  TaskSamDeclined,
  YoungCarerSam,
  alexRecord,
  asJson,
} from '../../fixtures/fhir/personas';

const options = { extensionBase: EXTENSION_BASE };
const fact = (resource: unknown) => toAuditFact(asJson(resource), options);

describe('toAuditFact', () => {
  it('reads a Patient as its id and team only', () => {
    expect(fact(PatientAlex)).toEqual({ kind: 'patient', id: 'alex', team: 'Example NHS Foundation Trust' });
  });

  it("keeps of a Patient's contacts only their identity digests, end date and, when so, that the contact is the patient's child (Think Family)", () => {
    const V3 = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
    const contact = (code: string, given: string) => ({ relationship: [{ coding: [{ system: V3, code }] }], name: { given: [given], family: 'Morgan' } });
    const patient = { ...(asJson(PatientAlex) as Record<string, unknown>), contact: [contact('DAUC', 'Ruby'), { ...contact('MTH', 'Mary'), period: { end: '2025-01-01' } }] };
    const read = fact(patient);
    expect(read).toMatchObject({ kind: 'patient', contacts: [{ identityDigests: expect.any(Array), patientsChild: true }, { identityDigests: expect.any(Array), endedOn: '2025-01-01' }] });
    const contacts = (read as { contacts: object[] }).contacts;
    expect(contacts[1]).not.toHaveProperty('patientsChild');
    expect(JSON.stringify(read)).not.toMatch(/Ruby|Mary|Morgan|DAUC/);
  });

  it('reads a carer without name, telecom or address, only whether they are recorded', () => {
    expect(fact(CarerGrace)).toEqual({
      kind: 'carer',
      id: 'grace',
      patient: 'alex',
      carerStatus: 'carer',
      active: true,
      birthDate: '1988-02-10',
      identifiedOn: '2026-06-03',
      hasRelationship: true,
      hasContact: true,
      identityDigests: [expect.stringMatching(/^[0-9a-z]+$/), expect.stringMatching(/^[0-9a-z]+$/)],
      // Grace is the patient's daughter: the missing-details rule asks a child carer's birth date.
      patientsChild: true,
    });
    expect(fact(YoungCarerSam)).toMatchObject({ id: 'sam', patient: 'alex', hasContact: false, hasRelationship: true });
  });

  it('keeps no names, NHS numbers, addresses or phone numbers in any fact', () => {
    const text = JSON.stringify(alexRecord.map(fact));
    for (const secret of ['Grace', 'Alex', 'Henry', ALEX_NHS_NUMBER, 'Test Street', 'LS1', '07700', 'Dr Rivers', 'Does not want']) {
      expect(text).not.toContain(secret);
    }
  });

  it('reads a Consent as the statement the clinician’s view weighs, less who decided and the free text of what may be shared', () => {
    const partial = fact(ConsentGracePartial);
    expect(partial).toEqual({
      kind: 'consent',
      id: 'grace-partial',
      statement: {
        consent: 'Consent/grace-partial',
        patient: 'Patient/alex',
        state: 'decision',
        aboutCarerSharing: true,
        mentions: ['RelatedPerson/grace'],
        named: { 'RelatedPerson/grace': { kind: 'partial', mayShare: [expect.any(String)], mayNotShare: [expect.any(String)] } },
        topNamesNobody: false,
        decidedByPatient: true,
        recordedOn: '2026-08-01T10:00:00+01:00',
        validUntil: '2027-08-01',
      },
    });
    expect(JSON.stringify(partial)).not.toMatch(/Medication|forensic/i);
    expect(fact(ConsentIvyModifier)).toMatchObject({ statement: { uninterpretable: expect.stringContaining('modifier extension'), mentions: ['RelatedPerson/ivy'] } });
    expect(fact(ConsentOrphan)).toMatchObject({ statement: { mentions: ['RelatedPerson/someone-else'], aboutCarerSharing: true } });
  });

  it('keeps the Consent naming nobody that a decision settles (its sourceReference), so the audit counts it settled as the panel does', () => {
    const settling = { ...(asJson(ConsentGracePartial) as Record<string, unknown>), id: 'settling', sourceReference: { reference: 'Consent/orphan' } };
    expect(fact(settling)).toMatchObject({ statement: { consent: 'Consent/settling', settles: 'Consent/orphan' } });
  });

  it('reads an offer Task with the carer it was made to', () => {
    expect(fact(TaskGraceCompleted)).toEqual({
      kind: 'assessment',
      id: 'grace-offer-2',
      carer: 'grace',
      status: 'completed',
      offeredOn: '2026-07-01T09:00:00Z',
      completedOn: '2026-08-20',
      recency: { primary: Date.parse('2026-07-01T09:00:00Z'), secondary: null },
    });
    expect(fact(TaskSamDeclined)).toMatchObject({ carer: 'sam', patient: 'alex', status: 'declined', respondedOn: '2026-07-12' });
  });

  it('reads the "asked: no carers" List and the current episode of care', () => {
    expect(fact(ListAskedNoCarers)).toMatchObject({ kind: 'askedNoCarers', id: 'asked-none', patient: 'alex', askedOn: '2026-06-01T11:00:00Z', recency: { primary: Date.parse('2026-06-01T11:00:00Z') } });
    expect(fact(EpisodeAlex)).toMatchObject({ kind: 'episode', id: 'alex-episode', patient: 'alex', serviceStart: '2026-06-01', team: 'North Community Mental Health Team' });
  });

  it('reads a finished episode as ended, with its end date, for a past caseload', () => {
    expect(fact({ ...EpisodeAlex, status: 'finished', period: { start: '2015-02-01', end: '2016-05-01' } })).toMatchObject({ kind: 'episode', ended: true, serviceStart: '2015-02-01', endedOn: '2016-05-01' });
  });

  it('ignores, without a malformed count, what the audit does not use', () => {
    expect(fact({ resourceType: 'Observation', id: 'o' })).toMatchObject({ ignored: true });
    expect(fact({ ...ConsentGracePartial, status: 'entered-in-error' })).toMatchObject({ ignored: true });
    expect(fact({ ...TaskGraceCompleted, status: 'cancelled' })).toMatchObject({ ignored: true });
    expect(fact({ ...EpisodeAlex, status: 'cancelled' })).toMatchObject({ ignored: true });
    expect(fact({ ...ListAskedNoCarers, code: { text: 'Medications' } })).toMatchObject({ ignored: true });
    expect(fact({ resourceType: 'Consent', id: 'research', status: 'active', provision: { type: 'permit' } })).toMatchObject({ ignored: true });
  });

  it.each([
    ['a Consent with a bad status', { ...ConsentGracePartial, status: 'maybe' }, { kind: 'malformed', resourceType: 'Consent', id: 'grace-partial' }],
    ['a RelatedPerson without a patient', { resourceType: 'RelatedPerson', id: 'x' }, { kind: 'malformed', resourceType: 'RelatedPerson', id: 'x' }],
    ['a Patient with an id that is not a FHIR id', { resourceType: 'Patient', id: 'not a valid id!' }, { kind: 'malformed', resourceType: 'Patient' }],
    ['a JSON value that is not a resource', 42, { kind: 'malformed', resourceType: 'unknown' }],
    ['null', null, { kind: 'malformed', resourceType: 'unknown' }],
  ])('counts %s as malformed, with a warning that holds no data', (_label, raw, malformed) => {
    const result = toAuditFact(raw, options);
    expect(result).toMatchObject({ malformed });
    expect('warning' in result && result.warning).toEqual(expect.any(String));
  });

  it('never throws, whatever it is given', () => {
    const deep: Record<string, unknown> = { resourceType: 'Consent', id: 'deep', status: 'active' };
    let cursor = deep;
    for (let i = 0; i < 10_000; i += 1) {
      const next: Record<string, unknown> = {};
      cursor.provision = next;
      cursor = next;
    }
    for (const raw of [undefined, 'Patient', [], { resourceType: 'Task' }, { resourceType: 'List', id: 'l', status: 'current' }, deep]) {
      expect(() => toAuditFact(raw, options)).not.toThrow();
    }
  });
});

describe("recommendation 3 facts: a referral for a carer's assessment and the carer's own consent", () => {
  const org = { name: "The local carers' centre" };
  it('reads a referral Task as a referral fact (no names kept)', () => {
    const task = { ...buildCarerReferral({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', organisation: org, on: '2026-09-01T10:00:00Z' }), id: 'ref-1', status: 'completed' };
    expect(fact(task)).toEqual({ kind: 'referral', id: 'ref-1', carer: 'grace', on: '2026-09-01T10:00:00Z', recency: { primary: Date.parse('2026-09-01T10:00:00Z'), secondary: null } });
    expect(JSON.stringify(fact(task))).not.toContain('carers');
  });

  it("reads the carer's own consent as a carerSharingConsent fact, never a consent fact", () => {
    const consent = { ...buildCarerSharingConsent({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', decision: 'deny', organisation: org, on: '2026-09-02T10:00:00Z', extensionBase: EXTENSION_BASE }), id: 'own-1' };
    expect(fact(consent)).toEqual({ kind: 'carerSharingConsent', id: 'own-1', carer: 'grace', patient: 'alex', decision: 'deny', recency: { primary: Date.parse('2026-09-02T10:00:00Z'), secondary: null } });
  });
});
