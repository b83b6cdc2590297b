/**
 * Checks on what the builders are given. A builder never sends an invalid resource to the server:
 * bad input is refused with a WriteInputError saying which field is wrong (never its value, which
 * may be patient data).
 */
import { FHIR_ID, isFhirDate, isFhirDateTime, isFhirInstant } from '../../fhir/primitives';
import type { RawResource } from '../../fhir/rawStore';

export class WriteInputError extends Error {
  override readonly name = 'WriteInputError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireDate(value: string, field: string): string {
  if (!isFhirDate(value)) throw new WriteInputError(`${field} must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  return value;
}

export function requireDateTime(value: string, field: string): string {
  if (!isFhirDateTime(value)) throw new WriteInputError(`${field} must be a FHIR date or dateTime (with a time zone when it has a time)`);
  return value;
}

export function requireInstant(value: string, field: string): string {
  if (!isFhirInstant(value)) throw new WriteInputError(`${field} must be a FHIR instant (date, time to the second and time zone)`);
  return value;
}

export function requireUuid(value: string, field: string): string {
  if (!UUID.test(value)) throw new WriteInputError(`${field} must be a UUID`);
  return value.toLowerCase();
}

/** "Type/id" with a FHIR id, of the given type. */
export function requireReference<T extends string>(value: string, type: T, field: string): `${T}/${string}` {
  const [actualType, id, ...rest] = value.split('/');
  if (actualType !== type || id === undefined || !FHIR_ID.test(id) || rest.length > 0) {
    throw new WriteInputError(`${field} must be a reference of the form ${type}/<id>`);
  }
  return value as `${T}/${string}`;
}

export function requireText(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new WriteInputError(`${field} must not be empty`);
  return trimmed;
}

export function requireRaw(raw: RawResource, type: string, what: string): void {
  if (typeof raw !== 'object' || raw === null || raw.resourceType !== type) {
    throw new WriteInputError(`${what} needs a ${type} as read from the server`);
  }
}

/** A deep copy of the raw resource to change: the caller's copy (and the RawStore's) stay as received. */
export function copyOf(raw: RawResource): RawResource {
  return structuredClone(raw);
}
