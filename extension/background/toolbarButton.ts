import { browser } from '#imports';
import { panelChosenModeItem, panelOpenRequestItem } from '../storage/items';

/**
 * The toolbar button (manifest `action`, no popup) opens the panel: it makes "open" the clinician's
 * chosen mode and counts a request to open, which every panel on screen follows
 * (entrypoints/panel/main.tsx), a panel folded for a patient with nothing to do included. On a page
 * with no patient it changes nothing visible. Returns the unsubscribe.
 */
export function listenToToolbarButton(): () => void {
  const onClicked = async (): Promise<void> => {
    await panelChosenModeItem.setValue('expanded');
    await panelOpenRequestItem.setValue((await panelOpenRequestItem.getValue()) + 1);
  };
  const listener = (): void => void onClicked();
  browser.action.onClicked.addListener(listener);
  return () => browser.action.onClicked.removeListener(listener);
}
