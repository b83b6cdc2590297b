/**
 * Patient.contact people: their key, the identifier a RelatedPerson made from one carries, and
 * which of them are still waiting for the question "are they a carer?".
 *
 * A contact has no id. Its key is `Patient/<id>#contact-<n>-<digest>`: n is its position in
 * Patient.contact (0-based), digest a 64-bit FNV-1a of the element as recorded (JSON), so two reads
 * of an unchanged record give the same key, and an edited contact gets a new one.
 */
import { compareDates, today, toCalendarDate } from './dates';
import { fnv1a64 } from './digest';
import type { CarerContext, ContactKey, PatientContact, PatientReference } from './types';
import type { Policy } from '../policy';

export function contactKey(patient: PatientReference, index: number, element: unknown): ContactKey {
  return `${patient}#contact-${index}-${fnv1a64(JSON.stringify(element) ?? '').toString(36)}`;
}

/**
 * The UUID a RelatedPerson made from this contact carries as its request identifier: derived from
 * the key alone (an RFC 9562 version 8 UUID from two FNV-1a digests), so every resend of "yes, a
 * carer" about the same contact asks the server for the same conditional create and never
 * duplicates, and a later read recognises the RelatedPerson as the contact.
 */
export function contactRequestId(key: ContactKey): string {
  const hex = (fnv1a64(key).toString(16).padStart(16, '0') + fnv1a64(key, 0x84222325cbf29ce4n).toString(16).padStart(16, '0')).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The identifier ("system|value", as Carer.identifiers holds them) of a RelatedPerson made from the contact. */
export function contactIdentifier(key: ContactKey): string {
  return `urn:ietf:rfc:3986|urn:uuid:${contactRequestId(key)}`;
}

/** A contact whose period has not ended (the end day itself still counts). */
export function isCurrentContact(contact: PatientContact, policy: Pick<Policy, 'timeZone'>, now: Date): boolean {
  if (contact.endedOn === undefined) return true;
  const ended = toCalendarDate(contact.endedOn, policy.timeZone, { partial: 'end' });
  return ended === undefined || compareDates(ended, today(now, policy.timeZone)) >= 0;
}

/** Current contacts not yet recorded as a RelatedPerson: nobody has asked whether they are carers. */
export function unansweredContacts(ctx: Pick<CarerContext, 'contacts'>, policy: Pick<Policy, 'timeZone'>, now: Date): PatientContact[] {
  return (ctx.contacts ?? []).filter((c) => c.recordedAs === undefined && isCurrentContact(c, policy, now));
}
