/**
 * What was done for a carer, recorded as a completed Task in the project's carer-action CodeSystem
 * (docs/actions.md): a signposting (what was given, one Task.input each, as the clinician saw it)
 * or a young carer's referral (to whom). Task rather than Communication or ServiceRequest: the
 * carer's Tasks are already read in the one round trip (`_revinclude:iterate=Task:subject`), under
 * the scopes a clinician already has, and exported with the audit's `_type`.
 */
import type { Task } from '@medplum/fhirtypes';
import type { CarerReference, PatientReference } from '../../../shared/domain/types';
import { CARER_ACTION_CODES, carerActionCodeSystemUrl, type CarerActionCode } from '../../../shared/terminology';
import { requireDateTime, requireReference, requireText, WriteInputError } from './inputs';
import { requestIdentifier } from './requestIdentifier';

export interface BuildCarerActionTaskInput {
  /** Checked, not written: R4 Task has no patient element; the carer's Task is found through the carer. */
  patient: PatientReference;
  carer: CarerReference;
  action: CarerActionCode;
  /** When it was done (the instant of recording). */
  on: string;
  /** What was given or whom the carer was referred to, each as a line of text (Task.input). */
  items: readonly { type: string; value: string }[];
  /** Coded inputs, typed in the carer-action CodeSystem (what changed: `change-kind`; what was shared: `discharge-sharing`). */
  coded?: readonly { type: string; code: string }[];
  /**
   * What the action was about besides the carer — the CarePlan the carer was involved in, or the
   * EpisodeOfCare whose discharge they were involved in; the carer then stays in `for`. Any other type is refused.
   */
  focus?: string;
  note?: string;
  requester?: Task['requester'];
  extensionBase: string;
  requestId?: string;
}

export function buildCarerActionTask(input: BuildCarerActionTaskInput): Task {
  requireReference(input.patient, 'Patient', 'patient');
  const carer = requireReference(input.carer, 'RelatedPerson', 'carer');
  const on = requireDateTime(input.on, 'on');
  if (input.items.length === 0) throw new WriteInputError('say what was given or to whom the carer was referred');
  const code = CARER_ACTION_CODES[input.action];
  const task: Task = {
    resourceType: 'Task',
    status: 'completed',
    intent: 'order',
    code: { coding: [{ system: carerActionCodeSystemUrl(input.extensionBase), code: code.code, display: code.display }], text: code.display },
    description: code.display,
    for: { reference: carer },
    focus: { reference: input.focus !== undefined ? requireReference(input.focus, input.focus.startsWith('CarePlan/') ? 'CarePlan' : 'EpisodeOfCare', 'focus') : carer },
    authoredOn: on,
    lastModified: on,
    executionPeriod: { start: on, end: on },
    input: input.items.map((item) => ({ type: { text: requireText(item.type, 'item type') }, valueString: requireText(item.value, 'item') })),
  };
  for (const coded of input.coded ?? []) {
    const system = carerActionCodeSystemUrl(input.extensionBase);
    (task.input ??= []).push({ type: { coding: [{ system, code: requireText(coded.type, 'input type') }] }, valueCode: requireText(coded.code, 'input code') });
  }
  if (input.requestId !== undefined) task.identifier = [requestIdentifier(input.requestId)];
  if (input.requester !== undefined) task.requester = { ...input.requester };
  if (input.note !== undefined && input.note.trim() !== '') task.note = [{ text: requireText(input.note, 'note') }];
  return task;
}
