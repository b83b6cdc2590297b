import { describe, expect, it } from 'vitest';
import { CODE_VERIFIER, createPkce, s256Challenge } from '../../../adapter/auth/pkce';

describe('PKCE (S256 only)', () => {
  it('derives the challenge of RFC 7636 appendix B from its verifier', async () => {
    expect(await s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a fresh 43–128 character verifier each time, with its own challenge', async () => {
    const a = await createPkce();
    const b = await createPkce();
    expect(a.verifier).toMatch(CODE_VERIFIER);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(await s256Challenge(a.verifier));
    expect(a.challenge).not.toBe(a.verifier);
  });

  it('refuses a verifier outside RFC 7636 (too short, bad characters)', async () => {
    await expect(s256Challenge('short')).rejects.toThrow(/43 to 128/);
    await expect(s256Challenge('a'.repeat(42) + '!')).rejects.toThrow(/43 to 128/);
  });
});
