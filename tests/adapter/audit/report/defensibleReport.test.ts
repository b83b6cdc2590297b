/**
 * Issue 12 item 3 in the reports: small numbers suppressed in report.html and coverage.csv (never in
 * coverage.json), exclusions, "deadline unknown" and stale "no carers" answers shown, and each
 * measure citing the criterion it serves.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../../adapter/audit/report/csv';
import { toHtml } from '../../../../adapter/audit/report/html';
import { MEASURES } from '../../../../shared/audit/measures';
import { compareCoverage } from '../../../../shared/audit/compare';
import type { AuditFact } from '../../../../shared/audit/facts';
import { askedNoCarers, carer, episode, patient } from '../../../shared/audit/personas';
import { coverageOf, smallCaseload } from './coverageFixture';

/** The small caseload plus a team of three patients (two carers): a group small enough to point at a person. */
function withTinyTeam(): AuditFact[] {
  return [
    ...smallCaseload(),
    ...['t1', 't2', 't3'].flatMap((id): AuditFact[] => [patient(id), episode(`e-${id}`, id, '2026-04-10', 'Tiny team')]),
    carer('tc1', 't1', { identifiedOn: '2026-04-12' }),
    carer('tc2', 't2'),
  ];
}

function cells(csv: string): string[][] {
  return csv
    .slice(1)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

describe('small numbers', () => {
  const coverage = coverageOf(withTinyTeam());
  const tiny = coverage.byTeam.find((t) => t.team === 'Tiny team');

  it('keeps exact counts in coverage.json, for merging', () => {
    expect(tiny?.patients.total).toBe(3);
    expect(tiny?.rates.carersIdentified).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('shows a count of 1 to 4 as "<5" and a rate over fewer than 5 as "too few to rate" in coverage.csv', () => {
    const rows = cells(toCsv(coverage));
    const header = rows[0] as string[];
    const row = rows.find((r) => r[0] === 'team' && r[1] === 'Tiny team') as string[];
    expect(row[header.indexOf('patients.total')]).toBe('<5');
    expect(row[header.indexOf('carers.total')]).toBe('<5');
    expect(row[header.indexOf('rates.carersIdentified.percent')]).toBe('');
    expect(row[header.indexOf('rates.carersIdentified.rag')]).toBe('too few to rate');
    expect(row.some((cell) => cell === '3' || cell === '2')).toBe(false);
  });

  it('never RAG-rates a group of fewer than 5 in report.html, and never shows its exact count', () => {
    const page = toHtml(coverage);
    const tinyRow = page.slice(page.indexOf('<th scope="row">Tiny team</th>'));
    const rowHtml = tinyRow.slice(0, tinyRow.indexOf('</tr>'));
    expect(rowHtml).toContain('Too few to rate');
    expect(rowHtml).not.toMatch(/Green|Amber|Red/);
    expect(rowHtml).toContain('&lt;5');
    expect(rowHtml).not.toMatch(/66\.7/);
  });
});

describe('what the report says about its population', () => {
  it('shows the caseload, the exclusions, stale "no carers" answers and carers whose deadline is unknown', () => {
    const facts: AuditFact[] = [
      ...smallCaseload(),
      patient('gone'),
      { kind: 'episode', id: 'e-gone', patient: 'gone', serviceStart: '2015-01-01', ended: true, endedOn: '2016-03-01', recency: { primary: null, secondary: null } },
      patient('stale'),
      episode('e-stale', 'stale'),
      askedNoCarers('l-stale', 'stale', '2020-01-01'),
      carer('no-dates', 'stale'),
    ];
    const coverage = coverageOf(facts);
    expect(coverage.carers.offerDeadlineUnknown).toBeGreaterThan(0);
    const page = toHtml(coverage);
    expect(page).toContain('not in the caseload');
    expect(page).toMatch(/deadline unknown/i);
    expect(page).toMatch(/no carers.{0,40}out of date/i);
    expect(page).toContain('open episode of care');
  });
});

describe('citations', () => {
  it('cites for every measure the exact criterion it serves, with QS200 statements carrying their scope', () => {
    for (const measure of MEASURES) {
      expect(measure.citations.length).toBeGreaterThan(0);
      for (const citation of measure.citations) {
        expect(citation.text.length).toBeGreaterThan(10);
        if (citation.source.includes('QS200')) expect(citation.scope).toMatch(/16 or over/);
      }
    }
    expect(MEASURES.find((m) => m.id === 'carersIdentified')?.citations.map((c) => `${c.source} ${c.criterion}`)).toEqual([
      'Triangle of Care self-assessment (2nd edition) criterion 1.1',
      'NICE quality standard QS200 statement 1',
    ]);
    expect(MEASURES.find((m) => m.id === 'consentRecorded')?.citations.map((c) => `${c.source} ${c.criterion}`)).toEqual(['Triangle of Care self-assessment (2nd edition) criterion 1.4']);
  });

  it('prints each measure’s citations in report.html', () => {
    const page = toHtml(coverageOf(smallCaseload()));
    expect(page).toContain('The carer is routinely identified with the service user when carrying out an assessment');
    expect(page).toContain('Carers are identified by health and social care organisations and encouraged to recognise their role and rights');
    expect(page).toContain('aged 16 or over');
  });
});

describe('trend over time', () => {
  it('shows what was recorded month by month, and labels the month-of-service-start view as a cohort view', () => {
    const coverage = coverageOf(smallCaseload());
    expect(coverage.activityByMonth?.length).toBeGreaterThan(0);
    const page = toHtml(coverage);
    expect(page).toContain('Activity by month recorded');
    expect(page).toMatch(/<h2 id="trend">[^<]*cohort/i);
    const activity = page.slice(page.indexOf('id="activity"'));
    expect(activity).toContain('Carers identified');
    expect(activity).toContain('&lt;5');
  });
});

describe('change since the last audit', () => {
  it('shows each rate then and now, says "too few to compare" for a group under 5, and cautions when the audits are not like for like', () => {
    const previous = coverageOf([patient('a'), episode('ea', 'a', '2026-01-01'), carer('ca', 'a')], { complete: false, reason: 'cut short' });
    const current = coverageOf(smallCaseload());
    const comparison = compareCoverage(current, previous);
    expect(comparison.cautions).toEqual(['the previous audit (2026-11-23) is not earlier than this one (2026-11-23)', 'the previous audit was INCOMPLETE: its counts were a lower bound']);
    const page = toHtml(current, { comparison });
    const section = page.slice(page.indexOf('id="compare"'), page.indexOf('</section>', page.indexOf('id="compare"')));
    expect(section).toContain('too few to compare');
    expect(section).toContain('Compare with care');
    // The previous audit had one patient: its rates are never shown as percentages.
    expect(section.match(/<tr><th scope="row">[^<]+<\/th><td>([^<]*)<\/td>/g)?.every((row) => row.includes('<td>Too few to rate</td>') || row.includes('<td>—</td>'))).toBe(true);
  });
});
