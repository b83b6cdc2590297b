/**
 * A Think Family answer (adapter/writes/build/childrenAskedTask.ts) → ChildrenAsked: the patient was
 * asked whether children in the household help to care, when, and the answer. Only a completed
 * Task counts (cancelled or entered-in-error ones are mistakes); one that names no Patient or
 * gives no readable answer is a warning, never an answer, so the prompt stays.
 */
import type { ChildrenAsked } from '../../shared/domain/types';
import { carerActionCodeSystemUrl, CHILDREN_ASKED_INPUT } from '../../shared/terminology';
import { TaskSchema } from '../fhir/schemas';
import { ignored, parseResource, type ReadWarning } from './readResult';
import { resolveReference } from './references';

export interface ChildrenAskedRead {
  /** "Patient/<id>" the answer is about. */
  patient: string;
  asked: ChildrenAsked;
}

export function readChildrenAskedTask(raw: unknown, options: { extensionBase: string; aliases?: ReadonlyMap<string, string> }): ChildrenAskedRead | ReadWarning {
  const parsed = parseResource(TaskSchema, raw, 'Task', ['note', 'requester', 'statusReason']);
  if (!parsed.ok) return { warning: parsed.warning };
  const task = parsed.value;
  const ref = `Task/${task.id}` as const;
  if (task.status !== 'completed') return ignored(`${ref} has status ${task.status} and is ignored`);
  const patient = resolveReference(task.for, 'Patient', options.aliases);
  if (!patient) return { warning: `${ref} records that children were asked about but names no Patient` };
  const system = carerActionCodeSystemUrl(options.extensionBase);
  const inputs = (raw as { input?: unknown }).input;
  const answer = Array.isArray(inputs)
    ? (inputs as { type?: { coding?: { system?: unknown; code?: unknown }[] }; valueBoolean?: unknown }[]).find((i) => i?.type?.coding?.some((c) => c?.system === system && c?.code === CHILDREN_ASKED_INPUT))?.valueBoolean
    : undefined;
  if (typeof answer !== 'boolean') return { warning: `${ref} records that children were asked about but gives no answer, so it is not read as asked` };
  const on = task.executionPeriod?.end ?? task.lastModified ?? task.authoredOn;
  if (!on) return { warning: `${ref} records that children were asked about with no date` };
  return { patient, asked: { task: ref, on, childHelps: answer } };
}
