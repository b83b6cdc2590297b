/**
 * The signed JWT a SMART Backend Services client authenticates with (RS384 or ES384), for the
 * unattended audit. Node only (node:crypto): the extension never holds a private key.
 * @see https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { base64url } from './base64url';

export type AssertionAlgorithm = 'RS384' | 'ES384';

export interface SigningKey {
  key: KeyObject;
  alg: AssertionAlgorithm;
  kid?: string;
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
  const header = { alg: signingKey.alg, typ: 'JWT', ...(signingKey.kid ? { kid: signingKey.kid } : {}) };
  const payload = { iss: claims.clientId, sub: claims.clientId, aud: claims.tokenUrl, exp: claims.now + lifetime, jti: claims.jti };
  const encode = (value: object) => base64url(new TextEncoder().encode(JSON.stringify(value)));
  const signingInput = `${encode(header)}.${encode(payload)}`;
  // JWS wants ECDSA signatures as r‖s (IEEE P1363), not DER.
  const signature = sign('sha384', Buffer.from(signingInput), signingKey.alg === 'ES384' ? { key: signingKey.key, dsaEncoding: 'ieee-p1363' } : signingKey.key);
  return `${signingInput}.${base64url(signature)}`;
}
