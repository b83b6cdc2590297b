import { browser, type Browser } from '#imports';
import { BackgroundToPanelSchema, PANEL_PORT_NAME, type Action, type PanelToBackground } from '../protocol/messages';
import { parseMessage, type PageState, type PanelMode } from '../protocol/page';
import { applyMessage, type PanelStore } from './store';

/**
 * The panel's line to the background worker: a port, reopened whenever the worker is stopped
 * (MV3 may stop it at any time). Reconnecting wakes the worker, which restores the tab's state
 * from session storage and answers how any write under way ended.
 */
export function connectPanel(store: PanelStore) {
  let port: Browser.runtime.Port | undefined;
  let retryDelay = 50;

  const post = (message: PanelToBackground): void => {
    if (store.refused.value) return;
    if (!port) open();
    port?.postMessage(message);
  };

  const open = (): void => {
    try {
      port = browser.runtime.connect({ name: PANEL_PORT_NAME });
    } catch {
      // The extension was reloaded or removed: this frame is orphaned and will be replaced.
      store.connected.value = false;
      return;
    }
    store.connected.value = true;
    port.onMessage.addListener((raw: unknown) => {
      const message = parseMessage(BackgroundToPanelSchema, raw);
      if (!message) return;
      applyMessage(store, message);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      store.connected.value = false;
      if (store.refused.value) return;
      setTimeout(() => {
        // A write sent meanwhile may already have reopened the line: a second port would replace
        // it in the background and lose that write.
        if (!port) open();
        retryDelay = Math.min(retryDelay * 2, 2000);
      }, retryDelay);
    });
    retryDelay = 50;
    port.postMessage({ type: 'panel/hello', ancestors: Array.from(location.ancestorOrigins) } satisfies PanelToBackground);
    // Writes sent before the worker stopped: ask how they ended.
    for (const requestId of Object.keys(store.pending.value)) port.postMessage({ type: 'action/status', requestId } satisfies PanelToBackground);
  };

  open();

  return {
    /** Sends a write for the patient of the view on screen, naming that view's page state (the background refuses it for any other). */
    run(patient: `Patient/${string}`, page: PageState, action: Action, requestId: string = crypto.randomUUID()): string {
      // A resend under the same id replaces the earlier answer: the clinician sees this attempt's outcome.
      const { [requestId]: _previous, ...otherResults } = store.results.value;
      store.results.value = otherResults;
      store.pending.value = { ...store.pending.value, [requestId]: { patient, step: 'writing' } };
      post({ type: 'action/run', requestId, patient, page, action });
      return requestId;
    },
    retry(): void {
      post({ type: 'panel/retry' });
    },
    /** SMART mode: asks the background to open the browser's sign-in window (no token ever reaches the panel). */
    signIn(): void {
      post({ type: 'panel/sign-in' });
    },
    /** Tells the background (and through it the page's frame) the panel's size: the mode shown, which may be folded (App.tsx). */
    layout(mode: PanelMode = store.mode.value): void {
      const page = store.page.value;
      if (page) post({ type: 'panel/shown', page, mode });
    },
  };
}

export type PanelConnection = ReturnType<typeof connectPanel>;
