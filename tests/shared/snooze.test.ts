import { describe, expect, it } from 'vitest';
import type { Prompt, Snooze } from '../../shared/domain/types';
import { applySnoozes, isSnoozeActive } from '../../shared/snooze';
import { NOW } from './fixtures';

function prompt(code: Prompt['code'], carer?: Prompt['carer'], snoozable = true): Prompt {
  return {
    id: carer ? `${code}:${carer}` : code,
    code,
    severity: 'warning',
    summary: 'summary',
    detail: 'detail',
    commitment: 'commitment',
    actions: [],
    ...(carer ? { carer } : {}),
    snoozable,
  };
}

const RecordConsentJane = prompt('record-consent', 'RelatedPerson/jane');
const RecordConsentGrace = prompt('record-consent', 'RelatedPerson/grace');
const OfferJane = prompt('offer-assessment', 'RelatedPerson/jane');
const Identify = prompt('identify-carers');
const CannotInterpretJane = prompt('consent-cannot-interpret', 'RelatedPerson/jane', false);

const SnoozeJaneConsent: Snooze = {
  patient: 'Patient/alex',
  code: 'record-consent',
  carer: 'RelatedPerson/jane',
  reason: 'lacks-capacity',
  comment: 'Acutely unwell, ask next week',
  until: '2026-06-20T00:00:00Z',
};

describe('isSnoozeActive', () => {
  it('is active until the instant it ends', () => {
    expect(isSnoozeActive(SnoozeJaneConsent, NOW)).toBe(true);
    expect(isSnoozeActive(SnoozeJaneConsent, new Date('2026-06-19T23:59:59.999Z'))).toBe(true);
    expect(isSnoozeActive(SnoozeJaneConsent, new Date('2026-06-20T00:00:00Z'))).toBe(false);
    expect(isSnoozeActive(SnoozeJaneConsent, new Date('2026-07-01T00:00:00Z'))).toBe(false);
  });

  it('honours an offset in until', () => {
    const snooze = { ...SnoozeJaneConsent, until: '2026-06-15T12:00:00+01:00' }; // 11:00 UTC
    expect(isSnoozeActive(snooze, new Date('2026-06-15T10:59:00Z'))).toBe(true);
    expect(isSnoozeActive(snooze, new Date('2026-06-15T11:00:00Z'))).toBe(false);
  });

  it('is not active when until cannot be read', () => {
    expect(isSnoozeActive({ ...SnoozeJaneConsent, until: 'next week' }, NOW)).toBe(false);
    expect(isSnoozeActive({ ...SnoozeJaneConsent, until: '' }, NOW)).toBe(false);
  });
});

describe('applySnoozes', () => {
  const prompts = [Identify, RecordConsentJane, OfferJane, RecordConsentGrace];

  it('hides the snoozed prompt for that carer and code only', () => {
    expect(applySnoozes(prompts, [SnoozeJaneConsent], 'Patient/alex', NOW)).toEqual({
      visible: [Identify, OfferJane, RecordConsentGrace],
      snoozed: [RecordConsentJane],
    });
  });

  it('keys on the code, not the wording', () => {
    const reworded = { ...RecordConsentJane, summary: 'different words', detail: 'changed' };
    expect(applySnoozes([reworded], [SnoozeJaneConsent], 'Patient/alex', NOW).snoozed).toEqual([reworded]);
  });

  it('shows everything again once the snooze has expired', () => {
    expect(applySnoozes(prompts, [SnoozeJaneConsent], 'Patient/alex', new Date('2026-06-20T00:00:00Z'))).toEqual({ visible: prompts, snoozed: [] });
  });

  it('ignores a snooze for another patient', () => {
    expect(applySnoozes(prompts, [{ ...SnoozeJaneConsent, patient: 'Patient/other' }], 'Patient/alex', NOW).snoozed).toEqual([]);
  });

  it('matches a patient-level snooze only to patient-level prompts', () => {
    const snoozeIdentify: Snooze = { patient: 'Patient/alex', code: 'identify-carers', reason: 'patient-declined', until: '2026-07-01T00:00:00Z' };
    expect(applySnoozes(prompts, [snoozeIdentify], 'Patient/alex', NOW).snoozed).toEqual([Identify]);
    const carerlessConsentSnooze: Snooze = { ...SnoozeJaneConsent, carer: undefined };
    expect(applySnoozes(prompts, [carerlessConsentSnooze], 'Patient/alex', NOW).snoozed).toEqual([]);
  });

  it('never hides a prompt that cannot be snoozed', () => {
    const snooze: Snooze = { ...SnoozeJaneConsent, code: 'consent-cannot-interpret' };
    expect(applySnoozes([CannotInterpretJane], [snooze], 'Patient/alex', NOW)).toEqual({ visible: [CannotInterpretJane], snoozed: [] });
  });

  it('keeps the order of the prompts in both lists', () => {
    const snoozes: Snooze[] = [
      { ...SnoozeJaneConsent, carer: 'RelatedPerson/grace' },
      { ...SnoozeJaneConsent, code: 'offer-assessment' },
      SnoozeJaneConsent,
    ];
    expect(applySnoozes(prompts, snoozes, 'Patient/alex', NOW)).toEqual({ visible: [Identify], snoozed: [RecordConsentJane, OfferJane, RecordConsentGrace] });
  });

  it('handles no prompts and no snoozes', () => {
    expect(applySnoozes([], [SnoozeJaneConsent], 'Patient/alex', NOW)).toEqual({ visible: [], snoozed: [] });
    expect(applySnoozes(prompts, [], 'Patient/alex', NOW)).toEqual({ visible: prompts, snoozed: [] });
  });
});
