import { describe, expect, it } from 'vitest';
import { contactIdentifier, contactKey, contactRequestId, isCurrentContact, unansweredContacts } from '../../../shared/domain/contacts';
import type { PatientContact } from '../../../shared/domain/types';
import { NOW, POLICY } from '../fixtures';

const MARY = { name: { text: 'Mary Smith' }, relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N' }] }] };
const contact = (over: Partial<PatientContact> = {}): PatientContact => ({
  key: 'Patient/p#contact-0-abc',
  name: 'Mary Smith',
  relationships: ['Mother'],
  contactRoles: ['next-of-kin'],
  telecom: [],
  identifiers: [],
  ...over,
});

describe('Patient.contact keys', () => {
  it('keys a contact by the patient, its position and its content: the same contact read twice gets the same key', () => {
    const key = contactKey('Patient/p', 0, MARY);
    expect(key).toMatch(/^Patient\/p#contact-0-[0-9a-z]+$/);
    expect(contactKey('Patient/p', 0, structuredClone(MARY))).toBe(key);
  });

  it('gives an edited contact, the same contact at another position, or another patient\'s contact a different key', () => {
    const key = contactKey('Patient/p', 0, MARY);
    expect(contactKey('Patient/p', 0, { ...MARY, name: { text: 'Mary Jones' } })).not.toBe(key);
    expect(contactKey('Patient/p', 1, MARY)).not.toBe(key);
    expect(contactKey('Patient/q', 0, MARY)).not.toBe(key);
  });

  it('derives one valid UUID per contact key, so every resend of an answer is the same conditional create', () => {
    const key = contactKey('Patient/p', 0, MARY);
    const id = contactRequestId(key);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(contactRequestId(key)).toBe(id);
    expect(contactRequestId(contactKey('Patient/p', 1, MARY))).not.toBe(id);
    expect(contactIdentifier(key)).toBe(`urn:ietf:rfc:3986|urn:uuid:${id}`);
  });
});

describe('unanswered contacts', () => {
  it('treats a contact whose period ended before today as history, and one ending today as current', () => {
    expect(isCurrentContact(contact({ endedOn: '2026-06-14' }), POLICY, NOW)).toBe(false);
    expect(isCurrentContact(contact({ endedOn: '2026-06-15' }), POLICY, NOW)).toBe(true);
  });

  it('lists current contacts not yet recorded as a RelatedPerson, and no others', () => {
    const open = contact({ key: 'Patient/p#contact-0-a' });
    const recorded = contact({ key: 'Patient/p#contact-1-b', recordedAs: 'RelatedPerson/mum' });
    const ended = contact({ key: 'Patient/p#contact-2-c', endedOn: '2020-01-01' });
    expect(unansweredContacts({ contacts: [open, recorded, ended] }, POLICY, NOW)).toEqual([open]);
    expect(unansweredContacts({}, POLICY, NOW)).toEqual([]);
  });
});
