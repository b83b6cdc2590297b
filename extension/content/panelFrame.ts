import { createIframeUi, type ContentScriptContext } from '#imports';
import type { PanelMode } from '../protocol/page';

const EXPANDED_WIDTH = 380;
const COLLAPSED = { width: 64, height: 96 };

/**
 * The panel's iframe: the only thing the extension puts in the page. It holds an extension page
 * (extension origin), so the page's scripts can neither read nor click what it shows. The frame is
 * hidden the moment the patient changes and shown again only when the background says the panel
 * has drawn the new patient (same `seq`).
 */
export function createPanelFrame(ctx: ContentScriptContext) {
  let mounted = false;
  const ui = createIframeUi(ctx, {
    page: '/panel.html',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount: (wrapper, iframe) => {
      wrapper.setAttribute('data-carer-prompts-host', '');
      iframe.title = 'Carer Prompts';
      iframe.setAttribute('aria-label', 'Carer Prompts panel');
      Object.assign(iframe.style, {
        position: 'fixed',
        right: '0',
        border: '0',
        zIndex: '2147483646',
        colorScheme: 'normal',
        background: 'transparent',
      });
      conceal(iframe);
      applyMode(iframe, 'collapsed');
    },
  });

  const hide = (): void => {
    if (!mounted) return;
    conceal(ui.iframe);
    releasePage();
  };

  return {
    /** Ensures the frame exists (hidden until the panel has drawn the current patient). */
    mount(): void {
      if (mounted) return;
      ui.mount();
      mounted = true;
    },
    hide,
    show(mode: PanelMode): void {
      if (!mounted) return;
      applyMode(ui.iframe, mode);
      Object.assign(ui.iframe.style, { opacity: '1', pointerEvents: '' });
      ui.iframe.removeAttribute('inert');
      ui.iframe.removeAttribute('aria-hidden');
    },
    /** The keyboard command: focus into the panel, only while it is shown (an inert frame takes none). */
    focus(): void {
      if (!mounted || ui.iframe.hasAttribute('inert')) return;
      ui.iframe.focus();
    },
    remove(): void {
      if (!mounted) return;
      releasePage();
      ui.remove();
      mounted = false;
    },
  };
}

/**
 * Hidden with opacity rather than visibility: Chrome stops rendering cross-origin frames that are
 * visibility-hidden, so the panel could not paint the next patient before it is shown again and
 * its last painted frame (the previous patient) would flash. Inert: no focus, no clicks, not read out.
 */
function conceal(iframe: HTMLIFrameElement): void {
  Object.assign(iframe.style, { opacity: '0', pointerEvents: 'none' });
  iframe.setAttribute('inert', '');
  iframe.setAttribute('aria-hidden', 'true');
}

function applyMode(iframe: HTMLIFrameElement, mode: PanelMode): void {
  if (mode === 'expanded') {
    Object.assign(iframe.style, { top: '0', bottom: '', width: `min(${EXPANDED_WIDTH}px, 100vw)`, height: '100vh', boxShadow: '-2px 0 8px rgba(0,0,0,.2)' });
    // Dock beside the record rather than over it, where the window is wide enough to share.
    if (window.innerWidth >= EXPANDED_WIDTH * 2.5) document.documentElement.style.setProperty('margin-right', `${EXPANDED_WIDTH}px`);
  } else {
    Object.assign(iframe.style, { top: '30vh', bottom: '', width: `${COLLAPSED.width}px`, height: `${COLLAPSED.height}px`, boxShadow: 'none' });
    releasePage();
  }
}

function releasePage(): void {
  document.documentElement.style.removeProperty('margin-right');
}
