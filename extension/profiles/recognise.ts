import { isValidNhsNumber, normaliseNhsNumber } from '../../shared/nhsNumber';
import type { EhrProfile } from './schema';

/** What the page says about the patient on screen, read by one profile. Never rendered in the page. */
export interface PageIdentity {
  profileId: string;
  /** FHIR Patient id from the URL. */
  fhirId?: string;
  /** 10 digits, mod-11 valid. */
  nhsNumber?: string;
  /** As shown in the banner (compared with FHIR, never trusted on its own). */
  name?: string;
  birthDate?: string;
}

export type Recognition =
  | { kind: 'none' }
  /** Two different NHS numbers on screen: the patient cannot be recognised with certainty. */
  | { kind: 'ambiguous'; profileId: string }
  | { kind: 'patient'; identity: PageIdentity };

export type BannerReading =
  | { kind: 'none' }
  | { kind: 'ambiguous' }
  | { kind: 'found'; nhsNumber?: string; name?: string; birthDate?: string };

/** A location-like input, so tests pass plain objects and the content script passes `location`. */
export interface LocationLike {
  href: string;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** Ten digits, grouped 3-3-4 with optional spaces or dashes, not part of a longer number. */
const NHS_CANDIDATE = /(?<![\d-])(\d{3}[ \-\u00a0]?\d{3}[ \-\u00a0]?\d{4})(?![\d-])/g;

/** The FHIR Patient id the URL carries under this profile, or undefined. */
export function patientFromUrl(location: LocationLike, profile: EhrProfile): string | undefined {
  for (const source of profile.urlPatterns) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(source);
    } catch {
      continue;
    }
    const id = pattern.exec(location.href)?.groups?.id;
    if (id !== undefined && FHIR_ID.test(id)) return id;
  }
  return undefined;
}

/** Reads the patient banner(s): the NHS number (mod-11 checked), name and date of birth as shown. */
export function patientFromBanner(doc: ParentNode, profile: EhrProfile): BannerReading {
  if (!profile.bannerSelector) return { kind: 'none' };
  const banners = safeQueryAll(doc, profile.bannerSelector);
  const numbers = new Set<string>();
  let name: string | undefined;
  let birthDate: string | undefined;
  for (const banner of banners) {
    const sources = profile.nhsNumberSelector ? safeQueryAll(banner, profile.nhsNumberSelector) : [banner];
    for (const source of sources) for (const nhs of nhsNumbersIn(source.textContent ?? '')) numbers.add(nhs);
    name ??= textOf(banner, profile.nameSelector);
    birthDate ??= textOf(banner, profile.birthDateSelector);
  }
  if (numbers.size > 1) return { kind: 'ambiguous' };
  const [nhsNumber] = numbers;
  if (nhsNumber === undefined && name === undefined) return { kind: 'none' };
  return { kind: 'found', nhsNumber, name, birthDate };
}

/**
 * Recognises the patient on the page: the first profile that finds a FHIR id or a banner wins.
 * A profile that sees two different NHS numbers makes the whole page ambiguous.
 */
export function recognisePage(location: LocationLike, doc: ParentNode, profiles: readonly EhrProfile[]): Recognition {
  for (const profile of profiles) {
    const fhirId = patientFromUrl(location, profile);
    const banner = patientFromBanner(doc, profile);
    if (banner.kind === 'ambiguous') return { kind: 'ambiguous', profileId: profile.id };
    if (fhirId === undefined && (banner.kind === 'none' || banner.nhsNumber === undefined)) continue;
    const identity: PageIdentity = { profileId: profile.id };
    if (fhirId !== undefined) identity.fhirId = fhirId;
    if (banner.kind === 'found') {
      if (banner.nhsNumber !== undefined) identity.nhsNumber = banner.nhsNumber;
      if (banner.name !== undefined) identity.name = banner.name;
      if (banner.birthDate !== undefined) identity.birthDate = banner.birthDate;
    }
    return { kind: 'patient', identity };
  }
  return { kind: 'none' };
}

/** A key that changes whenever the patient shown (or what the page says about them) changes. */
export function recognitionKey(recognition: Recognition): string {
  if (recognition.kind === 'none') return 'none';
  if (recognition.kind === 'ambiguous') return `ambiguous|${recognition.profileId}`;
  const { profileId, fhirId, nhsNumber, name, birthDate } = recognition.identity;
  return JSON.stringify([profileId, fhirId ?? '', nhsNumber ?? '', name ?? '', birthDate ?? '']);
}

function nhsNumbersIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(NHS_CANDIDATE)) {
    const digits = normaliseNhsNumber(match[1] ?? '');
    if (digits && isValidNhsNumber(digits)) found.push(digits);
  }
  return found;
}

function textOf(root: ParentNode, selector: string | undefined): string | undefined {
  if (!selector) return undefined;
  const text = safeQueryAll(root, selector)[0]?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 200) : undefined;
}

function safeQueryAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    // A trust profile with a selector this browser rejects recognises nothing rather than throwing.
    return [];
  }
}
