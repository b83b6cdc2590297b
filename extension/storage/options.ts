import * as z from 'zod/mini';
import { HTTPS_REQUIRED_MESSAGE, isSecureEndpoint } from '../../adapter/http/secureUrl';
import { EhrProfileSchema } from '../profiles/schema';

/** Out of the box the extension points at the sandbox, so `npm start` needs no setup. */
export const DEFAULT_FHIR_BASE_URL = 'http://127.0.0.1:8080/fhir';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

const httpUrl = z.string().check(z.refine(isHttpUrl, 'Enter a full http(s) URL, for example https://fhir.example.nhs.uk/R4.'));

/** The FHIR server carries patient data: https, or http only to this computer (the sandbox). */
const fhirBaseUrl = httpUrl.check(z.refine((value) => !isHttpUrl(value) || isSecureEndpoint(value), `The FHIR server address ${HTTPS_REQUIRED_MESSAGE}.`));

/** Stored options (storage.local): no patient data, only configuration. */
export const ExtensionOptionsSchema = z.object({
  fhirBaseUrl,
  /** `open`: no token (the sandbox, the default). `smart`: SMART App Launch 2 sign-in (docs/auth.md). */
  authMode: z.enum(['open', 'smart']),
  /** The SMART client id the trust registered for the extension (smart mode only). */
  clientId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** Trusts' own EHR profiles, tried before the built-in ones. */
  profiles: z.array(EhrProfileSchema),
  /** Origins (scheme://host[:port]) of the EHR pages the content script runs on (production build). */
  ehrOrigins: z.array(httpUrl),
  /** Policy overrides, checked with shared/policy's parsePolicy before use. */
  policyOverrides: z.record(z.string(), z.unknown()),
});

export type ExtensionOptions = z.infer<typeof ExtensionOptionsSchema>;
export type OptionKey = keyof ExtensionOptions;

/** What each option is called on the options page and in problems. */
export const OPTION_LABELS: Record<OptionKey, string> = {
  fhirBaseUrl: 'FHIR server',
  authMode: 'Sign-in',
  clientId: 'Client id',
  profiles: 'EHR profiles',
  ehrOrigins: 'EHR addresses',
  policyOverrides: 'Policy overrides',
};

/** Smart mode needs a client id: without one the extension cannot sign in. */
export const SMART_NEEDS_CLIENT_ID = 'SMART sign-in needs the client id your trust registered for Carer Prompts.';

export const DEFAULT_OPTIONS: ExtensionOptions = {
  fhirBaseUrl: DEFAULT_FHIR_BASE_URL,
  authMode: 'open',
  profiles: [],
  ehrOrigins: [],
  policyOverrides: {},
};

/** Reads stored options, falling back to the defaults (with the reason) when they do not parse. */
export function parseOptions(stored: unknown): { options: ExtensionOptions; problem?: string } {
  const result = z.safeParse(ExtensionOptionsSchema, stored);
  if (result.success) return { options: result.data };
  return { options: DEFAULT_OPTIONS, problem: `Saved settings could not be read (${result.error.issues[0]?.message ?? 'invalid'}); using the defaults.` };
}
