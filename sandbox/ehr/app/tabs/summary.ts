/** Summary: the episode, diagnosis, medication and recent contacts, as a clinician scans them first. */
import { card, facts, h } from '../dom';
import { formatDate } from '../format';
import { gpPracticeOf } from '../record';
import { clinicalPicture, daysFrom } from '../synthetic';
import type { TabRenderer } from './context';

export const renderSummary: TabRenderer = async ({ patient, reader, signal, today }) => {
  const picture = clinicalPicture(patient.id, patient.team);
  const openSince = await reader.episodeStart(patient.id, signal);
  const gpPractice = gpPracticeOf(patient);
  const episode = card(
    'Current episode',
    facts([
      ['Team', patient.team],
      ['Open since', formatDate(openSince)],
      ['Care coordinator', `${picture.careCoordinator.name} (${picture.careCoordinator.role})`],
      ['Consultant', picture.consultant.name],
      ['Care level', picture.cpa],
      ['Legal status', picture.legalStatus],
      ['Next review', formatDate(daysFrom(today, picture.reviewInDays))],
      ...(gpPractice ? [['GP practice', gpPractice] as const] : []),
    ]),
  );
  const diagnosis = card(
    'Diagnosis',
    h('p', { className: 'diagnosis' }, h('span', { className: 'code' }, picture.diagnosis.code), ' ', picture.diagnosis.display),
    h('p', { className: 'muted' }, 'ICD-10, primary diagnosis'),
  );
  const alerts = card('Alerts and allergies', h('p', { className: picture.allergy.startsWith('No known') ? '' : 'alert-text' }, picture.allergy));
  const medication = card(
    'Current medication',
    h('ul', { className: 'plain-list' }, ...picture.medication.map((item) => h('li', {}, h('strong', {}, item.name), ' — ', item.dose))),
  );
  const rows = picture.contacts.map((contact) =>
    h(
      'tr',
      {},
      h('td', {}, formatDate(daysFrom(today, -contact.daysAgo))),
      h('td', {}, contact.type),
      h('td', {}, contact.by.name),
      h('td', {}, contact.outcome),
    ),
  );
  const contacts = card(
    'Recent contacts',
    h(
      'table',
      { className: 'table' },
      h('thead', {}, h('tr', {}, h('th', { attrs: { scope: 'col' } }, 'Date'), h('th', { attrs: { scope: 'col' } }, 'Type'), h('th', { attrs: { scope: 'col' } }, 'Clinician'), h('th', { attrs: { scope: 'col' } }, 'Outcome'))),
      h('tbody', {}, ...rows),
    ),
  );
  return h('div', { className: 'grid' }, episode, h('div', { className: 'stack' }, diagnosis, alerts, medication), h('div', { className: 'grid__wide' }, contacts));
};
