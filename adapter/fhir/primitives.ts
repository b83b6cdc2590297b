/**
 * FHIR R4 primitive types as zod schemas, with the regular expressions the specification gives.
 * Reading rejects what the code would misread (a "date" that is not a date sorts and compares wrongly),
 * and nothing else.
 *
 * @see https://hl7.org/fhir/R4/datatypes.html#primitive
 */
import { z } from 'zod';

/** @see https://hl7.org/fhir/R4/datatypes.html#id */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const TIME = 'T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
const MONTH_DAY = '(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?';

/** @see https://hl7.org/fhir/R4/datatypes.html#date */
export const FHIR_DATE = new RegExp(`^${YEAR}${MONTH_DAY}$`);
/** @see https://hl7.org/fhir/R4/datatypes.html#dateTime */
export const FHIR_DATE_TIME = new RegExp(`^${YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(${TIME})?)?)?$`);
/** @see https://hl7.org/fhir/R4/datatypes.html#instant */
export const FHIR_INSTANT = new RegExp(`^${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])${TIME}$`);

/** "Dates SHALL be valid dates": the regular expressions alone accept 2026-02-31. */
export function isCalendarValid(value: string): boolean {
  // Read digit by digit: every resource of an audit has several dates, and a RegExp match plus a
  // Date per date showed in the profile.
  if (value.length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return true;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (year < 0 || month < 0 || day < 0) return true;
  return day <= daysInMonth(year, month);
}

/** The number written by `length` ASCII digits at `start`, or -1 when one of them is not a digit. */
function digits(value: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i += 1) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days in `month` of `year` as Date.UTC counts them (months past 12 roll into the next year; years 0–99 are 1900–1999). */
function daysInMonth(year: number, month: number): number {
  if (month < 1 || month > 12) return new Date(Date.UTC(year, month, 0)).getUTCDate();
  const y = year < 100 ? year + 1900 : year;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const isFhirDate = (value: unknown): value is string =>
  typeof value === 'string' && FHIR_DATE.test(value) && isCalendarValid(value);
export const isFhirDateTime = (value: unknown): value is string =>
  typeof value === 'string' && FHIR_DATE_TIME.test(value) && isCalendarValid(value);
export const isFhirInstant = (value: unknown): value is string =>
  typeof value === 'string' && FHIR_INSTANT.test(value) && isCalendarValid(value);
export const isFhirId = (value: unknown): value is string => typeof value === 'string' && FHIR_ID.test(value);

export const fhirId = z.string().refine(isFhirId, { error: 'not a FHIR id' });
export const fhirDate = z.string().refine(isFhirDate, { error: 'not a FHIR date' });
export const fhirDateTime = z.string().refine(isFhirDateTime, { error: 'not a FHIR dateTime' });
export const fhirInstant = z.string().refine(isFhirInstant, { error: 'not a FHIR instant' });
/** FHIR `string`/`code`/`uri`: any JSON string (the server has checked the finer rules). */
export const fhirString = z.string();
