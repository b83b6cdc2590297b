/**
 * review-consent: a decision about sharing with a carer that has reached its review date, or that
 * has none and is older than `policy.consentReviewMonths`. Patients' wishes change, especially after
 * a crisis, so a refusal is revisited as much as a permission.
 */
import type { CarerContext, ConsentDecisionKind, Prompt, SuggestedAction } from '../domain/types';
import type { Policy } from '../policy';
import { compareDates, today } from '../domain/dates';
import { consentReviewDue, isActiveCarer } from '../domain/derive';
import { carerLabel, displayDate, summaryLine } from '../domain/describe';

export const COMMITMENT =
  "Triangle of Care standard 3: decisions about sharing information with carers are reviewed regularly, as the patient's wishes can change";

const REVIEWABLE: ReadonlySet<string> = new Set<ConsentDecisionKind>(['permit', 'deny', 'partial', 'withdrawn']);

const DECISION_TEXT: Record<string, string> = {
  permit: 'agreed to share information',
  deny: 'declined to share information',
  partial: 'agreed to share some information',
  withdrawn: 'withdrew consent to share information',
};

export function reviewConsent(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  const todayDate = today(now, policy.timeZone);
  const prompts: Prompt[] = [];
  for (const carer of ctx.carers) {
    if (!isActiveCarer(carer) || !REVIEWABLE.has(carer.consent.decision)) continue;
    const due = consentReviewDue(carer.consent, policy);
    if (due !== undefined && compareDates(todayDate, due) < 0) continue;
    const decided = `The patient ${DECISION_TEXT[carer.consent.decision] ?? 'made a decision'} with this carer.`;
    const actions: SuggestedAction[] = [{ kind: 'record-consent', label: 'Record new decision' }];
    if (carer.consent.decision === 'permit' || carer.consent.decision === 'partial') actions.push({ kind: 'withdraw-consent', label: 'Withdraw consent' });
    prompts.push({
      id: `review-consent:${carer.reference}`,
      code: 'review-consent',
      severity: 'warning',
      summary: summaryLine(
        due === undefined
          ? `Review consent to share with ${carerLabel(carer)} — decision date not recorded`
          : `Review consent to share with ${carerLabel(carer)} — due ${displayDate(due)}`,
      ),
      detail:
        `${decided} ${due === undefined ? 'The decision has no date, so it may be out of date.' : `It was due for review on ${displayDate(due)}.`} ` +
        'Ask the patient whether their wishes are the same and record the decision again (it is then reviewed in ' +
        `${policy.consentReviewMonths} months).`,
      commitment: COMMITMENT,
      actions,
      carer: carer.reference,
      snoozable: true,
    });
  }
  return prompts;
}
