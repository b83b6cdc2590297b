/**
 * What passed between a carer and the service, as an R4 Communication (docs/actions.md "Carers heard,
 * enquiries and disclosures"; UK Core has UKCore-Communication, a draft constraint on the base
 * resource with no bindings that change these elements):
 * - from the carer (`carer-heard`, `carer-enquiry`): `sender` the RelatedPerson, `recipient` the
 *   clinician when known, `received` when it came;
 * - to the carer (`general-information`, `carer-enquiry-answer`, `disclosure-without-consent`):
 *   `sender` the clinician when known, `recipient` the RelatedPerson, `sent` when given;
 * - `subject` the Patient (what the carer record is read through: `Communication:subject`),
 *   `category` the project's carer-action code, `inResponseTo` the Communication answered, `payload`
 *   one string per item given, `topic` as the clinician worded it;
 * - a disclosure without consent carries its basis in `reasonCode` and whether the patient was told
 *   in the project extension `disclosure-patient-told` (R4 Communication has no element for it).
 */
import type { Communication, Practitioner, PractitionerRole, Reference } from '@medplum/fhirtypes';
import type { CarerReference, PatientReference } from '../../../shared/domain/types';
import {
  CARER_COMMUNICATION_CODES,
  carerActionCodeSystemUrl,
  DISCLOSURE_BASES,
  disclosureBasisCodeSystemUrl,
  patientToldExtensionUrl,
  type CarerCommunicationCode,
  type DisclosureBasis,
  type PatientTold,
} from '../../../shared/terminology';
import { requireDateTime, requireReference, requireText, WriteInputError } from './inputs';
import { requestIdentifier } from './requestIdentifier';

export interface BuildCarerCommunicationInput {
  patient: PatientReference;
  carer: CarerReference;
  kind: CarerCommunicationCode;
  /** When it came (from the carer) or was given (to the carer). */
  on: string;
  /** Items given (general information, signposts), one payload each. */
  items?: readonly string[];
  topic?: string;
  note?: string;
  inResponseTo?: `Communication/${string}`;
  /** Disclosures without consent only (required there). */
  basis?: DisclosureBasis;
  patientTold?: PatientTold;
  /** The clinician recording it: the recipient of what came from the carer, the sender of what went to them. */
  requester?: Reference<Practitioner | PractitionerRole>;
  extensionBase: string;
  requestId?: string;
}

const FROM_CARER: ReadonlySet<CarerCommunicationCode> = new Set<CarerCommunicationCode>(['carer-heard', 'carer-enquiry']);

export function buildCarerCommunication(input: BuildCarerCommunicationInput): Communication {
  const patient = requireReference(input.patient, 'Patient', 'patient');
  const carer = requireReference(input.carer, 'RelatedPerson', 'carer');
  const on = requireDateTime(input.on, 'on');
  const code = CARER_COMMUNICATION_CODES[input.kind];
  const fromCarer = FROM_CARER.has(input.kind);
  const disclosure = input.kind === 'disclosure-without-consent';
  if (disclosure && (input.basis === undefined || input.patientTold === undefined)) throw new WriteInputError('a disclosure without consent needs its basis and whether the patient was told');
  if (!disclosure && (input.basis !== undefined || input.patientTold !== undefined)) throw new WriteInputError('only a disclosure without consent has a basis');
  const communication: Communication = {
    resourceType: 'Communication',
    status: 'completed',
    category: [{ coding: [{ system: carerActionCodeSystemUrl(input.extensionBase), code: code.code, display: code.display }], text: code.display }],
    subject: { reference: patient },
  };
  if (input.requestId !== undefined) communication.identifier = [requestIdentifier(input.requestId)];
  if (input.inResponseTo !== undefined) communication.inResponseTo = [{ reference: requireReference(input.inResponseTo, 'Communication', 'inResponseTo') }];
  if (input.topic !== undefined) communication.topic = { text: requireText(input.topic, 'topic') };
  if (fromCarer) {
    communication.received = on;
    communication.sender = { reference: carer };
    if (input.requester !== undefined) communication.recipient = [{ ...input.requester }];
  } else {
    communication.sent = on;
    communication.recipient = [{ reference: carer }];
    if (input.requester !== undefined) communication.sender = { ...input.requester };
  }
  if (disclosure && input.basis !== undefined && input.patientTold !== undefined) {
    const basis = DISCLOSURE_BASES[input.basis];
    communication.reasonCode = [{ coding: [{ system: disclosureBasisCodeSystemUrl(input.extensionBase), code: basis.code, display: basis.display }], text: basis.display }];
    communication.extension = [{ url: patientToldExtensionUrl(input.extensionBase), valueCode: input.patientTold }];
  }
  const items = (input.items ?? []).map((item) => requireText(item, 'item'));
  if (items.length > 0) communication.payload = items.map((contentString) => ({ contentString }));
  if (input.note !== undefined && input.note.trim() !== '') communication.note = [{ text: requireText(input.note, 'note') }];
  return communication;
}
