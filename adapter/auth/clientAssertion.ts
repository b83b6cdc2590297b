/**
 * The signed JWT a SMART Backend Services client authenticates with (RS384 or ES384), for the
 * unattended audit. Node only (node:crypto): the extension never holds a private key.
 * @see https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html
 */
import { createPrivateKey, createPublicKey, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { base64url } from './base64url';

export type AssertionAlgorithm = 'RS384' | 'ES384';

export interface SigningKey {
  key: KeyObject;
  alg: AssertionAlgorithm;
  /** The key's id in the client's registered key set: SMART requires it in the JWT header. */
  kid?: string;
  /** Where the client's key set is published (optional `jku` header; the server must have it registered). */
  jku?: string;
}

/** Reads a PEM private key: RSA (≥ 2048 bits) signs RS384, EC P-384 signs ES384; anything else is refused. */
export function signingKeyFromPem(pem: string, kid?: string): SigningKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error('the private key is not a PEM private key');
  }
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048) return { key, alg: 'RS384', ...(kid ? { kid } : {}) };
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'secp384r1') return { key, alg: 'ES384', ...(kid ? { kid } : {}) };
  throw new Error('the private key must be RSA (2048 bits or more, for RS384) or EC P-384 (for ES384)');
}

export interface AssertionClaims {
  clientId: string;
  tokenUrl: string;
  /** Epoch seconds. */
  now: number;
  /** Unique per assertion (the server rejects a replayed jti). */
  jti: string;
  /** Seconds the assertion lives; SMART allows at most 300 (default 240). */
  lifetimeSeconds?: number;
}

export function clientAssertion(signingKey: SigningKey, claims: AssertionClaims): string {
  const lifetime = Math.min(claims.lifetimeSeconds ?? 240, 300);
  const header = { alg: signingKey.alg, typ: 'JWT', ...(signingKey.kid ? { kid: signingKey.kid } : {}), ...(signingKey.jku ? { jku: signingKey.jku } : {}) };
  const payload = { iss: claims.clientId, sub: claims.clientId, aud: claims.tokenUrl, exp: claims.now + lifetime, jti: claims.jti };
  const encode = (value: object) => base64url(new TextEncoder().encode(JSON.stringify(value)));
  const signingInput = `${encode(header)}.${encode(payload)}`;
  // JWS wants ECDSA signatures as r‖s (IEEE P1363), not DER.
  const signature = sign('sha384', Buffer.from(signingInput), signingKey.alg === 'ES384' ? { key: signingKey.key, dsaEncoding: 'ieee-p1363' } : signingKey.key);
  return `${signingInput}.${base64url(signature)}`;
}

/**
 * The `kid` of the private key's public half in a JWKS (the key set registered for the client):
 * the entry whose public key is the same key. Throws a sentence when the file is not a key set,
 * holds no matching key, or the matching key has no `kid`.
 * @see https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html#registering-a-client-communicating-public-keys
 */
export function kidFromJwks(jwksText: string, signingKey: SigningKey): string {
  let keys: unknown;
  try {
    keys = (JSON.parse(jwksText) as { keys?: unknown }).keys;
  } catch {
    throw new Error('the key set is not JSON');
  }
  if (!Array.isArray(keys)) throw new Error('the key set has no "keys" list (a JWKS)');
  const mine = createPublicKey(signingKey.key).export({ type: 'spki', format: 'der' });
  for (const jwk of keys as unknown[]) {
    if (typeof jwk !== 'object' || jwk === null) continue;
    let candidate: Buffer;
    try {
      candidate = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'der' });
    } catch {
      continue;
    }
    if (!candidate.equals(mine)) continue;
    const kid = (jwk as { kid?: unknown }).kid;
    if (typeof kid !== 'string' || kid === '') throw new Error('the key set\'s entry for this private key has no "kid"');
    return kid;
  }
  throw new Error('the key set holds no public key for this private key');
}
