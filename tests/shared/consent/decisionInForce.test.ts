import { describe, expect, it } from 'vitest';
import { decisionInForce, namesNoRelatedPerson, openWithoutCarer } from '../../../shared/consent/decisionInForce';
import type { ConsentRuling, ConsentStatement } from '../../../shared/domain/types';
import { POLICY } from '../fixtures';

const NOW = new Date('2026-11-23T12:00:00Z');
const MUM = 'RelatedPerson/mum';
const DAD = 'RelatedPerson/dad';
const RELATED = new Set([MUM, DAD]);

/** A carer-sharing decision of Patient/p naming `carer`, changed by `patch`. */
function statement(id: string, ruling: ConsentRuling['kind'] | ConsentRuling, patch: Partial<ConsentStatement> = {}, carer = MUM): ConsentStatement {
  const r = typeof ruling === 'string' ? { kind: ruling } : ruling;
  return { consent: `Consent/${id}`, patient: 'Patient/p', state: 'decision', aboutCarerSharing: true, mentions: [carer], named: { [carer]: r }, topNamesNobody: false, decidedByPatient: true, ...patch };
}
const decide = (statements: ConsentStatement[], carer = MUM, now = NOW) => decisionInForce({ carer, patient: 'Patient/p', relatedPersons: RELATED, statements }, POLICY, now);

describe('decisionInForce', () => {
  it('is "none" when no Consent names the carer', () => {
    expect(decide([])).toEqual({ decision: 'none' });
    expect(decide([statement('a', 'permit', {}, DAD)])).toEqual({ decision: 'none' });
  });

  it('takes the newest decision by calendar day, whatever order the records come in', () => {
    const older = statement('older', 'permit', { recordedOn: '2026-09-01' });
    const newer = statement('newer', 'deny', { recordedOn: '2026-10-01' });
    expect(decide([older, newer])).toMatchObject({ decision: 'deny', consent: 'Consent/newer' });
    expect(decide([newer, older])).toMatchObject({ decision: 'deny', consent: 'Consent/newer' });
  });

  it('orders two decisions on one day by their times, as instants across offsets', () => {
    const nineZ = statement('a', 'permit', { recordedOn: '2026-10-01T09:00:00Z' });
    const tenBst = statement('b', 'deny', { recordedOn: '2026-10-01T10:30:00+01:00' });
    expect(decide([tenBst, nineZ])).toMatchObject({ decision: 'deny', consent: 'Consent/b' });
  });

  it.each([
    ['the same instant', '2026-10-01T09:00:00Z', '2026-10-01T10:00:00+01:00'],
    ['a time and a date-only on the same day', '2026-10-01T09:00:00Z', '2026-10-01'],
    ['two date-only decisions on the same day', '2026-10-01', '2026-10-01'],
  ])('calls disagreeing decisions made at %s a conflict, never settled by record order or id', (_what, a, b) => {
    for (const order of [[statement('a', 'permit', { recordedOn: a }), statement('b', 'deny', { recordedOn: b })], [statement('b', 'deny', { recordedOn: b }), statement('a', 'permit', { recordedOn: a })]]) {
      expect(decide(order)).toEqual({ decision: 'conflict', conflicting: ['Consent/a', 'Consent/b'] });
    }
  });

  it('does not call agreeing decisions made on the same day a conflict', () => {
    expect(decide([statement('a', 'permit', { recordedOn: '2026-10-01' }), statement('b', 'permit', { recordedOn: '2026-10-01T12:00:00Z' })]).decision).toBe('permit');
  });

  it('compares calendar days in the policy’s zone: 23:30 UTC on 30 Sep is 1 Oct in London', () => {
    const lateUtc = statement('a', 'permit', { recordedOn: '2026-09-30T23:30:00Z' });
    const dateOnly = statement('b', 'deny', { recordedOn: '2026-10-01' });
    expect(decide([lateUtc, dateOnly]).decision).toBe('conflict');
    expect(decide([statement('a', 'permit', { recordedOn: '2026-09-30T22:30:00Z' }), dateOnly]).decision).toBe('deny');
  });

  it('calls a disagreeing decision with no date a conflict unless its last update shows it is older', () => {
    const dated = statement('dated', 'permit', { recordedOn: '2026-10-01' });
    expect(decide([dated, statement('undated', 'deny', { lastUpdated: '2026-10-05T10:00:00Z' })]).decision).toBe('conflict');
    expect(decide([dated, statement('undated', 'deny')]).decision).toBe('conflict');
    expect(decide([dated, statement('undated', 'deny', { lastUpdated: '2026-09-01T10:00:00Z' })]).decision).toBe('permit');
  });

  it('leaves out a decision dated after now, and reports it', () => {
    const typo = statement('typo', 'permit', { recordedOn: '2062-05-01' });
    const later = statement('later', 'permit', { recordedOn: '2026-11-23T15:00:00Z' });
    const refusal = statement('refusal', 'deny', { recordedOn: '2026-11-01' });
    expect(decide([typo, later, refusal])).toMatchObject({ decision: 'deny', futureDated: ['Consent/later', 'Consent/typo'] });
    expect(decide([statement('today', 'permit', { recordedOn: '2026-11-23' }), refusal]).decision).toBe('permit');
  });

  it('reads provision.period as validity: expired after its end, not in force before its start', () => {
    expect(decide([statement('a', 'permit', { recordedOn: '2025-12-01', validUntil: '2026-11-22' })])).toMatchObject({ decision: 'expired', expiredDecision: 'permit', expiredOn: '2026-11-22' });
    expect(decide([statement('a', 'permit', { recordedOn: '2025-12-01', validUntil: '2026-11-23' })]).decision).toBe('permit');
    expect(decide([statement('a', 'deny', { recordedOn: '2025-12-01', validUntil: '2026-10' })]).decision).toBe('expired');
    const future = statement('future', 'permit', { recordedOn: '2026-11-01', validFrom: '2026-11-24' });
    expect(decide([future]).decision).toBe('none');
    expect(decide([statement('old', 'deny', { recordedOn: '2026-01-01' }), future]).decision).toBe('deny');
  });

  it('dates a withdrawal by its last update, and keeps what was withdrawn', () => {
    const withdrawn = statement('w', 'permit', { state: 'withdrawn', recordedOn: '2025-01-10', lastUpdated: '2026-11-20T10:00:00Z' });
    expect(decide([withdrawn])).toMatchObject({ decision: 'withdrawn', withdrawnOn: '2026-11-20T10:00:00Z', previously: 'permit', recordedOn: '2025-01-10' });
    expect(decide([withdrawn, statement('p', 'permit', { recordedOn: '2026-06-01' })]).decision).toBe('withdrawn');
    const copied = statement('c', 'permit', { state: 'withdrawn', recordedOn: '2026-06-01', lastUpdated: '2026-01-01T00:00:00Z' });
    expect(decide([copied]).withdrawnOn).toBeUndefined();
  });

  it('reads "unable to decide at present" with its ask-again date', () => {
    expect(decide([statement('u', 'permit', { state: 'lacks-capacity', recordedOn: '2026-11-20', reviewDue: '2026-12-21' })])).toMatchObject({ decision: 'lacks-capacity', reviewDue: '2026-12-21' });
  });

  it('never reads a permission given by someone else without a basis that allows it as the patient’s; a refusal stays a refusal', () => {
    const byCarer = { decidedByPatient: false, decidedBy: MUM, recordedOn: '2026-10-01' };
    expect(decide([statement('a', 'permit', byCarer)])).toMatchObject({ decision: 'unknown', decidedBy: MUM, unknownReason: expect.stringContaining('not the patient’s permission') });
    expect(decide([statement('a', 'partial', byCarer)]).decision).toBe('unknown');
    expect(decide([statement('a', 'permit', { ...byCarer, basis: 'gillick-competent' })]).decision).toBe('unknown');
    expect(decide([statement('a', 'deny', byCarer)]).decision).toBe('deny');
    for (const basis of ['lpa', 'deputy', 'best-interests', 'parental-responsibility'] as const) {
      expect(decide([statement('a', 'permit', { ...byCarer, basis })])).toMatchObject({ decision: 'permit', basis, decidedByPatient: false });
    }
  });

  it('counts only this patient’s Consents about sharing with carers', () => {
    expect(decide([statement('a', 'permit', { patient: 'Patient/other' })]).decision).toBe('none');
    const { patient: _dropped, ...noPatient } = statement('a', 'permit');
    expect(decide([noPatient]).decision).toBe('none');
    expect(decide([statement('a', 'permit', { aboutCarerSharing: false })]).decision).toBe('none');
  });

  it('applies a Consent whose top provision names nobody to every carer it does not name, when it names one of the patient’s related persons', () => {
    const forAll: ConsentStatement = { ...statement('a', 'deny', {}, DAD), topNamesNobody: true, everyoneElse: { kind: 'permit' } };
    expect(decide([forAll], DAD).decision).toBe('deny');
    expect(decide([forAll], MUM).decision).toBe('permit');
    const namesStranger: ConsentStatement = { ...statement('b', 'deny', {}, 'RelatedPerson/stranger'), topNamesNobody: true, everyoneElse: { kind: 'permit' } };
    expect(decide([namesStranger], MUM).decision).toBe('none');
    expect(namesNoRelatedPerson(namesStranger, 'Patient/p', RELATED)).toBe(true);
    expect(namesNoRelatedPerson(forAll, 'Patient/p', RELATED)).toBe(false);
  });

  it('treats a Consent that cannot be interpreted as unknown, and lets a newer decision replace it', () => {
    const unreadable = statement('x', 'permit', { uninterpretable: 'It carries a modifier extension', recordedOn: '2026-10-01' });
    expect(decide([unreadable])).toMatchObject({ decision: 'unknown', unknownReason: 'It carries a modifier extension' });
    expect(decide([unreadable, statement('y', 'deny', { recordedOn: '2026-11-01' })]).decision).toBe('deny');
  });

  it('calls two equally new partial decisions that share different things a conflict', () => {
    const a = statement('a', { kind: 'partial', mayNotShare: ['Diagnosis'] }, { recordedOn: '2026-10-01' });
    const b = statement('b', { kind: 'partial', mayNotShare: ['Medication'] }, { recordedOn: '2026-10-01' });
    expect(decide([a, b]).decision).toBe('conflict');
    expect(decide([a, { ...b, named: { [MUM]: { kind: 'partial', mayNotShare: ['Diagnosis'] } } }]).decision).toBe('partial');
  });
});

describe("the carer's own consent to share their assessment (recommendation 3) is never the patient's decision", () => {
  // Built as a careless reader might have left it: about sharing, naming the carer, newer than the patient's decision.
  const own = (patch: Partial<ConsentStatement> = {}): ConsentStatement =>
    statement('carers-own', 'deny', {
      recordedOn: '2026-11-01',
      decidedByPatient: false,
      carersOwn: { consent: 'Consent/carers-own', carer: MUM, decision: 'deny', recordedOn: '2026-11-01', recipient: "The local carers' centre" },
      ...patch,
    });

  it("leaves the patient's decision in force unchanged", () => {
    const patients = statement('patient', 'permit', { recordedOn: '2026-10-01' });
    expect(decide([patients, own()])).toEqual(decide([patients]));
    expect(decide([patients, own()])).toMatchObject({ decision: 'permit', consent: 'Consent/patient' });
  });

  it('is no decision at all for a carer with only their own consent on record', () => {
    expect(decide([own()])).toEqual({ decision: 'none' });
    expect(decide([own({ state: 'not-a-decision' })])).toEqual({ decision: 'none' });
  });

  it('is never a Consent naming nobody (consent-without-carer), even when it names no related person', () => {
    const namesNobody = own({ mentions: [], named: {}, topNamesNobody: true, everyoneElse: { kind: 'permit' } });
    expect(namesNoRelatedPerson(namesNobody, 'Patient/p', RELATED)).toBe(false);
    expect(openWithoutCarer([namesNobody], 'Patient/p', RELATED)).toEqual([]);
    expect(decide([namesNobody])).toEqual({ decision: 'none' });
  });
});
