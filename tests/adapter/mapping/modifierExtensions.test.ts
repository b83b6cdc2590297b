import { describe, expect, it } from 'vitest';
import { hasModifierExtension } from '../../../adapter/mapping/modifierExtensions';

describe('hasModifierExtension', () => {
  it('finds a modifier extension at any depth', () => {
    expect(hasModifierExtension({ modifierExtension: [{ url: 'x' }] })).toBe(true);
    expect(hasModifierExtension({ provision: { provision: [{ actor: [{ modifierExtension: [{ url: 'x' }] }] }] } })).toBe(true);
  });

  it('treats a malformed (non-list) modifierExtension as present: it cannot be ruled out', () => {
    expect(hasModifierExtension({ modifierExtension: { url: 'x' } })).toBe(true);
  });

  it('ignores an empty list and resources without one', () => {
    expect(hasModifierExtension({ modifierExtension: [], extension: [{ url: 'x' }] })).toBe(false);
    expect(hasModifierExtension(null)).toBe(false);
  });

  it('handles very wide and very deep input without recursion', () => {
    expect(hasModifierExtension({ list: Array.from({ length: 300_000 }, () => ({ a: 1 })) })).toBe(false);
    let deep: Record<string, unknown> = { modifierExtension: [{ url: 'x' }] };
    for (let i = 0; i < 100_000; i += 1) deep = { child: deep };
    expect(hasModifierExtension(deep)).toBe(true);
  });
});
