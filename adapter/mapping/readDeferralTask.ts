/**
 * A deferral Task (adapter/writes/build/deferralTask.ts) → Deferral. Only a completed Task counts
 * (cancelled or entered-in-error ones are mistakes). A Task with no readable prompt code, reason or
 * end is a warning, never a deferral: an unreadable deferral must not hide a prompt.
 */
import type { CarerReference, Deferral, DeferralKind, DeferralReason, PromptCode } from '../../shared/domain/types';
import { DEFERRAL_KINDS, DEFERRAL_REASONS, PROMPT_CODES } from '../../shared/domain/types';
import { carerActionCodeSystemUrl, DEFERRAL_INPUT } from '../../shared/terminology';
import { deferralReasonSystem } from '../writes/build/deferralTask';
import { TaskSchema } from '../fhir/schemas';
import { ignored, parseResource, type ReadWarning } from './readResult';
import { resolveReference } from './references';

export interface DeferralRead {
  /** "Patient/<id>" when the deferral is about the patient; absent when it is about a carer. */
  patient?: string;
  deferral: Deferral;
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined => values.find((v) => v === value);

export function readDeferralTask(raw: unknown, options: { extensionBase: string; aliases?: ReadonlyMap<string, string> }): DeferralRead | ReadWarning {
  const parsed = parseResource(TaskSchema, raw, 'Task', ['note', 'requester']);
  if (!parsed.ok) return { warning: parsed.warning };
  const task = parsed.value;
  const ref = `Task/${task.id}` as const;
  if (task.status !== 'completed') return ignored(`${ref} has status ${task.status} and is ignored`);
  const system = carerActionCodeSystemUrl(options.extensionBase);
  const inputs = ((raw as { input?: unknown }).input ?? []) as { type?: { coding?: { system?: string; code?: string }[] }; valueCode?: unknown }[];
  const inputOf = (code: string) => (Array.isArray(inputs) ? inputs.find((i) => i?.type?.coding?.some((c) => c.system === system && c.code === code))?.valueCode : undefined);
  const code = oneOf<PromptCode>(PROMPT_CODES, inputOf(DEFERRAL_INPUT.prompt));
  const kind = oneOf<DeferralKind>(DEFERRAL_KINDS, inputOf(DEFERRAL_INPUT.kind));
  const reason = oneOf<DeferralReason>(DEFERRAL_REASONS, task.statusReason?.coding?.find((c) => c.system === deferralReasonSystem(options.extensionBase))?.code);
  const on = task.authoredOn;
  const until = task.executionPeriod?.end;
  if (!code || !kind || !reason || !on || !until) return { warning: `${ref} defers a prompt but cannot be read (prompt, kind, reason or dates missing), so nothing is deferred` };
  const carer = resolveReference(task.for, 'RelatedPerson', options.aliases);
  const patient = carer === undefined ? resolveReference(task.for, 'Patient', options.aliases) : undefined;
  if (!carer && !patient) return { warning: `${ref} defers a prompt but names neither a carer nor a patient` };
  const deferral: Deferral = { task: ref, code, kind, reason, on, until };
  if (task.meta?.versionId) deferral.versionId = task.meta.versionId;
  if (carer) deferral.carer = carer as CarerReference;
  const by = task.requester?.display ?? task.requester?.reference;
  if (by) deferral.by = by;
  const comment = task.note?.map((n) => n.text).filter(Boolean).join(' ');
  if (comment) deferral.comment = comment;
  return patient ? { patient, deferral } : { deferral };
}
