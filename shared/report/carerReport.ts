/**
 * The stable `--json` contract of `carers prompts` / `carers explain`: what other tools and the audit
 * read. Additive changes only; a breaking change needs a new field name, never a new meaning.
 *
 * Order is part of the contract, whatever order the server returned the record in: `carers` by name
 * (case- and accent-insensitive, en-GB collation), then by reference; `prompts` most severe first
 * (critical, warning, info), then by rule in PROMPT_CODES order, then the patient's own prompt
 * before the carers', carers in the order of `carers`, then by prompt id.
 *
 * `consent.decision` may also be `unknown` (a Consent exists but cannot be interpreted safely — see
 * the `consent-cannot-interpret` prompt), `expired` (the decision's validity ended), `conflict`
 * (equally new decisions disagree) or `lacks-capacity` (unable to decide at present); consumers that
 * only know the first five decisions must treat any other as "not a decision", never as permit.
 * The decision is shared/consent/decisionInForce.ts's, the one the panel and the audit use.
 */
import { z } from 'zod';
import type { CarerContext, PatientContact, Prompt } from '../domain/types';

export const CarerReportSchema = z.object({
  patient: z.object({
    reference: z.string(),
    nhsNumber: z.string().optional(),
    name: z.string().optional(),
  }),
  carers: z.array(
    z.object({
      reference: z.string(),
      name: z.string(),
      isCarer: z.boolean(),
      relationship: z.array(z.string()),
      young: z.boolean(),
      consent: z.object({
        decision: z.enum(['permit', 'deny', 'partial', 'withdrawn', 'none', 'unknown', 'expired', 'conflict', 'lacks-capacity']),
        recordedOn: z.string().optional(),
        reviewDue: z.string().optional(),
        /** When a withdrawn decision was withdrawn. */
        withdrawnOn: z.string().optional(),
        /** Who decided, as a reference ("Patient/1", "RelatedPerson/2") or as recorded. */
        decidedBy: z.string().optional(),
        /** Why someone other than the patient decided (shared/domain/types.ts CONSENT_BASES), or the basis as worded. */
        basis: z.string().optional(),
        /** For partial decisions: what may, and may not, be shared (plain text). */
        mayShare: z.array(z.string()).optional(),
        mayNotShare: z.array(z.string()).optional(),
      }),
      assessment: z.object({
        status: z.enum(['not-offered', 'offered', 'accepted', 'declined', 'completed']),
        offeredOn: z.string().optional(),
        completedOn: z.string().optional(),
        reviewDue: z.string().optional(),
      }),
    }),
  ),
  prompts: z.array(
    z.object({
      code: z.string(),
      severity: z.enum(['info', 'warning', 'critical']),
      summary: z.string(),
      detail: z.string(),
      commitment: z.string(),
      carer: z.string().optional(),
      /** The Patient.contact the prompt is about (its key: shared/domain/contacts.ts). */
      contact: z.string().optional(),
    }),
  ),
  /**
   * The patient's current Patient.contact people; `recordedAs` is the RelatedPerson who is the same
   * person, when one is recorded (that person is then listed under `carers`, once).
   */
  contacts: z
    .array(
      z.object({
        key: z.string(),
        name: z.string(),
        relationship: z.array(z.string()),
        roles: z.array(z.string()),
        recordedAs: z.string().optional(),
      }),
    )
    .optional(),
  warnings: z.array(z.string()),
});
export type CarerReport = z.infer<typeof CarerReportSchema>;

/** What the report needs to know beyond the record: derived facts computed by the domain with the policy and "now". */
export interface CarerReportDerivations {
  /** Active and the relationship has not ended: others are history, left out like inactive ones. */
  isCurrent(carerReference: string): boolean;
  isYoung(carerReference: string): boolean;
  consentReviewDue(carerReference: string): string | undefined;
  assessmentReviewDue(carerReference: string): string | undefined;
  /** A Patient.contact whose period has not ended; ended ones are history and left out. */
  isCurrentContact?(contact: PatientContact): boolean;
}

const NAMES = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the contract from a carer context and its prompts (as evaluatePrompts orders them: by
 * severity, then rule). Inactive related persons and ended relationships are history and are left out.
 */
export function toCarerReport(ctx: CarerContext, prompts: readonly Prompt[], derived: CarerReportDerivations): CarerReport {
  const carers = [...ctx.carers].sort((a, b) => NAMES.compare(a.name ?? '', b.name ?? '') || byCodeUnits(a.reference, b.reference));
  const rank = new Map<string, number>(carers.map((c, i) => [c.reference as string, i]));
  const contacts = (ctx.contacts ?? [])
    .filter((c) => derived.isCurrentContact?.(c) ?? true)
    .map((c) => withoutUndefined({ key: c.key, name: c.name ?? '', relationship: [...c.relationships], roles: [...c.contactRoles], recordedAs: c.recordedAs }));
  return {
    patient: withoutUndefined({ reference: ctx.patient.reference, nhsNumber: ctx.patient.nhsNumber, name: ctx.patient.name }),
    carers: carers
      .filter((c) => derived.isCurrent(c.reference))
      .map((c) => ({
        reference: c.reference,
        name: c.name ?? '',
        isCarer: c.carerStatus === 'carer',
        relationship: [...c.relationships],
        young: derived.isYoung(c.reference),
        consent: withoutUndefined({
          decision: c.consent.decision,
          recordedOn: c.consent.recordedOn,
          reviewDue: derived.consentReviewDue(c.reference),
          withdrawnOn: c.consent.withdrawnOn,
          decidedBy: c.consent.decidedBy,
          basis: c.consent.basis ?? c.consent.basisText,
          mayShare: c.consent.mayShare,
          mayNotShare: c.consent.mayNotShare,
        }),
        assessment: withoutUndefined({
          status: c.assessment.status,
          offeredOn: c.assessment.offeredOn,
          completedOn: c.assessment.completedOn,
          reviewDue: derived.assessmentReviewDue(c.reference),
        }),
      })),
    prompts: inCarerOrder(prompts, rank).map((p) => withoutUndefined({ code: p.code, severity: p.severity, summary: p.summary, detail: p.detail, commitment: p.commitment, carer: p.carer, contact: p.contact })),
    ...(contacts.length > 0 ? { contacts } : {}),
    warnings: [...ctx.warnings],
  };
}

/** Within each run of one severity and rule, the patient's prompt first, then the carers' in report order, then by id. */
function inCarerOrder(prompts: readonly Prompt[], rank: ReadonlyMap<string, number>): Prompt[] {
  const carerRank = (p: Prompt): number => (p.carer === undefined ? -1 : (rank.get(p.carer) ?? rank.size));
  const out: Prompt[] = [];
  let run: Prompt[] = [];
  const flush = (): void => {
    out.push(...run.sort((a, b) => carerRank(a) - carerRank(b) || byCodeUnits(a.id, b.id)));
    run = [];
  };
  for (const prompt of prompts) {
    const last = run[run.length - 1];
    if (last !== undefined && (last.severity !== prompt.severity || last.code !== prompt.code)) flush();
    run.push(prompt);
  }
  flush();
  return out;
}

/** JSON consumers get absent keys, never `"key": undefined` turned into nothing by accident or `null`. */
function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
