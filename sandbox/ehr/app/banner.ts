/**
 * The patient banner: who this record is about, always at the top of a patient's page. It is one
 * element (`#patient-banner`) replaced whole when the patient changes, with stable hooks
 * (`data-field="name" | "birth-date" | "nhs-number"`) that integrations and checks can read.
 */
import type { Patient } from '@medplum/fhirtypes';
import { h } from './dom';
import { ageInYears, formatAddress, formatBannerName, formatDate, formatGender, formatNhsNumber, nhsNumberOf } from './format';

export const BANNER_ID = 'patient-banner';

function fact(label: string, value: Node | string, field?: string): HTMLElement {
  const attrs: Record<string, string> = field ? { 'data-field': field } : {};
  return h('div', { className: 'banner__fact' }, h('dt', {}, label), h('dd', { attrs }, value));
}

export function patientBanner(patient: Patient, today: Date): HTMLElement {
  const nhsNumber = nhsNumberOf(patient.identifier);
  const age = ageInYears(patient.birthDate, today);
  const born = h(
    'span',
    {},
    h('span', { attrs: { 'data-field': 'birth-date' } }, formatDate(patient.birthDate) || 'Not recorded'),
    age === undefined ? null : h('span', { className: 'banner__age' }, ` (${age}y)`),
  );
  const deceased = patient.deceasedBoolean === true || patient.deceasedDateTime !== undefined;
  return h(
    'section',
    { className: 'banner', attrs: { id: BANNER_ID, 'aria-label': 'Patient banner' } },
    h(
      'div',
      { className: 'banner__identity' },
      h('h1', { className: 'banner__name', attrs: { 'data-field': 'name' } }, formatBannerName(patient.name)),
      deceased ? h('strong', { className: 'banner__flag' }, 'Deceased') : null,
    ),
    h(
      'dl',
      { className: 'banner__facts' },
      h('div', { className: 'banner__fact' }, h('dt', {}, 'Born'), h('dd', {}, born)),
      fact('Gender', formatGender(patient.gender)),
      fact('NHS No.', nhsNumber ? formatNhsNumber(nhsNumber) : 'Not recorded', 'nhs-number'),
      fact('Address', formatAddress(patient.address) || 'Not recorded', 'address'),
    ),
  );
}

/** Shown while the next patient loads: it carries no identifiers, so nothing can mistake it for the previous patient. */
export function loadingBanner(): HTMLElement {
  return h(
    'section',
    { className: 'banner banner--loading', attrs: { id: BANNER_ID, 'aria-label': 'Patient banner', 'aria-busy': 'true' } },
    h('p', { className: 'banner__loading' }, 'Loading patient record…'),
  );
}
