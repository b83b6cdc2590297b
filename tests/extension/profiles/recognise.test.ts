import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, GENERIC_BANNER_PROFILE, SANDBOX_EHR_PROFILE } from '../../../extension/profiles/builtin';
import { followBanner, patientFromBanner, patientFromUrl, recognisePage, recognitionKey } from '../../../extension/profiles/recognise';
import type { EhrProfile } from '../../../extension/profiles/schema';

function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('ehr');
  doc.body.innerHTML = html;
  return doc;
}

const sandboxBanner = (nhs: string, name = 'KHAN, Amira', born = '09-Sep-1979') =>
  `<section id="patient-banner"><h1 data-field="name">${name}</h1><span data-field="birth-date">${born}</span><dd data-field="nhs-number">${nhs}</dd></section>`;

describe('patientFromUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/ehr/patients/demo-amira-khan', 'demo-amira-khan'],
    ['http://localhost:8080/ehr/patients/example-1/contacts?tab=2', 'example-1'],
    ['http://127.0.0.1:43121/ehr/patients/a1b2.c3#summary', 'a1b2.c3'],
    ['http://127.0.0.1:8080/ehr/patients/demo-amira-khan/care-plan', 'demo-amira-khan'],
    ['http://127.0.0.1:8080/ehr/', undefined],
    ['http://127.0.0.1:8080/ehr/patients/', undefined],
    ['https://evil.example/ehr/patients/demo-amira-khan', undefined],
    ['http://127.0.0.1:8080/ehr/patients/has%20space', undefined],
    [`http://127.0.0.1:8080/ehr/patients/${'x'.repeat(65)}`, undefined],
  ])('reads %s as %s with the sandbox profile', (href, id) => {
    expect(patientFromUrl({ href }, SANDBOX_EHR_PROFILE)).toBe(id);
  });

  it('finds nothing with a banner-only profile', () => {
    expect(patientFromUrl({ href: 'http://127.0.0.1:8080/ehr/patients/demo-amira-khan' }, GENERIC_BANNER_PROFILE)).toBeUndefined();
  });

  it('recognises every example URL its profile documents', () => {
    for (const profile of BUILTIN_PROFILES) {
      for (const example of profile.examples) expect(patientFromUrl({ href: example.url }, profile)).toBe(example.id);
    }
  });
});

describe('patientFromBanner', () => {
  it('reads the NHS number, name and date of birth from the sandbox banner', () => {
    expect(patientFromBanner(page(sandboxBanner('999 001 1117')), SANDBOX_EHR_PROFILE)).toEqual({ kind: 'found', nhsNumber: '9990011117', name: 'KHAN, Amira', birthDate: '09-Sep-1979' });
  });

  it.each(['943 476 5919', '943-476-5919', '9434765919', '943\u00a0476\u00a05919'])('tolerates spaces and dashes in %s', (shown) => {
    expect(patientFromBanner(page(`<div class="patient-banner">NHS: ${shown}</div>`), GENERIC_BANNER_PROFILE)).toMatchObject({ kind: 'found', nhsNumber: '9434765919' });
  });

  it('ignores a number that fails the modulus 11 check', () => {
    expect(patientFromBanner(page('<div class="patient-banner">NHS 943 476 5918</div>'), GENERIC_BANNER_PROFILE)).toEqual({ kind: 'none' });
  });

  it('ignores ten digits inside a longer number (a phone or record number)', () => {
    expect(patientFromBanner(page('<div class="patient-banner">Ref 19434765919</div>'), GENERIC_BANNER_PROFILE)).toEqual({ kind: 'none' });
  });

  it('is ambiguous when two different NHS numbers are on screen', () => {
    const doc = page(`${sandboxBanner('999 001 1117')}${sandboxBanner('999 004 4449', 'OKAFOR, Daniel')}`);
    expect(patientFromBanner(doc, SANDBOX_EHR_PROFILE)).toEqual({ kind: 'ambiguous' });
  });

  it('is not ambiguous when the same number is shown twice', () => {
    const doc = page(`<div class="patient-banner">999 001 1117 <span>9990011117</span></div>`);
    expect(patientFromBanner(doc, GENERIC_BANNER_PROFILE)).toMatchObject({ kind: 'found', nhsNumber: '9990011117' });
  });

  it('recognises nothing (rather than throwing) with a selector the browser rejects', () => {
    const broken: EhrProfile = { ...GENERIC_BANNER_PROFILE, id: 'broken', bannerSelector: '[[[' };
    expect(patientFromBanner(page(sandboxBanner('999 001 1117')), broken)).toEqual({ kind: 'none' });
  });
});

describe('followBanner', () => {
  const amira = { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan', nhsNumber: '9990011117', name: 'KHAN, Amira' };
  const patient = (identity: Partial<typeof amira>) => ({ kind: 'patient' as const, identity: { ...amira, ...identity } });

  it.each([
    ['a new id in the URL under the previous patient’s banner (a pushState walk)', patient({ fhirId: 'demo-daniel-okafor' }), { kind: 'pending' }],
    ['a new id with a new banner', patient({ fhirId: 'demo-daniel-okafor', nhsNumber: '9990044449', name: 'OKAFOR, Daniel' }), patient({ fhirId: 'demo-daniel-okafor', nhsNumber: '9990044449', name: 'OKAFOR, Daniel' })],
    ['the same id with the same banner', patient({}), patient({})],
    ['a URL-only profile (no banner) moving to a new id', patient({ fhirId: 'x', nhsNumber: undefined, name: undefined }), patient({ fhirId: 'x', nhsNumber: undefined, name: undefined })],
    ['no patient', { kind: 'none' as const }, { kind: 'none' }],
  ])('after Amira: %s', (_case, next, expected) => {
    expect(followBanner(amira, next)).toEqual(expected);
  });

  it('passes the first patient through', () => {
    expect(followBanner(undefined, patient({}))).toEqual(patient({}));
  });
});

describe('recognisePage', () => {
  it('combines the id from the URL with the banner', () => {
    const recognition = recognisePage({ href: 'http://127.0.0.1:8080/ehr/patients/demo-amira-khan' }, page(sandboxBanner('999 001 1117')), BUILTIN_PROFILES);
    expect(recognition).toEqual({ kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan', nhsNumber: '9990011117', name: 'KHAN, Amira', birthDate: '09-Sep-1979' } });
  });

  it('waits for the banner before recognising anyone: an id in the URL alone is pending', () => {
    const loading = page('<section id="patient-banner" aria-busy="true"><p>Loading patient record…</p></section>');
    expect(recognisePage({ href: 'http://127.0.0.1:8080/ehr/patients/demo-amira-khan' }, loading, BUILTIN_PROFILES)).toEqual({ kind: 'pending' });
  });

  const amiraUrl = { href: 'http://127.0.0.1:8080/ehr/patients/demo-amira-khan' };
  const withShadowBanner = (nhs: string) => {
    const doc = page(sandboxBanner('999 001 1117') + '<div id="host"></div>');
    const shadow = doc.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div class="patient-banner">NHS ${nhs}</div>`;
    return doc;
  };
  /** The page and the document of a same-origin child frame in it (the content script finds those itself). */
  const withChildFrame = (nhs: string): [Document, Document[]] => [page(sandboxBanner('999 001 1117')), [page(`<div class="patient-banner">NHS ${nhs}</div>`)]];
  const alone = (doc: Document): [Document, Document[]] => [doc, []];

  it.each([
    ['a second patient’s banner without the profile’s hooks (found by the generic banner scan)', () => alone(page(`${sandboxBanner('999 001 1117')}<div class="patient-banner">NHS 999 004 4449</div>`))],
    ['a second patient’s banner inside an open shadow root', () => alone(withShadowBanner('999 004 4449'))],
    ['a same-origin child frame showing another patient', () => withChildFrame('999 004 4449')],
  ])('gives the "which patient is this?" notice for %s', (_case, build) => {
    const [doc, frames] = build();
    expect(recognisePage(amiraUrl, doc, BUILTIN_PROFILES, frames)).toMatchObject({ kind: 'ambiguous' });
  });

  it.each([
    ['the same patient’s number again inside an open shadow root', () => alone(withShadowBanner('999 001 1117'))],
    ['a same-origin child frame showing the same patient', () => withChildFrame('999 001 1117')],
  ])('still recognises the patient with %s', (_case, build) => {
    const [doc, frames] = build();
    expect(recognisePage(amiraUrl, doc, BUILTIN_PROFILES, frames)).toMatchObject({ kind: 'patient', identity: { fhirId: 'demo-amira-khan', nhsNumber: '9990011117' } });
  });

  it('finds a banner drawn inside an open shadow root', () => {
    const doc = page('<div id="host"></div>');
    doc.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<header role="banner">Jones, Ann · NHS No. 943 476 5919</header>';
    expect(recognisePage({ href: 'https://ehr.example.nhs.uk/record' }, doc, BUILTIN_PROFILES)).toEqual({ kind: 'patient', identity: { profileId: 'generic-nhs-banner', nhsNumber: '9434765919' } });
  });

  it('falls back to the generic banner profile on another EHR', () => {
    const recognition = recognisePage({ href: 'https://ehr.example.nhs.uk/record' }, page('<header role="banner">Jones, Ann · NHS No. 943 476 5919</header>'), BUILTIN_PROFILES);
    expect(recognition).toEqual({ kind: 'patient', identity: { profileId: 'generic-nhs-banner', nhsNumber: '9434765919' } });
  });

  it('recognises no one on a page without a patient', () => {
    expect(recognisePage({ href: 'http://127.0.0.1:8080/ehr/' }, page('<h1>My caseload</h1><p>999 001 1117</p>'), BUILTIN_PROFILES)).toEqual({ kind: 'none' });
  });

  it('gives a different key whenever the patient on screen changes', () => {
    const a = recognisePage({ href: 'http://127.0.0.1:8080/ehr/patients/a' }, page(sandboxBanner('999 001 1117')), BUILTIN_PROFILES);
    const b = recognisePage({ href: 'http://127.0.0.1:8080/ehr/patients/b' }, page(sandboxBanner('999 001 1117')), BUILTIN_PROFILES);
    expect(recognitionKey(a)).not.toBe(recognitionKey(b));
    expect(recognitionKey(a)).toBe(recognitionKey(recognisePage({ href: 'http://127.0.0.1:8080/ehr/patients/a#tab' }, page(sandboxBanner('999 001 1117')), BUILTIN_PROFILES)));
  });
});
