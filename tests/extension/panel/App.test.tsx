import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../extension/panel/components/App';
import { WriteStatus } from '../../../extension/panel/components/Status';
import type { PanelConnection } from '../../../extension/panel/connection';
import { applyMessage, createPanelStore } from '../../../extension/panel/store';
import { draftsItem } from '../../../extension/storage/items';
import type { Action } from '../../../extension/protocol/messages';
import type { PageState } from '../../../extension/protocol/page';
import type { PromptView, ReadyView } from '../../../extension/protocol/view';

const LOAD = '0123456789abcdef';
import { AmiraReady, CarerSara, ContactWithMarkupName } from './fixtures';

/** The panel's side of the port, recording what the panel asks the background for. */
function recordingConnection() {
  const calls: { runs: { patient: string; page: PageState; action: Action }[]; layouts: number; retries: number; signIns: number } = { runs: [], layouts: 0, retries: 0, signIns: 0 };
  const connection: PanelConnection = {
    run: (patient, page, action) => {
      calls.runs.push({ patient, page, action });
      return `req-${calls.runs.length}`;
    },
    retry: () => void (calls.retries += 1),
    signIn: () => void (calls.signIns += 1),
    layout: () => void (calls.layouts += 1),
  };
  return { connection, calls };
}

describe('the panel', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => cleanup());

  it('shows each carer and prompt with their stable hooks, most severe first', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: AmiraReady });
    const { container } = render(<App store={store} connection={recordingConnection().connection} />);
    expect([...container.querySelectorAll('[data-prompt-code]')].map((e) => e.getAttribute('data-prompt-code'))).toEqual(['offer-assessment', 'record-consent']);
    expect(container.querySelector(`[data-carer="${CarerSara.id}"]`)?.textContent).toContain('Sara Khan');
    expect(container.querySelector('.panel__title [data-badge-count]')?.getAttribute('data-badge-count')).toBe('2');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('2 prompts to do');
    expect(screen.getByText('NHS No. 999 001 1117')).toBeTruthy();
  });

  it('shows a name containing markup as text, creating no element from it', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: AmiraReady });
    const { container } = render(<App store={store} connection={recordingConnection().connection} />);
    const card = container.querySelector(`[data-carer="${ContactWithMarkupName.id}"]`);
    expect(card?.querySelector('.carer__name')?.textContent).toBe('Robin <script>alert("carer")</script>');
    expect(container.querySelector('script')).toBeNull();
  });

  it('shows bidi overrides and zero-width characters in names as visible escapes, isolating each name, without changing the record', () => {
    const reversing = 'Saidha Khan \u202edetalor ton\u202c';
    const lookalike = 'Sara\u200b Khan';
    const view = {
      ...AmiraReady,
      carers: [{ ...CarerSara, name: lookalike }, { ...ContactWithMarkupName, name: reversing }],
      prompts: [{ ...AmiraReady.prompts[0]!, summary: `Consent to share with ${reversing} not recorded` }],
    };
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view });
    const { container } = render(<App store={store} connection={recordingConnection().connection} />);
    const names = [...container.querySelectorAll('.carer__name')];
    expect(names.map((n) => n.textContent)).toEqual(['Sara\\u{200b} Khan', 'Saidha Khan \\u{202e}detalor ton\\u{202c}']);
    expect(names.every((n) => n.querySelector('bdi') !== null)).toBe(true);
    expect(container.querySelector('.prompt__summary')?.textContent).toBe('Consent to share with Saidha Khan \\u{202e}detalor ton\\u{202c} not recorded');
    expect(container.textContent).not.toMatch(/[\u200b\u202a-\u202e]/);
    expect(store.view.value.kind === 'ready' ? store.view.value.carers.map((c) => c.name) : []).toEqual([lookalike, reversing]);
  });

  it('shows nothing about any patient while the record does not match the page', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: AmiraReady });
    const { container } = render(<App store={store} connection={recordingConnection().connection} />);
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 2 }, view: { kind: 'mismatch', reasons: ['The NHS number on the page is not the NHS number on the FHIR record.'] } });
    return waitFor(() => {
      expect(container.textContent).toContain('Stopped: the record does not match this page');
      expect(container.textContent).not.toContain('Sara');
      expect(container.querySelector('[data-carer], [data-prompt-code]')).toBeNull();
    });
  });

  it('collapses to a tab that still says how many prompts there are', async () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: AmiraReady });
    render(<App store={store} connection={recordingConnection().connection} />);
    fireEvent.click(screen.getByRole('button', { name: 'Hide Carer Prompts' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Carers: 2 prompts to do. Show Carer Prompts' })).toBeTruthy());
    expect(store.mode.value).toBe('collapsed');
  });

  it('tells the page’s frame it may show only after drawing the view', async () => {
    const store = createPanelStore();
    const { connection, calls } = recordingConnection();
    render(<App store={store} connection={connection} />);
    const before = calls.layouts;
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 7 }, view: AmiraReady });
    await waitFor(() => expect(calls.layouts).toBeGreaterThan(before));
  });

  it('keeps a form’s draft in session storage, bound to the patient, and reopens it', async () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: AmiraReady });
    const first = render(<App store={store} connection={recordingConnection().connection} />);
    fireEvent.click(first.container.querySelector('[data-prompt-code="record-consent"] [data-action="record-consent"]') as HTMLElement);
    fireEvent.click(await screen.findByLabelText('Declines to share'));
    await waitFor(async () => expect(Object.values(await draftsItem.getValue())).toMatchObject([{ patient: 'Patient/demo-amira-khan', form: `record-consent:${CarerSara.id}`, values: { decision: 'deny' } }]));
    first.unmount();

    render(<App store={store} connection={recordingConnection().connection} />);
    const reopened = await screen.findByRole('form', { name: 'Consent to share with Sara Khan' });
    await waitFor(() => expect((reopened.querySelector('input[value="deny"]') as HTMLInputElement).checked).toBe(true));
  });

  it('sends nothing for a submit the user did not make (untrusted event)', async () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: AmiraReady });
    const { connection, calls } = recordingConnection();
    const { container } = render(<App store={store} connection={connection} />);
    fireEvent.click(container.querySelector('[data-prompt-code="offer-assessment"] [data-action="offer-assessment"]') as HTMLElement);
    const form = await screen.findByRole('form', { name: /assessment/ });
    fireEvent.submit(form);
    expect(calls.runs).toEqual([]);
  });

  it('offers "Sign in again" when the sign-in to the FHIR server has ended, and asks the background (never a token in the panel)', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: { kind: 'error', message: 'Your sign-in to the FHIR server has ended. Sign in again: what you entered has been kept and nothing was lost.', canRetry: false, signIn: true } });
    const { connection, calls } = recordingConnection();
    render(<App store={store} connection={connection} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(calls.signIns).toBe(1);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('offers "Sign in" (not "Sign in again") before the clinician has signed in at all in this browser session', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: { kind: 'error', message: 'You are not signed in to the FHIR server yet. Sign in to see and record carers’ details.', canRetry: false, signIn: true, firstSignIn: true } });
    const { connection, calls } = recordingConnection();
    render(<App store={store} connection={connection} />);
    expect(screen.queryByRole('button', { name: 'Sign in again' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(calls.signIns).toBe(1);
  });

  it('says, when carer information is not available, that this does not mean the patient has no carers', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: { kind: 'error', message: 'The FHIR server is not answering.', canRetry: true } });
    render(<App store={store} connection={recordingConnection().connection} />);
    expect(screen.getByRole('alert', { name: 'Carer information is not available' }).textContent).toContain('This does not mean the patient has no carers');
  });

  it('shows why each turned-off change cannot be made, and offers no button for it', () => {
    const store = createPanelStore();
    const reason = 'You cannot record a consent decision here: your sign-in was not given permission to create Consent. Record it in the EHR, or ask your system administrator for access.';
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: { ...AmiraReady, writes: { 'record-consent': { enabled: false, reason }, 'withdraw-consent': { enabled: false, reason } } } });
    const { container } = render(<App store={store} connection={recordingConnection().connection} />);
    const notice = screen.getByRole('region', { name: 'Some changes cannot be made from here' });
    expect(notice.querySelectorAll('li')).toHaveLength(1);
    expect(notice.textContent).toContain(reason);
    expect(container.querySelector('[data-action="record-consent"]')).toBeNull();
    expect(container.querySelector('[data-action="offer-assessment"]')).not.toBeNull();
  });
});

describe('a write refused because the sign-in ended', () => {
  afterEach(() => cleanup());

  it('says so, offers "Sign in again" and leaves the form as it was', () => {
    let signIns = 0;
    const result = { type: 'action/result' as const, requestId: 'req-1', patient: 'Patient/demo-amira-khan' as const, outcome: 'failed' as const, stillOnScreen: true, message: 'Your sign-in to the FHIR server has ended. Sign in again: what you entered has been kept and nothing was lost.', signIn: true };
    render(<WriteStatus write={{ result, submit: () => undefined, reset: () => undefined, signIn: () => void (signIns += 1) }} />);
    expect(screen.getByRole('alert').textContent).toContain('what you entered has been kept');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(signIns).toBe(1);
  });

  it('offers "Sign in", not "Sign in again", when a write is refused before the first sign-in', () => {
    const result = { type: 'action/result' as const, requestId: 'req-1', patient: 'Patient/demo-amira-khan' as const, outcome: 'failed' as const, stillOnScreen: true, message: 'You are not signed in to the FHIR server yet. Sign in to see and record carers’ details.', signIn: true, firstSignIn: true };
    render(<WriteStatus write={{ result, submit: () => undefined, reset: () => undefined, signIn: () => undefined }} />);
    expect(screen.queryByRole('button', { name: 'Sign in again' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('offers no sign-in for other failures', () => {
    const result = { type: 'action/result' as const, requestId: 'req-1', patient: 'Patient/demo-amira-khan' as const, outcome: 'failed' as const, stillOnScreen: true, message: 'The server is not answering.' };
    render(<WriteStatus write={{ result, submit: () => undefined, reset: () => undefined, signIn: () => undefined }} />);
    expect(screen.queryByRole('button', { name: 'Sign in again' })).toBeNull();
  });
});

describe('answering about a Patient.contact', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => cleanup());

  const askAboutContact: PromptView = {
    id: 'confirm-carer-status:Patient/demo-amira-khan#contact-0-abc',
    code: 'confirm-carer-status',
    severity: 'warning',
    summary: 'Is Mary Khan (mother, next of kin) a carer? Ask and record the answer',
    detail: 'This contact has not been asked about yet.',
    commitment: 'Triangle of Care standard 1',
    actions: [
      { kind: 'mark-carer', label: 'Mark as carer' },
      { kind: 'mark-not-carer', label: 'Not a carer' },
    ],
    contact: { key: 'Patient/demo-amira-khan#contact-0-abc', label: 'Mary Khan (mother, next of kin)' },
    snoozable: false,
  };
  const actionsShown = (writes: ReadyView['writes']): string[] => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: { ...AmiraReady, prompts: [askAboutContact], writes } });
    const { container } = render(<App store={store} connection={recordingConnection().connection} />);
    return [...container.querySelectorAll('[data-prompt-code="confirm-carer-status"] [data-action]')].map((b) => b.getAttribute('data-action') ?? '');
  };

  it('offers the answers when RelatedPersons can be created, though they cannot be updated (the answer creates one)', () => {
    const reason = 'This server does not allow it.';
    expect(actionsShown({ 'mark-carer': { enabled: false, reason }, 'mark-not-carer': { enabled: false, reason } })).toEqual(['mark-carer', 'mark-not-carer']);
  });

  it('offers no answer when RelatedPersons cannot be created, though they can be updated', () => {
    expect(actionsShown({ 'answer-contact': { enabled: false, reason: 'This server does not allow it.' } })).toEqual([]);
  });
});
