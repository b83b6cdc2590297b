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
import { AmiraReady, RecordConsentPrompt } from '../fixtures';

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

/**
 * The clinician's own press of the submit button, as the trusted-submit gate sees it: happy-dom makes
 * untrusted events, so the click's default (an untrusted submit) is stopped and a submit the browser
 * would mark trusted is sent in its place.
 */
function submitAsClinician(form: HTMLElement): void {
  const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;
  const click = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(click, 'isTrusted', { value: true });
  button.addEventListener('click', (event) => event.preventDefault(), { once: true });
  button.dispatchEvent(click);
  const submit = new Event('submit', { bubbles: true, cancelable: true });
  Object.defineProperty(submit, 'isTrusted', { value: true });
  form.dispatchEvent(submit);
}

/** Every check that can be made before "Yes, save" is made on the first submit, in the error summary (issue 10). */
describe('checks made on submit, before the confirmation step', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => cleanup());

  it('the helper reaches the confirmation step for a complete form (so the tests below are not vacuous)', async () => {
    const form = await openConsentForm({ today: '2026-11-23', consentReviewDue: '2027-11-23', askAgainOn: '2026-12-21', patientUnder16: false });
    fireEvent.click(screen.getByLabelText('Agrees to share'));
    submitAsClinician(form);
    expect(await screen.findByRole('group', { name: 'Confirm this change' })).toBeTruthy();
  });

  it('consent: "some things" with nothing listed is named in the error summary, and no "Yes, save" is offered', async () => {
    const form = await openConsentForm({ today: '2026-11-23', consentReviewDue: '2027-11-23', askAgainOn: '2026-12-21', patientUnder16: false });
    fireEvent.click(screen.getByLabelText('Agrees to share some things'));
    submitAsClinician(form);
    const summary = await screen.findByRole('alert', { name: 'There is a problem' });
    expect(summary.textContent).toContain('Say what may, or may not, be shared.');
    expect(screen.queryByRole('group', { name: 'Confirm this change' })).toBeNull();
  });

  it('carer details: a form with nothing given is named in the error summary, and no "Yes, save" is offered', async () => {
    const store = createPanelStore();
    const prompt = { ...RecordConsentPrompt, id: 'carer-missing-details:RelatedPerson/demo-amira-khan-daughter', code: 'carer-missing-details' as const, actions: [{ kind: 'edit-carer' as const, label: 'Complete carer details' }] };
    applyMessage(store, { type: 'view', page: { load: '0123456789abcdef', seq: 1 }, view: { ...AmiraReady, prompts: [prompt] } });
    const { container } = render(<App store={store} connection={connection} />);
    fireEvent.click(container.querySelector('[data-prompt-code="carer-missing-details"] [data-action="edit-carer"]') as HTMLElement);
    const form = await screen.findByRole('form', { name: 'Complete Sara Khan’s details' });
    submitAsClinician(form);
    const summary = await screen.findByRole('alert', { name: 'There is a problem' });
    expect(summary.textContent).toContain('Give a relationship, a phone number, an email or a date of birth.');
    expect(screen.queryByRole('group', { name: 'Confirm this change' })).toBeNull();
  });
});
