import { describe, expect, it } from 'vitest';
import { dateProblem, formValueOf, parseDateParts, splitIsoDate } from '../../../../extension/panel/forms/dateParts';

describe('the day / month / year date input', () => {
  it.each([
    [{ day: '30', month: '6', year: '2027' }, '2027-06-30'],
    [{ day: '01', month: '02', year: '2026' }, '2026-02-01'],
    [{ day: ' 9 ', month: '12', year: '2026' }, '2026-12-09'],
    [{ day: '29', month: '2', year: '2028' }, '2028-02-29'],
  ])('reads %o as the FHIR date %s', (parts, value) => {
    expect(parseDateParts(parts)).toEqual({ kind: 'date', value });
    expect(formValueOf(parts)).toBe(value);
  });

  it('says which parts are missing', () => {
    expect(parseDateParts({ day: '3', month: '', year: '' })).toEqual({ kind: 'incomplete', missing: ['month', 'year'] });
    expect(dateProblem('Review by', parseDateParts({ day: '3', month: '', year: '' }), true)).toBe('Review by must include a month and year');
  });

  it.each([
    [{ day: '31', month: '4', year: '2027' }],
    [{ day: '29', month: '2', year: '2027' }],
    [{ day: '12', month: '13', year: '2027' }],
    [{ day: '12', month: '3', year: '27' }],
    [{ day: 'x', month: '3', year: '2027' }],
  ])('refuses %o as not a real date (never guessing a two-digit year)', (parts) => {
    expect(parseDateParts(parts).kind).toBe('invalid');
    expect(dateProblem('Date', parseDateParts(parts), false)).toBe('Date must be a real date');
    expect(formValueOf(parts)).not.toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('is empty when nothing is typed: an error only when the date is required', () => {
    const empty = parseDateParts({ day: '', month: '', year: '' });
    expect(dateProblem('Review by', empty, true)).toBe('Enter review by');
    expect(dateProblem('Date of birth', empty, false)).toBeUndefined();
    expect(formValueOf({ day: '', month: '', year: '' })).toBe('');
  });

  it('shows a stored date as people type it, and nothing for a value that is not a date', () => {
    expect(splitIsoDate('2027-06-03')).toEqual({ day: '3', month: '6', year: '2027' });
    expect(splitIsoDate('2027-6-')).toEqual({ day: '', month: '', year: '' });
  });
});
