/**
 * "Asked: no carers": the patient was asked and named no carers (shared/terminology.md). A dated,
 * empty List with emptyReason nilknown, so it reads differently from "never asked".
 */
import type { List } from '@medplum/fhirtypes';
import type { PatientReference } from '../../../shared/domain/types';
import { ASKED_NO_CARERS_LIST_CODE, EMPTY_REASON_NILKNOWN } from '../../../shared/terminology';
import { requireDateTime, requireReference } from './inputs';
import { requestIdentifier } from './requestIdentifier';

export interface BuildAskedNoCarersInput {
  patient: PatientReference;
  askedOn: string;
  /** Who asked (List.source), e.g. the practitioner. */
  askedBy?: List['source'];
  /** UUID for conditional create, so a retry never records the answer twice. */
  requestId?: string;
}

export function buildAskedNoCarers(input: BuildAskedNoCarersInput): List {
  const list: List = {
    resourceType: 'List',
    status: 'current',
    mode: 'snapshot',
    title: 'Carers: asked, none named',
    code: { coding: [{ ...ASKED_NO_CARERS_LIST_CODE }] },
    subject: { reference: requireReference(input.patient, 'Patient', 'patient') },
    date: requireDateTime(input.askedOn, 'askedOn'),
    emptyReason: { coding: [{ ...EMPTY_REASON_NILKNOWN }] },
  };
  if (input.requestId !== undefined) list.identifier = [requestIdentifier(input.requestId)];
  if (input.askedBy !== undefined) list.source = { ...input.askedBy };
  return list;
}
