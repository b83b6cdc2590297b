import * as z from 'zod/mini';

/**
 * Options page → background: check a FHIR server before saving it (the background does all
 * network), and sign out of the SMART session (tokens forgotten, the grant revoked when it can be).
 */
export const OptionsToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('options/test-connection'), fhirBaseUrl: z.string().check(z.maxLength(2000)) }),
  z.object({ type: z.literal('options/sign-out') }),
]);

export const SignOutResultSchema = z.object({ signedOut: z.boolean() });

export const TestConnectionResultSchema = z.object({
  ok: z.boolean(),
  /** A sentence for the administrator: what was found, or what to do. */
  message: z.string(),
  /** Actions the server's CapabilityStatement turns off, with reasons. */
  notes: z.array(z.string()),
});

export type OptionsToBackground = z.infer<typeof OptionsToBackgroundSchema>;
export type TestConnectionResult = z.infer<typeof TestConnectionResultSchema>;
