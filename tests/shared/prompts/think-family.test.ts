import { describe, expect, it } from 'vitest';
import { COMMITMENT, DETAIL, SUMMARY, thinkFamily } from '../../../shared/prompts/think-family';
import { evaluatePrompts } from '../../../shared/prompts/index';
import type { PatientContact } from '../../../shared/domain/types';
import { JaneDaughter, NOW, POLICY, TomBrother, carerWith, contextWith } from '../fixtures';

// A daughter recorded as the patient's child (v3 RoleCode DAUC), confirmed not a carer.
const daughterNotCarer = carerWith(JaneDaughter, { familyCodes: ['DAUC'], carerStatus: 'not-carer' });
// A son kept only in Patient.contact (next of kin), never asked about.
const sonContact: PatientContact = {
  key: 'Patient/alex#contact-0-son',
  name: 'Sam Morgan',
  relationships: ['Son'],
  familyCodes: ['SONC'],
  contactRoles: ['next-of-kin'],
  telecom: [],
  identifiers: [],
};
const asked = { task: 'Task/asked' as const, on: '2026-06-01T10:00:00Z', childHelps: false };

describe('think-family', () => {
  it('asks a patient who is a parent whether children in the household help, citing the young carers seed', () => {
    expect(thinkFamily(contextWith({ carers: [daughterNotCarer] }), POLICY, NOW)).toEqual([
      {
        id: 'think-family',
        code: 'think-family',
        severity: 'info',
        summary: SUMMARY,
        detail: DETAIL,
        commitment: COMMITMENT,
        actions: [{ kind: 'record-children-asked', label: 'Record: children asked' }],
        snoozable: true,
      },
    ]);
    expect(SUMMARY.length).toBeLessThan(140);
    expect(DETAIL).toContain('find ways to identify and support young carers');
    expect(DETAIL).toContain('clear responsibilities and referral pathway');
    expect(COMMITMENT).toContain('find ways to identify and support young carers');
  });

  it('clears once the answer is recorded, whatever it was', () => {
    expect(thinkFamily(contextWith({ carers: [daughterNotCarer], childrenAsked: asked }), POLICY, NOW)).toEqual([]);
    expect(thinkFamily(contextWith({ carers: [daughterNotCarer], childrenAsked: { ...asked, childHelps: true } }), POLICY, NOW)).toEqual([]);
  });

  it('is a parent only by a family code for a child (not by the words shown, nor a parent or sibling code)', () => {
    expect(thinkFamily(contextWith({ carers: [carerWith(JaneDaughter, { familyCodes: undefined, carerStatus: 'not-carer' })] }), POLICY, NOW)).toEqual([]);
    expect(thinkFamily(contextWith({ carers: [carerWith(JaneDaughter, { familyCodes: ['MTH'], carerStatus: 'not-carer' })] }), POLICY, NOW)).toEqual([]);
    expect(thinkFamily(contextWith({ carers: [carerWith(TomBrother, { familyCodes: ['BRO'] })] }), POLICY, NOW)).toEqual([]);
    for (const code of ['CHILD', 'SON', 'SONC', 'DAU', 'STPCHLD', 'CHLDFOST']) {
      expect(thinkFamily(contextWith({ carers: [carerWith(daughterNotCarer, { familyCodes: [code] })] }), POLICY, NOW)).toHaveLength(1);
    }
  });

  it('asks about a child not yet asked about, but not when a child of the patient is already recorded as a carer', () => {
    expect(thinkFamily(contextWith({ carers: [carerWith(daughterNotCarer, { carerStatus: 'unconfirmed' })] }), POLICY, NOW)).toHaveLength(1);
    expect(thinkFamily(contextWith({ carers: [carerWith(daughterNotCarer, { carerStatus: 'carer' })] }), POLICY, NOW)).toEqual([]);
    const son = carerWith(JaneDaughter, { reference: 'RelatedPerson/son', id: 'son', familyCodes: ['SONC'], carerStatus: 'carer' });
    expect(thinkFamily(contextWith({ carers: [daughterNotCarer, son] }), POLICY, NOW)).toEqual([]);
  });

  it('counts only a current child: not an inactive one, nor one whose relationship ended before today (boundary: ending today still counts)', () => {
    expect(thinkFamily(contextWith({ carers: [carerWith(daughterNotCarer, { active: false })] }), POLICY, NOW)).toEqual([]);
    expect(thinkFamily(contextWith({ carers: [carerWith(daughterNotCarer, { endedOn: '2026-06-14' })] }), POLICY, NOW)).toEqual([]);
    expect(thinkFamily(contextWith({ carers: [carerWith(daughterNotCarer, { endedOn: '2026-06-15' })] }), POLICY, NOW)).toHaveLength(1);
  });

  it('asks a parent whose child is recorded only in Patient.contact (H29), with every other condition kept', () => {
    expect(thinkFamily(contextWith({ contacts: [sonContact] }), POLICY, NOW)).toHaveLength(1);
    expect(thinkFamily(contextWith({ contacts: [sonContact], childrenAsked: asked }), POLICY, NOW)).toEqual([]);
    // A child of the patient already recorded as a carer: the question has its answer.
    expect(thinkFamily(contextWith({ contacts: [sonContact], carers: [carerWith(daughterNotCarer, { carerStatus: 'carer' })] }), POLICY, NOW)).toEqual([]);
    const ctx = contextWith({ contacts: [sonContact] });
    expect(evaluatePrompts({ ...ctx, patient: { ...ctx.patient, deceased: '2026-06-01' } }, POLICY, NOW).map((p) => p.code)).not.toContain('think-family');
  });

  it('counts a contact child only by a child family code, only while current, and not once recorded as a RelatedPerson (that RelatedPerson counts)', () => {
    expect(thinkFamily(contextWith({ contacts: [{ ...sonContact, familyCodes: ['MTH'] }] }), POLICY, NOW)).toEqual([]);
    const { familyCodes: _codes, ...noCodes } = sonContact;
    expect(thinkFamily(contextWith({ contacts: [noCodes] }), POLICY, NOW)).toEqual([]);
    expect(thinkFamily(contextWith({ contacts: [{ ...sonContact, endedOn: '2026-06-14' }] }), POLICY, NOW)).toEqual([]);
    expect(thinkFamily(contextWith({ contacts: [{ ...sonContact, endedOn: '2026-06-15' }] }), POLICY, NOW)).toHaveLength(1);
    // Recorded as a RelatedPerson who is not coded as a child: the RelatedPerson is the one that counts.
    expect(thinkFamily(contextWith({ contacts: [{ ...sonContact, recordedAs: 'RelatedPerson/tom' }], carers: [carerWith(TomBrother, { familyCodes: ['BRO'] })] }), POLICY, NOW)).toEqual([]);
  });

  it('is among every prompt for the patient, and is not asked after the patient has died', () => {
    const ctx = contextWith({ carers: [daughterNotCarer] });
    expect(evaluatePrompts(ctx, POLICY, NOW).map((p) => p.code)).toContain('think-family');
    expect(evaluatePrompts({ ...ctx, patient: { ...ctx.patient, deceased: '2026-06-01' } }, POLICY, NOW).map((p) => p.code)).not.toContain('think-family');
  });
});
