/**
 * Task (carer's needs-assessment offer, SNOMED 512321000000109) → AssessmentStatus.
 *
 * Status mapping (shared/terminology.md):
 * requested / received → offered; accepted / ready / in-progress / on-hold → accepted;
 * rejected → declined (statusReason); completed → completed (executionPeriod.end).
 * cancelled and entered-in-error are ignored (errors); draft (not yet offered) and failed (the
 * assessment did not happen) are ignored too, so the offer prompt shows again.
 * respondedOn = lastModified, else executionPeriod.start (R4 has no "answered on" element).
 * The carer is `for` when it is a RelatedPerson, else `focus`.
 */
import type { AssessmentStatus, AssessmentStatusKind } from '../../shared/domain/types';
import { ASSESSMENT_OFFER_TASK_CODE, codingMatches } from '../../shared/terminology';
import { TaskSchema, type FhirTask } from '../fhir/schemas';
import { ignored, parseResource, type ReadWarning } from './readResult';
import { resolveReference } from './references';
import { conceptText } from './text';

export interface AssessmentTaskRead {
  /** "RelatedPerson/<id>" the offer was made to. */
  carerRef: string;
  /** "Patient/<id>", only when the Task names the patient (`for` the Patient, focus the carer). */
  patient?: string;
  assessment: AssessmentStatus & { task: `Task/${string}` };
  /** meta.lastUpdated, to order Tasks authored at the same time. */
  lastUpdated?: string;
  /** Malformed elements that were left out (note, requester, statusReason). */
  warnings: string[];
}

const DROPPABLE = ['note', 'requester', 'statusReason'] as const;

export interface ReadAssessmentTaskOptions {
  aliases?: ReadonlyMap<string, string>;
}

const STATUS: Partial<Record<FhirTask['status'], AssessmentStatusKind>> = {
  requested: 'offered',
  received: 'offered',
  accepted: 'accepted',
  ready: 'accepted',
  'in-progress': 'accepted',
  'on-hold': 'accepted',
  rejected: 'declined',
  completed: 'completed',
};

/** True when the raw resource is a Task coded as a carer's needs-assessment offer (cheap pre-check, never throws). */
export function isAssessmentOfferTask(task: Pick<FhirTask, 'code'>): boolean {
  return (task.code?.coding ?? []).some((c) => codingMatches(c, [ASSESSMENT_OFFER_TASK_CODE]));
}

export function readAssessmentTask(raw: unknown, options: ReadAssessmentTaskOptions = {}): AssessmentTaskRead | ReadWarning {
  const parsed = parseResource(TaskSchema, raw, 'Task', DROPPABLE);
  if (!parsed.ok) return { warning: parsed.warning };
  const task = parsed.value;
  const ref = `Task/${task.id}` as const;
  if (!isAssessmentOfferTask(task)) return ignored(`${ref} is not a carer's needs-assessment offer`);
  const status = STATUS[task.status];
  if (!status) return ignored(`${ref} has status ${task.status} and is ignored`);
  const carerRef = resolveReference(task.for, 'RelatedPerson', options.aliases) ?? resolveReference(task.focus, 'RelatedPerson', options.aliases);
  if (!carerRef) return { warning: `${ref} offers an assessment but names no RelatedPerson` };

  const assessment: AssessmentTaskRead['assessment'] = { status, task: ref };
  if (task.meta?.versionId) assessment.versionId = task.meta.versionId;
  if (task.authoredOn) assessment.offeredOn = task.authoredOn;
  const respondedOn = task.lastModified ?? task.executionPeriod?.start;
  if ((status === 'accepted' || status === 'declined') && respondedOn) assessment.respondedOn = respondedOn;
  if (status === 'completed' && task.executionPeriod?.end) assessment.completedOn = task.executionPeriod.end;
  if (status === 'declined') {
    const reason = conceptText(task.statusReason);
    if (reason) assessment.declinedReason = reason;
  }
  const result: AssessmentTaskRead = { carerRef, assessment, warnings: parsed.warnings };
  const patient = resolveReference(task.for, 'Patient', options.aliases);
  if (patient) result.patient = patient;
  if (task.meta?.lastUpdated) result.lastUpdated = task.meta.lastUpdated;
  return result;
}
