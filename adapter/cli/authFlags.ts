/**
 * The `--auth` flags the command-line tools share (`audit`, `carers prompts`): how to sign in to a
 * FHIR server that wants a token — none, a bearer token from CARER_PROMPTS_TOKEN, or SMART Backend
 * Services with a private-key JWT. Tokens are never printed: errors name the variable or the file,
 * never their content.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { backendServicesToken, bearerFromEnv, DEFAULT_TOKEN_ENV, signingKeyFromPem, type TokenSource } from '../auth/backend';
import { discoverSmartConfiguration } from '../auth/smartConfiguration';
import { HTTPS_REQUIRED_MESSAGE, isSecureEndpoint } from '../http/secureUrl';

export const AUTH_USAGE = '[--auth none|bearer-env|backend-services [--client-id <id> --private-key <PEM file> [--token-url <URL>]]]';

/** The flags for node:util parseArgs. */
export const AUTH_PARSE_OPTIONS = {
  auth: { type: 'string' },
  'client-id': { type: 'string' },
  'private-key': { type: 'string' },
  'token-url': { type: 'string' },
} as const;

/** The flags' zod shape, to extend a command's own schema with. */
export const AUTH_FLAGS_SHAPE = {
  auth: z.enum(['none', 'bearer-env', 'backend-services'], { error: '--auth must be none, bearer-env or backend-services' }).default('none'),
  'client-id': z.string().min(1, { error: '--client-id must not be empty' }).optional(),
  'private-key': z.string().min(1, { error: '--private-key needs a PEM file' }).optional(),
  'token-url': z.url({ protocol: /^https?$/, error: '--token-url must be an http(s) URL' }).refine(isSecureEndpoint, { error: `--token-url ${HTTPS_REQUIRED_MESSAGE}` }).optional(),
};

export interface AuthFlags {
  auth: 'none' | 'bearer-env' | 'backend-services';
  'client-id'?: string | undefined;
  'private-key'?: string | undefined;
  'token-url'?: string | undefined;
}

/** A bad combination of auth flags, as a sentence; undefined when they fit together. */
export function authFlagsProblem(flags: AuthFlags): string | undefined {
  if (flags.auth === 'backend-services') {
    if (flags['client-id'] === undefined || flags['private-key'] === undefined) return '--auth backend-services needs --client-id and --private-key';
  } else if (flags['client-id'] !== undefined || flags['private-key'] !== undefined || flags['token-url'] !== undefined) {
    return '--client-id, --private-key and --token-url apply only with --auth backend-services';
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
  /** The scopes Backend Services asks for (default: every type the audit can read). */
  scope?: string,
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
    key = signingKeyFromPem(pem);
  } catch (error) {
    throw new AuthFlagError(`--private-key ${keyFile}: ${error instanceof Error ? error.message : 'unusable key'}`);
  }
  const tokenUrl = flags['token-url'] ?? (await discoverSmartConfiguration(fhirBase, io.fetch ? { fetch: io.fetch } : {})).token_endpoint;
  return backendServicesToken({ clientId: flags['client-id'] as string, tokenUrl, key, ...(scope !== undefined ? { scope } : {}), ...(io.fetch ? { fetch: io.fetch } : {}) });
}
