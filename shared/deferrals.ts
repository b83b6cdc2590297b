/**
 * Deferrals: a clinician's recorded decision not to act on a prompt now. A deferral is per patient
 * and carer, keyed to the prompt code, never its text (wording changes must not revive or hide
 * prompts), and ends on a date. Prompts that cannot be deferred (an unreadable or conflicting
 * consent) always show.
 */
import type { Deferral, Prompt } from './domain/types';

/** True from when it was recorded until its end; a deferral with an unreadable date is not in force, so it never hides a prompt. */
export function isDeferralInForce(deferral: Pick<Deferral, 'until'>, now: Date): boolean {
  const until = Date.parse(deferral.until.length === 10 ? `${deferral.until}T00:00:00Z` : deferral.until);
  return Number.isFinite(until) && now.getTime() < until;
}

const matches = (deferral: Deferral, prompt: Prompt): boolean => deferral.code === prompt.code && (deferral.carer ?? undefined) === (prompt.carer ?? undefined);

/**
 * Splits the patient's prompts into those to show and those deferred (with the deferral in force,
 * the latest-ending when there are several), keeping their order.
 */
export function applyDeferrals(prompts: readonly Prompt[], deferrals: readonly Deferral[], now: Date): { visible: Prompt[]; deferred: { prompt: Prompt; deferral: Deferral }[] } {
  const inForce = deferrals.filter((d) => isDeferralInForce(d, now)).sort((a, b) => Date.parse(b.until) - Date.parse(a.until));
  const visible: Prompt[] = [];
  const deferred: { prompt: Prompt; deferral: Deferral }[] = [];
  for (const prompt of prompts) {
    const deferral = prompt.snoozable ? inForce.find((d) => matches(d, prompt)) : undefined;
    if (deferral) deferred.push({ prompt, deferral });
    else visible.push(prompt);
  }
  return { visible, deferred };
}

/** The deferral reasons in the clinician's words (written with their CDS Hooks non-adherence code): the panel and the audit report say them alike. */
export const DEFERRAL_REASON_LABEL: Record<string, string> = {
  'patient-declined': 'Patient declined',
  'lacks-capacity': 'Patient lacks capacity at present',
  'no-carer': 'No carer',
  'done-elsewhere': 'Done elsewhere',
};
