/**
 * NHS numbers: the 10-digit identifier of a patient in England, Wales and the Isle of Man
 * (FHIR identifier system `https://fhir.nhs.uk/Id/nhs-number`).
 *
 * Error messages and results never echo the number itself: it is patient data.
 *
 * @see https://www.datadictionary.nhs.uk/attributes/nhs_number.html
 */

const TEN_DIGITS = /^\d{10}$/;
// Separators people and EHR banners put between the 3-3-4 groups: spaces (incl. no-break and thin
// spaces) and dashes (hyphen, non-breaking hyphen, en dash, minus sign).
const SEPARATORS = /[\s\u00a0\u2009\u202f\-\u2010\u2011\u2012\u2013\u2212]/g;

/**
 * The 10 digits of an NHS number as written by a person or an EHR ("943 476 5919",
 * "943-476-5919", "9434765919"), or `undefined` when the text is not 10 digits once spaces and
 * dashes are removed. It does not check the number: use {@link isValidNhsNumber} on the result.
 */
export function normaliseNhsNumber(text: string): string | undefined {
  if (typeof text !== 'string' || text.length > 40) return undefined;
  const digits = text.replace(SEPARATORS, '');
  return TEN_DIGITS.test(digits) ? digits : undefined;
}

/** The modulus 11 check digit for the first nine digits, or `undefined` when none exists (remainder 1 → 10). */
function checkDigit(nineDigits: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(nineDigits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/**
 * True when `digits` (exactly 10 ASCII digits, no spaces) is an NHS number someone can hold.
 *
 * 1. The modulus 11 check: weights 10..2 on the first nine digits, check = 11 − (sum mod 11);
 *    11 means 0, and 10 means no valid number has these nine digits.
 * 2. Numbers that pass the check but are never issued, so a typo or a placeholder can never match
 *    a real patient:
 *    - all ten digits the same (0000000000, 1111111111, …): placeholders typed to get past a form,
 *      and every one of the ten passes mod 11;
 *    - a leading zero: no NHS number starts with 0; such numbers are Scottish CHI numbers (which
 *      begin with the day of birth, 01–31), a different identifier system with the same check.
 *
 * The test range 999 000 0000 – 999 999 9999 passes (it is used for synthetic patients);
 * see {@link isTestRangeNhsNumber}.
 */
export function isValidNhsNumber(digits: string): boolean {
  if (typeof digits !== 'string' || !TEN_DIGITS.test(digits)) return false;
  if (digits.startsWith('0')) return false;
  if (/^(\d)\1{9}$/.test(digits)) return false;
  return checkDigit(digits.slice(0, 9)) === Number(digits[9]);
}

/**
 * Displays an NHS number in the 3-3-4 groups people read it in ("943 476 5919").
 * @throws RangeError when `digits` is not 10 digits (the message does not repeat the input).
 */
export function formatNhsNumber(digits: string): string {
  if (typeof digits !== 'string' || !TEN_DIGITS.test(digits)) {
    throw new RangeError('formatNhsNumber() needs 10 digits (normalise the NHS number first).');
  }
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * True when `digits` is in 999 000 0000 – 999 999 9999, the range never issued to real people and
 * reserved for test and synthetic data (the sandbox's caseload uses it). Says nothing about the
 * check digit: combine with {@link isValidNhsNumber}.
 */
export function isTestRangeNhsNumber(digits: string): boolean {
  return typeof digits === 'string' && TEN_DIGITS.test(digits) && digits.startsWith('999');
}
