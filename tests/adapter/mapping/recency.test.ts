import { describe, expect, it } from 'vitest';
import { compareRecency, instantOf } from '../../../adapter/mapping/recency';

describe('compareRecency', () => {
  it('orders by the primary date, across precisions and time zones', () => {
    expect(compareRecency({ primary: '2026-08-02' }, { primary: '2026-08-01T23:00:00Z' })).toBeGreaterThan(0);
    expect(compareRecency({ primary: '2026-08-01T10:00:00+01:00' }, { primary: '2026-08-01T09:30:00Z' })).toBeLessThan(0);
    expect(compareRecency({ primary: '2027' }, { primary: '2026-12-31' })).toBeGreaterThan(0);
  });

  it('breaks a tie with the secondary date, and reports a full tie as 0', () => {
    expect(compareRecency({ primary: '2026-08-01', secondary: '2026-08-01T12:00:00Z' }, { primary: '2026-08-01', secondary: '2026-08-01T09:00:00Z' })).toBeGreaterThan(0);
    expect(compareRecency({ primary: '2026-08-01' }, { primary: '2026-08-01' })).toBe(0);
  });

  it('puts a record without a date before any dated one', () => {
    expect(compareRecency({}, { primary: '1900' })).toBeLessThan(0);
    expect(compareRecency({}, {})).toBe(0);
    expect(instantOf(undefined)).toBe(Number.NEGATIVE_INFINITY);
  });
});
