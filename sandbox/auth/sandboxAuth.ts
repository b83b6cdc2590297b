/**
 * The configuration `--auth smart` runs with: the extension as a public client (any Chromium
 * extension's identity redirect, since the sandbox cannot know the extension id), and optionally
 * the audit as a Backend Services client whose public key is given on the command line. The
 * sandbox's EHR page keeps reading the record (it stands for the EHR, which has its own session).
 * A key that cannot be read or is not a PEM public key is one clear Error.
 */
import type { KeyObject } from 'node:crypto';
import { AUDIT_SYSTEM_SCOPE, CLINICIAN_SCOPES } from '../../adapter/auth/scopes';
import { publicKeyFromPem } from './assertion';
import { AUDIT_CLIENT_ID, CHROMIUM_EXTENSION_REDIRECT, SANDBOX_CLIENT_ID, type AuthServerOptions } from './authServer';
import { smartAuth, type SmartAuth } from './handler';

/**
 * What the extension is registered for: what it reads and writes, with `online_access` (refresh
 * while the browser runs) and never `offline_access`. A real trust's registration is its own
 * configuration, as this is the sandbox's.
 */
export const EXTENSION_CLIENT_SCOPES: readonly string[] = CLINICIAN_SCOPES;

/** The audit's Backend Services registration: every type it can read, and Group. */
export const AUDIT_CLIENT_SCOPES: readonly string[] = AUDIT_SYSTEM_SCOPE.split(' ');

/**
 * `auditKeyId`: the audit's key is registered under this `kid`, and a client assertion without it
 * (or naming another key) is refused, as a conformant server that looks keys up in a JWKS does.
 */
export function sandboxSmartAuth(options: { auditPublicKeyPem?: string; auditKeyId?: string } & Pick<AuthServerOptions, 'accessTokenSeconds' | 'grant' | 'now'> = {}): SmartAuth {
  const { auditPublicKeyPem, auditKeyId, ...rest } = options;
  return smartAuth({
    ...rest,
    ehrPageReads: true,
    publicClients: [{ clientId: SANDBOX_CLIENT_ID, redirectUris: (uri) => CHROMIUM_EXTENSION_REDIRECT.test(uri), scopes: EXTENSION_CLIENT_SCOPES }],
    backendClients:
      auditPublicKeyPem === undefined
        ? []
        : [{ clientId: AUDIT_CLIENT_ID, publicKey: auditKey(auditPublicKeyPem), allowedScopes: AUDIT_CLIENT_SCOPES, ...(auditKeyId !== undefined ? { kid: auditKeyId } : {}) }],
  });
}

function auditKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = publicKeyFromPem(pem);
  } catch {
    throw new Error('--auth-public-key is not a PEM public key');
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === 'rsa' || (key.asymmetricKeyType === 'ec' && curve === 'secp384r1')) return key;
  throw new Error('--auth-public-key must be an RSA or EC P-384 public key (RS384 / ES384)');
}
