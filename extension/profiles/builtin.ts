import type { EhrProfile } from './schema';

/** The sandbox EHR served by `npm start` (sandbox/): FHIR id in the URL, NHS number in the banner. */
export const SANDBOX_EHR_PROFILE: EhrProfile = {
  id: 'sandbox-ehr',
  label: 'Carer Prompts sandbox EHR',
  urlPatterns: ['^https?://(?:127\\.0\\.0\\.1|localhost)(?::\\d+)?/ehr/patients/(?<id>[A-Za-z0-9\\-.]{1,64})(?:[/?#]|$)'],
  bannerSelector: '#patient-banner',
  nhsNumberSelector: '[data-field="nhs-number"]',
  nameSelector: '[data-field="name"]',
  birthDateSelector: '[data-field="birth-date"]',
  examples: [
    { url: 'http://127.0.0.1:8080/ehr/patients/pat-grace', id: 'pat-grace' },
    { url: 'http://localhost:8080/ehr/patients/example-1/contacts?tab=2', id: 'example-1' },
    { url: 'http://127.0.0.1:43121/ehr/patients/a1b2.c3#summary', id: 'a1b2.c3' },
    { url: 'http://127.0.0.1:8080/ehr/' },
  ],
};

/**
 * Any EHR that shows the NHS number in a patient banner: the number is found in the banner's text
 * (mod-11 checked, spaces and dashes tolerated). The selector covers the common ways EHRs mark
 * their banner; a trust whose EHR differs adds its own profile.
 */
export const GENERIC_BANNER_PROFILE: EhrProfile = {
  id: 'generic-nhs-banner',
  label: 'Any EHR: NHS number in the patient banner',
  urlPatterns: [],
  bannerSelector: '#patient-banner, .patient-banner, [data-patient-banner], [aria-label="Patient banner" i], [role="banner"]',
  examples: [{ url: 'https://ehr.example.nhs.uk/patient/summary' }],
};

export const BUILTIN_PROFILES: readonly EhrProfile[] = [SANDBOX_EHR_PROFILE, GENERIC_BANNER_PROFILE];
