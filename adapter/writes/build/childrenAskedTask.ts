/**
 * Think Family (docs/actions.md): the patient, a parent, was asked whether children in the
 * household help to care. A completed Task in the project's carer-action CodeSystem
 * (`children-asked`), `for` and `focus` the Patient (read in the same round trip as a deferral
 * for the patient, `Task:subject`), the answer in `Task.input` (`child-helps`, valueBoolean).
 * A Task rather than an Observation: no verified code names the question, and a new type would
 * join every read; not the "asked: no carers" List, whose meaning it would overload.
 */
import type { Task } from '@medplum/fhirtypes';
import type { PatientReference } from '../../../shared/domain/types';
import { CARER_ACTION_CODES, carerActionCodeSystemUrl, CHILDREN_ASKED_INPUT } from '../../../shared/terminology';
import { requireDateTime, requireReference, requireText, WriteInputError } from './inputs';
import { requestIdentifier } from './requestIdentifier';

export interface BuildChildrenAskedInput {
  patient: PatientReference;
  /** The answer: a child in the household helps to care. */
  childHelps: boolean;
  /** When the patient was asked (the instant of recording). */
  on: string;
  note?: string;
  requester?: Task['requester'];
  extensionBase: string;
  requestId?: string;
}

export function buildChildrenAskedTask(input: BuildChildrenAskedInput): Task {
  const patient = requireReference(input.patient, 'Patient', 'patient');
  const on = requireDateTime(input.on, 'on');
  if (typeof input.childHelps !== 'boolean') throw new WriteInputError('say whether a child in the household helps');
  const system = carerActionCodeSystemUrl(input.extensionBase);
  const code = CARER_ACTION_CODES['children-asked'];
  const task: Task = {
    resourceType: 'Task',
    status: 'completed',
    intent: 'order',
    code: { coding: [{ system, code: code.code, display: code.display }], text: code.display },
    description: input.childHelps ? `${code.display}: a child helps` : `${code.display}: no child helps`,
    for: { reference: patient },
    focus: { reference: patient },
    authoredOn: on,
    lastModified: on,
    executionPeriod: { start: on, end: on },
    input: [{ type: { coding: [{ system, code: CHILDREN_ASKED_INPUT }], text: 'A child in the household helps to care' }, valueBoolean: input.childHelps }],
  };
  if (input.requestId !== undefined) task.identifier = [requestIdentifier(input.requestId)];
  if (input.requester !== undefined) task.requester = { ...input.requester };
  if (input.note !== undefined && input.note.trim() !== '') task.note = [{ text: requireText(input.note, 'note') }];
  return task;
}
