import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../../shared/domain/boundedMemo';

describe('BoundedMemo', () => {
  it('computes each key once while it is remembered, undefined answers included', () => {
    const memo = new BoundedMemo<string, number | undefined>(10);
    const calls: string[] = [];
    const compute = (key: string) => {
      calls.push(key);
      return key === 'none' ? undefined : key.length;
    };
    expect([memo.get('abc', compute), memo.get('abc', compute), memo.get('none', compute), memo.get('none', compute)]).toEqual([3, 3, undefined, undefined]);
    expect(calls).toEqual(['abc', 'none']);
  });

  it('forgets everything once it holds its limit, so memory stays bounded whatever the input', () => {
    const memo = new BoundedMemo<number, number>(3);
    const calls: number[] = [];
    const square = (n: number) => {
      calls.push(n);
      return n * n;
    };
    for (const n of [1, 2, 3, 4, 1]) memo.get(n, square);
    expect(calls).toEqual([1, 2, 3, 4, 1]);
  });
});
