/**
 * Prompt outcomes (issue 10 item 3): "Prompt outcomes (acted on, deferred with reason, left) are
 * counted per prompt code and team in the audit: the measure of whether a prompt earns its place."
 *
 * One meaning: "left" and "deferred" are what the clinician's panel would show for each patient in
 * the caseload at the audit's as-at time — the panel's own rules (shared/prompts evaluatePrompts) and
 * its own deferral matching (shared/deferrals.ts applyDeferrals), run on a CarerContext the audit
 * builds from its compact records (./finalise.ts). Prompts are counted as the panel shows them: one
 * per prompt id (a carer recorded twice has two).
 *
 * "Acted on" is a write, within the audit period, through an action whose registry entry
 * (shared/actions) declares that it closes the prompt code — counted only where the audit can tell
 * which action wrote the record. Which codes are measured, and why the others are not, is decided
 * here once (docs/audit.md says the same in words).
 */
import { z } from 'zod';
import { WRITE_ACTION_LIST, type WriteKind } from '../actions/index';
import { applyDeferrals } from '../deferrals';
import { DEFERRAL_REASONS, PROMPT_CODES, type CarerContext, type DeferralReason, type PromptCode } from '../domain/types';
import type { Policy } from '../policy';
import { evaluatePrompts } from '../prompts/index';
import type { CarerActionFact } from './recordedActions';

/**
 * Prompt codes whose rule the audit cannot run as the panel runs it, and why. Every other code is
 * measured with the panel's rule.
 */
export const OUTCOMES_NOT_MEASURED: Readonly<Partial<Record<PromptCode, string>>> = {
};

export const MEASURED_PROMPT_CODES: readonly PromptCode[] = PROMPT_CODES.filter((code) => OUTCOMES_NOT_MEASURED[code] === undefined);

/**
 * The records the audit can attribute to one write action: a completed carer-action Task in the
 * project's local CodeSystem is written only by that action. (A Consent, an assessment Task, a
 * RelatedPerson or a "no carers" List may as well have been written in the EHR, and the record does
 * not say which prompt it answered.)
 */
export const ACTION_OF_RECORDED: Readonly<Record<CarerActionFact['action'], WriteKind>> = {
  signposted: 'record-signposting',
  'young-carer-referred': 'refer-young-carer',
  'care-plan-involved': 'involve-carer-in-care-plan',
  'contingency-plan-agreed': 'record-contingency-plan',
  'crisis-numbers-given': 'record-crisis-numbers',
  'transition-assessment-requested': 'request-transition-assessment',
  'circumstances-changed': 'record-circumstances-changed',
  'discharge-planning-involved': 'record-discharge-involvement',
};

/**
 * The codes whose "acted on" is measured: every action the registry says closes the code writes a
 * record the audit can attribute (ACTION_OF_RECORDED). A code another action also closes is not
 * measured, as a count of only some of its closing writes would understate it.
 */
export const ACTED_ON_MEASURED: readonly PromptCode[] = PROMPT_CODES.filter((code) => {
  const closing = WRITE_ACTION_LIST.filter((action) => (action.closes as readonly PromptCode[]).includes(code)).map((action) => action.kind as WriteKind);
  const attributable = new Set<WriteKind>(Object.values(ACTION_OF_RECORDED));
  return closing.length > 0 && closing.every((kind) => attributable.has(kind));
});

const count = z.number().int().nonnegative();

export const PromptOutcomeRowSchema = z.strictObject({
  code: z.string(),
  /** The patient's team, as the report groups it (null: not recorded). */
  team: z.string().nullable(),
  /** Writes in the period through an action that closes this code; null where the audit cannot attribute them (ACTED_ON_MEASURED). */
  actedOn: count.nullable(),
  /** Prompts a deferral in force hides at the as-at time, by reason. */
  deferred: z.record(z.string(), count),
  /** Prompts showing at the as-at time: neither deferred nor done. */
  left: count,
});
export type PromptOutcomeRow = z.infer<typeof PromptOutcomeRowSchema>;

export const PromptOutcomesSchema = z.strictObject({
  /** The period "acted on" counts writes in: from `--since` (null: no start, every write up to the as-at date) to the as-at date. */
  period: z.strictObject({ from: z.string().nullable(), to: z.string() }),
  /** The codes measured, in PROMPT_CODES order; the others are in `notMeasured` (docs/audit.md says why). */
  measured: z.array(z.string()),
  notMeasured: z.array(z.string()),
  actedOnMeasured: z.array(z.string()),
  /** One row per prompt code and team with anything to count, code (PROMPT_CODES order) then team (alphabetical, never ranked). */
  rows: z.array(PromptOutcomeRowSchema),
});
export type PromptOutcomes = z.infer<typeof PromptOutcomesSchema>;

interface Cell {
  actedOn: number;
  deferred: Map<DeferralReason, number>;
  left: number;
}

/** Counts per prompt code and team, filled patient by patient while the audit is finalised. */
export class PromptOutcomeTally {
  private readonly cells = new Map<PromptCode, Map<string | null, Cell>>();

  private cell(code: PromptCode, team: string | null): Cell {
    let byTeam = this.cells.get(code);
    if (byTeam === undefined) this.cells.set(code, (byTeam = new Map()));
    let cell = byTeam.get(team);
    if (cell === undefined) byTeam.set(team, (cell = { actedOn: 0, deferred: new Map(), left: 0 }));
    return cell;
  }

  /** The prompts the panel would show for one patient at `now`: left, or hidden by a deferral in force (by its reason). */
  addPatient(ctx: CarerContext, team: string | null, policy: Policy, now: Date): void {
    const prompts = evaluatePrompts(ctx, policy, now).filter((p) => OUTCOMES_NOT_MEASURED[p.code] === undefined);
    const { visible, deferred } = applyDeferrals(prompts, ctx.deferrals ?? [], now);
    for (const prompt of visible) this.cell(prompt.code, team).left += 1;
    for (const { prompt, deferral } of deferred) {
      const cell = this.cell(prompt.code, team);
      cell.deferred.set(deferral.reason, (cell.deferred.get(deferral.reason) ?? 0) + 1);
    }
  }

  /** A write through `action` in the period, for a patient of `team`: acted on for each code it closes that is measured. */
  addActedOn(action: WriteKind, team: string | null): void {
    const closes = WRITE_ACTION_LIST.find((a) => a.kind === action)?.closes ?? [];
    for (const code of closes as readonly PromptCode[]) if (ACTED_ON_MEASURED.includes(code)) this.cell(code, team).actedOn += 1;
  }

  /** The rows, teams in the report's order (`compareTeams`: alphabetical, never ranked). */
  result(period: PromptOutcomes['period'], compareTeams: (a: string | null, b: string | null) => number): PromptOutcomes {
    const rows: PromptOutcomeRow[] = [];
    for (const code of MEASURED_PROMPT_CODES) {
      const byTeam = this.cells.get(code);
      if (byTeam === undefined) continue;
      const teams = [...byTeam.keys()].sort(compareTeams);
      for (const team of teams) {
        const cell = byTeam.get(team) as Cell;
        rows.push({
          code,
          team,
          actedOn: ACTED_ON_MEASURED.includes(code) ? cell.actedOn : null,
          deferred: Object.fromEntries(DEFERRAL_REASONS.filter((r) => cell.deferred.has(r)).map((r) => [r, cell.deferred.get(r) as number])),
          left: cell.left,
        });
      }
    }
    return {
      period,
      measured: [...MEASURED_PROMPT_CODES],
      notMeasured: PROMPT_CODES.filter((code) => !MEASURED_PROMPT_CODES.includes(code)),
      actedOnMeasured: [...ACTED_ON_MEASURED],
      rows,
    };
  }
}
