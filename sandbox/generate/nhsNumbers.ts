import { isValidNhsNumber } from '../../shared/nhsNumber';

/**
 * NHS numbers for synthetic patients, all from 999 000 0000 – 999 999 9999: the range never
 * issued to real people, so no generated record can be mistaken for (or matched to) a real one.
 */

/** The valid test-range NHS number starting 999 + these six digits, or undefined when none exists (mod 11 gives 10). */
export function testRangeNhsNumber(sixDigits: number): string | undefined {
  const nine = `999${String(sixDigits).padStart(6, '0')}`;
  for (let d = 0; d <= 9; d += 1) {
    if (isValidNhsNumber(`${nine}${d}`)) return `${nine}${d}`;
  }
  return undefined;
}

/**
 * Distinct test-range NHS numbers in a seed-dependent order: a stride coprime to 10^6 walks every
 * six-digit block exactly once, skipping blocks with no valid check digit and numbers in `exclude`.
 */
export function* testRangeNhsNumbers(seed: number, exclude: ReadonlySet<string>): Generator<string> {
  const space = 1_000_000;
  const stride = 7919 * 2 + 1; // odd and not a multiple of 5: coprime to 10^6
  const start = ((seed * 104_729) % space + space) % space;
  for (let k = 0; k < space; k += 1) {
    const candidate = testRangeNhsNumber((start + k * stride) % space);
    if (candidate && !exclude.has(candidate)) yield candidate;
  }
}
