/**
 * Working days: Monday to Friday, less the bank holidays of the trust's calendar and any extra days
 * the trust lists. The one place that decides what a working day is, so the day an answer to a
 * carer's enquiry is due (carer-enquiry-overdue, the panel's due date) and the audit's wait and
 * on-time rate agree ("We will ensure a prompt response is provided to carer enquiries"). A wrong
 * calendar moves the day due (hazard H31): a bank holiday counted brings it forward, a working day
 * skipped puts it back and an answer is reported on time, an enquiry not overdue, when neither is.
 *
 * The bank holidays of England and Wales are computed by rule, as gov.uk publishes them: New Year's
 * Day, Good Friday, Easter Monday, the first and last Mondays of May, the last Monday of August,
 * Christmas Day and Boxing Day, a day at a weekend moved to the next weekday not already a bank
 * holiday. A day the government moves or adds (a jubilee, a coronation, a state funeral) cannot be
 * computed: the trust lists it in the policy's `extraNonWorkingDays`. Scotland and Northern Ireland
 * have other days: their trusts choose the calendar `none` and list theirs.
 *
 * @see https://www.gov.uk/bank-holidays
 */
import { addDays, daysBetween, isCalendarDate, type CalendarDate } from './dates';

export const BANK_HOLIDAY_CALENDARS = ['england-and-wales', 'none'] as const;
export type BankHolidayCalendar = (typeof BANK_HOLIDAY_CALENDARS)[number];

/** Which days are not working days: the policy's `bankHolidays` and `extraNonWorkingDays`. */
export interface WorkingCalendar {
  bankHolidays: BankHolidayCalendar;
  /** Further days off, `YYYY-MM-DD` (a bank holiday the government adds, a regional one). */
  extraNonWorkingDays: readonly CalendarDate[];
}

const A_MONDAY = '2024-01-01';

/** Day of the week, 0 = Monday … 6 = Sunday. */
function weekday(date: CalendarDate): number {
  return ((daysBetween(A_MONDAY, date) % 7) + 7) % 7;
}

function dateOf(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Easter Sunday of a year in the Gregorian calendar (the anonymous Gregorian computus of Meeus,
 * Jones and Butcher).
 * @example easterSunday(2026) // '2026-04-05'
 */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateOf(year, month, day);
}

const holidays = new Map<number, readonly CalendarDate[]>();

/**
 * The bank holidays of England and Wales in a year, in date order, by rule (the days that are not
 * computable — a jubilee, a coronation, a moved early May bank holiday — are not here).
 * @example englandAndWalesBankHolidays(2026) // ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']
 */
export function englandAndWalesBankHolidays(year: number): readonly CalendarDate[] {
  const known = holidays.get(year);
  if (known !== undefined) return known;
  const easter = easterSunday(year);
  const may1 = dateOf(year, 5, 1);
  const may31 = dateOf(year, 5, 31);
  const aug31 = dateOf(year, 8, 31);
  const days: CalendarDate[] = [
    addDays(easter, -2), // Good Friday
    addDays(easter, 1), // Easter Monday
    addDays(may1, (7 - weekday(may1)) % 7), // early May: the first Monday
    addDays(may31, -weekday(may31)), // spring: the last Monday of May
    addDays(aug31, -weekday(aug31)), // summer: the last Monday of August
  ];
  // New Year's Day, Christmas Day, Boxing Day: at a weekend, the next weekday not already taken
  // (25th on a Saturday → Monday 27th, 26th → Tuesday 28th; 25th on a Sunday → Tuesday 27th).
  const substitute = (date: CalendarDate) => {
    let day = date;
    while (weekday(day) >= 5 || days.includes(day)) day = addDays(day, 1);
    days.push(day);
  };
  substitute(dateOf(year, 1, 1));
  // Boxing Day first keeps its own Monday when Christmas is on a Sunday; Christmas then takes Tuesday.
  const christmas = dateOf(year, 12, 25);
  if (weekday(christmas) === 6) {
    substitute(dateOf(year, 12, 26));
    substitute(christmas);
  } else {
    substitute(christmas);
    substitute(dateOf(year, 12, 26));
  }
  const sorted = Object.freeze(days.sort());
  holidays.set(year, sorted);
  return sorted;
}

/**
 * True when `date` is a working day of the calendar: Monday to Friday, not a bank holiday, not one
 * of the trust's extra non-working days.
 * @example isWorkingDay('2026-04-03', { bankHolidays: 'england-and-wales', extraNonWorkingDays: [] }) // false (Good Friday)
 * @throws RangeError when `date` is not a full calendar date.
 */
export function isWorkingDay(date: CalendarDate, calendar: WorkingCalendar): boolean {
  if (!isCalendarDate(date)) throw new RangeError('isWorkingDay() needs a calendar date YYYY-MM-DD (use toCalendarDate first).');
  if (weekday(date) >= 5 || calendar.extraNonWorkingDays.includes(date)) return false;
  return calendar.bankHolidays === 'none' || !englandAndWalesBankHolidays(Number(date.slice(0, 4))).includes(date);
}

/**
 * Adds `n` working days of the calendar to a date: the answer due to a carer's enquiry received on
 * `date` (a day received at a weekend or on a bank holiday counts from the next working day).
 * A result beyond 9999-12-31 is 9999-12-31 (as `addMonthsCapped`).
 * @example addWorkingDays('2026-11-27', 1, calendar) // Friday + 1 → '2026-11-30' (Monday)
 * @example addWorkingDays('2026-04-02', 5, { bankHolidays: 'england-and-wales', extraNonWorkingDays: [] }) // '2026-04-13', over Easter
 * @throws RangeError when `date` is not a full calendar date or `n` is not a whole number ≥ 0.
 */
export function addWorkingDays(date: CalendarDate, n: number, calendar: WorkingCalendar): CalendarDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('addWorkingDays() needs a whole number of days, 0 or more.');
  if (!isCalendarDate(date)) throw new RangeError('addWorkingDays() needs a calendar date YYYY-MM-DD (use toCalendarDate first).');
  let day = date;
  let left = n;
  while (left > 0) {
    // A placeholder date such as 9999-12-31 plus a few days is "not in our lifetime", not an error.
    if (day === '9999-12-31') return day;
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return day;
}

/**
 * Working days of the calendar after `from` up to and including `to`: how long a carer waited for
 * an answer. 0 when answered the same day or on the non-working days after; never negative (an
 * answer dated before its enquiry counts as 0).
 * @example workingDaysBetween('2026-11-27', '2026-11-30', calendar) // Friday → Monday: 1
 * @throws RangeError when either is not a full calendar date.
 */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate, calendar: WorkingCalendar): number {
  // Steps by count, not by comparing with `to`, so a wait ending on 9999-12-31 never steps past it.
  const span = daysBetween(from, to);
  let days = 0;
  let day = from;
  for (let i = 0; i < span; i += 1) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) days += 1;
  }
  return days;
}
