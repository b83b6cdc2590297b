import { signal, type Signal } from '@preact/signals';
import type { PageState, PanelMode } from '../protocol/page';
import type { ActionResult, BackgroundToPanel } from '../protocol/messages';
import type { PanelView } from '../protocol/view';

/** The panel's state: what the background last said the page shows, and the writes under way. */
export interface PanelStore {
  /** The page state of the view shown (undefined before the first view). */
  page: Signal<PageState | undefined>;
  view: Signal<PanelView>;
  mode: Signal<PanelMode>;
  connected: Signal<boolean>;
  /** Framed somewhere other than directly by the tab's EHR page: nothing is shown, nothing is asked for. */
  refused: Signal<boolean>;
  /** Writes sent and not yet answered, by request id, with the step the background reported. */
  pending: Signal<Record<string, PendingWrite>>;
  /** Answers to writes, by request id (kept until the form that sent it reads it). */
  results: Signal<Record<string, ActionResult>>;
  /** A notice about a write for a patient no longer on screen (never names them). */
  elsewhere: Signal<string | undefined>;
  /** What the panel's one live region says about the last save (App.tsx LiveRegion). */
  announcement: Signal<string>;
  /** Presses of the toolbar button since the panel loaded: each one opens the panel. */
  openRequests: Signal<number>;
}

export interface PendingWrite {
  patient: `Patient/${string}`;
  step: 'writing' | 're-reading';
}

export function createPanelStore(initialMode: PanelMode = 'expanded'): PanelStore {
  return {
    page: signal<PageState | undefined>(undefined),
    view: signal<PanelView>({ kind: 'idle' }),
    mode: signal<PanelMode>(initialMode),
    connected: signal(false),
    refused: signal(false),
    pending: signal({}),
    results: signal({}),
    elsewhere: signal(undefined),
    announcement: signal(''),
    openRequests: signal(0),
  };
}

/** Applies one message from the background to the store. */
export function applyMessage(store: PanelStore, message: BackgroundToPanel): void {
  switch (message.type) {
    case 'view':
      // Views for an older state of the same page load never replace a newer one.
      if (store.page.value?.load === message.page.load && message.page.seq < store.page.value.seq) return;
      store.page.value = message.page;
      store.view.value = message.view;
      return;
    case 'panel/refused':
      store.refused.value = true;
      store.view.value = { kind: 'idle' };
      return;
    case 'action/progress': {
      const current = store.pending.value[message.requestId];
      if (current) store.pending.value = { ...store.pending.value, [message.requestId]: { ...current, step: message.step } };
      return;
    }
    case 'action/result': {
      const { [message.requestId]: _done, ...rest } = store.pending.value;
      store.pending.value = rest;
      store.results.value = { ...store.results.value, [message.requestId]: message };
      if (!message.stillOnScreen && message.outcome === 'saved') {
        store.elsewhere.value = 'Your change was saved to the record of the patient you were on before; this page now shows a different patient.';
      } else if (!message.stillOnScreen) {
        store.elsewhere.value = `Your change for the patient you were on before was not saved: ${message.message ?? 'go back to their record and try again.'}`;
      }
      return;
    }
  }
}
