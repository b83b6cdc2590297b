import type { ComponentChildren } from 'preact';
import type { WriteState } from '../forms/useWrite';

/**
 * Progress, then the outcome of a write. Saves are announced by the panel's one live region
 * (App.tsx); only a failure is an alert here, as it needs the clinician's attention at once.
 */
export function WriteStatus({ write }: { write: WriteState }) {
  const { pending, result } = write;
  if (pending) {
    return (
      <p class="status status--progress">
        {pending.step === 'writing' ? 'Saving to the record…' : 'Saved. Re-reading the record…'}
      </p>
    );
  }
  if (!result) return null;
  if (result.outcome === 'saved') {
    return (
      <p class="status status--ok">
        Saved. The panel shows the record as re-read from the server.
      </p>
    );
  }
  if (result.outcome === 'conflict') return null;
  return (
    <div class="status status--error" role="alert">
      <p>{result.message ?? 'The change was not saved. Check the details and try again.'}</p>
      {result.signIn ? (
        <button type="button" class="button button--secondary" onClick={() => write.signIn()}>
          {result.firstSignIn === true ? 'Sign in' : 'Sign in again'}
        </button>
      ) : null}
    </div>
  );
}

/** A notice under its own heading; an error is an alert, the rest are read in their place. */
export function Notice({ tone, title, children }: { tone: 'info' | 'warning' | 'error'; title: string; children?: ComponentChildren }) {
  return (
    <section class={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : undefined} aria-label={title}>
      <h2 class="notice__title">{title}</h2>
      {children}
    </section>
  );
}
