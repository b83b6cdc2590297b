/**
 * Patient data and tokens never cross a network in clear: a FHIR base, a token endpoint or any
 * other endpoint must be https, or http only on this machine (the sandbox, a developer's server).
 */

const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** One line for whoever typed the address (a CLI flag, the options page). */
export const HTTPS_REQUIRED_MESSAGE = 'must start with https:// (http:// only for this computer: localhost or 127.0.0.1)';

/** https anywhere, or http to a loopback name; anything else (another scheme, not a URL) is not. */
export function isSecureEndpoint(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTNAMES.has(url.hostname);
}
