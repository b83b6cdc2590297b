import { browser, defineContentScript } from '#imports';
import { createPanelFrame } from '../content/panelFrame';
import { watchPatient } from '../content/watchPatient';
import { BUILTIN_PROFILES } from '../profiles/builtin';
import type { EhrProfile } from '../profiles/schema';
import { isFrameLayout, isProfileList } from '../protocol/contentGuards';
import { isFocusPanel } from '../commands/focusPanel';
import type { ContentToBackground } from '../protocol/page';

/**
 * Runs on every EHR page, so it does two things only: recognise the patient on screen and host the
 * panel frame. It never calls the FHIR server and never holds carer data.
 */
export default defineContentScript({
  // Development builds add loopback matches to the manifest (wxt.config.ts); production registers
  // this script at runtime for the EHR origins configured in the options page.
  registration: 'runtime',
  // No window.postMessage: the page (and every frame in it) would receive it. WXT still tells an
  // older copy of this script to stop through a DOM event, which posts nothing to the page.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const frame = createPanelFrame(ctx);
    // Random per run of this script: a new page load starts `seq` at 1 again, but never with this `load`.
    const load = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    let seq = 0;
    let profiles: readonly EhrProfile[] = BUILTIN_PROFILES;

    const send = (message: ContentToBackground) => browser.runtime.sendMessage(message);

    const watcher = watchPatient(ctx, () => profiles, (recognition) => {
      seq += 1;
      // Everything about the previous patient disappears at once, before the background knows.
      frame.hide();
      if (recognition.kind === 'none') frame.remove();
      else frame.mount();
      send({ type: 'page/recognition', page: { load, seq }, recognition }).catch(() => undefined);
    });

    const onMessage = (message: unknown, sender: { id?: string }): undefined => {
      if (sender.id !== browser.runtime.id) return;
      if (isFocusPanel(message)) {
        frame.focus();
        return;
      }
      if (!isFrameLayout(message) || message.page.load !== load || message.page.seq !== seq) return;
      const layout = message;
      if (layout.visible) frame.show(layout.mode);
      else frame.hide();
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    // A trust's own profiles (parsed by the background, re-checked here) come before the built-ins.
    send({ type: 'page/profiles' })
      .then((reply: unknown) => {
        if (!isProfileList(reply) || reply.length === 0) return;
        profiles = [...reply, ...BUILTIN_PROFILES];
        watcher.recheck();
      })
      .catch(() => undefined);
  },
});
