import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../../adapter/audit/report/csv';
import { HOSTILE_TEAM, coverageOf, smallCaseload } from './coverageFixture';

/** A minimal RFC 4180 reader, to check the file parses back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

describe('coverage.csv', () => {
  const coverage = coverageOf(smallCaseload());
  const csv = toCsv(coverage);
  const rows = parseCsv(csv.slice(1));
  const header = rows[0] as string[];
  const column = (name: string): number => header.indexOf(name);

  it('starts with a UTF-8 byte order mark and ends every record with CRLF, so Excel opens it', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n').length - 1).toBe(rows.length);
  });

  it('names the count columns exactly as coverage.json does', () => {
    for (const name of ['patients.total', 'patients.withCarer', 'patients.askedNoCarers', 'patients.neverAsked', 'carers.total', 'carers.young', 'carers.consent.permit', 'carers.consent.none', 'carers.assessment.notOffered', 'carers.assessment.completed', 'rates.consentRecorded.percent', 'rates.consentRecorded.rag']) {
      expect(header).toContain(name);
    }
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it('has one row for the organisation, each team, each month and each team in each month', () => {
    const levels = rows.slice(1).map((r) => r[column('level')]);
    expect(levels.filter((l) => l === 'organisation')).toHaveLength(1);
    expect(levels.filter((l) => l === 'team')).toHaveLength(coverage.byTeam.length);
    expect(levels.filter((l) => l === 'month')).toHaveLength(coverage.byMonth.length);
    expect(levels.filter((l) => l === 'team-month')).toHaveLength(coverage.byTeamAndMonth.length);
    const organisation = rows[1] as string[];
    expect(organisation[column('patients.total')]).toBe(String(coverage.patients.total));
  });

  it('keeps a hostile team name as text: quoted, and defused so Excel never runs it as a formula', () => {
    const teams = rows.slice(1).map((r) => r[column('team')]);
    expect(teams).toContain(`'${HOSTILE_TEAM}`);
    expect(teams.some((t) => /^[=+\-@]/.test(t ?? ''))).toBe(false);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+44 7700', "'+44 7700"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['a, "b"', '"a, ""b"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['Plain team', 'Plain team'],
  ])('writes the text %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers as numbers and no value as an empty cell', () => {
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
  });

  it('says INCOMPLETE on every row when the pull did not finish', () => {
    const partial = parseCsv(toCsv(coverageOf(smallCaseload(), { complete: false, reason: 'file 2 failed' })).slice(1));
    expect(partial.slice(1).every((r) => r[column('status')] === 'INCOMPLETE: file 2 failed')).toBe(true);
    expect(rows.slice(1).every((r) => r[column('status')] === 'complete')).toBe(true);
  });
});
