import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addMonthsCapped,
  ageOn,
  compareDates,
  daysBetween,
  daysInMonth,
  isCalendarDate,
  isValidTimeZone,
  toCalendarDate,
  today,
} from '../../../shared/domain/dates';

const LONDON = 'Europe/London';

describe('toCalendarDate', () => {
  it('reads a ten-character date exactly as the full parser does (valid, impossible and malformed alike)', () => {
    // A trailing space sends the same text through the full parser (which trims it).
    const texts = ['2026-03-01', '2024-02-29', '2026-02-29', '2026-02-30', '0000-01-01', '0001-01-01', '9999-12-31', '2026-13-01', '2026-00-10', '2026-04-31', '2026/03/01', '2026-3-01 ', '20260301ab', '2026-03-1x', '+026-03-01'];
    let seed = 3;
    for (let i = 0; i < 2000; i += 1) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      texts.push(`${String(seed % 10000).padStart(4, '0')}-${String((seed >> 4) % 14).padStart(2, '0')}-${String((seed >> 8) % 33).padStart(2, '0')}`);
    }
    for (const text of texts) for (const zone of [LONDON, 'Pacific/Auckland']) expect(toCalendarDate(text, zone), text).toBe(toCalendarDate(`${text} `, zone));
  });

  it('returns a date as written, whatever the zone', () => {
    expect(toCalendarDate('2026-03-01', LONDON)).toBe('2026-03-01');
    expect(toCalendarDate('2026-03-01', 'Pacific/Auckland')).toBe('2026-03-01');
    expect(toCalendarDate('2026-03-01', 'America/Los_Angeles')).toBe('2026-03-01');
  });

  it.each([
    ['2026-03-01T23:30:00Z', LONDON, '2026-03-01'], // GMT in winter
    ['2026-06-30T23:30:00Z', LONDON, '2026-07-01'], // BST: already 00:30 on 1 July
    ['2026-03-29T00:59:59Z', LONDON, '2026-03-29'], // the night the clocks go forward
    ['2026-10-24T23:00:00Z', LONDON, '2026-10-25'], // 00:00 BST on the night the clocks go back
    ['2026-10-24T22:59:59Z', LONDON, '2026-10-24'],
    ['2026-03-01T23:30:00Z', 'Pacific/Auckland', '2026-03-02'],
    ['2026-03-01T05:00:00Z', 'America/Los_Angeles', '2026-02-28'],
    ['2026-03-01T10:00:00+13:00', LONDON, '2026-02-28'],
    ['2026-03-01T10:00:00-05:00', LONDON, '2026-03-01'],
    ['2026-03-01T21:00:00.123456-05:00', LONDON, '2026-03-02'],
    ['2026-03-01T10:00', LONDON, '2026-03-01'], // no offset: local time in the zone
    ['2026-12-31T23:59:60Z', LONDON, '2026-12-31'], // a leap second
    ['0050-06-01T12:00:00Z', 'UTC', '0050-06-01'], // years below 100 are not read as 19xx
  ])('reads %s in %s as %s', (iso, zone, expected) => {
    expect(toCalendarDate(iso, zone)).toBe(expected);
  });

  it('reads a partial date as its first day by default', () => {
    expect(toCalendarDate('2026', LONDON)).toBe('2026-01-01');
    expect(toCalendarDate('2026-02', LONDON)).toBe('2026-02-01');
  });

  it('reads a partial date as its last day when asked', () => {
    expect(toCalendarDate('2026', LONDON, { partial: 'end' })).toBe('2026-12-31');
    expect(toCalendarDate('2026-02', LONDON, { partial: 'end' })).toBe('2026-02-28');
    expect(toCalendarDate('2024-02', LONDON, { partial: 'end' })).toBe('2024-02-29');
    expect(toCalendarDate('2026-03-04', LONDON, { partial: 'end' })).toBe('2026-03-04');
  });

  it('tolerates surrounding white space', () => {
    expect(toCalendarDate(' 2026-03-01\n', LONDON)).toBe('2026-03-01');
  });

  it.each([
    '',
    'yesterday',
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
    '26-01-01',
    '2026/01/01',
    '2026-1-1',
    '2026-01-01T25:00:00Z',
    '2026-01-01T10:60:00Z',
    '2026-01-01T10:00:61Z',
    '2026-01-01T10:00:00+15:00',
    '2026-01-01T10:00:00+01:60',
    '2026-01-01T10Z',
    '2026-01-01 10:00:00Z',
    '20260101',
  ])('returns undefined for the invalid %j', (iso) => {
    expect(toCalendarDate(iso, LONDON)).toBeUndefined();
  });

  it('returns undefined for an unknown time zone', () => {
    expect(toCalendarDate('2026-03-01', 'Mars/Olympus_Mons')).toBeUndefined();
  });

  it('returns undefined for a value that is not a string', () => {
    expect(toCalendarDate(20260301 as unknown as string, LONDON)).toBeUndefined();
  });
});

describe('today', () => {
  it('is the calendar date of the instant in the zone', () => {
    const now = new Date('2026-06-15T23:30:00Z');
    expect(today(now, LONDON)).toBe('2026-06-16');
    expect(today(now, 'UTC')).toBe('2026-06-15');
    expect(today(now, 'Pacific/Auckland')).toBe('2026-06-16');
    expect(today(now, 'America/Los_Angeles')).toBe('2026-06-15');
  });

  it('throws a clear RangeError for an invalid Date or zone', () => {
    expect(() => today(new Date('nonsense'), LONDON)).toThrow(/valid Date/);
    expect(() => today(new Date(), 'Nowhere/Land')).toThrow(/Unknown time zone "Nowhere\/Land"/);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 3, '2026-11-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-01-15', 0, '2026-01-15'],
    ['2026-05-31', 120, '2036-05-31'],
  ])('%s + %i months = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it('rejects a partial or invalid date and a fractional count', () => {
    expect(() => addMonths('2026-02', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-02-30', 1)).toThrow(/YYYY-MM-DD/);
    expect(() => addMonths('2026-02-01', 1.5)).toThrow(/whole number/);
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });
});

describe('addMonthsCapped', () => {
  it('adds months like addMonths', () => {
    expect(addMonthsCapped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsCapped('9998-12-31', 12)).toBe('9999-12-31');
  });

  it('stops at 9999-12-31 instead of failing on a placeholder far-future date', () => {
    expect(addMonthsCapped('9999-12-31', 1)).toBe('9999-12-31');
    expect(addMonthsCapped('9999-06-15', 12)).toBe('9999-12-31');
  });

  it('still rejects an invalid date', () => {
    expect(() => addMonthsCapped('9999-13-01', 1)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-28', 1, '2026-03-29'], // across the spring clock change
    ['2026-10-24', 2, '2026-10-26'], // across the autumn clock change
    ['2026-05-18', 28, '2026-06-15'],
    ['0001-01-01', 0, '0001-01-01'],
  ])('%s + %i days = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('rejects an invalid date and a fractional count', () => {
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 0.5)).toThrow(/whole number/);
  });
});

describe('compareDates and daysBetween', () => {
  it('orders calendar dates', () => {
    expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareDates('2026-01-02', '2026-01-02')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
  });

  it('counts whole days, negative backwards', () => {
    expect(daysBetween('2026-03-01', '2026-03-29')).toBe(28);
    expect(daysBetween('2026-03-29', '2026-03-01')).toBe(-28);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('rejects invalid dates', () => {
    expect(() => compareDates('2026-01-01', 'soon')).toThrow(RangeError);
    expect(() => daysBetween('2026', '2026-01-01')).toThrow(RangeError);
  });
});

describe('ageOn', () => {
  it.each([
    ['2008-06-15', '2026-06-14', 17], // the day before the 18th birthday
    ['2008-06-15', '2026-06-15', 18], // on the birthday
    ['2008-06-15', '2026-06-16', 18],
    ['2008-02-29', '2026-02-28', 17], // born on 29 February: a year older on 1 March in a common year
    ['2008-02-29', '2026-03-01', 18],
    ['2008-02-29', '2028-02-28', 19],
    ['2008-02-29', '2028-02-29', 20], // a leap year: on the day itself
    ['2026-06-15', '2026-06-15', 0],
    ['1926-01-01', '2026-06-15', 100],
    ['2008-06-15T08:00:00+01:00', '2026-06-15', 18], // a birth dateTime: its date as written
  ])('someone born %s is %i on %s', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('reads a partial birth date as the youngest the person can be', () => {
    expect(ageOn('2008', '2026-06-15')).toBe(17); // could be 17 or 18
    expect(ageOn('2008', '2026-12-31')).toBe(18);
    expect(ageOn('2008-06', '2026-06-29')).toBe(17);
    expect(ageOn('2008-06', '2026-06-30')).toBe(18);
  });

  it('is undefined for invalid dates and births after the date', () => {
    expect(ageOn('not a date', '2026-06-15')).toBeUndefined();
    expect(ageOn('2008-02-30', '2026-06-15')).toBeUndefined();
    expect(ageOn('2026-06-16', '2026-06-15')).toBeUndefined();
    expect(ageOn('2008-06-15', '2026-06')).toBeUndefined();
  });
});

describe('small helpers', () => {
  it('knows month lengths', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 13)).toBe(0);
  });

  it('recognises full calendar dates and time zones', () => {
    expect(isCalendarDate('2026-06-15')).toBe(true);
    expect(isCalendarDate('2026-06')).toBe(false);
    expect(isCalendarDate('2026-06-31')).toBe(false);
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Europe/Londres')).toBe(false);
  });
});

describe('independence from the process time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each(['Pacific/Auckland', 'America/Los_Angeles', 'Asia/Tokyo', 'UTC', 'Europe/London'])(
    'gives the same answers when the process runs in %s',
    (zone) => {
      process.env.TZ = zone;
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone); // the process really runs in that zone
      expect(toCalendarDate('2026-06-30T23:30:00Z', LONDON)).toBe('2026-07-01');
      expect(toCalendarDate('2026-06-30', LONDON)).toBe('2026-06-30');
      expect(today(new Date('2026-06-15T23:30:00Z'), LONDON)).toBe('2026-06-16');
      expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
      expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
      expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
      expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
      expect(ageOn('2008-06-15', '2026-06-15')).toBe(18);
    },
  );
});
