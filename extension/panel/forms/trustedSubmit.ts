/**
 * Writes happen only on the clinician's own click or key press. A form's `submit` event is marked
 * trusted by the browser even when a script started it (`button.click()`, `form.requestSubmit()`),
 * so the gate remembers whether the click on the submit button that led to it was trusted (a real
 * Enter in a field also arrives as a trusted click on the submit button) and asks for a live user
 * activation as well.
 */
export function createTrustedSubmitGate() {
  let trustedClick = false;
  return {
    /** For the form's click listener (capture phase): notes how the submit button was clicked. */
    noteClick(event: Pick<Event, 'isTrusted' | 'target'>): void {
      if (isSubmitButton(event.target)) trustedClick = event.isTrusted;
    },
    /** For the form's submit listener: true once per submission the user made themselves. */
    accept(event: Pick<Event, 'isTrusted'>): boolean {
      const ok = trustedClick && isUserGesture(event);
      trustedClick = false;
      return ok;
    },
  };
}

/** For a button that writes directly: the browser made the event from real input, and recently. */
export function isUserGesture(event: Pick<Event, 'isTrusted'>): boolean {
  return event.isTrusted && hasUserActivation();
}

export type TrustedSubmitGate = ReturnType<typeof createTrustedSubmitGate>;

function isSubmitButton(target: EventTarget | null): boolean {
  if (!target || typeof (target as Partial<Element>).closest !== 'function') return false;
  const button = (target as Element).closest('button, input');
  return button !== null && (button as HTMLButtonElement | HTMLInputElement).type === 'submit';
}

/** A real input event within the last few seconds (Chromium's transient activation); absent outside browsers. */
function hasUserActivation(): boolean {
  const activation: UserActivation | undefined = (globalThis.navigator as Partial<Navigator> | undefined)?.userActivation;
  return activation?.isActive ?? true;
}
