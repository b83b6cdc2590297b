/**
 * SMART discovery: `<fhirBase>/.well-known/smart-configuration`, parsed once at the boundary.
 * A server that does not offer PKCE with S256 is refused: SMART App Launch 2 requires it for
 * public clients, and without it a stolen authorization code could be redeemed.
 * @see https://hl7.org/fhir/smart-app-launch/conformance.html
 */
import { z } from 'zod';
import { FhirError } from '../errors';
import { fetchWithinOrigin } from '../http/redirects';
import { isSecureEndpoint } from '../http/secureUrl';
import { REQUEST_INIT_DEFAULTS } from '../http/types';

/** Endpoints must be https, or http on this machine (the sandbox): tokens never cross the network in clear. */
export { isSecureEndpoint };

const endpoint = z.string().refine(isSecureEndpoint, { error: 'must be an https URL (or http on localhost)' });

export const SmartConfigurationSchema = z.looseObject({
  issuer: z.string().optional(),
  authorization_endpoint: endpoint,
  token_endpoint: endpoint,
  revocation_endpoint: endpoint.optional(),
  code_challenge_methods_supported: z.array(z.string()).refine((methods) => methods.includes('S256'), {
    error: 'the server does not offer PKCE with S256',
  }),
  grant_types_supported: z.array(z.string()).optional(),
  scopes_supported: z.array(z.string()).optional(),
  capabilities: z.array(z.string()).optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
});

export type SmartConfiguration = z.infer<typeof SmartConfigurationSchema>;

/** Parses a discovery document; a FhirError (`unsupported`) names the first problem. */
export function parseSmartConfiguration(body: unknown): SmartConfiguration {
  const parsed = SmartConfigurationSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') ?? '';
  throw new FhirError({
    kind: 'unsupported',
    message: `smart-configuration is not usable: ${where ? `${where} ` : ''}${issue?.message ?? 'invalid'}`,
    userMessage: 'The FHIR server does not offer a sign-in this app can use safely (SMART App Launch with PKCE S256). Tell your IT service desk.',
  });
}

export interface DiscoverOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export async function discoverSmartConfiguration(fhirBase: string, options: DiscoverOptions = {}): Promise<SmartConfiguration> {
  return parseSmartConfiguration(await fetchDiscoveryDocument(fhirBase, options));
}

/**
 * What SMART Backend Services needs from discovery: the token endpoint, and nothing of App Launch
 * (no authorization endpoint, no PKCE: a client-credentials grant has neither).
 * @see https://hl7.org/fhir/smart-app-launch/backend-services.html#discovery
 */
export const BackendServicesConfigurationSchema = z.looseObject({
  token_endpoint: endpoint,
  grant_types_supported: z.array(z.string()).optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  scopes_supported: z.array(z.string()).optional(),
});

export async function discoverBackendServices(fhirBase: string, options: DiscoverOptions = {}): Promise<{ tokenEndpoint: string; scopesSupported?: string[] }> {
  const parsed = BackendServicesConfigurationSchema.safeParse(await fetchDiscoveryDocument(fhirBase, options));
  if (parsed.success) return { tokenEndpoint: parsed.data.token_endpoint, ...(parsed.data.scopes_supported ? { scopesSupported: parsed.data.scopes_supported } : {}) };
  throw new FhirError({
    kind: 'unsupported',
    message: `smart-configuration has no usable token_endpoint: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    userMessage: 'The FHIR server\'s SMART configuration names no token endpoint this audit can use (https, or http on this computer). Give it with --token-url, or tell your IT service desk.',
  });
}

async function fetchDiscoveryDocument(fhirBase: string, options: DiscoverOptions): Promise<unknown> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const url = `${fhirBase.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  let response: Response;
  try {
    response = await fetchWithinOrigin(fetchImpl, url, { ...REQUEST_INIT_DEFAULTS, headers: { accept: 'application/json' }, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    if (error instanceof FhirError) throw error;
    throw new FhirError({ kind: 'network', cause: error, message: 'smart-configuration could not be fetched' });
  }
  if (!response.ok) {
    throw new FhirError({
      kind: response.status === 404 ? 'unsupported' : 'unavailable',
      status: response.status,
      message: `smart-configuration answered ${response.status}`,
      userMessage: response.status === 404 ? 'The FHIR server does not offer SMART sign-in. Tell your IT service desk.' : 'The FHIR server\'s sign-in is not available just now. Try again later.',
    });
  }
  try {
    return (await response.json()) as unknown;
  } catch (error) {
    throw new FhirError({ kind: 'invalid-response', cause: error, message: 'smart-configuration is not JSON' });
  }
}
