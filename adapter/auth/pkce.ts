/**
 * PKCE for a public client (RFC 7636), S256 only: SMART App Launch 2 forbids `plain`.
 * @see https://hl7.org/fhir/smart-app-launch/app-launch.html#step-1-register
 */
import { base64url, randomBytes } from './base64url';

export interface Pkce {
  /** Kept by the client until the token exchange; never sent to the authorize endpoint. */
  verifier: string;
  /** BASE64URL(SHA-256(verifier)), sent with `code_challenge_method=S256`. */
  challenge: string;
}

/** RFC 7636 §4.1: 43–128 characters from the unreserved set. */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A fresh verifier (64 random bytes → 86 base64url characters) and its S256 challenge. */
export async function createPkce(): Promise<Pkce> {
  const verifier = base64url(randomBytes(64));
  return { verifier, challenge: await s256Challenge(verifier) };
}

export async function s256Challenge(verifier: string): Promise<string> {
  if (!CODE_VERIFIER.test(verifier)) throw new Error('a PKCE code verifier must be 43 to 128 unreserved characters');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
