/**
 * The consent form starts from the dates in the view (issue 8 finding 11): the background computes
 * them from the policy (extension/background/toView.ts), the form shows them and computes none.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../../extension/panel/components/App';
import type { PanelConnection } from '../../../../extension/panel/connection';
import { applyMessage, createPanelStore } from '../../../../extension/panel/store';
import type { ReadyView } from '../../../../extension/protocol/view';
import { AmiraReady } from '../fixtures';

const connection: PanelConnection = { run: () => 'req-1', retry: () => undefined, signIn: () => undefined, layout: () => undefined };

async function openConsentForm(formDefaults: ReadyView['formDefaults']): Promise<HTMLElement> {
  const store = createPanelStore();
  applyMessage(store, { type: 'view', page: { load: '0123456789abcdef', seq: 1 }, view: { ...AmiraReady, formDefaults } });
  const { container } = render(<App store={store} connection={connection} />);
  fireEvent.click(container.querySelector('[data-prompt-code="record-consent"] [data-action="record-consent"]') as HTMLElement);
  return screen.findByRole('form', { name: 'Consent to share with Sara Khan' });
}

/** The date a day / month / year field holds for the form (its hidden input, named for the field). */
const dateField = (label: string): string => (screen.getByRole('group', { name: label }).querySelector('input[type="hidden"]') as HTMLInputElement).value;

describe('the consent form', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => cleanup());

  it('proposes the review date the view carries (a 6-month policy), not a year of its own', async () => {
    await openConsentForm({ today: '2026-11-23', consentReviewDue: '2027-05-23', askAgainOn: '2026-12-07', patientUnder16: false });
    fireEvent.click(screen.getByLabelText('Agrees to share'));
    expect(dateField('Review by')).toBe('2027-05-23');
  });

  it('proposes the date to ask again the view carries when the patient is unable to decide', async () => {
    await openConsentForm({ today: '2026-11-23', consentReviewDue: '2027-05-23', askAgainOn: '2026-12-07', patientUnder16: false });
    fireEvent.click(screen.getByLabelText('Unable to decide at present (lacks capacity)'));
    expect(dateField('Ask again on')).toBe('2026-12-07');
    expect(screen.queryByRole('group', { name: 'Review by' })).toBeNull();
  });

  it('asks about Gillick competence, not capacity, for a patient under 16', async () => {
    await openConsentForm({ today: '2026-11-23', consentReviewDue: '2027-11-23', askAgainOn: '2026-12-21', patientUnder16: true });
    expect(screen.getByLabelText('Not able to decide at present (not Gillick competent)')).toBeTruthy();
    expect(screen.queryByLabelText('Unable to decide at present (lacks capacity)')).toBeNull();
    fireEvent.click(screen.getByLabelText('Agrees to share'));
    expect(screen.getByLabelText('The patient (judged Gillick competent to decide)')).toBeTruthy();
    expect(screen.queryByLabelText('An attorney under a lasting power of attorney for health and welfare')).toBeNull();
  });
});
