/** The caseload page's main area: today's clinic list, as a clinician's day starts. */
import { card, h } from './dom';
import { isAbortError, type FhirReader } from './fhir';
import { formatBannerName, formatNhsNumber, nhsNumberOf } from './format';
import { errorNotice } from './messages';
import { patientPath } from './routes';

const SLOTS = [
  ['09:30', 'Outpatient review', 'Room 3, Riverside Centre'],
  ['10:15', 'Home visit', 'Community'],
  ['11:30', 'Depot clinic', 'Clinic room 1'],
  ['13:30', 'CPA review', 'Room 3, Riverside Centre'],
  ['14:30', 'Telephone contact', 'Telephone'],
  ['15:30', 'Video consultation', 'Video'],
] as const;

export async function renderHome(reader: FhirReader, signal: AbortSignal, retry: () => void): Promise<HTMLElement> {
  const intro = h(
    'div',
    { className: 'page-heading' },
    h('h1', {}, 'Caseload'),
    h('p', { className: 'lede' }, 'Choose a patient from your caseload to open their record.'),
  );
  try {
    const { patients } = await reader.patients({ offset: 0, count: SLOTS.length }, signal);
    const rows = patients.map((patient, index) => {
      const [time, type, place] = SLOTS[index] ?? SLOTS[0];
      const nhsNumber = nhsNumberOf(patient.identifier);
      return h(
        'tr',
        {},
        h('td', {}, time),
        h('td', {}, h('a', { attrs: { href: patientPath(patient.id) } }, formatBannerName(patient.name))),
        h('td', { className: 'nowrap' }, nhsNumber ? formatNhsNumber(nhsNumber) : '—'),
        h('td', {}, type),
        h('td', {}, place),
      );
    });
    const table =
      rows.length === 0
        ? h('p', { className: 'empty' }, 'No appointments today.')
        : h(
            'table',
            { className: 'table' },
            h('thead', {}, h('tr', {}, ...['Time', 'Patient', 'NHS No.', 'Appointment', 'Location'].map((label) => h('th', { attrs: { scope: 'col' } }, label)))),
            h('tbody', {}, ...rows),
          );
    return h('div', { className: 'stack' }, intro, card('Today’s appointments', table));
  } catch (error) {
    if (isAbortError(error)) throw error;
    return h('div', { className: 'stack' }, intro, errorNotice('Appointments unavailable', error instanceof Error ? error.message : 'Try again.', retry));
  }
}
