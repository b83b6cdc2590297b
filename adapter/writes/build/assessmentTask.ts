/**
 * The carer's needs-assessment offer, as a Task (shared/terminology.md, "Carer's needs-assessment
 * offer"), and its outcome as a change to the raw Task.
 */
import type { Task } from '@medplum/fhirtypes';
import type { CarerReference, PatientReference } from '../../../shared/domain/types';
import { ASSESSMENT_OFFER_TASK_CODE } from '../../../shared/terminology';
import type { RawResource } from '../../fhir/rawStore';
import { copyOf, requireDateTime, requireRaw, requireReference, requireText, WriteInputError } from './inputs';
import { requestIdentifier } from './requestIdentifier';
import { isNotBefore } from './taskInvariants';

export interface BuildAssessmentOfferInput {
  /** The patient whose carer is offered the assessment (checked; R4 Task has no patient element, so it is not written). */
  patient: PatientReference;
  carer: CarerReference;
  offeredOn: string;
  requester?: Task['requester'];
  note?: string;
  /** UUID for conditional create, so a retry never records the offer twice. */
  requestId?: string;
}

export function buildAssessmentOffer(input: BuildAssessmentOfferInput): Task {
  requireReference(input.patient, 'Patient', 'patient');
  const carer = requireReference(input.carer, 'RelatedPerson', 'carer');
  const task: Task = {
    resourceType: 'Task',
    status: 'requested',
    intent: 'proposal',
    code: { coding: [{ ...ASSESSMENT_OFFER_TASK_CODE }] },
    description: "Carer's needs assessment offered",
    for: { reference: carer },
    focus: { reference: carer },
    authoredOn: requireDateTime(input.offeredOn, 'offeredOn'),
  };
  if (input.requestId !== undefined) task.identifier = [requestIdentifier(input.requestId)];
  if (input.requester !== undefined) task.requester = { ...input.requester };
  if (input.note !== undefined) task.note = [{ text: requireText(input.note, 'note') }];
  return task;
}

export interface AssessmentOutcome {
  status: 'accepted' | 'declined' | 'completed';
  /** When the carer answered, or (completed) when the assessment took place. */
  on: string;
  /** Why the carer declined (statusReason.text). */
  reason?: string;
}

const FINAL = new Set(['cancelled', 'entered-in-error', 'completed', 'failed']);

/**
 * The raw Task with the outcome recorded: accepted; declined → rejected with statusReason;
 * completed → executionPeriod.end. lastModified says when the carer answered: `on`, unless `on` is
 * a date on the day of the offer, which R4 Task inv-1 (lastModified >= authoredOn) cannot order
 * against the offer's date-time — then the instant of recording (`recordedAt`) when that is the same
 * day and after the offer, else the offer's own instant. Nothing else changes.
 */
export function withAssessmentOutcome(raw: RawResource, outcome: AssessmentOutcome, recordedAt?: string): RawResource {
  requireRaw(raw, 'Task', 'Recording an assessment outcome');
  const on = requireDateTime(outcome.on, 'on');
  const answeredAt = answeredAtFor(on, raw.authoredOn, recordedAt === undefined ? undefined : requireDateTime(recordedAt, 'recordedAt'));
  if (typeof raw.status === 'string' && FINAL.has(raw.status)) {
    throw new WriteInputError(`the assessment offer is already ${raw.status}; record a new offer instead`);
  }
  if (outcome.reason !== undefined && outcome.status !== 'declined') throw new WriteInputError('a reason is only recorded when the carer declines');
  const copy = copyOf(raw);
  copy.lastModified = answeredAt;
  if (outcome.status === 'accepted') copy.status = 'accepted';
  if (outcome.status === 'declined') {
    copy.status = 'rejected';
    if (outcome.reason !== undefined) copy.statusReason = { text: requireText(outcome.reason, 'reason') };
  }
  if (outcome.status === 'completed') {
    copy.status = 'completed';
    const period = typeof copy.executionPeriod === 'object' && copy.executionPeriod !== null ? (copy.executionPeriod as Record<string, unknown>) : {};
    copy.executionPeriod = { ...period, end: on };
  }
  return copy;
}

/** When the carer answered, as a value inv-1 can order after the offer (see withAssessmentOutcome). */
function answeredAtFor(on: string, authoredOn: unknown, recordedAt: string | undefined): string {
  if (typeof authoredOn !== 'string' || isNotBefore(on, authoredOn)) return on;
  const offerDay = authoredOn.slice(0, 10);
  if (on.length < 10 || on.slice(0, 10) !== offerDay) throw new WriteInputError('the answer cannot be dated before the assessment was offered');
  if (recordedAt !== undefined && recordedAt.slice(0, 10) === offerDay && isNotBefore(recordedAt, authoredOn)) return recordedAt;
  return authoredOn;
}
