/**
 * Patient.contact → the contacts who might be carers (shared/domain/types.ts PatientContact).
 *
 * Many EHRs (UK Core included) keep next of kin and emergency contacts here rather than as
 * RelatedPersons. Relationships are read as for a RelatedPerson (./readRelatedPerson.ts): v3
 * RoleCode family relationships in plain English and their codes (a child of the patient is known
 * by code: Think Family), v2-0131 roles (next of kin, emergency contact, contact person). A contact with no name is an organisation (an employer, an insurer), not a
 * person who could be a carer, and is left out. A malformed contact is counted as unreadable: it
 * may be the carer, so "no carer recorded" cannot be said beside it.
 */
import { contactIdentifier, contactKey } from '../../shared/domain/contacts';
import type { PatientContact, PatientReference } from '../../shared/domain/types';
import { conformsTo } from '../fhir/conforms';
import { PatientContactSchema, type FhirPatientContact } from '../fhir/schemas';
import { contactRolesOf, familyCodesOf, relationshipsOf, telecomOf } from './readRelatedPerson';
import { addressText, humanNameText } from './text';

export interface PatientContactsRead {
  contacts: PatientContact[];
  /** Contacts that could not be read (their position only, never their content). */
  unreadable: number;
  warnings: string[];
}

export function readPatientContacts(rawPatient: unknown, patient: PatientReference): PatientContactsRead {
  const out: PatientContactsRead = { contacts: [], unreadable: 0, warnings: [] };
  const elements = typeof rawPatient === 'object' && rawPatient !== null ? (rawPatient as { contact?: unknown }).contact : undefined;
  if (elements === undefined) return out;
  if (!Array.isArray(elements)) {
    out.unreadable += 1;
    out.warnings.push(`${patient} has a contact element that is not a list; its contacts could not be read`);
    return out;
  }
  elements.forEach((element: unknown, index) => {
    // As for whole resources (readResult.ts): a contact the fast check proves zod would accept unchanged is its own parsed view.
    const parsed = conformsTo(PatientContactSchema, element) ? { success: true as const, data: element as FhirPatientContact } : PatientContactSchema.safeParse(element);
    if (!parsed.success) {
      out.unreadable += 1;
      out.warnings.push(`${patient} contact ${index + 1} could not be read safely and was skipped`);
      return;
    }
    const value = parsed.data;
    const name = humanNameText(value.name === undefined ? undefined : [value.name]);
    if (!name) return;
    const relationship = value.relationship ?? [];
    const key = contactKey(patient, index, element);
    const contact: PatientContact = {
      key,
      name,
      relationships: relationshipsOf(relationship),
      contactRoles: contactRolesOf(relationship),
      telecom: telecomOf(value),
      identifiers: [contactIdentifier(key)],
    };
    const address = addressText(value.address === undefined ? undefined : [value.address]);
    if (address) contact.address = address;
    const organization = value.organization?.display?.trim();
    if (organization) contact.organization = organization;
    const familyCodes = familyCodesOf(relationship);
    if (familyCodes.length > 0) contact.familyCodes = familyCodes;
    if (value.period?.start) contact.startedOn = value.period.start;
    if (value.period?.end) contact.endedOn = value.period.end;
    out.contacts.push(contact);
  });
  return out;
}
