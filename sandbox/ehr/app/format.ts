/**
 * How the record shows people, dates and identifiers. Pure functions (the clock is an argument) so
 * the banner's formats are specified by tests, as NHS display standards describe them.
 */
import type { Address, ContactPoint, HumanName } from '@medplum/fhirtypes';
import { SYSTEM } from '../../../shared/terminology';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const FHIR_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/**
 * NHS number in the 3-3-4 grouping the NHS display standard asks for.
 *
 * @example formatNhsNumber('9434765919') // '943 476 5919'
 * Anything that is not ten digits (after removing spaces) is shown as recorded, so bad data stays visible.
 */
export function formatNhsNumber(value: string): string {
  const digits = value.replace(/\s+/g, '');
  if (!/^\d{10}$/.test(digits)) return value.trim();
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * A FHIR date or dateTime as the NHS banner shows dates, with the month as a word so day and month
 * cannot be confused: `12-Mar-1961`. Partial dates keep their precision (`Mar-1961`, `1961`).
 * Times are dropped: the calendar date as written is what a clinician reads.
 */
export function formatDate(value: string | undefined): string {
  if (!value) return '';
  const match = FHIR_DATE.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const monthName = month === undefined ? undefined : MONTHS[Number(month) - 1];
  if (month !== undefined && monthName === undefined) return value;
  if (monthName === undefined) return year ?? value;
  if (day === undefined) return `${monthName}-${year}`;
  return `${day}-${monthName}-${year}`;
}

/** Whole years between a FHIR birth date (at least year-month-day) and `today`; undefined when unknown. */
export function ageInYears(birthDate: string | undefined, today: Date): number | undefined {
  const match = birthDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = today.getFullYear() - year;
  const beforeBirthday = today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : undefined;
}

/** The name in current use: official first, then usual, then the first recorded; never an old name. */
export function preferredName(names: readonly HumanName[] | undefined): HumanName | undefined {
  const current = (names ?? []).filter((name) => name.use !== 'old' && !name.period?.end);
  return current.find((name) => name.use === 'official') ?? current.find((name) => name.use === 'usual') ?? current[0];
}

/**
 * The banner form of a name (NHS common user interface): `SURNAME, Given Names (Title)`.
 * Falls back to HumanName.text when the parts are missing.
 *
 * @example formatBannerName([{ family: 'Bloggs', given: ['Joe'], prefix: ['Mr'] }]) // 'BLOGGS, Joe (Mr)'
 */
export function formatBannerName(names: readonly HumanName[] | undefined): string {
  const name = preferredName(names);
  if (!name) return 'Name not recorded';
  const family = name.family?.trim();
  const given = (name.given ?? []).map((part) => part.trim()).filter(Boolean).join(' ');
  const title = (name.prefix ?? []).map((part) => part.trim()).filter(Boolean).join(' ');
  if (!family && !given) return name.text?.trim() || 'Name not recorded';
  const core = [family?.toUpperCase(), given].filter(Boolean).join(', ');
  return title ? `${core} (${title})` : core;
}

/** A name as written in running text and lists: `Given Family`. */
export function formatPlainName(names: readonly HumanName[] | undefined): string {
  const name = preferredName(names);
  if (!name) return 'Name not recorded';
  const parts = [...(name.given ?? []), name.family ?? ''].map((part) => part.trim()).filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : name.text?.trim() || 'Name not recorded';
}

/** The home address in current use, on one line. */
export function formatAddress(addresses: readonly Address[] | undefined): string {
  const current = (addresses ?? []).filter((address) => address.use !== 'old' && !address.period?.end);
  const address = current.find((candidate) => candidate.use === 'home') ?? current[0];
  if (!address) return '';
  const parts = [...(address.line ?? []), address.city, address.district, address.postalCode];
  const text = parts.map((part) => part?.trim()).filter(Boolean).join(', ');
  return text || address.text?.trim() || '';
}

/** The first telephone number in current use, else the first contact point with a value. */
export function preferredPhone(telecom: readonly ContactPoint[] | undefined): string {
  const current = (telecom ?? []).filter((point) => point.value && !point.period?.end);
  return (current.find((point) => point.system === 'phone') ?? current[0])?.value?.trim() ?? '';
}

/** The NHS number from Patient.identifier, if one is recorded. */
export function nhsNumberOf(identifiers: readonly { system?: string; value?: string }[] | undefined): string | undefined {
  return identifiers?.find((identifier) => identifier.system === SYSTEM.nhsNumber && identifier.value)?.value;
}

const GENDER: Readonly<Record<string, string>> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Not known' };

export function formatGender(gender: string | undefined): string {
  return (gender && GENDER[gender]) ?? 'Not recorded';
}
