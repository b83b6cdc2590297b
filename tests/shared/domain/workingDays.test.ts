import { afterEach, describe, expect, it } from 'vitest';
import { addWorkingDays, easterSunday, englandAndWalesBankHolidays, isWorkingDay, workingDaysBetween, type WorkingCalendar } from '../../../shared/domain/workingDays';

const ENGLAND_AND_WALES: WorkingCalendar = { bankHolidays: 'england-and-wales', extraNonWorkingDays: [] };
const WEEKDAYS_ONLY: WorkingCalendar = { bankHolidays: 'none', extraNonWorkingDays: [] };

describe('easterSunday (Gregorian computus)', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // the latest Easter can be
    [2285, '2285-03-22'], // the earliest
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('englandAndWalesBankHolidays', () => {
  // The lists gov.uk publishes (https://www.gov.uk/bank-holidays), England and Wales.
  it.each([
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
    [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
    [2024, ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']],
    [2021, ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28']],
  ])('gives the published bank holidays of %i', (year, expected) => {
    expect(englandAndWalesBankHolidays(year)).toEqual(expected);
  });

  it('moves Christmas and Boxing Day off a weekend: Saturday 25th → Monday 27th and Tuesday 28th', () => {
    expect(englandAndWalesBankHolidays(2021).filter((d) => d.startsWith('2021-12'))).toEqual(['2021-12-27', '2021-12-28']);
  });

  it('moves Christmas Day on a Sunday to the Tuesday, Boxing Day keeping its Monday', () => {
    expect(englandAndWalesBankHolidays(2022).filter((d) => d.startsWith('2022-12'))).toEqual(['2022-12-26', '2022-12-27']);
  });

  it('moves Boxing Day alone on a Saturday to the Monday (Christmas on a Friday)', () => {
    expect(englandAndWalesBankHolidays(2026).filter((d) => d.startsWith('2026-12'))).toEqual(['2026-12-25', '2026-12-28']);
  });

  it('moves New Year’s Day on a Saturday or a Sunday to the Monday', () => {
    expect(englandAndWalesBankHolidays(2022)[0]).toBe('2022-01-03');
    expect(englandAndWalesBankHolidays(2023)[0]).toBe('2023-01-02');
  });
});

describe('isWorkingDay', () => {
  it('is Monday to Friday, less the calendar’s bank holidays and the trust’s extra days', () => {
    expect(isWorkingDay('2026-04-02', ENGLAND_AND_WALES)).toBe(true); // Thursday before Easter
    expect(isWorkingDay('2026-04-03', ENGLAND_AND_WALES)).toBe(false); // Good Friday
    expect(isWorkingDay('2026-04-04', ENGLAND_AND_WALES)).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-03', WEEKDAYS_ONLY)).toBe(true);
    expect(isWorkingDay('2026-11-30', { bankHolidays: 'none', extraNonWorkingDays: ['2026-11-30'] })).toBe(false); // St Andrew's Day, listed by a Scottish trust
  });

  it('refuses what is not a calendar date', () => {
    expect(() => isWorkingDay('2026-04', ENGLAND_AND_WALES)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-23', 5, '2026-11-30'], // Monday + 5 working days = next Monday
    ['2026-11-27', 1, '2026-11-30'], // Friday + 1 = Monday
    ['2026-11-28', 1, '2026-11-30'], // Saturday + 1 = Monday
    ['2026-11-29', 5, '2026-12-04'], // Sunday + 5 = Friday
    ['2026-11-25', 0, '2026-11-25'],
    ['2026-12-31', 1, '2027-01-04'], // New Year's Day is not a working day
    ['2026-04-02', 5, '2026-04-13'], // Thursday before Easter: Good Friday and Easter Monday are not counted
    ['2026-12-24', 1, '2026-12-29'], // Christmas Day and Boxing Day's substitute Monday
    ['9999-12-30', 5, '9999-12-31'], // capped, not an error
  ])('%s + %i working days is %s in England and Wales', (date, n, expected) => {
    expect(addWorkingDays(date, n, ENGLAND_AND_WALES)).toBe(expected);
  });

  it('counts bank holidays as working days when the calendar is none', () => {
    expect(addWorkingDays('2026-04-02', 5, WEEKDAYS_ONLY)).toBe('2026-04-09');
  });

  it('skips the extra non-working days a trust lists (a day the government adds)', () => {
    expect(addWorkingDays('2026-04-02', 5, { ...ENGLAND_AND_WALES, extraNonWorkingDays: ['2026-04-09'] })).toBe('2026-04-14');
  });

  it('refuses a negative or fractional count and a partial date', () => {
    expect(() => addWorkingDays('2026-11-23', -1, ENGLAND_AND_WALES)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 1.5, ENGLAND_AND_WALES)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11', 1, ENGLAND_AND_WALES)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2026-11-27', '2026-11-30', ENGLAND_AND_WALES)).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2026-04-02', '2026-04-13', ENGLAND_AND_WALES)).toBe(5); // over Easter
    expect(workingDaysBetween('2026-04-02', '2026-04-13', WEEKDAYS_ONLY)).toBe(7);
    expect(workingDaysBetween('2026-04-02', '2026-04-13', { ...ENGLAND_AND_WALES, extraNonWorkingDays: ['2026-04-09'] })).toBe(4);
  });

  it('is 0 for the same day, the weekend after, and an answer dated before its enquiry', () => {
    expect(workingDaysBetween('2026-11-27', '2026-11-27', ENGLAND_AND_WALES)).toBe(0);
    expect(workingDaysBetween('2026-11-27', '2026-11-29', ENGLAND_AND_WALES)).toBe(0);
    expect(workingDaysBetween('2026-11-27', '2026-11-20', ENGLAND_AND_WALES)).toBe(0);
  });

  it('is the inverse of addWorkingDays from a working day', () => {
    for (const start of ['2026-04-01', '2026-12-21', '2027-03-25', '2025-04-17']) {
      for (let n = 0; n <= 12; n += 1) expect(workingDaysBetween(start, addWorkingDays(start, n, ENGLAND_AND_WALES), ENGLAND_AND_WALES)).toBe(n);
    }
  });
});

describe('independence from the process time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each(['Pacific/Auckland', 'America/Los_Angeles', 'UTC'])('gives the same days under TZ=%s', (zone) => {
    process.env.TZ = zone;
    expect(englandAndWalesBankHolidays(2031)).toEqual(['2031-01-01', '2031-04-11', '2031-04-14', '2031-05-05', '2031-05-26', '2031-08-25', '2031-12-25', '2031-12-26']);
    expect(addWorkingDays('2026-04-02', 5, ENGLAND_AND_WALES)).toBe('2026-04-13');
  });
});
