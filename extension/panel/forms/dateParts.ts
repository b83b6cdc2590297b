/**
 * The NHS.UK date input: day, month and year typed as numbers, so an en-US browser's mm/dd/yyyy
 * picker never turns 03/04 into the 4th of March. The form value stays a FHIR date (YYYY-MM-DD).
 * @see https://service-manual.nhs.uk/design-system/components/date-input
 */

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DatePartName = keyof DateParts;

export type ParsedDate =
  | { kind: 'empty' }
  | { kind: 'date'; value: string }
  | { kind: 'incomplete'; missing: DatePartName[] }
  | { kind: 'invalid'; parts: DatePartName[] };

const DIGITS = /^\d+$/;

/** The parts of a YYYY-MM-DD value (leading zeros dropped, as people type them); anything else is empty. */
export function splitIsoDate(value: string): DateParts {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (!match) return { day: '', month: '', year: '' };
  return { year: match[1] ?? '', month: String(Number(match[2])), day: String(Number(match[3])) };
}

/** Day, month and year as typed → a real calendar date, or what is missing or wrong. */
export function parseDateParts(parts: DateParts): ParsedDate {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (day === '' && month === '' && year === '') return { kind: 'empty' };
  const missing = (['day', 'month', 'year'] as const).filter((name) => ({ day, month, year })[name] === '');
  if (missing.length > 0) return { kind: 'incomplete', missing };
  const wrong: DatePartName[] = [];
  if (!DIGITS.test(day) || Number(day) < 1 || Number(day) > 31) wrong.push('day');
  if (!DIGITS.test(month) || Number(month) < 1 || Number(month) > 12) wrong.push('month');
  // Four digits: "26" is not guessed as 1926 or 2026.
  if (!/^\d{4}$/.test(year) || Number(year) < 1000) wrong.push('year');
  if (wrong.length > 0) return { kind: 'invalid', parts: wrong };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  // 31 April, 29 February in a common year: not a real date.
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return { kind: 'invalid', parts: ['day'] };
  return { kind: 'date', value: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/**
 * What the form's value holds for what was typed: the date when it is one, else the parts as typed,
 * joined with '/' so that no form's YYYY-MM-DD check can take "2027-13-12" for a date.
 */
export function formValueOf(parts: DateParts): string {
  const parsed = parseDateParts(parts);
  if (parsed.kind === 'empty') return '';
  if (parsed.kind === 'date') return parsed.value;
  return `${parts.year.trim()}/${parts.month.trim()}/${parts.day.trim()}`;
}

/** The NHS.UK error message for a date field labelled `label`, or undefined when it is fine. */
export function dateProblem(label: string, parsed: ParsedDate, required: boolean): string | undefined {
  switch (parsed.kind) {
    case 'date':
      return undefined;
    case 'empty':
      return required ? `Enter ${lowerFirst(label)}` : undefined;
    case 'incomplete':
      return `${label} must include a ${parsed.missing.join(' and ')}`;
    case 'invalid':
      return `${label} must be a real date`;
  }
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
