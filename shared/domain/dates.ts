/**
 * Calendar-date arithmetic on ISO 8601 strings, as FHIR writes them.
 *
 * Every rule in Carer Prompts is about calendar days in the trust's time zone ("offered on 3 March,
 * follow up after 28 days"), never about instants. So the domain converts each FHIR date or dateTime
 * once, with {@link toCalendarDate}, into a `YYYY-MM-DD` string in the policy's zone, and does all
 * arithmetic on those strings with the UTC calendar (which has no daylight-saving gaps). Nothing here
 * reads the process time zone or the clock: `now` and the zone are always arguments, so the results
 * are the same on a laptop in Auckland and a server in London.
 *
 * Partial FHIR dates (`YYYY`, `YYYY-MM`) are real in carer records (a birth year, "identified in
 * March"). {@link toCalendarDate} resolves them to the first day of the period by default, or the
 * last with `{ partial: 'end' }`; each caller chooses the reading that errs on the safe side and says
 * why. {@link ageOn} reads a partial birth date as the latest day it can mean, i.e. the youngest the
 * person can be, so a possible young carer is never missed.
 *
 * @see https://hl7.org/fhir/R4/datatypes.html#date
 * @see https://hl7.org/fhir/R4/datatypes.html#dateTime
 */

/** A full calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface CalendarDateOptions {
  /** How to read a partial date (`YYYY`, `YYYY-MM`): its first day (default) or its last day. */
  partial?: 'start' | 'end';
}

// FHIR date / dateTime / instant: year, then optionally month, day, and a time with optional seconds,
// fraction and offset. The time zone is required by FHIR when a time is given; we tolerate its absence
// (a local time is read as already being in the trust's zone).
const ISO_DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MS_PER_DAY = 86_400_000;

interface Parts {
  year: number;
  month?: number;
  day?: number;
  /** Present when the string carries a time with an explicit offset: the instant it denotes. */
  instant?: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatDate(year: number, month: number, day: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function parseIso(iso: string): Parts | undefined {
  const m = ISO_DATE_TIME.exec(iso.trim());
  if (!m) return undefined;
  const [, y, mo, d, hh, mi, ss, offset] = m;
  const year = Number(y);
  if (year < 1) return undefined;
  if (mo === undefined) return { year };
  const month = Number(mo);
  if (month < 1 || month > 12) return undefined;
  if (d === undefined) return { year, month };
  const day = Number(d);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hh === undefined) return { year, month, day };
  const hour = Number(hh);
  const minute = Number(mi);
  const second = ss === undefined ? 0 : Number(ss);
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  if (offset === undefined) return { year, month, day };
  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  // Leap seconds (":60") are read as the last second of the minute.
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, Math.min(second, 59));
  const instant = utc.getTime() - offsetMinutes * 60_000;
  return { year, month, day, instant };
}

import { BoundedMemo } from './boundedMemo';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per formatter: the calendar date of each instant seen (Intl's formatToParts is the audit's dearest date step). */
const instantDates = new WeakMap<Intl.DateTimeFormat, BoundedMemo<number, CalendarDate | undefined>>();
/** Day numbers of the calendar dates seen: a caseload has a few thousand distinct dates, compared millions of times. */
const epochDays = new BoundedMemo<CalendarDate, number | undefined>(50_000);
const MEMO_LIMIT = 50_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' });
    } catch {
      return undefined;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA time zone this runtime knows (e.g. `Europe/London`). */
export function isValidTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== undefined;
}

function calendarDateOfInstant(instant: number, formatter: Intl.DateTimeFormat): CalendarDate | undefined {
  if (!Number.isFinite(instant)) return undefined;
  let memo = instantDates.get(formatter);
  if (memo === undefined) {
    memo = new BoundedMemo(MEMO_LIMIT);
    instantDates.set(formatter, memo);
  }
  return memo.get(instant, (at) => formatInstant(at, formatter));
}

function formatInstant(instant: number, formatter: Intl.DateTimeFormat): CalendarDate | undefined {
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  for (const part of formatter.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  if (year === undefined || month === undefined || day === undefined) return undefined;
  return formatDate(year, month, day);
}

/**
 * The calendar date (`YYYY-MM-DD`) a FHIR date or dateTime falls on in `timeZone`.
 *
 * - A date (`2026-03-01`) is returned as written: dates have no zone.
 * - A dateTime with an offset (`2026-03-01T23:30:00Z`) is converted to the zone (in
 *   `Pacific/Auckland` that is 2 March).
 * - A dateTime without an offset is read as local time in the zone, i.e. its date part.
 * - A partial date (`2026`, `2026-03`) becomes its first day, or its last with `{ partial: 'end' }`.
 *
 * Returns `undefined` for anything that is not a valid FHIR date / dateTime (`2026-02-30`,
 * `yesterday`, an empty string) or when the zone is unknown.
 *
 * @example toCalendarDate('2026-06-30T23:30:00Z', 'Europe/London') // '2026-07-01' (BST)
 * @example toCalendarDate('2026-02', 'Europe/London', { partial: 'end' }) // '2026-02-28'
 */
export function toCalendarDate(iso: string, timeZone: string, options: CalendarDateOptions = {}): CalendarDate | undefined {
  if (typeof iso !== 'string') return undefined;
  const formatter = formatterFor(timeZone);
  if (!formatter) return undefined;
  // A full date is its own calendar date: most FHIR dates are, and the audit converts millions of them.
  if (iso.length === 10 && epochDays.get(iso, epochDayOfValid) !== undefined) return iso;
  const parts = parseIso(iso);
  if (!parts) return undefined;
  if (parts.instant !== undefined) return calendarDateOfInstant(parts.instant, formatter);
  const end = options.partial === 'end';
  const month = parts.month ?? (end ? 12 : 1);
  const day = parts.day ?? (end ? daysInMonth(parts.year, month) : 1);
  return formatDate(parts.year, month, day);
}

/**
 * Today's calendar date in `timeZone` at the instant `now`.
 * @throws RangeError when `now` is an invalid Date or the zone is unknown (a programming error: the
 * policy's zone is validated when the policy is parsed).
 */
export function today(now: Date, timeZone: string): CalendarDate {
  const formatter = formatterFor(timeZone);
  if (!formatter) throw new RangeError(`Unknown time zone "${timeZone}": expected an IANA zone such as Europe/London.`);
  const date = calendarDateOfInstant(now.getTime(), formatter);
  if (date === undefined) throw new RangeError('today() needs a valid Date for "now".');
  return date;
}

function parseFull(date: CalendarDate, fn: string): { year: number; month: number; day: number } {
  const m = FULL_DATE.exec(date);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`${fn}() needs a calendar date YYYY-MM-DD (use toCalendarDate first).`);
  }
  return { year, month, day };
}

function epochDay(date: CalendarDate, fn: string): number {
  const days = typeof date === 'string' ? epochDays.get(date, epochDayOfValid) : undefined;
  if (days !== undefined) return days;
  parseFull(date, fn); // throws the caller's own message: an invalid date is never remembered as a number
  throw new RangeError(`${fn}() needs a calendar date YYYY-MM-DD (use toCalendarDate first).`);
}

function epochDayOfValid(date: CalendarDate): number | undefined {
  let parts: { year: number; month: number; day: number };
  try {
    parts = parseFull(date, 'epochDay');
  } catch {
    return undefined;
  }
  const utc = new Date(0);
  utc.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

function fromEpochDay(days: number): CalendarDate {
  const utc = new Date(days * MS_PER_DAY);
  return formatDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

/** True when `date` is a valid full calendar date `YYYY-MM-DD`. */
export function isCalendarDate(date: string): boolean {
  try {
    parseFull(date, 'isCalendarDate');
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds `n` calendar months (negative to subtract), clamping to the end of a shorter month, as people
 * count "in three months": 31 January + 1 month = 28 February (29 in a leap year).
 *
 * @example addMonths('2026-01-31', 1) // '2026-02-28'
 * @example addMonths('2024-02-29', 12) // '2025-02-28'
 * @throws RangeError when `date` is not a full calendar date or `n` is not an integer.
 */
export function addMonths(date: CalendarDate, n: number): CalendarDate {
  const { year, month, day } = parseFull(date, 'addMonths');
  if (!Number.isInteger(n)) throw new RangeError('addMonths() needs a whole number of months.');
  const index = year * 12 + (month - 1) + n;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  if (newYear < 1 || newYear > 9999) throw new RangeError('addMonths() result is outside years 0001–9999.');
  return formatDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/**
 * {@link addMonths} for deadlines computed from record dates: a result beyond 9999-12-31 (a
 * placeholder date such as 9999-12-31 plus a review interval) is 9999-12-31, i.e. "not in our
 * lifetime", instead of an error.
 */
export function addMonthsCapped(date: CalendarDate, n: number): CalendarDate {
  const { year, month } = parseFull(date, 'addMonthsCapped');
  if (Number.isInteger(n) && year * 12 + (month - 1) + n > 9999 * 12 + 11) return '9999-12-31';
  return addMonths(date, n);
}

/**
 * Adds `n` calendar days (negative to subtract).
 * @example addDays('2026-02-28', 1) // '2026-03-01'
 * @throws RangeError when `date` is not a full calendar date or `n` is not an integer.
 */
export function addDays(date: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError('addDays() needs a whole number of days.');
  return fromEpochDay(epochDay(date, 'addDays') + n);
}

/**
 * Orders two calendar dates: negative when `a` is before `b`, 0 when equal, positive when after.
 * @throws RangeError when either is not a full calendar date.
 */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Math.sign(epochDay(a, 'compareDates') - epochDay(b, 'compareDates'));
}

/**
 * Whole days from `from` to `to` (positive when `to` is later).
 * @example daysBetween('2026-03-01', '2026-03-29') // 28
 * @throws RangeError when either is not a full calendar date.
 */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return epochDay(to, 'daysBetween') - epochDay(from, 'daysBetween');
}

/**
 * Age in completed years on the calendar date `on`.
 *
 * - A person attains an age at the start of the anniversary of their birth (Family Law Reform Act
 *   1969 s.9); someone born on 29 February turns a year older on 1 March in a common year, the usual
 *   reading in England and Wales (a young carer stays under 18 until then).
 * - A partial birth date (`2008`, `2008-05`) is read as its last possible day, giving the youngest
 *   age the person can be: a carer who may be under 18 is treated as under 18.
 * - Returns `undefined` when either date is invalid or the birth date is after `on`.
 *
 * @example ageOn('2008-06-15', '2026-06-15') // 18
 * @example ageOn('2008-02-29', '2026-02-28') // 17
 */
export function ageOn(birthDate: string, on: CalendarDate): number | undefined {
  if (typeof birthDate !== 'string' || !isCalendarDate(on)) return undefined;
  // A birth date is a date, never converted between zones: take the date part as written.
  const datePart = birthDate.trim().slice(0, 10);
  const parts = parseIso(datePart);
  if (!parts) return undefined;
  const birthMonth = parts.month ?? 12;
  const birthDay = parts.day ?? daysInMonth(parts.year, birthMonth);
  const { year, month, day } = parseFull(on, 'ageOn');
  let age = year - parts.year;
  if (month < birthMonth || (month === birthMonth && day < birthDay)) age -= 1;
  return age < 0 ? undefined : age;
}

/**
 * The instant (epoch milliseconds) a FHIR dateTime names when it carries a time of day and an
 * offset; `undefined` for a date, a partial date, a time without an offset, or anything invalid.
 * Ordering decisions needs to know which records can be put in order within a day and which cannot.
 *
 * @example timeOfDayInstant('2026-03-01T10:00:00Z') // 1772359200000
 * @example timeOfDayInstant('2026-03-01') // undefined
 */
export function timeOfDayInstant(iso: string): number | undefined {
  if (typeof iso !== 'string') return undefined;
  return parseIso(iso)?.instant;
}
