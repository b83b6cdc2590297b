/**
 * Runs at most `concurrency` async sources at once and yields their items as they arrive, starting
 * the next source when one finishes. Each running source has at most one item in flight, so a slow
 * consumer slows the downloads (back-pressure) instead of filling memory.
 *
 * Errors: a source that throws ends the merge with that error (sources that want to carry on turn
 * their failures into items). Stopping early (`break`, an error) closes every running source.
 */
export async function* mergeBounded<T>(sources: Iterable<() => AsyncIterable<T>>, concurrency: number): AsyncGenerator<T> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  const pending = sources[Symbol.iterator]();
  type Settled = { iterator: AsyncIterator<T>; result?: IteratorResult<T>; error?: unknown; failed: boolean };
  const ready: Settled[] = [];
  const running = new Set<AsyncIterator<T>>();
  let wake: (() => void) | undefined;

  const arm = (iterator: AsyncIterator<T>): void => {
    // One reaction per pull, attached once: racing long-pending promises would pile up reactions.
    iterator.next().then(
      (result) => settle({ iterator, result, failed: false }),
      (error: unknown) => settle({ iterator, error, failed: true }),
    );
  };
  const settle = (settled: Settled): void => {
    ready.push(settled);
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const startNext = (): boolean => {
    const next = pending.next();
    if (next.done) return false;
    const iterator = next.value()[Symbol.asyncIterator]();
    running.add(iterator);
    arm(iterator);
    return true;
  };

  try {
    while (running.size < concurrency && startNext()) {
      // fill the pool
    }
    while (running.size > 0) {
      if (ready.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const settled = ready.shift();
      if (settled === undefined) continue;
      if (settled.failed) {
        running.delete(settled.iterator);
        throw settled.error;
      }
      if (settled.result?.done) {
        running.delete(settled.iterator);
        startNext();
        continue;
      }
      if (settled.result) yield settled.result.value;
      arm(settled.iterator);
    }
  } finally {
    // Not awaited: a source blocked on the network only finishes its return() once its pending read
    // settles; callers abort their signal to end that read.
    for (const iterator of running) void iterator.return?.()?.catch(() => undefined);
  }
}
