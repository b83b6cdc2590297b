/**
 * review-consent: a decision about sharing with a carer that has reached its review date (or has
 * none and is older than `policy.consentReviewMonths`), whose validity has ended, or a patient who
 * was unable to decide and is due to be asked again. Patients' wishes change, especially after a
 * crisis, so a refusal is revisited as much as a permission.
 */
import type { CarerContext, ConsentDecision, Prompt, SuggestedAction } from '../domain/types';
import type { Policy } from '../policy';
import { compareDates, today } from '../domain/dates';
import { consentReviewDue, isActiveCarer } from '../domain/derive';
import { carerLabel, displayDate, summaryLine } from '../domain/describe';
import { decisionSentence } from '../consent/decisionText';

export const COMMITMENT =
  "Triangle of Care standard 3: decisions about sharing information with carers are reviewed regularly, as the patient's wishes can change";

const REVIEWABLE: ReadonlySet<ConsentDecision['decision']> = new Set(['permit', 'deny', 'partial', 'withdrawn', 'expired', 'lacks-capacity']);

export function reviewConsent(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  const todayDate = today(now, policy.timeZone);
  const prompts: Prompt[] = [];
  for (const carer of ctx.carers) {
    const { consent } = carer;
    if (!isActiveCarer(carer, policy, now) || !REVIEWABLE.has(consent.decision)) continue;
    const due = consentReviewDue(consent, policy);
    if (due !== undefined && compareDates(todayDate, due) < 0) continue;
    const label = carerLabel(carer);
    const overdue = due !== undefined && compareDates(todayDate, due) > 0;
    const actions: SuggestedAction[] = [{ kind: 'record-consent', label: 'Record new decision' }];
    if (consent.decision === 'permit' || consent.decision === 'partial') actions.push({ kind: 'withdraw-consent', label: 'Withdraw consent' });
    const summary =
      consent.decision === 'expired'
        ? `Consent decision for ${label} is no longer valid — ask again`
        : consent.decision === 'lacks-capacity'
          ? `Ask again whether the patient can decide about sharing with ${label}${due ? ` — ${overdue ? 'overdue since' : 'due'} ${displayDate(due)}` : ''}`
          : due === undefined
            ? `Review consent to share with ${label} — decision date not recorded`
            : `${overdue ? 'Overdue: review' : 'Review'} consent to share with ${label} — due ${displayDate(due)}`;
    prompts.push({
      id: `review-consent:${carer.reference}`,
      code: 'review-consent',
      severity: 'warning',
      summary: summaryLine(summary),
      detail:
        `${decisionSentence(consent, policy.timeZone)}. ` +
        (due === undefined ? 'The decision has no date, so it may be out of date. ' : `It was due for review on ${displayDate(due)}. `) +
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
