import { describe, expect, it } from 'vitest';
import { mergeBounded } from '../../../adapter/bulk/mergeBounded';

async function* counted(name: string, items: number, running: { now: number; peak: number }): AsyncGenerator<string> {
  running.now += 1;
  running.peak = Math.max(running.peak, running.now);
  try {
    for (let i = 0; i < items; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield `${name}${i}`;
    }
  } finally {
    running.now -= 1;
  }
}

describe('mergeBounded', () => {
  it('yields every item of every source, never running more than the bound at once', async () => {
    const running = { now: 0, peak: 0 };
    const sources = ['a', 'b', 'c', 'd', 'e'].map((name) => () => counted(name, 3, running));
    const items: string[] = [];
    for await (const item of mergeBounded(sources, 2)) items.push(item);
    expect(items.sort()).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'c0', 'c1', 'c2', 'd0', 'd1', 'd2', 'e0', 'e1', 'e2']);
    expect(running.peak).toBe(2);
  });

  it('passes on the first error from a source', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'x';
      throw new Error('broken source');
    }
    const read = async () => {
      for await (const _ of mergeBounded([failing], 2)) {
        // draining
      }
    };
    await expect(read()).rejects.toThrow('broken source');
  });

  it('refuses a bound that is not a positive integer', async () => {
    await expect(mergeBounded([], 0).next()).rejects.toThrow(RangeError);
  });
});
