import { browser } from '#imports';
import { panelModeItem } from '../storage/items';

/**
 * The toolbar button (manifest `action`, no popup) opens the panel: it sets the stored panel mode
 * to expanded, which every panel on screen follows (entrypoints/panel/main.tsx) and reports to its
 * frame. On a page with no patient it changes nothing visible. Returns the unsubscribe.
 */
export function listenToToolbarButton(): () => void {
  const onClicked = () => void panelModeItem.setValue('expanded');
  browser.action.onClicked.addListener(onClicked);
  return () => browser.action.onClicked.removeListener(onClicked);
}
