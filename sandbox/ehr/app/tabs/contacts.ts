/**
 * Contacts: the patient's related people exactly as the record holds them (RelatedPerson), with the
 * relationships as recorded. The record draws no conclusions from them.
 */
import type { CodeableConcept, RelatedPerson } from '@medplum/fhirtypes';
import { card, h } from '../dom';
import { formatAddress, formatDate, formatPlainName, preferredPhone } from '../format';
import type { TabRenderer } from './context';

function relationshipText(concepts: readonly CodeableConcept[] | undefined): string {
  const labels = (concepts ?? []).flatMap((concept) => {
    const text = concept.text?.trim();
    if (text) return [text];
    return (concept.coding ?? []).map((coding) => coding.display?.trim() || coding.code?.trim() || '').filter(Boolean);
  });
  return [...new Set(labels)].join(', ');
}

function contactRow(person: RelatedPerson): HTMLTableRowElement {
  const inactive = person.active === false;
  return h(
    'tr',
    { className: inactive ? 'row--inactive' : '', attrs: person.id ? { 'data-related-person': person.id } : {} },
    h('td', {}, h('strong', {}, formatPlainName(person.name)), inactive ? h('span', { className: 'tag tag--grey' }, 'Inactive') : null),
    h('td', {}, relationshipText(person.relationship) || 'Not recorded'),
    h('td', {}, preferredPhone(person.telecom) || 'Not recorded'),
    h('td', {}, formatAddress(person.address) || 'Not recorded'),
    h('td', {}, formatDate(person.period?.start) || '—'),
  );
}

export const renderContacts: TabRenderer = async ({ patient, reader, signal }) => {
  const people = await reader.relatedPersons(patient.id, signal);
  const body =
    people.length === 0
      ? h('p', { className: 'empty' }, 'No contacts are recorded for this patient.')
      : h(
          'table',
          { className: 'table' },
          h('thead', {}, h('tr', {}, ...['Name', 'Relationship', 'Telephone', 'Address', 'Since'].map((label) => h('th', { attrs: { scope: 'col' } }, label)))),
          h('tbody', {}, ...people.map(contactRow)),
        );
  return h('div', { className: 'stack' }, card(`Contacts and next of kin (${people.length})`, body));
};
