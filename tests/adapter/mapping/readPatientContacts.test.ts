import { describe, expect, it } from 'vitest';
import { toCarerContext } from '../../../adapter/mapping/carerContext';
import { readPatientContacts } from '../../../adapter/mapping/readPatientContacts';
import { contactIdentifier } from '../../../shared/domain/contacts';
import { isPatientsChild } from '../../../shared/domain/family';
import { READ_OPTIONS } from '../../fixtures/fhir/personas';

const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0131';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const mother = {
  relationship: [{ coding: [{ system: V3, code: 'MTH' }] }, { coding: [{ system: V2, code: 'N' }] }],
  name: { given: ['Mary'], family: 'Smith' },
  telecom: [{ system: 'phone', value: '07700 900123' }, { system: 'phone', value: '01632 960000', period: { end: '2020-01-01' } }],
  address: { line: ['1 High Street'], city: 'Leeds' },
  organization: { display: 'Leeds Carers' },
  period: { start: '2019-01-01', end: '2030-01-01' },
};
const patient = (contact: unknown) => ({ resourceType: 'Patient', id: 'p', contact });

describe('readPatientContacts', () => {
  it('reads name, v3 RoleCode relationship, v2-0131 role, current telecom, address, organisation and period', () => {
    const read = readPatientContacts(patient([mother]), 'Patient/p');
    expect(read.warnings).toEqual([]);
    const [contact] = read.contacts;
    expect(contact).toMatchObject({
      name: 'Mary Smith',
      relationships: ['Mother'],
      contactRoles: ['next-of-kin'],
      telecom: [{ system: 'phone', value: '07700 900123' }],
      organization: 'Leeds Carers',
      startedOn: '2019-01-01',
      endedOn: '2030-01-01',
    });
    expect(contact?.address).toContain('1 High Street');
    expect(contact?.identifiers).toEqual([contactIdentifier(contact!.key)]);
  });

  it('keeps the v3 RoleCode family codes of the relationship (as a RelatedPerson\'s), so a child of the patient is known by code', () => {
    const son = { relationship: [{ coding: [{ system: V3, code: 'SONC', display: 'son' }, { system: V3, code: 'SON' }] }, { coding: [{ system: V2, code: 'N' }] }], name: { text: 'Sam Smith' } };
    const [read] = readPatientContacts(patient([son]), 'Patient/p').contacts;
    expect(read?.familyCodes).toEqual(['SONC', 'SON']);
    expect(isPatientsChild(read!)).toBe(true);
    const [mum] = readPatientContacts(patient([mother]), 'Patient/p').contacts;
    expect(mum?.familyCodes).toEqual(['MTH']);
    expect(isPatientsChild(mum!)).toBe(false);
    expect(readPatientContacts(patient([{ relationship: [{ coding: [{ system: V2, code: 'C' }] }], name: { text: 'X Y' } }]), 'Patient/p').contacts[0]).not.toHaveProperty('familyCodes');
  });

  it('reads each v2-0131 role (N next of kin, C and EP emergency contact, CP contact person)', () => {
    const roles = ['N', 'C', 'EP', 'CP'].map((code) => readPatientContacts(patient([{ relationship: [{ coding: [{ system: V2, code }] }], name: { text: 'X Y' } }]), 'Patient/p').contacts[0]?.contactRoles);
    expect(roles).toEqual([['next-of-kin'], ['emergency-contact'], ['emergency-contact'], ['contact-person']]);
  });

  it('counts a malformed contact as unreadable, with a warning naming only its position, and still reads the others', () => {
    const read = readPatientContacts(patient([{ relationship: 'mother', name: { text: 'Secret Name' } }, mother]), 'Patient/p');
    expect(read.unreadable).toBe(1);
    expect(read.warnings).toEqual(['Patient/p contact 1 could not be read safely and was skipped']);
    expect(read.contacts.map((c) => c.name)).toEqual(['Mary Smith']);
  });

  it('leaves out a contact with no name (an organisation)', () => {
    expect(readPatientContacts(patient([{ organization: { display: 'Acme' } }]), 'Patient/p').contacts).toEqual([]);
  });
});

describe('toCarerContext with Patient.contact', () => {
  it('recognises the RelatedPerson made from a contact (its request identifier) as the same person', () => {
    const first = toCarerContext([patient([mother])], READ_OPTIONS);
    if (!first.ok) throw new Error(first.reason);
    const key = first.context.contacts?.[0]?.key as string;
    const uuid = contactIdentifier(key as never).split('|')[1];
    const made = { resourceType: 'RelatedPerson', id: 'made', patient: { reference: 'Patient/p' }, identifier: [{ system: 'urn:ietf:rfc:3986', value: uuid }], name: [{ text: 'M. Smith' }] };
    const second = toCarerContext([patient([mother]), made], READ_OPTIONS);
    if (!second.ok) throw new Error(second.reason);
    expect(second.context.contacts?.[0]?.recordedAs).toBe('RelatedPerson/made');
  });

  it('never lets "no carer recorded" be said beside a contact that could not be read', () => {
    const read = toCarerContext([patient([{ relationship: 'mother' }])], READ_OPTIONS);
    if (!read.ok) throw new Error(read.reason);
    expect(read.context.unreadableRelatedPersons).toBe(1);
  });
});
