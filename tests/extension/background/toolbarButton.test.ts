import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenToToolbarButton } from '../../../extension/background/toolbarButton';
import { panelModeItem } from '../../../extension/storage/items';

describe('the toolbar button', () => {
  beforeEach(() => fakeBrowser.reset());

  it('opens a collapsed panel (sets the panel mode every panel follows to expanded)', async () => {
    await panelModeItem.setValue('collapsed');
    const stop = listenToToolbarButton();
    await fakeBrowser.action.onClicked.trigger({ id: 1 } as never);
    await expect.poll(() => panelModeItem.getValue()).toBe('expanded');
    stop();
  });
});
