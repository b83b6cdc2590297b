import { useState } from 'preact/hooks';
import type { Action, ActionResult } from '../../protocol/messages';
import type { PanelConnection } from '../connection';
import type { PanelStore, PendingWrite } from '../store';

export interface WriteState {
  pending?: PendingWrite;
  result?: ActionResult;
  submit: (action: Action) => void;
  reset: () => void;
}

/**
 * One form's write: bound to the patient the form was opened for, whatever the page shows by the
 * time it is sent. Progress and the answer come from the store (pushed by the background).
 */
export function useWrite(store: PanelStore, connection: PanelConnection, patient: `Patient/${string}`): WriteState {
  const [requestId, setRequestId] = useState<string>();
  return {
    pending: requestId ? store.pending.value[requestId] : undefined,
    result: requestId ? store.results.value[requestId] : undefined,
    submit: (action) => setRequestId(connection.run(patient, action)),
    reset: () => setRequestId(undefined),
  };
}
