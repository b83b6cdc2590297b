import type { CarerContext, Prompt, Snooze } from '../../shared/domain/types';
import { DEFAULT_POLICY, parsePolicy, type Policy } from '../../shared/policy';
import { evaluatePrompts } from '../../shared/prompts/index';
import { applySnoozes } from '../../shared/snooze';

/** The trust's policy overrides over the defaults; overrides that do not parse fall back to the defaults. */
export function loadPolicy(overrides: unknown): Policy {
  try {
    return parsePolicy(overrides);
  } catch {
    // The options page refuses invalid overrides; anything stored before that check is ignored.
    return { ...DEFAULT_POLICY, rag: { ...DEFAULT_POLICY.rag } };
  }
}

/** All prompts for the patient (ordered by severity by the rules) and those left after this session's snoozes. */
export function evaluateVisiblePrompts(context: CarerContext, policy: Policy, now: Date, snoozes: readonly Snooze[]): { all: Prompt[]; visible: Prompt[] } {
  const all = evaluatePrompts(context, policy, now);
  const { visible } = applySnoozes(all, snoozes, context.patient.reference, now);
  return { all, visible };
}
