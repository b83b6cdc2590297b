/**
 * Issue 8 finding 11: the dates the consent form starts from are computed once, in the background,
 * from the policy and the policy's "today" (shared/domain/derive.ts formDefaults), and handed to the
 * panel in the view; the panel does no date arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { toReadyView } from '../../../extension/background/toView';
import type { CarerContext } from '../../../shared/domain/types';
import { parsePolicy } from '../../../shared/policy';

const context: CarerContext = { patient: { reference: 'Patient/demo-amira-khan', id: 'demo-amira-khan' }, carers: [], orphanConsents: [], warnings: [] };

function formDefaultsOn(now: string, policy: Record<string, unknown>) {
  return toReadyView({ context, visiblePrompts: [], writes: {}, policy: parsePolicy(policy), now: new Date(now) }).formDefaults;
}

describe('the form defaults in the panel’s view', () => {
  it('proposes a review policy.consentReviewMonths after today: 6 months from 31 Jan is 31 Jul', () => {
    expect(formDefaultsOn('2027-01-31T12:00:00Z', { consentReviewMonths: 6 })).toMatchObject({ today: '2027-01-31', consentReviewDue: '2027-07-31' });
  });

  it('ends a month that is too short on its last day: 31 Jan + 1 month is 28 Feb, or 29 Feb in a leap year, never 3 Mar', () => {
    expect(formDefaultsOn('2027-01-31T12:00:00Z', { consentReviewMonths: 1 }).consentReviewDue).toBe('2027-02-28');
    expect(formDefaultsOn('2028-01-31T12:00:00Z', { consentReviewMonths: 1 }).consentReviewDue).toBe('2028-02-29');
    expect(formDefaultsOn('2026-08-31T12:00:00Z', { consentReviewMonths: 6 }).consentReviewDue).toBe('2027-02-28');
  });

  it('counts from the policy zone’s today, not UTC’s: 23:30 UTC on 31 May is 1 June in London', () => {
    expect(formDefaultsOn('2027-05-31T23:30:00Z', { consentReviewMonths: 6, askAgainDays: 14 })).toMatchObject({
      today: '2027-06-01',
      consentReviewDue: '2027-12-01',
      askAgainOn: '2027-06-15',
    });
  });

  it('follows the policy, not a fixed year', () => {
    expect(formDefaultsOn('2026-11-23T12:00:00Z', {}).consentReviewDue).toBe('2027-11-23');
    expect(formDefaultsOn('2026-11-23T12:00:00Z', { consentReviewMonths: 3 }).consentReviewDue).toBe('2027-02-23');
  });
});
