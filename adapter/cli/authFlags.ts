/**
 * The `--auth` flags the command-line tools share (`audit`, `carers prompts`): how to sign in to a
 * FHIR server that wants a token — none, a bearer token from CARER_PROMPTS_TOKEN, or SMART Backend
 * Services with a private-key JWT. Tokens are never printed: errors name the variable or the file,
 * never their content.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { backendServicesToken, bearerFromEnv, DEFAULT_TOKEN_ENV, kidFromJwks, signingKeyFromPem, type TokenSource } from '../auth/backend';
import { discoverBackendServices } from '../auth/smartConfiguration';
import { HTTPS_REQUIRED_MESSAGE, isSecureEndpoint } from '../http/secureUrl';

export const AUTH_USAGE = '[--auth none|bearer-env|backend-services [--client-id <id> --private-key <PEM file> [--jwks <JWKS file> | --kid <key id>] [--jku <URL>] [--token-url <URL>]]]';

/** The flags for node:util parseArgs. */
export const AUTH_PARSE_OPTIONS = {
  auth: { type: 'string' },
  'client-id': { type: 'string' },
  'private-key': { type: 'string' },
  'token-url': { type: 'string' },
  kid: { type: 'string' },
  jwks: { type: 'string' },
  jku: { type: 'string' },
} as const;

/** The flags' zod shape, to extend a command's own schema with. */
export const AUTH_FLAGS_SHAPE = {
  auth: z.enum(['none', 'bearer-env', 'backend-services'], { error: '--auth must be none, bearer-env or backend-services' }).default('none'),
  'client-id': z.string().min(1, { error: '--client-id must not be empty' }).optional(),
  'private-key': z.string().min(1, { error: '--private-key needs a PEM file' }).optional(),
  'token-url': z.url({ protocol: /^https?$/, error: '--token-url must be an http(s) URL' }).refine(isSecureEndpoint, { error: `--token-url ${HTTPS_REQUIRED_MESSAGE}` }).optional(),
  kid: z.string().regex(/^[\x21-\x7e]{1,256}$/, { error: '--kid must be the key id registered for the client (printable, no spaces)' }).optional(),
  jwks: z.string().min(1, { error: '--jwks needs a JWKS file' }).optional(),
  jku: z.url({ protocol: /^https?$/, error: '--jku must be an http(s) URL' }).refine(isSecureEndpoint, { error: `--jku ${HTTPS_REQUIRED_MESSAGE}` }).optional(),
};

export interface AuthFlags {
  auth: 'none' | 'bearer-env' | 'backend-services';
  'client-id'?: string | undefined;
  'private-key'?: string | undefined;
  'token-url'?: string | undefined;
  kid?: string | undefined;
  jwks?: string | undefined;
  jku?: string | undefined;
}

/** A bad combination of auth flags, as a sentence; undefined when they fit together. */
export function authFlagsProblem(flags: AuthFlags): string | undefined {
  if (flags.auth === 'backend-services') {
    if (flags['client-id'] === undefined || flags['private-key'] === undefined) return '--auth backend-services needs --client-id and --private-key';
    if (flags.kid !== undefined && flags.jwks !== undefined) return 'choose --jwks (the key id is read from it) or --kid, not both';
  } else if ([flags['client-id'], flags['private-key'], flags['token-url'], flags.kid, flags.jwks, flags.jku].some((flag) => flag !== undefined)) {
    return '--client-id, --private-key, --jwks, --kid, --jku and --token-url apply only with --auth backend-services';
  }
  return undefined;
}

/** Flags that cannot be used as given (a missing token, an unreadable key): the command's usage error. */
export class AuthFlagError extends Error {}

/**
 * The token source the flags ask for, or undefined for `--auth none`. Backend Services finds the
 * token endpoint in --token-url or the server's smart-configuration (that discovery's failure is a
 * FhirError, a sentence to show).
 */
export async function tokenSourceFor(
  flags: AuthFlags,
  fhirBase: string,
  io: { env?: Readonly<Record<string, string | undefined>>; fetch?: typeof fetch },
  /**
   * The scopes Backend Services asks for (default: every type the audit can read); or a choice made
   * from the server's `scopes_supported` (undefined when it lists none, or --token-url skipped discovery).
   */
  scope?: string | ((scopesSupported: readonly string[] | undefined) => string),
): Promise<TokenSource | undefined> {
  if (flags.auth === 'none') return undefined;
  if (flags.auth === 'bearer-env') {
    try {
      return bearerFromEnv(io.env ?? process.env, DEFAULT_TOKEN_ENV);
    } catch (error) {
      throw new AuthFlagError(`--auth bearer-env: ${error instanceof Error ? error.message : 'no token'}`);
    }
  }
  const keyFile = flags['private-key'] as string;
  let pem: string;
  try {
    pem = await readFile(keyFile, 'utf8');
  } catch {
    throw new AuthFlagError(`cannot read private key file ${keyFile}`);
  }
  let key: ReturnType<typeof signingKeyFromPem>;
  try {
    key = signingKeyFromPem(pem, flags.kid);
  } catch (error) {
    throw new AuthFlagError(`--private-key ${keyFile}: ${error instanceof Error ? error.message : 'unusable key'}`);
  }
  if (flags.jwks !== undefined) key = { ...key, kid: await kidFromKeySet(flags.jwks, key) };
  if (flags.jku !== undefined) key = { ...key, jku: flags.jku };
  // Backend Services needs only the token endpoint from discovery (no App Launch metadata, no PKCE).
  const discovered = flags['token-url'] === undefined ? await discoverBackendServices(fhirBase, io.fetch ? { fetch: io.fetch } : {}) : undefined;
  const tokenUrl = flags['token-url'] ?? (discovered?.tokenEndpoint as string);
  const scopes = typeof scope === 'function' ? scope(discovered?.scopesSupported) : scope;
  return backendServicesToken({ clientId: flags['client-id'] as string, tokenUrl, key, ...(scopes !== undefined ? { scope: scopes } : {}), ...(io.fetch ? { fetch: io.fetch } : {}) });
}

async function kidFromKeySet(file: string, key: ReturnType<typeof signingKeyFromPem>): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new AuthFlagError(`cannot read key set file ${file}`);
  }
  try {
    return kidFromJwks(text, key);
  } catch (error) {
    throw new AuthFlagError(`--jwks ${file}: ${error instanceof Error ? error.message : 'unusable key set'}`);
  }
}
