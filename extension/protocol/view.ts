import * as z from 'zod/mini';
import { DEFERRAL_KINDS, DEFERRAL_REASONS, PROMPT_CODES } from '../../shared/domain/types';
import { ADVICE_KINDS, WRITE_KINDS } from '../../shared/actions/index';

/**
 * What the panel renders, built by the background worker from the adapter's CarerContext and the
 * prompts. The panel is a view: it never talks to FHIR and never evaluates rules, so it stays small.
 */

const ref = <P extends string>(prefix: P) => z.templateLiteral([z.literal(prefix), z.string()]);

export const PatientHeaderSchema = z.object({
  reference: ref('Patient/'),
  id: z.string(),
  name: z.optional(z.string()),
  birthDate: z.optional(z.string()),
  nhsNumber: z.optional(z.string()),
  /** The record says the patient has died: nothing is asked of or about them. */
  deceased: z.optional(z.boolean()),
});

export const ConsentViewSchema = z.object({
  decision: z.enum(['permit', 'deny', 'partial', 'withdrawn', 'expired', 'conflict', 'lacks-capacity', 'none', 'unknown']),
  /** The decision in one sentence (shared/consent/decisionText.ts): what, when, and who decided when not the patient. */
  summary: z.string(),
  consent: z.optional(ref('Consent/')),
  versionId: z.optional(z.string()),
  recordedOn: z.optional(z.string()),
  reviewDue: z.optional(z.string()),
  reviewOverdue: z.boolean(),
  mayShare: z.array(z.string()),
  mayNotShare: z.array(z.string()),
  basis: z.optional(z.string()),
  unknownReason: z.optional(z.string()),
});

export const AssessmentViewSchema = z.object({
  status: z.enum(['not-offered', 'offered', 'accepted', 'declined', 'completed']),
  task: z.optional(ref('Task/')),
  versionId: z.optional(z.string()),
  offeredOn: z.optional(z.string()),
  respondedOn: z.optional(z.string()),
  completedOn: z.optional(z.string()),
  declinedReason: z.optional(z.string()),
  /** The referral for the statutory carer's assessment in this round (shared/domain/assessment.ts), when one is recorded. */
  referral: z.optional(ref('Task/')),
  referredOn: z.optional(z.string()),
  referredTo: z.optional(z.string()),
});

export const CarerViewSchema = z.object({
  id: z.string(),
  reference: ref('RelatedPerson/'),
  versionId: z.optional(z.string()),
  name: z.optional(z.string()),
  carerStatus: z.enum(['carer', 'not-carer', 'unconfirmed']),
  relationships: z.array(z.string()),
  contactRoles: z.array(z.string()),
  youngCarer: z.boolean(),
  birthDate: z.optional(z.string()),
  telecom: z.array(z.object({ system: z.optional(z.string()), value: z.string() })),
  active: z.boolean(),
  consent: ConsentViewSchema,
  assessment: AssessmentViewSchema,
  /** The carer's enquiries not yet answered, oldest first, each with the day its answer is due (policy working days). */
  openEnquiries: z.optional(z.array(z.object({ communication: ref('Communication/'), receivedOn: z.string(), due: z.optional(z.string()) }))),
});

export const ActionKindSchema = z.enum([...WRITE_KINDS, ...ADVICE_KINDS]);

export const PromptViewSchema = z.object({
  id: z.string(),
  code: z.enum(PROMPT_CODES),
  severity: z.enum(['info', 'warning', 'critical']),
  summary: z.string(),
  detail: z.string(),
  commitment: z.string(),
  actions: z.array(z.object({ kind: ActionKindSchema, label: z.string() })),
  carer: z.optional(ref('RelatedPerson/')),
  /** The Patient.contact the prompt asks about: its key (shared/domain/contacts.ts) and how it reads. */
  contact: z.optional(z.object({ key: z.string(), label: z.string() })),
  /** The Consent the prompt is about (a decision naming nobody, settled by "which carer is this decision for?"). */
  consent: z.optional(ref('Consent/')),
  /** The current care plans the prompt is about (involve-carer-in-care-plan), as a clinician recognises them. */
  carePlans: z.optional(z.array(z.object({ reference: ref('CarePlan/'), label: z.string() }))),
  /** The episode of care the prompt is about (involve-carer-in-discharge: the inpatient episode). */
  episode: z.optional(ref('EpisodeOfCare/')),
  snoozable: z.boolean(),
});

export const DeferredViewSchema = z.object({
  prompt: PromptViewSchema,
  task: ref('Task/'),
  versionId: z.optional(z.string()),
  kind: z.enum(DEFERRAL_KINDS),
  reason: z.enum(DEFERRAL_REASONS),
  comment: z.optional(z.string()),
  by: z.optional(z.string()),
  on: z.string(),
  until: z.string(),
});

/** Writes the server's CapabilityStatement does not offer are turned off with a reason. */
export const WriteAvailabilitySchema = z.object({ enabled: z.boolean(), reason: z.optional(z.string()) });

export const PanelViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('ambiguous') }),
  z.object({ kind: z.literal('loading') }),
  z.object({
    kind: z.literal('ready'),
    patient: PatientHeaderSchema,
    carers: z.array(CarerViewSchema),
    prompts: z.array(PromptViewSchema),
    /** Prompts a recorded deferral hides, each with who deferred it, until when and why (shown under "Deferred"). */
    deferred: z.array(DeferredViewSchema),
    askedNoCarers: z.optional(z.object({ askedOn: z.optional(z.string()) })),
    /** Dates the forms start from, computed by the background with the policy (the panel does no date arithmetic). */
    formDefaults: z.object({ today: z.string(), consentReviewDue: z.string(), askAgainOn: z.string(), patientUnder16: z.boolean() }),
    /** What a carer can be signposted to (the policy's text and links), for the signposting form. */
    signposts: z.array(z.object({ id: z.string(), label: z.string(), url: z.optional(z.string()) })),
    /** The crisis and out-of-hours numbers a carer can be given (the policy's `crisisNumbers`), for that form. */
    crisisNumbers: z.optional(z.array(z.object({ id: z.string(), label: z.string(), url: z.optional(z.string()) }))),
    /** General (non-personal) information a carer may always be given (the policy's), for the "carer heard" form. */
    generalInformation: z.optional(z.array(z.object({ id: z.string(), label: z.string(), url: z.optional(z.string()) }))),
    /** Where a carer is referred for the statutory assessment (the policy's carerSupportOrganisations), for the referral and carer's-consent forms. */
    supportOrganisations: z.array(z.object({ id: z.string(), name: z.string() })),
    warnings: z.array(z.string()),
    writes: z.record(z.string(), WriteAvailabilitySchema),
  }),
  /** The FHIR record does not match what the page shows: no patient data at all. */
  z.object({ kind: z.literal('mismatch'), reasons: z.array(z.string()) }),
  /** `signIn`: the SMART session ended; the panel offers "Sign in again" ("Sign in" when `firstSignIn`: nobody has signed in yet). */
  z.object({ kind: z.literal('error'), message: z.string(), canRetry: z.boolean(), signIn: z.optional(z.boolean()), firstSignIn: z.optional(z.boolean()) }),
]);


export type PatientHeader = z.infer<typeof PatientHeaderSchema>;
export type CarerView = z.infer<typeof CarerViewSchema>;
export type ConsentView = z.infer<typeof ConsentViewSchema>;
export type AssessmentView = z.infer<typeof AssessmentViewSchema>;
export type PromptView = z.infer<typeof PromptViewSchema>;
export type DeferredView = z.infer<typeof DeferredViewSchema>;
export type PanelView = z.infer<typeof PanelViewSchema>;
export type ReadyView = Extract<PanelView, { kind: 'ready' }>;
