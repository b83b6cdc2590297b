/**
 * FNV-1a (64-bit) over a string's code points: a short, deterministic, non-cryptographic digest.
 * Used where equal content must give equal keys without keeping the content itself (the audit's
 * consent digests) or where a record has no id of its own (a Patient.contact; ./contacts.ts).
 */
export function fnv1a64(text: string, seed: bigint = 0xcbf29ce484222325n): bigint {
  let hash = seed;
  for (const ch of text) {
    hash ^= BigInt(ch.codePointAt(0) as number);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}
