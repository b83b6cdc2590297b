import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../extension/panel/components/App';
import type { PanelConnection } from '../../../extension/panel/connection';
import { formFromDraftId } from '../../../extension/panel/forms/registry';
import { applyMessage, createPanelStore } from '../../../extension/panel/store';
import type { ReadyView } from '../../../extension/protocol/view';
import { AmiraReady, CarerSara } from './fixtures';

const connection: PanelConnection = { run: () => 'req-1', retry: () => undefined, signIn: () => undefined, layout: () => undefined };
const [offer, consent] = AmiraReady.prompts as [ReadyView['prompts'][number], ReadyView['prompts'][number]];

/** Amira's view with her offer prompt deferred by a colleague. */
const Deferred: ReadyView = {
  ...AmiraReady,
  prompts: [consent],
  deferred: [{ prompt: offer, task: 'Task/d1', versionId: '1', kind: 'not-now', reason: 'lacks-capacity', comment: 'Carer in hospital', by: 'Dr Ada Jones', on: '2026-11-23T10:15:00Z', until: '2026-12-23T10:15:00Z' }],
};

function show(view: ReadyView) {
  const store = createPanelStore();
  applyMessage(store, { type: 'view', page: { load: '0123456789abcdef', seq: 1 }, view });
  return render(<App store={store} connection={connection} />);
}

describe('deferred prompts in the panel', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => cleanup());

  it('lists a colleague’s deferral under "Deferred": which prompt, who, until when and why, out of the prompt list', () => {
    const { container } = show(Deferred);
    const item = container.querySelector(`[data-deferred-code="${offer.code}"]`);
    expect(item?.textContent).toContain('Not now: deferred by Dr Ada Jones on 23 Nov 2026 until 23 Dec 2026, patient lacks capacity at present — “Carer in hospital”');
    expect(container.querySelector(`li[data-prompt-code="${offer.code}"]`)).toBeNull();
    expect(screen.getByRole('heading', { name: 'Deferred' })).toBeTruthy();
  });

  it('opens "End this deferral" from its button, naming the prompt and when it would have returned', () => {
    const { container } = show(Deferred);
    fireEvent.click(container.querySelector('[data-action="end-deferral"]') as Element);
    expect(screen.getByRole('form', { name: 'End this deferral' }).textContent).toContain('was deferred until 23 Dec 2026');
  });

  it('says in the defer form which prompt it defers, and until when', () => {
    const { container } = show(AmiraReady);
    fireEvent.click(container.querySelector(`[data-prompt-code="${offer.code}"] [data-action="defer-prompt"]`) as Element);
    expect(screen.getByRole('form', { name: 'Defer this prompt' }).textContent).toMatch(/Defers “.+” for this patient and carer until 23 Dec 2026/);
  });

  it('reopens a saved draft in the form of its kind', () => {
    expect(formFromDraftId(`record-consent:${CarerSara.id}`)).toEqual({ kind: 'record-consent', carer: CarerSara.id });
    expect(formFromDraftId('add-carer')).toEqual({ kind: 'add-carer' });
    expect(formFromDraftId('defer-prompt:record-consent:RelatedPerson/x')).toEqual({ kind: 'defer-prompt', prompt: 'record-consent:RelatedPerson/x' });
    expect(formFromDraftId('open-in-ehr')).toBeUndefined();
  });
});
