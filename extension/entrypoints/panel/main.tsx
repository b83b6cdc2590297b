import '../../protocol/zodJitless';
import { render } from 'preact';
import { App, Refused } from '../../panel/components/App';
import { framedByEhrPage } from '../../framing/ancestry';
import { guardClicks } from '../../panel/clickGuard';
import { connectPanel } from '../../panel/connection';
import { createPanelStore } from '../../panel/store';
import { panelModeItem } from '../../storage/items';
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
  const store = createPanelStore(await panelModeItem.getValue());
  store.mode.subscribe((mode) => void panelModeItem.setValue(mode));
  // The toolbar button (background) opens the panel by setting the stored mode.
  const unwatchMode = panelModeItem.watch((mode) => {
    store.mode.value = mode;
  });
  const connection = connectPanel(store);
  render(<App store={store} connection={connection} />, root);
  window.addEventListener('pagehide', () => {
    unwatchMode();
    render(null, root);
  });
}

void start();
