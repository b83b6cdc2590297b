import * as z from 'zod/mini';

/**
 * How one EHR shows the patient on screen. Trusts add their own from the options page; every
 * profile carries example URLs so the conventions test (and the "test on this tab" check) can
 * prove it recognises what it claims to.
 */
export const EhrProfileSchema = z.object({
  /** Stable id, e.g. `sandbox-ehr`. */
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Use lower-case letters, digits and dashes (up to 63).')),
  label: z.string().check(z.minLength(1), z.maxLength(120)),
  /**
   * URL patterns (regular expressions over the full URL) with a named group `id` capturing the
   * patient's FHIR id. Optional: a banner-only profile has none.
   */
  urlPatterns: z._default(z.array(z.string().check(z.refine(isUsableUrlPattern, 'Each URL pattern must be a valid regular expression with a named group (?<id>…).'))), []),
  /** CSS selector of the patient banner; every match is read, so two banners with two patients is ambiguous. */
  bannerSelector: z.optional(z.string().check(z.refine(isUsableSelector, 'The banner selector is not a valid CSS selector.'))),
  /** CSS selector, inside the banner, of the NHS number; absent → the banner's whole text is searched. */
  nhsNumberSelector: z.optional(z.string().check(z.refine(isUsableSelector, 'The NHS number selector is not a valid CSS selector.'))),
  nameSelector: z.optional(z.string().check(z.refine(isUsableSelector, 'The name selector is not a valid CSS selector.'))),
  birthDateSelector: z.optional(z.string().check(z.refine(isUsableSelector, 'The date of birth selector is not a valid CSS selector.'))),
  /** Example URLs the profile must recognise (documentation, tests and the options page's check). */
  examples: z._default(z.array(z.object({ url: z.string(), id: z.optional(z.string()) })), []),
});

export type EhrProfile = z.infer<typeof EhrProfileSchema>;
export type EhrProfileInput = z.input<typeof EhrProfileSchema>;

function isUsableUrlPattern(source: string): boolean {
  if (source.length > 500) return false;
  try {
    return new RegExp(source).source.includes('(?<id>');
  } catch {
    return false;
  }
}

function isUsableSelector(selector: string): boolean {
  if (selector.length > 300) return false;
  // Only where a DOM exists (options page, content script); elsewhere shape-check only.
  if (typeof document === 'undefined') return selector.trim().length > 0;
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}
