/**
 * The keyboard command that jumps to the panel (issue 10: the panel was the last of 59 Tab stops).
 * Chrome delivers the key to the background worker; the worker tells the tab's top frame, whose
 * content script focuses the panel's iframe; the panel then puts focus on its title (App.tsx).
 * The message carries nothing but its type: no patient, no page state.
 */

/** The `commands` key in the manifest (wxt.config.ts). */
export const FOCUS_PANEL_COMMAND = 'focus-panel';
export const FOCUS_PANEL_SHORTCUT = 'Alt+Shift+C';

export interface FocusPanelMessage {
  type: 'frame/focus';
}

/** Checked by hand, as the content script's other guards are (it stays small: no zod there). */
export function isFocusPanel(message: unknown): message is FocusPanelMessage {
  return typeof message === 'object' && message !== null && !Array.isArray(message) && (message as { type?: unknown }).type === 'frame/focus' && Object.keys(message).length === 1;
}

/** The background's side: the command in the active tab becomes a message to that tab's top frame. */
export function onFocusPanelCommand(command: string, tab: { id?: number } | undefined, sendToTopFrame: (tabId: number, message: FocusPanelMessage) => void): void {
  if (command !== FOCUS_PANEL_COMMAND || tab?.id === undefined) return;
  sendToTopFrame(tab.id, { type: 'frame/focus' });
}
