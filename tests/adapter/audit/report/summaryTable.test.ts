import { describe, expect, it } from 'vitest';
import { summaryTable } from '../../../../adapter/audit/report/summaryTable';
import { toJson } from '../../../../adapter/audit/report/json';
import { CoverageSchema } from '../../../../shared/audit/coverage';
import { coverageOf, smallCaseload } from './coverageFixture';
import { episode, patient } from '../../../shared/audit/personas';

describe('summary table', () => {
  const coverage = coverageOf(smallCaseload());
  const text = summaryTable(coverage);

  it('shows every headline measure with its rate, parts and RAG rating', () => {
    const r = coverage.rates.carersIdentified;
    expect(text).toMatch(new RegExp(`Carers identified or asked\\s+${String(r.percent?.toFixed(1))} %\\s+${r.numerator} / ${r.denominator}\\s+(Green|Amber|Red)`));
    for (const label of ['Consent decision recorded', 'Consent decisions in date', 'Needs assessment offered', 'Offer made on time', 'Assessment reviews in date']) {
      expect(text).toContain(label);
    }
  });

  it('lists teams alphabetically, with "Team not recorded" last', () => {
    const north = text.indexOf('\nNorth');
    const south = text.indexOf('\nSouth');
    const none = text.indexOf('\nTeam not recorded');
    expect(north).toBeGreaterThan(0);
    expect(north).toBeLessThan(south);
    expect(south).toBeLessThan(none);
  });

  it('never lets a team name put control characters on the terminal', () => {
    expect(/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text)).toBe(false);
  });

  it('shows bidi overrides and zero-width characters in team names visibly, so no team name reverses the table or passes for another', () => {
    const facts = [...smallCaseload(), patient('p-rlo'), episode('e-rlo', 'p-rlo', '2026-03-10', 'CMHT \u202ehtroN'), patient('p-zw'), episode('e-zw', 'p-zw', '2026-03-10', 'Nor\u200bth')];
    const shown = summaryTable(coverageOf(facts));
    expect(shown).toContain('CMHT \\u{202e}htroN');
    expect(shown).toContain('Nor\\u{200b}th');
    expect(shown).not.toMatch(/[\u200b\u202a-\u202e]/);
  });

  it('says INCOMPLETE, and why, at the top and the bottom when the pull did not finish', () => {
    const partial = summaryTable(coverageOf(smallCaseload(), { complete: false, reason: 'the export job failed' }));
    const lines = partial.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\*\*\* INCOMPLETE: the export job failed\./);
    expect(lines.at(-1)).toMatch(/^\*\*\* INCOMPLETE/);
    expect(text).not.toContain('INCOMPLETE');
  });

  it('does not double the full stop of a reason that ends with one', () => {
    const partial = summaryTable(coverageOf(smallCaseload(), { complete: false, reason: 'The pull was cancelled.' }));
    expect(partial).toContain('INCOMPLETE: The pull was cancelled. These counts');
  });
});

describe('coverage.json', () => {
  it('round-trips through the versioned schema', () => {
    const coverage = coverageOf(smallCaseload());
    expect(CoverageSchema.parse(JSON.parse(toJson(coverage)))).toEqual(coverage);
  });
});
