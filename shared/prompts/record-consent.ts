/**
 * record-consent: an active carer with no recorded decision about sharing information with them.
 * Without a decision, staff either share too much or, more often, shut the carer out.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT =
  "Triangle of Care standard 3: the patient's consent to share information with, and involve, each carer is sought and recorded";

export function recordConsent(ctx: CarerContext, policy: Policy, _now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isActiveCarer(carer) && carer.consent.decision === 'none')
    .map((carer): Prompt => ({
      id: `record-consent:${carer.reference}`,
      code: 'record-consent',
      severity: 'warning',
      summary: summaryLine(`Consent to share with ${carerLabel(carer)} not recorded`),
      detail:
        'Ask the patient what may be shared with this carer and how they would like them involved: everything, ' +
        `some things (say what may and may not be shared), or nothing. Record the decision; it is reviewed in ${policy.consentReviewMonths} months ` +
        'or sooner if things change. If the patient lacks capacity to decide now, record that and ask again when they can.',
      commitment: COMMITMENT,
      actions: [{ kind: 'record-consent', label: 'Record consent decision' }],
      carer: carer.reference,
      snoozable: true,
    }));
}
