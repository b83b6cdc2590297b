/** The panel in priority order (issue 10, item 4): groups, badge, the do-not-share callout, folding away. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../extension/panel/components/App';
import type { PanelConnection } from '../../../extension/panel/connection';
import { applyMessage, createPanelStore } from '../../../extension/panel/store';
import type { CarerView, PromptView, ReadyView } from '../../../extension/protocol/view';
import { AmiraReady, CarerSara, RecordConsentPrompt } from './fixtures';

const LOAD = '0123456789abcdef';
const connection: PanelConnection = { run: () => 'req-1', retry: () => undefined, signIn: () => undefined, layout: () => undefined };

const CarerRuth: CarerView = { ...CarerSara, id: 'ruth', reference: 'RelatedPerson/ruth', name: 'Ruth Clarke', relationships: ['Friend'] };
const ConflictAboutRuth: PromptView = {
  ...RecordConsentPrompt,
  id: 'consent-conflict:RelatedPerson/ruth',
  code: 'consent-conflict',
  severity: 'critical',
  summary: 'Conflicting consent decisions for Ruth Clarke',
  carer: CarerRuth.reference,
  actions: [{ kind: 'record-consent', label: 'Record new decision' }],
};
const SignpostSara: PromptView = { ...RecordConsentPrompt, id: 'signpost-support:sara', code: 'signpost-support', severity: 'info', summary: 'Tell Sara Khan about carers’ support', actions: [] };

function showPanel(view: ReadyView, mode: 'expanded' | 'collapsed' = 'expanded') {
  const store = createPanelStore(mode);
  applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view });
  return { store, ...render(<App store={store} connection={connection} />) };
}

describe('the panel in priority order', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => cleanup());

  it('shows a consent conflict about one carer above a to-do about another, each under its carer’s heading, labelled "Safety" not "Urgent"', () => {
    const { container } = showPanel({ ...AmiraReady, carers: [CarerSara, CarerRuth], prompts: [RecordConsentPrompt, ConflictAboutRuth] });
    const groups = [...container.querySelectorAll('[data-prompt-group]')];
    expect(groups.map((g) => g.querySelector('h3')?.textContent)).toEqual(['About Ruth Clarke', 'About Sara Khan']);
    expect(within(groups[0] as HTMLElement).getByText('Safety')).toBeTruthy();
    expect(container.textContent).not.toContain('Urgent');
  });

  it('counts only what needs doing in the badge, and turns it red when one affects safety', () => {
    const { container } = showPanel({ ...AmiraReady, carers: [CarerSara, CarerRuth], prompts: [SignpostSara, RecordConsentPrompt, ConflictAboutRuth] });
    const badge = container.querySelector('.panel__title [data-badge-count]');
    expect(badge?.getAttribute('data-badge-count')).toBe('2');
    expect(badge?.getAttribute('data-badge-tone')).toBe('safety');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('2 prompts to do');
  });

  it('shows what must not be shared in a warning callout, before the decision and its review date', () => {
    const partial: CarerView = {
      ...CarerSara,
      consent: { decision: 'partial', summary: 'Agreed to share some information on 1 Mar 2026', reviewDue: '2027-03-01', reviewOverdue: false, mayShare: ['Appointments'], mayNotShare: ['Therapy notes', 'Diagnosis'] },
    };
    const { container } = showPanel({ ...AmiraReady, carers: [partial] });
    const consent = container.querySelector(`[data-carer="${CarerSara.id}"] [data-consent]`) as HTMLElement;
    const callout = consent.querySelector('[data-do-not-share]') as HTMLElement;
    expect(callout.textContent).toContain('Do not share');
    expect([...callout.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Therapy notes', 'Diagnosis']);
    expect(consent.firstElementChild).toBe(callout);
    expect(consent.textContent?.indexOf('Therapy notes')).toBeLessThan(consent.textContent?.indexOf('review by') ?? -1);
  });

  it('warns that nothing may be shared once consent is withdrawn', () => {
    const withdrawn: CarerView = { ...CarerSara, consent: { decision: 'withdrawn', summary: 'Consent withdrawn on 1 Mar 2026', reviewOverdue: false, mayShare: [], mayNotShare: [] } };
    const { container } = showPanel({ ...AmiraReady, carers: [withdrawn] });
    expect(container.querySelector('[data-do-not-share]')?.textContent).toContain('share nothing');
  });

  it('warns that nothing may be shared after a refusal made for the patient, without saying the patient refused', () => {
    const refusedByAttorney: CarerView = {
      ...CarerSara,
      consent: { decision: 'deny', summary: 'Declined to share information on 1 Mar 2026. Decided for the patient by Ruth Clarke, an attorney', basis: 'lpa', reviewOverdue: false, mayShare: [], mayNotShare: [] },
    };
    const { container } = showPanel({ ...AmiraReady, carers: [refusedByAttorney] });
    const callout = container.querySelector('[data-do-not-share]');
    expect(callout?.textContent).toContain('share nothing');
    expect(container.querySelector('[data-consent]')?.textContent).not.toMatch(/the patient declined/i);
  });

  it('folds itself to its tab on arriving at a patient with nothing to do, without changing the clinician’s chosen mode', async () => {
    const { store } = showPanel({ ...AmiraReady, prompts: [SignpostSara] });
    const tab = await screen.findByRole('button', { name: 'Carers: nothing to do. Show Carer Prompts' });
    expect(store.mode.value).toBe('expanded');
    fireEvent.click(tab);
    await screen.findByRole('button', { name: 'Hide Carer Prompts' });
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 2 }, view: { ...AmiraReady, prompts: [SignpostSara] } });
    await waitFor(() => expect(store.page.value?.seq).toBe(2));
    expect(screen.getByRole('button', { name: 'Hide Carer Prompts' })).toBeTruthy();
  });

  it('stays open on the same patient when a save clears the last thing to do (the confirmation stays in view)', async () => {
    const { store } = showPanel(AmiraReady);
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 2 }, view: { ...AmiraReady, prompts: [SignpostSara] } });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('nothing to do'));
    expect(screen.getByRole('button', { name: 'Hide Carer Prompts' })).toBeTruthy();
  });
});
