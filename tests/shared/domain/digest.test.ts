import { describe, expect, it } from 'vitest';
import { fnv1a64 } from '../../../shared/domain/digest';

/** The textbook FNV-1a 64 over code points, in BigInt: the reference the limb arithmetic must equal. */
function reference(text: string, seed = 0xcbf29ce484222325n): bigint {
  let hash = seed;
  for (const ch of text) {
    hash ^= BigInt(ch.codePointAt(0) as number);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

describe('fnv1a64', () => {
  it('gives the published FNV-1a 64 values', () => {
    expect(fnv1a64('')).toBe(0xcbf29ce484222325n);
    expect(fnv1a64('a')).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64('foobar')).toBe(0x85944171f73967e8n);
  });

  it('equals the BigInt reference on every kind of text, and with another seed', () => {
    const samples = ['Jane Smith|daughter', 'phone:07700900123', '😀 emoji and ünïcödé', '\u0000\uffff', 'x'.repeat(1000), JSON.stringify({ name: [{ text: 'Mary' }] })];
    let seed = 1;
    for (let i = 0; i < 200; i += 1) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      samples.push(String.fromCodePoint(...Array.from({ length: 1 + (seed % 40) }, (_, k) => ((seed >> k % 16) * 7919 + k) % 0x10ffff % 0xd7ff)));
    }
    // Surrogates: paired (one code point), lone high, lone low, high at the end: each as `for…of` reads it.
    samples.push('\ud83d\ude00', '\ud800', 'a\udc00b', 'x\ud83d', '\udbff\udfff\udbff', '\udc00\ud800');
    for (const text of samples) {
      expect(fnv1a64(text)).toBe(reference(text));
      expect(fnv1a64(text, 0x84222325cbf29ce4n)).toBe(reference(text, 0x84222325cbf29ce4n));
    }
  });
});
