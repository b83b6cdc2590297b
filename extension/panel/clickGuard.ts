import { createVisibilityTracker, type VisibilityTracker } from './visibility';

const IGNORED_NOTICE = 'Carer Prompts ignored that click: the panel was covered, see-through, moving or had only just appeared. Check nothing is over it and click again.';

/**
 * Defends the panel against clickjacking. The page owns the iframe element and can restyle it
 * (`!important` opacity, transforms, a button of its own over ours), so the panel decides from
 * inside the frame: Chromium's IntersectionObserver v2 (`trackVisibility`) tells the frame whether
 * it is painted unobscured, opaque and untransformed. A pointer click counts only once that has
 * held for a while; any other is stopped before the panel's own handlers see it.
 *
 * `<html data-accepts-clicks>` says when clicks count (a stable hook for tests and for styling).
 */
export function guardClicks(doc: Document, now: () => number = () => performance.now()): { tracker: VisibilityTracker; dispose: () => void } {
  const tracker = createVisibilityTracker();
  const root = doc.documentElement;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = (): void => {
    clearTimeout(timer);
    root.toggleAttribute('data-accepts-clicks', tracker.acceptsClicks(now()));
    const readyAt = tracker.readyAt();
    if (readyAt !== undefined && !tracker.acceptsClicks(now())) timer = setTimeout(refresh, Math.max(0, readyAt - now()) + 1);
  };

  // The body fills the frame (panel.css: html, body { height: 100% }), so its ratio is 1 only when
  // the whole frame is in the viewport; its own content never counts as covering it.
  const target = doc.body;

  const Observer = (globalThis as { IntersectionObserver?: typeof IntersectionObserver }).IntersectionObserver;
  const observer = Observer
    ? new Observer(
        (entries) => {
          for (const entry of entries) tracker.report({ isVisible: (entry as IntersectionObserverEntry & { isVisible?: boolean }).isVisible, intersectionRatio: entry.intersectionRatio }, now());
          refresh();
        },
        { threshold: [0, 0.5, 0.99, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      )
    : undefined;
  observer?.observe(target);

  const onResize = (): void => {
    tracker.changed(now());
    refresh();
  };
  const notice = doc.createElement('p');
  notice.className = 'click-ignored';
  notice.setAttribute('role', 'status');
  const onClick = (event: MouseEvent): void => {
    // Keyboard activation (detail 0) needs focus in the frame, which the page cannot give it.
    if (event.detail === 0 || tracker.acceptsClicks(now())) {
      notice.remove();
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    notice.textContent = IGNORED_NOTICE;
    doc.body.append(notice);
  };
  const view = doc.defaultView;
  view?.addEventListener('resize', onResize);
  view?.addEventListener('click', onClick, true);
  return {
    tracker,
    dispose: () => {
      clearTimeout(timer);
      observer?.disconnect();
      view?.removeEventListener('resize', onResize);
      view?.removeEventListener('click', onClick, true);
      notice.remove();
    },
  };
}
