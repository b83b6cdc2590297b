/**
 * Prompt outcomes in the reports (issue 10 item 3): a table per prompt code and team — acted on,
 * deferred by reason, left — in report.html, prompt-outcomes.csv and the terminal summary, with the
 * report's small-number suppression (1 to 4 shown "<5"; coverage.json exact) and "not measured"
 * where the audit cannot count.
 */
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../../../adapter/audit/report/html';
import { toPromptOutcomesCsv } from '../../../../adapter/audit/report/promptOutcomes';
import { summaryTable } from '../../../../adapter/audit/report/summaryTable';
import type { AuditFact } from '../../../../shared/audit/facts';
import { HOSTILE_TEAM, coverageOf, smallCaseload } from './coverageFixture';

/**
 * Deferrals in force of "record consent" for three carers of the caseload with no decision recorded
 * (odd-numbered: the fixture records consent for even ones), one for a carer whose decision is
 * recorded (no prompt to hide: not counted), and one signposting recorded.
 */
function withOutcomes(): AuditFact[] {
  const all = smallCaseload().filter((f): f is Extract<AuditFact, { kind: 'carer' }> => f.kind === 'carer');
  const carers = [...all.filter((c) => Number(c.id.slice(1)) % 2 === 1), ...all.filter((c) => Number(c.id.slice(1)) % 2 === 0)];
  const decided = all.find((c) => Number(c.id.slice(1)) % 2 === 0) as { id: string };
  const deferrals = carers.slice(0, 3).map((c, i): AuditFact => ({ kind: 'deferral', id: `d${i}`, carer: c.id, code: 'record-consent', deferral: 'not-now', reason: 'patient-declined', until: '2027-01-01', on: '2026-11-01T10:00:00Z' }));
  const signposted: AuditFact = { kind: 'carerAction', id: 's1', carer: (carers[0] as { id: string }).id, action: 'signposted', on: '2026-11-02T10:00:00Z' };
  const noPrompt: AuditFact = { kind: 'deferral', id: 'd-decided', carer: decided.id, code: 'record-consent', deferral: 'not-now', reason: 'no-carer', until: '2027-01-01', on: '2026-11-01T10:00:00Z' };
  return [...smallCaseload(), ...deferrals, noPrompt, signposted];
}

describe('prompt outcomes in the reports', () => {
  const coverage = coverageOf(withOutcomes());
  const outcomes = coverage.promptOutcomes;
  // Every code is measured now; a coverage.json from an audit that could not measure one still says so.
  const older = outcomes === undefined ? coverage : { ...coverage, promptOutcomes: { ...outcomes, notMeasured: ['possible-duplicate-carer'], rows: outcomes.rows.filter((r) => r.code !== 'possible-duplicate-carer') } };

  it('keeps exact counts in coverage.json: deferrals by reason, left, and acted on for signposting', () => {
    const deferred = (outcomes?.rows ?? []).filter((r) => r.code === 'record-consent').reduce((sum, r) => sum + (r.deferred['patient-declined'] ?? 0), 0);
    expect(deferred).toBe(3);
    expect((outcomes?.rows ?? []).some((r) => r.deferred['no-carer'] !== undefined)).toBe(false);
    expect((outcomes?.rows ?? []).filter((r) => r.code === 'signpost-support').reduce((sum, r) => sum + (r.actedOn ?? 0), 0)).toBe(1);
    expect(outcomes?.rows.find((r) => r.code === 'record-consent')?.actedOn).toBeNull();
  });

  it('shows 1 to 4 as "<5" in the CSV, says "not measured", and defuses a team name that is a formula', () => {
    const csv = toPromptOutcomesCsv(coverage);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFlevel,code,team,asOf,status,period.from,period.to,actedOn,deferred.patient-declined,deferred.lacks-capacity,deferred.no-carer,deferred.done-elsewhere,deferred.total,left');
    const consentAll = lines.find((l) => l.startsWith('code,record-consent,All teams,')) ?? '';
    expect(consentAll.split(',').slice(7)).toEqual(['not measured', '<5', '0', '0', '0', '<5', expect.stringMatching(/^(<5|\d+)$/)]);
    expect(lines.find((l) => l.startsWith('code,signpost-support,All teams,'))?.split(',')[7]).toBe('<5');
    expect(outcomes?.notMeasured).toEqual([]);
    expect(toPromptOutcomesCsv(older).split('\r\n').some((l) => l.startsWith('code,possible-duplicate-carer,All teams,') && l.includes('not measured'))).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('gives report.html a table per prompt code and team in a keyboard-reachable region, small numbers hidden, team names escaped', () => {
    const page = toHtml(coverage);
    const section = page.slice(page.indexOf('<section aria-labelledby="prompt-outcomes">'), page.indexOf('</section>', page.indexOf('<section aria-labelledby="prompt-outcomes">')));
    expect(section).toContain('role="region" aria-label="Prompt outcomes by prompt and team (scrolls sideways)"');
    expect(section).toContain('<th scope="col">Deferred: Patient declined</th>');
    expect(section).toContain('<th scope="row">record-consent</th><td>All teams</td><td>not measured</td><td>&lt;5</td>');
    expect(section).not.toContain('Not measured:');
    expect(toHtml(older)).toContain('Not measured: possible-duplicate-carer (');
    expect(section).not.toContain('<img src=x');
    expect(section).not.toMatch(/<td>[1-4]<\/td>/);
  });

  it('prints prompt outcomes for all teams in the terminal summary, small numbers hidden', () => {
    const text = summaryTable(coverage);
    expect(text).toContain('Prompt outcomes as at');
    expect(text).toMatch(/record-consent\s+not measured\s+<5\s+/);
    expect(text).toMatch(/signpost-support\s+<5\s+0\s+/);
    expect(text).not.toContain('Not measured:');
    expect(summaryTable(older)).toContain('Not measured: possible-duplicate-carer');
    expect(text).not.toContain(HOSTILE_TEAM);
  });
});
