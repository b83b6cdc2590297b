import { describe, expect, it } from 'vitest';
import { toHtml } from '../../../../adapter/audit/report/html';
import { MEASURES, PATHWAY_MEASURES } from '../../../../shared/audit/measures';
import { rateOf } from '../../../../shared/audit/finalise';
import { DEFAULT_POLICY } from '../../../../shared/policy';
import { HOSTILE_TEAM, coverageOf, smallCaseload } from './coverageFixture';
import { episode, patient } from '../../../shared/audit/personas';

/** The headline section alone (the pathway's cards follow it). */
const headline = (page: string): string => page.slice(page.indexOf('<section aria-labelledby="headline">'), page.indexOf('</section>', page.indexOf('<section aria-labelledby="headline">')));

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
    expect(headline(page).match(/class="card rag-/g)).toHaveLength(MEASURES.length);
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

  it('rates the pathway measures (issue 11) in the report a manager reads, each with the seed it serves', () => {
    const rate = (n: number, d: number) => rateOf(n, d, DEFAULT_POLICY);
    const withPathway = {
      ...coverage,
      pathwayPlans: { carePlanEligible: 10, carePlanInvolved: 9, carePlanInvolvement: rate(9, 10), carersWithContingencyPlan: 3, youngCarers: 1, youngCarersWithContingencyPlan: 0, contingencyPlans: rate(3, 10), carersGivenCrisisNumbers: 2 },
      carerCommunications: {
        heardWhenRefused: rate(6, 10),
        enquiries: { received: 10, answered: 8, overdue: 1, medianWorkingDaysToAnswer: 2, targetWorkingDays: 5, answeredWithinTarget: rate(7, 9) },
        disclosuresWithoutConsent: { recorded: 1, patientNotYetTold: 1, patientNotTold: 0 },
      },
      pathway: {
        identification: { sampleSize: 10, medianDays: 3, distribution: { atFirstContact: 4, days1to7: 3, days8to28: 2, days29to91: 1, over91: 0 }, within28: rate(9, 10) },
        discharge: { inpatientEpisodesWithCarer: 5, carerInvolved: 2, rate: rate(2, 5) },
      },
    };
    const shown = toHtml(withPathway);
    const section = shown.slice(shown.indexOf('<section aria-labelledby="pathway">'), shown.indexOf('</section>', shown.indexOf('<section aria-labelledby="pathway">')));
    expect(section.match(/class="card rag-/g)).toHaveLength(PATHWAY_MEASURES.length);
    expect(section).toContain('Involved in care planning');
    expect(section).toContain('We will ensure that carers are involved in advance care planning');
    expect(section).toContain('We will ensure a prompt response is provided to carer enquiries');
    expect(section).toContain('section 74(1)');
    expect(section).toMatch(/class="card rag-red">\s*<h3>Contingency plan recorded/);
    // A coverage.json written before the pathway measures has no such section.
    const { pathwayPlans: _plans, carerCommunications: _communications, pathway: _pathway, ...older } = coverage;
    expect(toHtml(older)).not.toContain('aria-labelledby="pathway"');
  });
});

describe('report.html of an empty population', () => {
  it('renders, saying there is nothing to rate rather than showing 0 % as red', () => {
    const page = toHtml(coverageOf([]));
    expect(headline(page).match(/class="badge"[^>]*>No data</g)).toHaveLength(MEASURES.length);
    expect(page).toContain('Nobody to count yet.');
    expect(page).toContain('Not enough months with a recorded service start date to show a trend.');
  });

});
