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
