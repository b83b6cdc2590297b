/** Calendar arithmetic on UTC dates for the generator (FHIR `date` values are calendar dates). */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of `now` shifted by `days` (negative = in the past). */
export function dayOffset(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** A FHIR dateTime `days` from `now` at a fixed daytime hour (UTC, with an explicit offset). */
export function dateTimeOffset(now: Date, days: number, hour = 10): string {
  const date = dayOffset(now, days);
  return `${date}T${String(hour).padStart(2, '0')}:00:00Z`;
}

/** Birth date of someone `years` old (plus `extraDays` past their birthday) on `now`. */
export function birthDateForAge(now: Date, years: number, extraDays = 0): string {
  const birth = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()));
  return new Date(birth.getTime() - extraDays * DAY_MS).toISOString().slice(0, 10);
}
