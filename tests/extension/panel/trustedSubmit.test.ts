import { describe, expect, it } from 'vitest';
import { createTrustedSubmitGate, isUserGesture } from '../../../extension/panel/forms/trustedSubmit';

/** A form's submit button, as the gate sees events on it. */
function submitButton(): HTMLButtonElement {
  const form = document.createElement('form');
  const button = document.createElement('button');
  button.type = 'submit';
  form.append(button);
  return button;
}

describe('writes only on the clinician’s own click', () => {
  it('accepts a submit that follows a trusted click on the submit button, once', () => {
    const gate = createTrustedSubmitGate();
    gate.noteClick({ isTrusted: true, target: submitButton() });
    expect(gate.accept({ isTrusted: true })).toBe(true);
    // The same click does not let a second, scripted submission through.
    expect(gate.accept({ isTrusted: true })).toBe(false);
  });

  it('refuses a submit started by a script’s click() (the browser marks that submit trusted)', () => {
    const gate = createTrustedSubmitGate();
    gate.noteClick({ isTrusted: false, target: submitButton() });
    expect(gate.accept({ isTrusted: true })).toBe(false);
  });

  it('refuses requestSubmit(), which clicks nothing', () => {
    expect(createTrustedSubmitGate().accept({ isTrusted: true })).toBe(false);
  });

  it('refuses when the trusted click was on another button of the form', () => {
    const gate = createTrustedSubmitGate();
    const cancel = document.createElement('button');
    cancel.type = 'button';
    gate.noteClick({ isTrusted: true, target: cancel });
    expect(gate.accept({ isTrusted: true })).toBe(false);
  });

  it('refuses a forged submit event even after a real click', () => {
    const gate = createTrustedSubmitGate();
    gate.noteClick({ isTrusted: true, target: submitButton() });
    expect(gate.accept({ isTrusted: false })).toBe(false);
  });

  it('refuses an untrusted event on a button that writes directly', () => {
    expect(isUserGesture({ isTrusted: false })).toBe(false);
  });
});
