import { describe, expect, it } from 'vitest';
import { displayKey, displayText } from '../../shared/displayText';

describe('display text', () => {
  it.each([
    ['a right-to-left override', 'Saidha Khan \u202edetalor ton\u202c', 'Saidha Khan \\u{202e}detalor ton\\u{202c}'],
    ['a left-to-right override', '\u202dSara', '\\u{202d}Sara'],
    ['a bidi isolate', 'A\u2067B\u2069', 'A\\u{2067}B\\u{2069}'],
    ['a right-to-left mark', 'Sara\u200f', 'Sara\\u{200f}'],
    ['an Arabic letter mark', 'x\u061cy', 'x\\u{61c}y'],
    ['a zero-width space', 'Sara\u200bKhan', 'Sara\\u{200b}Khan'],
    ['a zero-width joiner and non-joiner', 'a\u200cb\u200dc', 'a\\u{200c}b\\u{200d}c'],
    ['a word joiner', 'a\u2060b', 'a\\u{2060}b'],
    ['a byte-order mark', '\ufeffSara', '\\u{feff}Sara'],
    ['a soft hyphen', 'Ka\u00adren', 'Ka\\u{ad}ren'],
    ['a Hangul filler', 'Sara\u3164', 'Sara\\u{3164}'],
    ['a terminal escape', 'x\u001b[2J', 'x\\u{1b}[2J'],
  ])('shows %s visibly', (_case, recorded, shown) => {
    expect(displayText(recorded)).toBe(shown);
  });

  it.each([
    ['a plain name', 'Sara Khan'],
    ['a right-to-left name', 'سارة خان'],
    ['a Welsh name with accents', 'Siân Llŷr'],
    ['a name with an apostrophe and hyphen', "Aoife O'Neill-Brown"],
  ])('leaves %s exactly as recorded', (_case, name) => {
    expect(displayText(name)).toBe(name);
  });

  it('gives the same key to names that look the same, whatever hidden characters they hold', () => {
    expect(displayKey('Sara\u200b Khan')).toBe(displayKey('Sara Khan'));
    expect(displayKey('\u202dSara  Khan ')).toBe(displayKey('Sara Khan'));
    expect(displayKey('Ｓａｒａ Khan')).toBe(displayKey('Sara Khan'));
  });

  it('gives different keys to names that look different', () => {
    expect(displayKey('Sara Khan')).not.toBe(displayKey('Sarah Khan'));
    expect(displayKey('Sara Khan')).not.toBe(displayKey('sara khan'));
  });
});
