/** Abort helpers: a per-attempt timeout joined with the caller's signal, and an abortable wait. */

export interface AttemptSignal {
  signal: AbortSignal;
  /** True when the attempt was stopped by its own timeout rather than by the caller. */
  timedOut: () => boolean;
}

/** The caller's signal (if any) joined with a timeout for one attempt. */
export function attemptSignal(timeoutMs: number, caller?: AbortSignal): AttemptSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
  return { signal, timedOut: () => timeout.aborted && !(caller?.aborted ?? false) };
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
