/**
 * A new carer: a RelatedPerson coded as the patient's carer (UK Core `Carer`), with the family
 * relationship from v3 RoleCode beside it (shared/terminology.md, "Carer").
 */
import type { ContactPoint as FhirContactPoint, HumanName, RelatedPerson } from '@medplum/fhirtypes';
import type { ContactPoint, PatientReference } from '../../../shared/domain/types';
import { FAMILY_RELATIONSHIPS, SYSTEM, WRITE_CARER_ROLE } from '../../../shared/terminology';
import { requireDate, requireDateTime, requireReference, requireText, WriteInputError } from './inputs';
import { requestIdentifier } from './requestIdentifier';

export interface BuildCarerInput {
  patient: PatientReference;
  name: { text?: string; given?: string[]; family?: string };
  /** v3 RoleCode (a key of FAMILY_RELATIONSHIPS, e.g. "DAU"). */
  relationship?: string;
  birthDate?: string;
  telecom?: ContactPoint[];
  /** When the person was identified as a carer: RelatedPerson.period.start. */
  identifiedOn: string;
  /** UUID for conditional create (see conditionalCreateQuery). */
  requestId: string;
}

const CONTACT_SYSTEMS = new Set(['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other']);

export function buildCarer(input: BuildCarerInput): RelatedPerson {
  const relationship: RelatedPerson['relationship'] = [{ coding: [{ ...WRITE_CARER_ROLE }] }];
  if (input.relationship !== undefined) {
    if (!Object.hasOwn(FAMILY_RELATIONSHIPS, input.relationship)) {
      throw new WriteInputError('relationship must be one of the v3 RoleCode family relationships Carer Prompts knows');
    }
    const display = FAMILY_RELATIONSHIPS[input.relationship] as string;
    relationship.push({ coding: [{ system: SYSTEM.v3RoleCode, code: input.relationship, display }], text: display });
  }
  const resource: RelatedPerson = {
    resourceType: 'RelatedPerson',
    identifier: [requestIdentifier(input.requestId)],
    active: true,
    patient: { reference: requireReference(input.patient, 'Patient', 'patient') },
    relationship,
    name: [nameOf(input.name)],
    period: { start: requireDateTime(input.identifiedOn, 'identifiedOn') },
  };
  if (input.birthDate !== undefined) resource.birthDate = requireDate(input.birthDate, 'birthDate');
  const telecom = (input.telecom ?? []).map(contactPointOf);
  if (telecom.length > 0) resource.telecom = telecom;
  return resource;
}

function nameOf(name: BuildCarerInput['name']): HumanName {
  const out: HumanName = {};
  const text = name.text?.trim();
  const given = (name.given ?? []).map((g) => g.trim()).filter((g) => g !== '');
  const family = name.family?.trim();
  if (text) out.text = text;
  if (given.length > 0) out.given = given;
  if (family) out.family = family;
  if (!text && given.length === 0 && !family) throw new WriteInputError('name must have text, a given name or a family name');
  return out;
}

function contactPointOf(contact: ContactPoint, index: number): FhirContactPoint {
  const value = requireText(contact.value, `telecom[${index}].value`);
  if (contact.system === undefined) return { value };
  if (!CONTACT_SYSTEMS.has(contact.system)) throw new WriteInputError(`telecom[${index}].system must be phone, email, sms or another FHIR contact system`);
  return { system: contact.system as FhirContactPoint['system'], value };
}
