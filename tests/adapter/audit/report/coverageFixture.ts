/**
 * Coverage fixtures for the report tests, built by the real reducer from typed facts (never
 * hand-written JSON that could drift from the schema).
 */
import type { AuditFact } from '../../../../shared/audit/facts';
import type { Completeness, Coverage } from '../../../../shared/audit/coverage';
import { finaliseCoverage } from '../../../../shared/audit/finalise';
import { addFact, emptyAuditState } from '../../../../shared/audit/state';
import { DEFAULT_POLICY } from '../../../../shared/policy';
import { NOW, askedNoCarers, carer, consent, episode, offer, patient } from '../../../shared/audit/personas';

/** A team name as hostile as data can be: markup, a formula, quotes, a newline and a terminal escape. */
export const HOSTILE_TEAM = '=HYPERLINK("http://evil.example/x") <img src=x onerror="alert(1)"> & "Team"\n\u001b[31mRed';

export function smallCaseload(): AuditFact[] {
  const facts: AuditFact[] = [];
  const teams = ['North', 'South', HOSTILE_TEAM];
  for (let i = 0; i < 30; i += 1) {
    const id = `p${i}`;
    const team = teams[i % teams.length] as string;
    facts.push(patient(id), episode(`e${i}`, id, `2026-0${1 + (i % 6)}-10`, team));
    if (i % 5 === 0) facts.push(askedNoCarers(`l${i}`, id));
    if (i % 5 >= 2) {
      facts.push(carer(`c${i}`, id, { identifiedOn: `2026-0${1 + (i % 6)}-12` }));
      if (i % 2 === 0) facts.push(consent(`k${i}`, id, [`c${i}`], i % 4 === 0 ? 'permit' : 'deny', '2026-07-01'));
      if (i % 3 === 0) facts.push(offer(`t${i}`, `c${i}`, 'completed', '2026-08-01', { completedOn: '2026-09-01' }));
    }
  }
  facts.push(patient('no-team'), episode('e-no-team', 'no-team'));
  return facts;
}

export function coverageOf(facts: readonly AuditFact[], completeness: Completeness = { complete: true }): Coverage {
  return finaliseCoverage(facts.reduce(addFact, emptyAuditState()), DEFAULT_POLICY, NOW, completeness);
}
