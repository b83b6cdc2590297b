/**
 * The policy: every interval and threshold the prompt rules and the audit use, validated with zod.
 *
 * A trust overrides any subset of fields from a JSON file (or the extension's options); the rest
 * come from {@link DEFAULT_POLICY}, whose values follow the commitments in DESIGN.md. Unknown fields
 * are rejected rather than ignored, so a misspelt override ("consentReviewMonth") never silently
 * leaves the default in force.
 */
import { z } from 'zod';
import { isCalendarDate, isValidTimeZone } from './domain/dates';
import { BANK_HOLIDAY_CALENDARS } from './domain/workingDays';
import { DEFAULT_EXTENSION_BASE } from './terminology';

const months = (max: number) =>
  z
    .number({ error: 'must be a number of months' })
    .int({ error: 'must be a whole number of months' })
    .min(1, { error: 'must be at least 1 month' })
    .max(max, { error: `must be at most ${max} months` });

/** Names unknown keys plainly when the schemas are used directly (parsePolicy words its own). */
const unknownFields = { error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${(issue.keys ?? []).join(', ')}` : undefined) };

const share = z
  .number({ error: 'must be a fraction between 0 and 1 (0.8 = 80 %)' })
  .min(0, { error: 'must be a fraction between 0 and 1 (0.8 = 80 %)' })
  .max(1, { error: 'must be a fraction between 0 and 1 (0.8 = 80 %)' });

export const RagThresholdsSchema = z
  .strictObject({
    /** Green when the measured rate is above this (Triangle of Care self-assessment: above 80 %). */
    green: share,
    /** Amber when the rate is at or above this and not green (Triangle of Care: 50 % or more); red below. */
    amber: share,
  }, unknownFields)
  .refine((rag) => rag.amber < rag.green, { error: 'amber must be lower than green', path: ['amber'] });

export const PolicySchema = z.strictObject({
  /**
   * First needs-assessment offer within this many months of the carer being identified or the
   * service starting, whichever is later (the county standard in DESIGN.md; the assessment itself
   * is the local authority's duty under Care Act 2014 s.10).
   */
  firstOfferWithinMonths: months(24),
  /**
   * A completed (or declined) assessment is reviewed after this many months: "at least annually"
   * (NSF for mental health, standard six: carers on CPA have their own needs assessed annually).
   * Also how old an "asked: no carers" answer may get before the question is asked again.
   */
  assessmentReviewMonths: months(60),
  /**
   * Review date given to a new consent decision, and the oldest a decision without a review date
   * may be (Triangle of Care standard 3: confidentiality and information sharing are revisited).
   */
  consentReviewMonths: months(60),
  /**
   * An offer with no answer after this many days is followed up (DESIGN.md: "offered but no outcome
   * after policy period → follow up"; 28 days is a local default, not a statutory period; the offer
   * serves Care Act 2014 s.10).
   */
  offerFollowUpDays: z
    .number({ error: 'must be a number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(1, { error: 'must be at least 1 day' })
    .max(365, { error: 'must be at most 365 days' }),
  /**
   * When the patient is unable to decide about sharing at present, the form proposes asking again
   * after this many days (a local default; capacity is decision- and time-specific, Mental Capacity
   * Act 2005 s.2, so the question is asked again soon rather than at the yearly review).
   */
  askAgainDays: z
    .number({ error: 'must be a number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(1, { error: 'must be at least 1 day' })
    .max(365, { error: 'must be at most 365 days' }),
  /** A carer younger than this is a young carer (Children Act 1989 s.17ZA: under 18). */
  youngCarerUnderAge: z
    .number({ error: 'must be an age in years' })
    .int({ error: 'must be a whole number of years' })
    .min(1, { error: 'must be at least 1' })
    .max(25, { error: 'must be at most 25' }),
  /** The IANA zone whose calendar days the rules count in (the trust's, not the browser's or server's). */
  timeZone: z
    .string({ error: 'must be an IANA time zone such as "Europe/London"' })
    .refine(isValidTimeZone, { error: 'must be an IANA time zone such as "Europe/London"' }),
  /** Base of the project's FHIR extension URLs (terminology.ts); a canonical URL, so https and no trailing slash. */
  extensionBase: z
    .url({ protocol: /^https$/, error: 'must be an https URL such as "https://fhir.example.nhs.uk/StructureDefinition"' })
    .refine((url) => !url.endsWith('/'), { error: 'must not end with "/" (extension names are appended after one)' }),
  /** Red / amber / green thresholds for coverage rates (Triangle of Care self-assessment). */
  rag: RagThresholdsSchema,
  /**
   * What a carer can be signposted to (the record-signposting form lists them; the Task keeps the
   * label as given): the trust's own text and links, e.g. its local carers' centre.
   */
  signposts: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]{1,60}$/, { error: 'must be lower-case letters, digits and hyphens' }),
        label: z.string().min(1).max(200),
        url: z.url({ protocol: /^https$/, error: 'must be an https URL' }).optional(),
      }),
    )
    .min(1, { error: 'must list at least one signpost' })
    .max(20)
    .readonly(),
  /**
   * The crisis and out-of-hours numbers a carer is given (county recommendation 14: carers "better
   * supported, particularly at times of crisis and out of hours"): the trust's own wording, numbers
   * and links, as signposts are; the record-crisis-numbers Task keeps each label as given.
   */
  crisisNumbers: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]{1,60}$/, { error: 'must be lower-case letters, digits and hyphens' }),
        label: z.string().min(1).max(200),
        url: z.url({ protocol: /^https$/, error: 'must be an https URL' }).optional(),
      }),
    )
    .min(1, { error: 'must list at least one number' })
    .max(20)
    .readonly(),
  /**
   * General information a carer may always be given, whatever the patient decided about sharing
   * (DESIGN.md: the condition, medication in general, the Mental Health Act, the care programme
   * approach): none of it is personal to the patient. The record-carer-heard form lists these
   * beside the signposts; the Communication keeps each label as given.
   */
  generalInformation: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]{1,60}$/, { error: 'must be lower-case letters, digits and hyphens' }),
        label: z.string().min(1).max(200),
        url: z.url({ protocol: /^https$/, error: 'must be an https URL' }).optional(),
      }),
    )
    .min(1, { error: 'must list at least one item of general information' })
    .max(20)
    .readonly(),
  /**
   * A carer's enquiry is answered within this many working days (Monday to Friday, less the bank
   * holidays of `bankHolidays` and the `extraNonWorkingDays`): "We will ensure a prompt response is
   * provided to carer enquiries". Five working days is a local default, not a statutory period.
   */
  enquiryResponseWorkingDays: z
    .number({ error: 'must be a number of working days' })
    .int({ error: 'must be a whole number of working days' })
    .min(1, { error: 'must be at least 1 working day' })
    .max(60, { error: 'must be at most 60 working days' }),
  /**
   * The bank holidays that are not working days: those of England and Wales, computed by rule
   * (shared/domain/workingDays.ts), or `none`. Scotland and Northern Ireland have other days: their
   * trusts set `none` and list their own in `extraNonWorkingDays`.
   */
  bankHolidays: z.enum(BANK_HOLIDAY_CALENDARS, { error: 'must be "england-and-wales" or "none" (then list your bank holidays in extraNonWorkingDays)' }),
  /**
   * Further days that are not working days, YYYY-MM-DD: a bank holiday the government adds or moves
   * (a coronation, a jubilee), which no rule computes, or a region's own bank holidays.
   */
  extraNonWorkingDays: z
    .array(z.string({ error: 'must be a date written YYYY-MM-DD, e.g. "2023-05-08"' }).refine(isCalendarDate, { error: 'must be a date written YYYY-MM-DD, e.g. "2023-05-08"' }))
    .max(400, { error: 'must list at most 400 days' })
    .readonly(),
  /**
   * Where a carer is referred for the statutory carer's assessment, and with whom the carer may agree
   * to share it (recommendation 3: "Involvement of the carer support organisations at assessment and
   * subject to carers consent, sharing the statutory assessment"): the trust's own list, never
   * hard-coded. `identifier` (ODS code or the council's own) is written as the Task owner's /
   * Consent recipient's logical identifier when given.
   */
  carerSupportOrganisations: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]{1,60}$/, { error: 'must be lower-case letters, digits and hyphens' }),
        name: z.string().min(1).max(200),
        identifier: z.strictObject({ system: z.url({ error: 'must be a URI' }), value: z.string().min(1).max(100) }).optional(),
      }),
    )
    .min(1, { error: 'must list at least one organisation' })
    .max(20)
    .readonly(),
}, unknownFields);

export type Policy = z.infer<typeof PolicySchema>;
export type RagThresholds = Policy['rag'];

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  firstOfferWithinMonths: 3,
  assessmentReviewMonths: 12,
  consentReviewMonths: 12,
  offerFollowUpDays: 28,
  askAgainDays: 28,
  youngCarerUnderAge: 18,
  timeZone: 'Europe/London',
  extensionBase: DEFAULT_EXTENSION_BASE,
  rag: Object.freeze({ green: 0.8, amber: 0.5 }),
  // Placeholders a trust replaces with its own services (options page / managed policy). Crisis and
  // out-of-hours numbers are not a signpost: give-crisis-numbers asks for them and record-crisis-numbers
  // records which were given; a signpost saying "crisis numbers" would leave that prompt open.
  signposts: Object.freeze([
    Object.freeze({ id: 'carers-centre', label: "The local carers' centre" }),
    Object.freeze({ id: 'trust-carer-information', label: "The trust's carer information pack" }),
  ]),
  // Placeholders: a trust sets its own lines and numbers (never hard-coded here).
  crisisNumbers: Object.freeze([
    Object.freeze({ id: 'crisis-line', label: "The trust's 24-hour mental health crisis line" }),
    Object.freeze({ id: 'out-of-hours', label: 'Out-of-hours contact for the care team (evenings, weekends, bank holidays)' }),
  ]),
  generalInformation: Object.freeze([
    Object.freeze({ id: 'the-condition', label: 'The condition in general (not the patient’s own)' }),
    Object.freeze({ id: 'medication-in-general', label: 'Medication in general' }),
    Object.freeze({ id: 'mental-health-act', label: 'The Mental Health Act and carers’ rights under it' }),
    Object.freeze({ id: 'care-programme-approach', label: 'The care programme approach' }),
  ]),
  enquiryResponseWorkingDays: 5,
  bankHolidays: 'england-and-wales',
  extraNonWorkingDays: Object.freeze([]),
  // Placeholders a trust replaces with its own council and carers' organisation (options page / managed policy).
  carerSupportOrganisations: Object.freeze([
    Object.freeze({ id: 'local-authority', name: "The local authority's adult social care (carers' assessments)" }),
    Object.freeze({ id: 'carers-centre', name: "The local carers' centre" }),
  ]),
});

export interface PolicyIssue {
  /** Dotted path of the field (`rag.green`), or `(policy)` for the whole object. */
  field: string;
  message: string;
}

/** A policy that cannot be used; `message` lists every bad field, one per line. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly issues: readonly PolicyIssue[];

  constructor(issues: readonly PolicyIssue[]) {
    super(`Invalid policy:\n${issues.map((i) => `  - ${i.field}: ${i.message}`).join('\n')}`);
    this.issues = issues;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function issuesOf(error: z.ZodError): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const issue of error.issues) {
    const parent = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys(parent === 'rag' ? DEFAULT_POLICY.rag : DEFAULT_POLICY).join(', ');
      for (const key of issue.keys) {
        issues.push({ field: parent ? `${parent}.${key}` : key, message: `unknown field (known fields: ${known})` });
      }
    } else {
      issues.push({ field: parent || '(policy)', message: issue.message });
    }
  }
  return issues.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

/**
 * A full policy from overrides: any subset of the fields (and of `rag`), merged over
 * {@link DEFAULT_POLICY}. `undefined` or `{}` give the defaults.
 *
 * @param json the parsed JSON value (not the text).
 * @throws PolicyError listing each bad or unknown field.
 * @example parsePolicy({ consentReviewMonths: 6, rag: { green: 0.9 } })
 */
export function parsePolicy(json: unknown): Policy {
  if (json === undefined) return { ...DEFAULT_POLICY, rag: { ...DEFAULT_POLICY.rag } };
  if (!isPlainObject(json)) {
    throw new PolicyError([{ field: '(policy)', message: 'must be a JSON object of policy fields, e.g. { "consentReviewMonths": 6 }' }]);
  }
  const rag = json.rag === undefined ? DEFAULT_POLICY.rag : isPlainObject(json.rag) ? { ...DEFAULT_POLICY.rag, ...json.rag } : json.rag;
  const merged = { ...DEFAULT_POLICY, ...json, rag };
  const result = PolicySchema.safeParse(merged);
  if (!result.success) throw new PolicyError(issuesOf(result.error));
  return result.data;
}
