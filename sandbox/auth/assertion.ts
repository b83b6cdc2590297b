/**
 * Verifies a SMART Backend Services client assertion (RS384 / ES384 JWT) against the public key
 * registered for the client: signature, iss = sub = client_id, aud = the token URL, exp in the
 * future and at most 5 minutes away, jti never seen before.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface AssertionCheck {
  clientId: string;
  publicKey: KeyObject;
  tokenUrl: string;
  /** Epoch seconds. */
  now: number;
  seenJti: Set<string>;
  /**
   * The id of the client's registered key: when set, the header must name it in `kid`, as a
   * server that finds the key in the client's JWKS by `kid` requires (SMART asymmetric client auth).
   */
  kid?: string;
}

export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Undefined when valid, else why not (for the sandbox's log of refusals, never a secret). */
export function checkAssertion(jwt: string, check: AssertionCheck): string | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'not a JWT';
  const [h = '', p = '', s = ''] = parts;
  const header = decodeJson(h) as { alg?: unknown; kid?: unknown } | undefined;
  const payload = decodeJson(p) as { iss?: unknown; sub?: unknown; aud?: unknown; exp?: unknown; jti?: unknown } | undefined;
  if (!header || !payload) return 'unreadable JWT';
  const keyType = check.publicKey.asymmetricKeyType;
  const alg = keyType === 'rsa' ? 'RS384' : keyType === 'ec' ? 'ES384' : undefined;
  if (alg === undefined || header.alg !== alg) return 'wrong algorithm';
  if (check.kid !== undefined) {
    if (typeof header.kid !== 'string' || header.kid === '') return 'the client assertion has no kid header, so no registered key can be chosen to check it';
    if (header.kid !== check.kid) return 'the kid in the client assertion names no key registered for this client';
  }
  const signature = Buffer.from(s, 'base64url');
  const valid = verify('sha384', Buffer.from(`${h}.${p}`), alg === 'ES384' ? { key: check.publicKey, dsaEncoding: 'ieee-p1363' } : check.publicKey, signature);
  if (!valid) return 'bad signature';
  if (payload.iss !== check.clientId || payload.sub !== check.clientId) return 'iss/sub is not the client';
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(check.tokenUrl)) return 'aud is not the token URL';
  if (typeof payload.exp !== 'number' || payload.exp <= check.now || payload.exp > check.now + 300) return 'exp missing, past or more than 5 minutes away';
  if (typeof payload.jti !== 'string' || payload.jti === '') return 'no jti';
  if (check.seenJti.has(payload.jti)) return 'jti replayed';
  check.seenJti.add(payload.jti);
  return undefined;
}
