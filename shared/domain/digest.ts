/**
 * FNV-1a (64-bit) over a string's code points: a short, deterministic, non-cryptographic digest.
 * Used where equal content must give equal keys without keeping the content itself (the audit's
 * consent and identity digests) or where a record has no id of its own (a Patient.contact; ./contacts.ts).
 *
 * Computed on four 16-bit limbs rather than BigInt per character: the audit digests every related
 * person's identity keys, and BigInt arithmetic per character was its largest own cost (profiled on
 * a 20,000-patient caseload). The result is the same 64-bit value.
 */
export function fnv1a64(text: string, seed: bigint = 0xcbf29ce484222325n): bigint {
  let h0 = Number(seed & 0xffffn);
  let h1 = Number((seed >> 16n) & 0xffffn);
  let h2 = Number((seed >> 32n) & 0xffffn);
  let h3 = Number((seed >> 48n) & 0xffffn);
  // Code points, as `for (const ch of text)` gives them (a lone surrogate is its own code unit), without an iterator per character.
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i += 1;
      }
    }
    h0 ^= code & 0xffff;
    h1 ^= code >>> 16;
    // h × 0x100000001b3 (mod 2^64): the prime's 16-bit limbs are 0x01b3, 0, 0x0100, 0.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + h1 * 0x100 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return (BigInt(h3) << 48n) | (BigInt(h2) << 32n) | (BigInt(h1) << 16n) | BigInt(h0);
}
