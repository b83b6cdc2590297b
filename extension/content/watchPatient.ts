import type { ContentScriptContext } from '#imports';
import type { EhrProfile } from '../profiles/schema';
import { recognisePage, recognitionKey, type LocationLike, type Recognition } from '../profiles/recognise';

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
  const check = (where: LocationLike = location): void => {
    const recognition = recognisePage(where, document, profiles());
    const key = recognitionKey(recognition);
    if (key === lastKey) return;
    lastKey = key;
    onChange(recognition);
  };

  const observer = new MutationObserver(() => check());
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => observer.disconnect());

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
