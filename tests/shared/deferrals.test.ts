import { describe, expect, it } from 'vitest';
import type { Deferral, Prompt } from '../../shared/domain/types';
import { applyDeferrals, isDeferralInForce } from '../../shared/deferrals';
import { NOW } from './fixtures';

function prompt(code: Prompt['code'], carer?: Prompt['carer'], snoozable = true): Prompt {
  return { id: carer ? `${code}:${carer}` : code, code, severity: 'warning', summary: 'summary', detail: 'detail', commitment: 'commitment', actions: [], ...(carer ? { carer } : {}), snoozable };
}

const RecordConsentJane = prompt('record-consent', 'RelatedPerson/jane');
const RecordConsentGrace = prompt('record-consent', 'RelatedPerson/grace');
const OfferJane = prompt('offer-assessment', 'RelatedPerson/jane');
const Identify = prompt('identify-carers');
const CannotInterpretJane = prompt('consent-cannot-interpret', 'RelatedPerson/jane', false);

const later = new Date(NOW.getTime() + 30 * 86_400_000).toISOString();
const JaneConsentDeferred: Deferral = { task: 'Task/d1', code: 'record-consent', carer: 'RelatedPerson/jane', kind: 'not-now', reason: 'lacks-capacity', on: NOW.toISOString(), until: later };

describe('applyDeferrals', () => {
  it('hides the deferred prompt for that carer only, keyed to the code, and says which deferral hides it', () => {
    const { visible, deferred } = applyDeferrals([Identify, RecordConsentJane, RecordConsentGrace, OfferJane], [JaneConsentDeferred], NOW);
    expect(visible).toEqual([Identify, RecordConsentGrace, OfferJane]);
    expect(deferred).toEqual([{ prompt: RecordConsentJane, deferral: JaneConsentDeferred }]);
  });

  it('shows the prompt again once the deferral has ended', () => {
    const ended = { ...JaneConsentDeferred, until: NOW.toISOString() };
    expect(applyDeferrals([RecordConsentJane], [ended], NOW).visible).toEqual([RecordConsentJane]);
  });

  it('never hides a prompt that cannot be deferred, nor for an unreadable end date', () => {
    expect(applyDeferrals([CannotInterpretJane], [{ ...JaneConsentDeferred, code: 'consent-cannot-interpret' }], NOW).visible).toEqual([CannotInterpretJane]);
    expect(isDeferralInForce({ until: 'soon' }, NOW)).toBe(false);
  });

  it('defers a prompt about the patient (no carer) with a deferral that names no carer', () => {
    const { carer: _none, ...patientLevel } = { ...JaneConsentDeferred, code: 'identify-carers' as const };
    expect(applyDeferrals([Identify], [patientLevel], NOW).visible).toEqual([]);
  });
});
