import { describe, expect, it } from 'vitest';
import { FOCUS_PANEL_COMMAND, isFocusPanel, onFocusPanelCommand, type FocusPanelMessage } from '../../../extension/commands/focusPanel';

describe('the keyboard command that jumps to the panel', () => {
  it('asks the active tab’s top frame to focus the panel, saying nothing else', () => {
    const sent: [number, FocusPanelMessage][] = [];
    onFocusPanelCommand(FOCUS_PANEL_COMMAND, { id: 7 }, (tabId, message) => sent.push([tabId, message]));
    expect(sent).toEqual([[7, { type: 'frame/focus' }]]);
  });

  it('does nothing for another command or a window without a tab', () => {
    const sent: unknown[] = [];
    onFocusPanelCommand('_execute_action', { id: 7 }, (...args) => sent.push(args));
    onFocusPanelCommand(FOCUS_PANEL_COMMAND, undefined, (...args) => sent.push(args));
    expect(sent).toEqual([]);
  });

  it('is recognised by the content script only in its exact shape', () => {
    expect(isFocusPanel({ type: 'frame/focus' })).toBe(true);
    expect(isFocusPanel({ type: 'frame/focus', patient: 'Patient/1' })).toBe(false);
    expect(isFocusPanel({ type: 'frame/layout' })).toBe(false);
    expect(isFocusPanel(null)).toBe(false);
  });
});
