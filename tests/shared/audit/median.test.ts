import { describe, expect, it } from 'vitest';
import { median } from '../../../shared/audit/median';

describe('median', () => {
  it('is null for no values, the middle value for an odd count, the mean of the middle two for an even count', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 4])).toBe(4);
    expect(median([10, 1, 4, 3])).toBe(3.5);
  });

  it('sorts numerically and leaves its input as it was', () => {
    const values = [100, 20, 3];
    expect(median(values)).toBe(20);
    expect(values).toEqual([100, 20, 3]);
  });
});
