import { describe, expect, it } from 'vitest';
import { toHtml } from '../../../../adapter/audit/report/html';
import { RATE_IDS } from '../../../../shared/audit/coverage';
import { HOSTILE_TEAM, coverageOf, smallCaseload } from './coverageFixture';
import { episode, patient } from '../../../shared/audit/personas';

describe('report.html', () => {
  const coverage = coverageOf(smallCaseload());
  const page = toHtml(coverage);

  it('is self-contained: no script, no external stylesheet, font or image, and a policy that forbids fetching', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<link|<img|@import|url\(/i);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    const tagsWithoutValues = page.replace(/"[^"]*"/g, '""');
    expect(tagsWithoutValues).not.toMatch(/<[a-z][^>]*\s(src|href|srcset|action|poster|data)=/i);
  });

  it('escapes team names from the data everywhere they appear', () => {
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('onerror="alert');
    expect(page).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;Team&quot;');
  });

  it('shows bidi overrides and zero-width characters in team names visibly', () => {
    const facts = [...smallCaseload(), patient('p-rlo'), episode('e-rlo', 'p-rlo', '2026-03-10', 'CMHT \u202ehtroN'), patient('p-zw'), episode('e-zw', 'p-zw', '2026-03-10', 'Nor\u200bth')];
    const shown = toHtml(coverageOf(facts));
    expect(shown).toContain('CMHT \\u{202e}htroN');
    expect(shown).toContain('Nor\\u{200b}th');
    expect(shown).not.toMatch(/[\u200b\u202a-\u202e]/);
  });

  it('lists teams alphabetically, never ranked by their rate', () => {
    const north = page.indexOf('>North<');
    const south = page.indexOf('>South<');
    expect(north).toBeGreaterThan(0);
    expect(south).toBeGreaterThan(north);
    expect(page).toContain('This is not a league table');
  });

  it('gives every headline measure a rating in words and a plain-English definition', () => {
    expect(page).toContain('Patients with at least one carer recorded, or an in-date answer that they have no carer, out of all patients in the caseload.');
    expect(page.match(/class="card rag-/g)).toHaveLength(RATE_IDS.length);
    expect(page).toMatch(/class="badge"[^>]*>(Green|Amber|Red|No data)</);
  });

  it('says INCOMPLETE prominently, in the title and the footer, when the pull did not finish', () => {
    const partial = toHtml(coverageOf(smallCaseload(), { complete: false, reason: 'file <3> failed' }));
    expect(partial).toMatch(/<title>[^<]*INCOMPLETE<\/title>/);
    expect(partial).toContain('<p class="incomplete" role="alert"><strong>INCOMPLETE.</strong> file &lt;3&gt; failed.');
    expect(partial).toMatch(/<footer>[^<]*INCOMPLETE<\/footer>/);
    expect(page).not.toContain('INCOMPLETE');
  });

  it('keeps the hostile name intact as text in the team table', () => {
    expect(HOSTILE_TEAM).toContain('<img');
    expect(page.match(/&lt;img src=x/g)?.length).toBeGreaterThanOrEqual(4);
  });
});

describe('report.html of an empty population', () => {
  it('renders, saying there is nothing to rate rather than showing 0 % as red', () => {
    const page = toHtml(coverageOf([]));
    expect(page.match(/class="badge"[^>]*>No data</g)).toHaveLength(RATE_IDS.length);
    expect(page).toContain('Nobody to count yet.');
    expect(page).toContain('Not enough months with a recorded service start date to show a trend.');
  });
});
