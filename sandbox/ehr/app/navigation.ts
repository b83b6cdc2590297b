/**
 * Client-side routing: links inside the record change the address with history.pushState and the
 * app redraws without a page load; back and forward (popstate) redraw the page they return to.
 */
import { parseRoute, type Route } from './routes';

function isPlainLeftClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** Installed once for the page's lifetime (the app never unmounts), so the listeners need no teardown. */
export function startNavigation(onRoute: (route: Route) => void): void {
  let shownPath = window.location.pathname;
  const go = (path: string): void => {
    shownPath = path;
    onRoute(parseRoute(path));
  };
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || !isPlainLeftClick(event) || !(event.target instanceof Element)) return;
    const link = event.target.closest('a');
    if (!link || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || !(url.pathname === '/ehr' || url.pathname.startsWith('/ehr/'))) return;
    // In-page anchors (the skip link) are the browser's to follow.
    if (url.hash && url.pathname === window.location.pathname) return;
    event.preventDefault();
    if (url.pathname !== window.location.pathname) window.history.pushState(null, '', url.pathname);
    go(url.pathname);
  });
  window.addEventListener('popstate', () => {
    // A popstate within the same page (an anchor's #fragment) changes no record page.
    if (window.location.pathname !== shownPath) go(window.location.pathname);
  });
}
