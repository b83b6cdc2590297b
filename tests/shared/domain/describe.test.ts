import { describe, expect, it } from 'vitest';
import { carerLabel, carerName, displayDate, oneLine, shorten, summaryLine } from '../../../shared/domain/describe';
import { JaneDaughter, TomBrother, carerWith } from '../fixtures';

describe('carer wording', () => {
  it('names the carer with their relationships', () => {
    expect(carerLabel(JaneDaughter)).toBe('Jane Smith (Daughter)');
    expect(carerLabel(carerWith(JaneDaughter, { relationships: ['Daughter', 'Neighbour'] }))).toBe('Jane Smith (Daughter, Neighbour)');
    expect(carerLabel(carerWith(JaneDaughter, { relationships: [' ', ''] }))).toBe('Jane Smith');
  });

  it('describes a person with no recorded name neutrally', () => {
    expect(carerName(carerWith(JaneDaughter, { name: undefined }))).toBe('a carer with no name recorded');
    expect(carerName(carerWith(TomBrother, { name: '  ' }))).toBe('a contact with no name recorded');
  });

  it('keeps a name on one line and short, and never interprets it', () => {
    expect(carerName(carerWith(JaneDaughter, { name: 'Jane\n\tSmith\u2028<b>x</b>' }))).toBe('Jane Smith <b>x</b>');
    const long = carerName(carerWith(JaneDaughter, { name: 'A'.repeat(500) }));
    expect(long).toHaveLength(50);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('text helpers', () => {
  it('squeezes white space and control characters', () => {
    expect(oneLine('  a\r\n b\u0000c\u0085 ')).toBe('a b c');
  });

  it('gives what squeezing every run of white space and control characters gives, for any text', () => {
    // Text already on one line is returned as it is: the answer must still be the squeezing's, character for character.
    const squeezed = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim();
    const alphabet = ['a', 'Z', ' ', '  ', '\t', '\n', '\r', '\u0000', '\u001f', '\u007f', '\u0085', '\u009f', '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u3000', '\ufeff', 'é', '😀', '-'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const texts = ['', ' ', 'a', 'a b', ' a', 'a ', 'a  b'];
    for (let i = 0; i < 5000; i += 1) texts.push(Array.from({ length: next() % 9 }, () => alphabet[next() % alphabet.length]).join(''));
    for (const text of texts) expect(oneLine(text), JSON.stringify(text)).toBe(squeezed(text));
  });

  it('shortens to a length in UTF-16 units without splitting an emoji', () => {
    expect(shorten('abc', 3)).toBe('abc');
    expect(shorten('abcd', 3)).toBe('ab…');
    expect(shorten('😀😀😀😀', 4)).toBe('😀…');
    expect(shorten('😀😀😀😀', 6)).toBe('😀😀…');
    expect(shorten('ab  cdef', 5)).toBe('ab…');
  });

  it('keeps summaries under 140 characters', () => {
    expect(summaryLine('x'.repeat(400)).length).toBeLessThan(140);
    expect(summaryLine('short')).toBe('short');
  });

  it('writes dates as people read them', () => {
    expect(displayDate('2026-03-03')).toBe('3 Mar 2026');
    expect(displayDate('2026-12-25')).toBe('25 Dec 2026');
    expect(displayDate('2026-13-01')).toBe('2026-13-01');
    expect(displayDate('soon')).toBe('soon');
  });
});
