import type { ContentScriptContext } from '#imports';
import type { EhrProfile } from '../profiles/schema';
import { followBanner, openShadowRoots, recognisePage, recognitionKey, sameOriginChildDocuments, type LocationLike, type PageIdentity, type Recognition } from '../profiles/recognise';

/**
 * Follows the patient shown on the page through single-page navigation: history API and hash
 * changes (the Navigation API, `wxt:locationchange`, popstate, hashchange) and banners replaced in
 * place (MutationObserver). `onChange` runs in the same task as the change it reacts to — a
 * MutationObserver callback runs before the next paint — so the caller can hide the previous
 * patient's panel before a single frame shows it beside the new patient.
 */
export function watchPatient(
  ctx: ContentScriptContext,
  profiles: () => readonly EhrProfile[],
  onChange: (recognition: Recognition) => void,
): { recheck: () => void } {
  let lastKey: string | undefined;
  let lastPatient: PageIdentity | undefined;
  const check = (where: LocationLike = location): void => {
    watchInside();
    const recognition = followBanner(lastPatient, recognisePage(where, document, profiles()));
    const key = recognitionKey(recognition);
    if (key === lastKey) return;
    lastKey = key;
    if (recognition.kind === 'patient') lastPatient = recognition.identity;
    onChange(recognition);
  };

  // Banners can change inside open shadow roots and same-origin child frames too: watch each once.
  const observer = new MutationObserver(() => check());
  const watched = new WeakSet<Node>();
  const watch = (node: Node): void => {
    if (watched.has(node)) return;
    watched.add(node);
    observer.observe(node, { childList: true, subtree: true, characterData: true });
  };
  const watchInside = (): void => {
    for (const root of openShadowRoots(document)) watch(root);
    for (const child of sameOriginChildDocuments(document)) {
      watch(child);
      for (const root of openShadowRoots(child)) watch(root);
    }
  };
  watch(document.documentElement);
  ctx.onInvalidated(() => observer.disconnect());
  // A child frame loading a new document (load does not bubble: listen in the capture phase).
  ctx.addEventListener(document, 'load', () => check(), { capture: true });

  // The navigate event fires before the URL commits: read the destination it carries.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => check({ href: event.newUrl.href }));
  ctx.addEventListener(window, 'popstate', () => check());
  ctx.addEventListener(window, 'hashchange', () => check());
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation) ctx.addEventListener(navigation, 'currententrychange' as never, () => check());

  check();
  return {
    recheck: () => {
      lastKey = undefined;
      check();
    },
  };
}
