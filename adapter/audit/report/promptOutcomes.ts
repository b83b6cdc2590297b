/**
 * Prompt outcomes (shared/audit/promptOutcomes.ts) as the reports show them: per prompt code for all
 * teams, and per prompt code and team; acted on, deferred (by reason) and left, each count from 1 to 4
 * shown as "<5" (format.ts). coverage.json keeps them exact.
 */
import type { Coverage } from '../../../shared/audit/coverage';
import { OUTCOMES_NOT_MEASURED, type PromptOutcomeRow, type PromptOutcomes } from '../../../shared/audit/promptOutcomes';
import { DEFERRAL_REASONS } from '../../../shared/domain/types';
import { csvCell } from './csv';
import { ALL_TEAMS, NO_TEAM, SMALL_COUNT, isSmallCount } from './format';

export const NOT_MEASURED = 'not measured';

/** One prompt code for all teams: the teams' rows added up (exact). */
export function totalsByCode(outcomes: PromptOutcomes): PromptOutcomeRow[] {
  const totals = new Map<string, PromptOutcomeRow>();
  for (const row of outcomes.rows) {
    const total = totals.get(row.code) ?? { code: row.code, team: null, actedOn: row.actedOn === null ? null : 0, deferred: {}, left: 0 };
    if (total.actedOn !== null && row.actedOn !== null) total.actedOn += row.actedOn;
    for (const [reason, n] of Object.entries(row.deferred)) total.deferred[reason] = (total.deferred[reason] ?? 0) + n;
    total.left += row.left;
    totals.set(row.code, total);
  }
  return [...totals.values()];
}

export const deferredTotal = (row: PromptOutcomeRow): number => Object.values(row.deferred).reduce((a, b) => a + b, 0);

/** Why a code is not measured, in the words docs/audit.md uses. */
export const notMeasuredReason = (code: string): string => (OUTCOMES_NOT_MEASURED as Record<string, string | undefined>)[code] ?? 'not measured by this version of the audit';

const BOM = '\uFEFF';
type Cell = string | number | null;
const small = (n: number): Cell => (isSmallCount(n) ? SMALL_COUNT : n);

/**
 * prompt-outcomes.csv: a row per prompt code for all teams (`level` code), then per code and team
 * (`level` code-team); the codes the audit cannot measure are listed with "not measured". Written
 * like coverage.csv (BOM, CRLF, formula injection defused).
 */
export function toPromptOutcomesCsv(coverage: Coverage): string {
  const status = coverage.complete ? 'complete' : `INCOMPLETE: ${coverage.incompleteReason ?? 'the pull did not finish'}`;
  const header = ['level', 'code', 'team', 'asOf', 'status', 'period.from', 'period.to', 'actedOn', ...DEFERRAL_REASONS.map((r) => `deferred.${r}`), 'deferred.total', 'left'];
  const outcomes = coverage.promptOutcomes;
  const rows: Cell[][] = [];
  if (outcomes !== undefined) {
    const row = (level: string, team: string, r: PromptOutcomeRow): Cell[] => [
      level,
      r.code,
      team,
      coverage.asOf,
      status,
      outcomes.period.from,
      outcomes.period.to,
      r.actedOn === null ? NOT_MEASURED : small(r.actedOn),
      ...DEFERRAL_REASONS.map((reason) => small(r.deferred[reason] ?? 0)),
      small(deferredTotal(r)),
      small(r.left),
    ];
    rows.push(...totalsByCode(outcomes).map((r) => row('code', ALL_TEAMS, r)));
    rows.push(...outcomes.notMeasured.map((code): Cell[] => ['code', code, ALL_TEAMS, coverage.asOf, status, outcomes.period.from, outcomes.period.to, NOT_MEASURED, ...DEFERRAL_REASONS.map(() => NOT_MEASURED), NOT_MEASURED, NOT_MEASURED]));
    rows.push(...outcomes.rows.map((r) => row('code-team', r.team ?? NO_TEAM, r)));
  }
  return BOM + [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
