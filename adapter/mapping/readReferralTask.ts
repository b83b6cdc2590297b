/**
 * Task coded as a referral for a carer's assessment (SNOMED 790101000000103 "Referral for social
 * services carer's assessment" or 790081000000109 "Referral for general practice carer's assessment",
 * ../shared/terminology.md) → a CarerReferral. What a referral means for the assessment is decided in
 * shared/domain/assessment.ts, not here.
 *
 * A referral counts when its status says it was made: requested, received, accepted, ready,
 * in-progress, on-hold or completed. draft (not sent), rejected (the organisation refused it),
 * failed, cancelled and entered-in-error do not. When: authoredOn, else executionPeriod.start, else
 * lastModified. To whom: Task.owner (display, else identifier value). The carer is `for` when it is a
 * RelatedPerson, else `focus`.
 */
import type { CarerReferral } from '../../shared/domain/types';
import { READ_REFERRAL_CODES, codingMatches } from '../../shared/terminology';
import { TaskSchema, type FhirTask } from '../fhir/schemas';
import { ignored, parseResource, type ReadWarning } from './readResult';
import { resolveReference } from './references';

export interface ReferralTaskRead {
  carerRef: string;
  /** "Patient/<id>", only when the Task names the patient (`for` the Patient, focus the carer). */
  patient?: string;
  referral: CarerReferral;
  lastUpdated?: string;
}

const MADE: ReadonlySet<FhirTask['status']> = new Set<FhirTask['status']>(['requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold', 'completed']);

/** True when the raw resource is a Task coded as a carer's-assessment referral (cheap pre-check, never throws). */
export function isReferralTask(raw: unknown): boolean {
  const code = typeof raw === 'object' && raw !== null ? (raw as { code?: unknown }).code : undefined;
  const codings = typeof code === 'object' && code !== null ? (code as { coding?: unknown }).coding : undefined;
  if (!Array.isArray(codings)) return false;
  return codings.some((c: unknown) => typeof c === 'object' && c !== null && codingMatches(c as { system?: string; code?: string }, READ_REFERRAL_CODES));
}

export function readReferralTask(raw: unknown, options: { aliases?: ReadonlyMap<string, string> } = {}): ReferralTaskRead | ReadWarning {
  const parsed = parseResource(TaskSchema, raw, 'Task', ['note', 'requester', 'statusReason', 'owner']);
  if (!parsed.ok) return { warning: parsed.warning };
  const task = parsed.value;
  const ref = `Task/${task.id}` as const;
  if (!isReferralTask(raw)) return ignored(`${ref} is not a referral for a carer's assessment`);
  if (!MADE.has(task.status)) return ignored(`${ref} has status ${task.status} and is ignored`);
  const carerRef = resolveReference(task.for, 'RelatedPerson', options.aliases) ?? resolveReference(task.focus, 'RelatedPerson', options.aliases);
  if (!carerRef) return { warning: `${ref} refers for a carer's assessment but names no RelatedPerson` };
  const referral: CarerReferral = { task: ref };
  const on = task.authoredOn ?? task.executionPeriod?.start ?? task.lastModified;
  if (on !== undefined) referral.on = on;
  const to = ownerText(task.owner);
  if (to !== undefined) referral.to = to;
  const out: ReferralTaskRead = { carerRef, referral };
  const patient = resolveReference(task.for, 'Patient', options.aliases);
  if (patient) out.patient = patient;
  if (task.meta?.lastUpdated) out.lastUpdated = task.meta.lastUpdated;
  return out;
}

function ownerText(owner: FhirTask['owner']): string | undefined {
  const text = owner?.display ?? owner?.identifier?.value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim().slice(0, 200) : undefined;
}
