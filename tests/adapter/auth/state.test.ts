import { describe, expect, it } from 'vitest';
import { newState, sameState } from '../../../adapter/auth/state';

describe('the OAuth state', () => {
  it('carries 128 random bits (22 base64url characters, at least the 122 SMART asks for)', () => {
    const states = new Set(Array.from({ length: 200 }, newState));
    expect(states.size).toBe(200);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('matches only the identical string', () => {
    const state = newState();
    expect(sameState(state, state)).toBe(true);
    expect(sameState(state, `${state}x`)).toBe(false);
    expect(sameState(state, state.slice(0, -1))).toBe(false);
    expect(sameState(state, '')).toBe(false);
    expect(sameState(state, `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
  });
});
