/**
 * The answer to "is this Patient.contact a carer?", recorded as a RelatedPerson for that person:
 * - yes: coded as the patient's carer (UK Core `Carer`) beside the contact's own relationships (the
 *   family relationship and the v2-0131 role), identified on the day asked;
 * - no: the contact's relationships only, with the carer-status extension isCarer=false
 *   (docs/extensions.md), the documented way of recording "asked, not a carer", so the question stops.
 * Both carry the carer-status extension with the date asked, and the contact's name, telecom,
 * address and gender, copied as recorded.
 *
 * Its request identifier is derived from the contact's key (shared/domain/contacts.ts
 * contactRequestId), never random: every resend of an answer about the same contact is the same
 * conditional create (If-None-Exist), so the server holds one RelatedPerson, and the reader
 * recognises that RelatedPerson as the contact.
 */
import type { RelatedPerson } from '@medplum/fhirtypes';
import { contactKey, contactRequestId } from '../../../shared/domain/contacts';
import type { ContactKey, PatientReference } from '../../../shared/domain/types';
import { WRITE_CARER_ROLE, carerStatusExtensionUrl } from '../../../shared/terminology';
import type { RawResource } from '../../fhir/rawStore';
import { requireDateTime, requireRaw, requireReference, WriteInputError } from './inputs';
import { requestIdentifier } from './requestIdentifier';

export interface BuildCarerFromContactInput {
  /** The Patient as read (raw JSON): the contact is taken from its Patient.contact. */
  patient: RawResource;
  contact: ContactKey;
  isCarer: boolean;
  askedOn: string;
  extensionBase: string;
}

type Json = Record<string, unknown>;

export function buildCarerFromContact(input: BuildCarerFromContactInput): RelatedPerson {
  requireRaw(input.patient, 'Patient', 'Recording a contact as a carer');
  const askedOn = requireDateTime(input.askedOn, 'askedOn');
  const patientRef = requireReference(`Patient/${String(input.patient.id)}`, 'Patient', 'patient') as PatientReference;
  const element = contactAt(input.patient, patientRef, input.contact);
  const relationship = (Array.isArray(element.relationship) ? element.relationship : []) as RelatedPerson['relationship'] & object;
  const url = carerStatusExtensionUrl(input.extensionBase);
  const resource: RelatedPerson = {
    resourceType: 'RelatedPerson',
    extension: [{ url, extension: [{ url: 'isCarer', valueBoolean: input.isCarer }, { url: 'askedOn', valueDateTime: askedOn }] }],
    identifier: [requestIdentifier(contactRequestId(input.contact))],
    active: true,
    patient: { reference: patientRef },
    relationship: input.isCarer ? [{ coding: [{ ...WRITE_CARER_ROLE }] }, ...structuredClone(relationship)] : structuredClone(relationship),
  };
  if (resource.relationship?.length === 0) delete resource.relationship;
  if (isObject(element.name)) resource.name = [structuredClone(element.name)];
  if (Array.isArray(element.telecom) && element.telecom.length > 0) resource.telecom = structuredClone(element.telecom) as RelatedPerson['telecom'];
  if (isObject(element.address)) resource.address = [structuredClone(element.address)];
  if (typeof element.gender === 'string') resource.gender = element.gender as RelatedPerson['gender'];
  if (input.isCarer) resource.period = { start: askedOn };
  return resource;
}

/** The contact the key names, checked against its content: an edited or moved contact is refused. */
function contactAt(patient: RawResource, patientRef: PatientReference, key: ContactKey): Json {
  const match = /^Patient\/[^#]+#contact-(\d+)-[0-9a-z]+$/.exec(key);
  if (match === null || !key.startsWith(`${patientRef}#`)) throw new WriteInputError("the contact is not one of this patient's contacts");
  const index = Number(match[1]);
  const contacts = Array.isArray(patient.contact) ? (patient.contact as unknown[]) : [];
  const element = contacts[index];
  if (!isObject(element) || contactKey(patientRef, index, element) !== key) {
    throw new WriteInputError("the contact has changed since it was read; refresh the patient's record and ask again");
  }
  return element;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
