/**
 * The record's addresses. Every page is the same app shell; the path says which patient and tab
 * the app shows, so a link to a patient can be shared and bookmarked like any record system's.
 */

export const EHR_ROOT = '/ehr/';

export const TABS = ['summary', 'assessment', 'care-plan', 'contacts'] as const;
export type Tab = (typeof TABS)[number];

export const TAB_LABELS: Readonly<Record<Tab, string>> = {
  summary: 'Summary',
  assessment: 'Assessment',
  'care-plan': 'Care plan',
  contacts: 'Contacts',
};

export type Route =
  | { kind: 'caseload' }
  | { kind: 'patient'; patientId: string; tab: Tab }
  | { kind: 'not-found' };

/** FHIR R4 id: 1–64 of A–Z, a–z, 0–9, '-' and '.'. @see https://hl7.org/fhir/R4/datatypes.html#id */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

function isTab(value: string): value is Tab {
  return (TABS as readonly string[]).includes(value);
}

/**
 * Which page a path shows.
 *
 * @example parseRoute('/ehr/patients/pat-1/contacts') // { kind: 'patient', patientId: 'pat-1', tab: 'contacts' }
 */
export function parseRoute(pathname: string): Route {
  if (pathname === '/ehr' || pathname === EHR_ROOT) return { kind: 'caseload' };
  const match = /^\/ehr\/patients\/([^/]+)(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!match?.[1]) return { kind: 'not-found' };
  let patientId: string;
  try {
    patientId = decodeURIComponent(match[1]);
  } catch {
    return { kind: 'not-found' };
  }
  if (!FHIR_ID.test(patientId)) return { kind: 'not-found' };
  const tab = match[2] ?? 'summary';
  return isTab(tab) ? { kind: 'patient', patientId, tab } : { kind: 'not-found' };
}

/** The path of a patient's page (the summary tab unless another is named). */
export function patientPath(patientId: string, tab: Tab = 'summary'): string {
  const base = `${EHR_ROOT}patients/${encodeURIComponent(patientId)}`;
  return tab === 'summary' ? base : `${base}/${tab}`;
}
