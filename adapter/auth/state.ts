/**
 * The OAuth `state`: 128 random bits (SMART asks for at least 122), compared in constant time on
 * return so its value cannot be guessed byte by byte from timing.
 */
import { base64url, randomBytes } from './base64url';

export function newState(): string {
  return base64url(randomBytes(16));
}

export function sameState(expected: string, received: string): boolean {
  const a = new TextEncoder().encode(expected);
  const b = new TextEncoder().encode(received);
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] as number) ^ (b[i % Math.max(b.length, 1)] ?? 0);
  return difference === 0;
}
