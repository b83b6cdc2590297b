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
  /** A patient page whose banner has not shown who it is (still loading, or only the URL changed): nothing is read yet. */
  | { kind: 'pending' }
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
 * Recognises the patient on the page. Every profile looks (the built-in generic banner scan
 * included), in the page, its open shadow roots and its same-origin child frames: more than one
 * NHS number anywhere makes the page ambiguous. The patient is the first profile's that finds a
 * FHIR id or a banner in the page itself. A profile with a banner must see the banner say who it
 * is before anyone is read: an id in the URL alone is `pending`.
 */
export function recognisePage(location: LocationLike, doc: ParentNode, profiles: readonly EhrProfile[], childDocuments: readonly ParentNode[] = sameOriginChildDocuments(doc)): Recognition {
  const documents = [doc, ...childDocuments];
  const numbers = new Set<string>();
  let found: Recognition | undefined;
  for (const profile of profiles) {
    const fhirId = patientFromUrl(location, profile);
    for (const [index, where] of documents.entries()) {
      const banner = patientFromBanner(where, profile);
      if (banner.kind === 'ambiguous') return { kind: 'ambiguous', profileId: profile.id };
      if (banner.kind === 'found' && banner.nhsNumber !== undefined) numbers.add(banner.nhsNumber);
      if (index > 0 || found !== undefined) continue;
      if (fhirId === undefined && (banner.kind === 'none' || banner.nhsNumber === undefined)) continue;
      if (banner.kind === 'none' && profile.bannerSelector) {
        found = { kind: 'pending' };
        continue;
      }
      const identity: PageIdentity = { profileId: profile.id };
      if (fhirId !== undefined) identity.fhirId = fhirId;
      if (banner.kind === 'found') {
        if (banner.nhsNumber !== undefined) identity.nhsNumber = banner.nhsNumber;
        if (banner.name !== undefined) identity.name = banner.name;
        if (banner.birthDate !== undefined) identity.birthDate = banner.birthDate;
      }
      found = { kind: 'patient', identity };
    }
  }
  if (numbers.size > 1) return { kind: 'ambiguous', profileId: found?.kind === 'patient' ? found.identity.profileId : (profiles[0]?.id ?? 'unknown') };
  return found ?? { kind: 'none' };
}

/**
 * The next recognition, given the last patient recognised: a new id in the URL while the previous
 * patient's banner is still on screen is `pending` until the banner changes. So reads follow the
 * banner, and a page that walks `pushState` through ids reads no one.
 */
export function followBanner(previous: PageIdentity | undefined, next: Recognition): Recognition {
  if (next.kind !== 'patient' || previous === undefined) return next;
  const { fhirId, nhsNumber, name } = next.identity;
  const bannerShowsSomeone = nhsNumber !== undefined || name !== undefined;
  const sameBanner = nhsNumber === previous.nhsNumber && name === previous.name;
  return fhirId !== undefined && fhirId !== previous.fhirId && bannerShowsSomeone && sameBanner ? { kind: 'pending' } : next;
}

/** A key that changes whenever the patient shown (or what the page says about them) changes. */
export function recognitionKey(recognition: Recognition): string {
  if (recognition.kind === 'none' || recognition.kind === 'pending') return recognition.kind;
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

/** Matches in `root` and in every open shadow root under it (a banner drawn by a web component counts). */
function safeQueryAll(root: ParentNode, selector: string): Element[] {
  try {
    const found = Array.from(root.querySelectorAll(selector));
    for (const shadow of openShadowRoots(root)) found.push(...shadow.querySelectorAll(selector));
    return found;
  } catch {
    // A trust profile with a selector this browser rejects recognises nothing rather than throwing.
    return [];
  }
}

/** Every open shadow root under `root`, nested ones included. */
export function openShadowRoots(root: ParentNode): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const visit = (node: ParentNode): void => {
    for (const element of Array.from(node.querySelectorAll('*'))) {
      const shadow = element.shadowRoot;
      if (shadow) {
        roots.push(shadow);
        visit(shadow);
      }
    }
  };
  visit(root);
  return roots;
}

/** Documents of same-origin child frames (another origin's frame gives null and is skipped). */
export function sameOriginChildDocuments(root: ParentNode): Document[] {
  const documents: Document[] = [];
  for (const frame of safeQueryAll(root, 'iframe, frame')) {
    try {
      const child = (frame as HTMLIFrameElement).contentDocument;
      if (child?.documentElement) documents.push(child, ...sameOriginChildDocuments(child));
    } catch {
      // Another origin: not readable, and not ours to read.
    }
  }
  return documents;
}
