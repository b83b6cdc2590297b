import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenToToolbarButton } from '../../../extension/background/toolbarButton';
import { panelChosenModeItem, panelOpenRequestItem } from '../../../extension/storage/items';

describe('the toolbar button', () => {
  beforeEach(() => fakeBrowser.reset());

  it('makes "open" the chosen mode and asks every panel to open, each press counted', async () => {
    await panelChosenModeItem.setValue('collapsed');
    const stop = listenToToolbarButton();
    await fakeBrowser.action.onClicked.trigger({ id: 1 } as never);
    await expect.poll(() => panelOpenRequestItem.getValue()).toBe(1);
    expect(await panelChosenModeItem.getValue()).toBe('expanded');
    // A panel that folded itself already has "expanded" as its chosen mode: a second press must still be news.
    await fakeBrowser.action.onClicked.trigger({ id: 1 } as never);
    await expect.poll(() => panelOpenRequestItem.getValue()).toBe(2);
    stop();
  });
});
