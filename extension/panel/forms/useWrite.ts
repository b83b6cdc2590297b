import { useState } from 'preact/hooks';
import type { Action, ActionResult } from '../../protocol/messages';
import type { PanelConnection } from '../connection';
import type { PanelStore, PendingWrite } from '../store';

export interface WriteState {
  pending?: PendingWrite;
  result?: ActionResult;
  submit: (action: Action) => void;
  reset: () => void;
  /** After a "sign in again" answer: opens the sign-in; the form and its draft stay as they are. */
  signIn: () => void;
}

/**
 * One form's write: bound to the patient the form was opened for, whatever the page shows by the
 * time it is sent. Progress and the answer come from the store (pushed by the background).
 */
export function useWrite(store: PanelStore, connection: PanelConnection, patient: `Patient/${string}`): WriteState {
  const [requestId, setRequestId] = useState<string>();
  const [lastSent, setLastSent] = useState<{ action: string; requestId: string }>();
  return {
    pending: requestId ? store.pending.value[requestId] : undefined,
    result: requestId ? store.results.value[requestId] : undefined,
    submit: (action) => {
      // Saving the same draft again (after a timeout or a dropped connection, when nobody can tell
      // whether the first attempt landed) reuses its request id, so the server's conditional create
      // finds the first attempt instead of making a duplicate. A changed draft is a new request.
      // Sent only while the view on screen is still this form's patient, and named with that view's
      // page state: the background refuses it if the tab has moved on since.
      const page = store.page.value;
      const view = store.view.value;
      if (!page || view.kind !== 'ready' || view.patient.reference !== patient) return;
      const sent = JSON.stringify(action);
      const id = lastSent?.action === sent ? lastSent.requestId : crypto.randomUUID();
      setLastSent({ action: sent, requestId: id });
      setRequestId(connection.run(patient, page, action, id));
    },
    reset: () => setRequestId(undefined),
    signIn: () => connection.signIn(),
  };
}
