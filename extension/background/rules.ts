import type { CarerContext, Deferral, Prompt } from '../../shared/domain/types';
import { DEFAULT_POLICY, parsePolicy, type Policy } from '../../shared/policy';
import { evaluatePrompts } from '../../shared/prompts/index';
import { applyDeferrals } from '../../shared/deferrals';

/** The trust's policy overrides over the defaults; overrides that do not parse fall back to the defaults. */
export function loadPolicy(overrides: unknown): Policy {
  try {
    return parsePolicy(overrides);
  } catch {
    // The options page refuses invalid overrides; anything stored before that check is ignored.
    return { ...DEFAULT_POLICY, rag: { ...DEFAULT_POLICY.rag } };
  }
}

/** The patient's prompts (ordered by severity by the rules): those to show, and those deferred in the record, with their deferral. */
export function evaluateVisiblePrompts(context: CarerContext, policy: Policy, now: Date): { visible: Prompt[]; deferred: { prompt: Prompt; deferral: Deferral }[] } {
  return applyDeferrals(evaluatePrompts(context, policy, now), context.deferrals ?? [], now);
}
