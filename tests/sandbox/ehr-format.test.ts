import type { HumanName } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  formatAddress,
  formatBannerName,
  formatDate,
  formatNhsNumber,
  formatPlainName,
  nhsNumberOf,
  preferredPhone,
} from '../../sandbox/ehr/app/format';

describe('the record shows an NHS number', () => {
  it('in 3-3-4 groups', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
  it('regrouped when it was recorded with spaces', () => {
    expect(formatNhsNumber('943 4765 919')).toBe('943 476 5919');
  });
  it.each(['12345', '94347659190', '943476591X'])('as recorded when %s is not ten digits', (value) => {
    expect(formatNhsNumber(value)).toBe(value);
  });
  it('only from the NHS number identifier system', () => {
    expect(nhsNumberOf([{ system: 'https://example.org/mrn', value: '123' }, { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }])).toBe(
      '9434765919',
    );
    expect(nhsNumberOf([{ system: 'https://example.org/mrn', value: '123' }])).toBeUndefined();
  });
});

describe('the record shows dates with the month as a word', () => {
  it.each([
    ['1961-03-12', '12-Mar-1961'],
    ['2024-12-01T09:30:00+00:00', '01-Dec-2024'],
    ['1961-03', 'Mar-1961'],
    ['1961', '1961'],
    ['', ''],
    [undefined, ''],
    ['1961-13-01', '1961-13-01'],
    ['not a date', 'not a date'],
  ])('%s as %s', (value, shown) => {
    expect(formatDate(value)).toBe(shown);
  });
});

describe('age in years', () => {
  const today = new Date(2026, 2, 12);
  it('counts a birthday falling today', () => {
    expect(ageInYears('1961-03-12', today)).toBe(65);
  });
  it('does not count a birthday still to come this year', () => {
    expect(ageInYears('1961-03-13', today)).toBe(64);
  });
  it('is unknown for partial or missing dates', () => {
    expect(ageInYears('1961-03', today)).toBeUndefined();
    expect(ageInYears(undefined, today)).toBeUndefined();
  });
});

describe('names', () => {
  const names: HumanName[] = [
    { use: 'old', family: 'Jones', given: ['Mary'] },
    { use: 'official', family: 'Smith', given: ['Mary', 'Ann'], prefix: ['Mrs'] },
  ];
  it('appear in the banner as SURNAME, Given (Title), from the current official name', () => {
    expect(formatBannerName(names)).toBe('SMITH, Mary Ann (Mrs)');
  });
  it('appear in lists as Given Family', () => {
    expect(formatPlainName(names)).toBe('Mary Ann Smith');
  });
  it('fall back to the text of the name', () => {
    expect(formatBannerName([{ text: 'Mononym' }])).toBe('Mononym');
  });
  it('say so when not recorded', () => {
    expect(formatBannerName(undefined)).toBe('Name not recorded');
    expect(formatPlainName([])).toBe('Name not recorded');
  });
  it('keep markup as the characters it is made of', () => {
    expect(formatPlainName([{ family: '<b>Bold</b>', given: ['<img src=x onerror=alert(1)>'] }])).toBe('<img src=x onerror=alert(1)> <b>Bold</b>');
  });
});

describe('addresses and phones', () => {
  it('show the current home address on one line', () => {
    expect(
      formatAddress([
        { use: 'old', line: ['1 Old Road'], city: 'Leeds' },
        { use: 'home', line: ['12 High Street', 'Flat 2'], city: 'Northbridge', postalCode: 'NB1 2AB' },
      ]),
    ).toBe('12 High Street, Flat 2, Northbridge, NB1 2AB');
  });
  it('show nothing when there is no address', () => {
    expect(formatAddress(undefined)).toBe('');
  });
  it('prefer a telephone number to other contact points', () => {
    expect(preferredPhone([{ system: 'email', value: 'a@example.org' }, { system: 'phone', value: '07700 900123' }])).toBe('07700 900123');
  });
});
