import '../../protocol/zodJitless';
import { render } from 'preact';
import { App, Refused } from '../../panel/components/App';
import { framedByEhrPage } from '../../framing/ancestry';
import { guardClicks } from '../../panel/clickGuard';
import { connectPanel } from '../../panel/connection';
import { createPanelStore } from '../../panel/store';
import { panelChosenModeItem, panelOpenRequestItem } from '../../storage/items';
import { readEffectiveOptions } from '../../storage/managed';
import '../../panel/panel.css';

/**
 * The panel page, framed over the EHR by the content script. It renders what the background
 * worker says about the patient on screen; FHIR text is only ever rendered as text (JSX children),
 * never as HTML.
 */
async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  // Framed by anything but a configured EHR page (another site, or another site's frame inside the
  // EHR page): show nothing and never open the line to the background.
  const { ehrOrigins } = (await readEffectiveOptions()).options;
  if (!framedByEhrPage(Array.from(location.ancestorOrigins), { ehrOrigins, loopback: import.meta.env.MODE === 'development' })) {
    render(<Refused />, root);
    return;
  }
  guardClicks(document);
  const store = createPanelStore(await panelChosenModeItem.getValue());
  store.mode.subscribe((mode) => void panelChosenModeItem.setValue(mode));
  // The toolbar button (background) asks every panel on screen to open.
  const unwatchMode = panelOpenRequestItem.watch(() => {
    store.openRequests.value += 1;
  });
  const connection = connectPanel(store);
  render(<App store={store} connection={connection} />, root);
  window.addEventListener('pagehide', () => {
    unwatchMode();
    render(null, root);
  });
}

void start();
