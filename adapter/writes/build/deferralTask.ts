/**
 * A deferral (docs/actions.md): a completed Task in the project's carer-action CodeSystem, `for` the
 * carer (or the patient, for a prompt about the patient), naming the deferred prompt code and
 * not-now / not-applicable in Task.input, the reason in statusReason (the project's code and its
 * CDS Hooks non-adherence reason), who in requester, when in authoredOn, and until when in
 * executionPeriod.end. Ending it early moves executionPeriod.end to the moment it was ended.
 */
import type { Task } from '@medplum/fhirtypes';
import type { CarerReference, DeferralKind, DeferralReason, PatientReference, PromptCode } from '../../../shared/domain/types';
import { CARER_ACTION_CODES, carerActionCodeSystemUrl, DEFERRAL_INPUT, DEFERRAL_REASON_CODINGS } from '../../../shared/terminology';
import type { RawResource } from '../../fhir/rawStore';
import { copyOf, requireDateTime, requireRaw, requireReference, requireText, WriteInputError } from './inputs';
import { requestIdentifier } from './requestIdentifier';
import { isNotBefore } from './taskInvariants';

export interface BuildDeferralInput {
  patient: PatientReference;
  carer?: CarerReference;
  code: PromptCode;
  kind: DeferralKind;
  reason: DeferralReason;
  comment?: string;
  /** When it was deferred (an instant). */
  on: string;
  /** When the prompt returns (a date or instant after `on`). */
  until: string;
  extensionBase: string;
  requester?: Task['requester'];
  requestId?: string;
}

/** The project's own reason codes sit beside the CDS Hooks coding, so the exact reason reads back. */
export const deferralReasonSystem = (extensionBase: string): string => `${carerActionCodeSystemUrl(extensionBase)}-deferral-reason`;

export function buildDeferral(input: BuildDeferralInput): Task {
  const patient = requireReference(input.patient, 'Patient', 'patient');
  const carer = input.carer === undefined ? undefined : requireReference(input.carer, 'RelatedPerson', 'carer');
  const on = requireDateTime(input.on, 'on');
  const until = requireDateTime(input.until, 'until');
  if (!isNotBefore(until, on) || until === on) throw new WriteInputError('the deferral must end after it starts');
  const system = carerActionCodeSystemUrl(input.extensionBase);
  const deferred = CARER_ACTION_CODES['prompt-deferred'];
  const subject = carer ?? patient;
  const task: Task = {
    resourceType: 'Task',
    status: 'completed',
    intent: 'order',
    code: { coding: [{ system, code: deferred.code, display: deferred.display }], text: deferred.display },
    description: `Prompt ${input.code} deferred (${input.kind})`,
    for: { reference: subject },
    focus: { reference: subject },
    authoredOn: on,
    lastModified: on,
    executionPeriod: { start: on, end: until },
    statusReason: { coding: [{ system: deferralReasonSystem(input.extensionBase), code: input.reason }, { ...DEFERRAL_REASON_CODINGS[input.reason] }] },
    input: [
      { type: { coding: [{ system, code: DEFERRAL_INPUT.prompt }] }, valueCode: input.code },
      { type: { coding: [{ system, code: DEFERRAL_INPUT.kind }] }, valueCode: input.kind },
    ],
  };
  if (input.requestId !== undefined) task.identifier = [requestIdentifier(input.requestId)];
  if (input.requester !== undefined) task.requester = { ...input.requester };
  if (input.comment !== undefined && input.comment.trim() !== '') task.note = [{ text: requireText(input.comment, 'comment') }];
  return task;
}

/** The raw deferral Task ended at `at` (the prompt returns now); refused when it has already ended. */
export function withDeferralEnded(raw: RawResource, at: string): RawResource {
  requireRaw(raw, 'Task', 'Ending a deferral');
  const now = requireDateTime(at, 'at');
  const copy = copyOf(raw);
  const period = typeof copy.executionPeriod === 'object' && copy.executionPeriod !== null ? (copy.executionPeriod as Record<string, unknown>) : {};
  if (typeof period.end === 'string' && !isNotBefore(period.end, now)) throw new WriteInputError('this deferral has already ended');
  copy.executionPeriod = { ...period, end: now };
  copy.lastModified = now;
  return copy;
}
