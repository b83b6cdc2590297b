import { describe, expect, it } from 'vitest';
import { createReadLimiter } from '../../../extension/background/readLimit';

describe('the per-tab read allowance', () => {
  it.each([
    ['the first reads of a burst start at once', [0, 10, 20], [0, 0, 0]],
    ['a read beyond the burst waits for the allowance to come back', [0, 10, 20, 30], [0, 0, 0, 970]],
    ['the allowance comes back with time', [0, 10, 20, 3000], [0, 0, 0, 0]],
  ])('%s', (_case, times, waits) => {
    const limiter = createReadLimiter({ burst: 3, refillMs: 1000 });
    expect(times.map((t) => limiter.take(t))).toEqual(waits);
  });
});
