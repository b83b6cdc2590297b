/**
 * Snoozes: a clinician hides a prompt for a while with a coded reason. A snooze is per patient and
 * carer and keyed to the prompt code, never its text (wording changes must not revive or hide
 * prompts), and it expires. Prompts that cannot be snoozed (e.g. an unreadable consent) always show.
 */
import type { PatientReference, Prompt, Snooze } from './domain/types';

/**
 * True while `now` is before the snooze's `until` instant (a bare date means midnight UTC); a snooze
 * with an unreadable `until` is not active, so a damaged snooze never hides a prompt.
 */
export function isSnoozeActive(snooze: Snooze, now: Date): boolean {
  const until = Date.parse(snooze.until);
  return Number.isFinite(until) && now.getTime() < until;
}

function matches(snooze: Snooze, prompt: Prompt, patient: PatientReference): boolean {
  return snooze.patient === patient && snooze.code === prompt.code && (snooze.carer ?? undefined) === (prompt.carer ?? undefined);
}

/**
 * Splits the patient's prompts into those to show and those snoozed, keeping their order.
 * Snoozes for another patient, another carer or another code, and expired snoozes, have no effect.
 */
export function applySnoozes(
  prompts: readonly Prompt[],
  snoozes: readonly Snooze[],
  patient: PatientReference,
  now: Date,
): { visible: Prompt[]; snoozed: Prompt[] } {
  const active = snoozes.filter((s) => s.patient === patient && isSnoozeActive(s, now));
  const visible: Prompt[] = [];
  const snoozed: Prompt[] = [];
  for (const prompt of prompts) {
    if (prompt.snoozable && active.some((s) => matches(s, prompt, patient))) snoozed.push(prompt);
    else visible.push(prompt);
  }
  return { visible, snoozed };
}
