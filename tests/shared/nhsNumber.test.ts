import { describe, expect, it } from 'vitest';
import { formatNhsNumber, isTestRangeNhsNumber, isValidNhsNumber, normaliseNhsNumber } from '../../shared/nhsNumber';

/** The modulus 11 check digit computed independently of the product (10 = no valid number). */
function referenceCheckDigit(nine: string): number {
  const sum = [...nine].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

describe('normaliseNhsNumber', () => {
  it.each([
    ['9434765919', '9434765919'],
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    ['  943 476 5919  ', '9434765919'],
    ['943\u00a0476\u00a05919', '9434765919'], // no-break spaces, as HTML banners write them
    ['943\u2013476\u20135919', '9434765919'], // en dashes
    ['943 - 476 - 5919', '9434765919'],
    ['9 4 3 4 7 6 5 9 1 9', '9434765919'],
  ])('reads %j as %s', (text, digits) => {
    expect(normaliseNhsNumber(text)).toBe(digits);
  });

  it.each(['', '943 476 591', '943 476 59190', '943.476.5919', 'NHS 9434765919', '943476591O', '９４３４７６５９１９', '9434765919'.repeat(5)])(
    'rejects %j',
    (text) => {
      expect(normaliseNhsNumber(text)).toBeUndefined();
    },
  );

  it('does not check the number itself', () => {
    expect(normaliseNhsNumber('943 476 5910')).toBe('9434765910');
  });

  it('returns undefined for a value that is not a string', () => {
    expect(normaliseNhsNumber(9434765919 as unknown as string)).toBeUndefined();
  });
});

describe('isValidNhsNumber', () => {
  it.each(['9434765919', '4010232137', '9990000018', '9990000026', '9990000069', '4000000020'])('accepts %s', (digits) => {
    expect(isValidNhsNumber(digits)).toBe(true);
  });

  it('rejects every wrong check digit of a real-format number', () => {
    for (let d = 0; d <= 9; d += 1) {
      expect(isValidNhsNumber(`943476591${d}`)).toBe(d === 9);
    }
  });

  it('rejects numbers whose first nine digits give a check of 10', () => {
    expect(referenceCheckDigit('999000000')).toBe(10);
    for (let d = 0; d <= 9; d += 1) expect(isValidNhsNumber(`999000000${d}`)).toBe(false);
  });

  it('rejects all ten numbers of one repeated digit, although every one passes mod 11', () => {
    for (let d = 0; d <= 9; d += 1) {
      const digits = String(d).repeat(10);
      expect(referenceCheckDigit(digits.slice(0, 9))).toBe(d);
      expect(isValidNhsNumber(digits)).toBe(false);
    }
  });

  it('rejects a leading zero (a Scottish CHI number, not an NHS number) even when it passes mod 11', () => {
    expect(referenceCheckDigit('012345678')).toBe(9);
    expect(isValidNhsNumber('0123456789')).toBe(false);
  });

  it.each(['943 476 5919', '943-476-5919', '943476591', '94347659199', '', 'abcdefghij', '９４３４７６５９１９'])('rejects unnormalised or malformed %j', (digits) => {
    expect(isValidNhsNumber(digits)).toBe(false);
  });

  it('agrees with the reference check on a sweep of numbers', () => {
    for (let n = 100_000_000; n < 100_000_000 + 5000 * 7919; n += 7919) {
      const nine = String(n);
      const check = referenceCheckDigit(nine);
      for (let d = 0; d <= 9; d += 1) {
        expect(isValidNhsNumber(`${nine}${d}`)).toBe(check === d);
      }
    }
  });
});

describe('formatNhsNumber', () => {
  it('groups the digits 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });

  it('refuses anything but 10 digits without repeating the input', () => {
    expect(() => formatNhsNumber('943 476 5919')).toThrow(RangeError);
    expect(() => formatNhsNumber('94347659')).toThrow(/needs 10 digits/);
    const thrown = (() => {
      try {
        formatNhsNumber('943476591');
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(RangeError);
    expect(String(thrown)).not.toContain('943476591');
  });

  it('round-trips with normaliseNhsNumber', () => {
    expect(normaliseNhsNumber(formatNhsNumber('9434765919'))).toBe('9434765919');
  });
});

describe('isTestRangeNhsNumber', () => {
  it.each([
    ['9990000000', true],
    ['9990000018', true],
    ['9999999999', true],
    ['9989999999', false],
    ['9434765919', false],
    ['999000001', false],
    ['999 000 0018', false],
  ])('%s → %s', (digits, expected) => {
    expect(isTestRangeNhsNumber(digits)).toBe(expected);
  });
});
