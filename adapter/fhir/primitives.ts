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
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return true;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
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
