/**
 * record-consent: a current carer with no recorded decision about sharing information with them.
 * Without a decision, staff either share too much or, more often, shut the carer out.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT =
  "Triangle of Care standard 3: the patient's consent to share information with, and involve, each carer is sought and recorded";

export function recordConsent(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isActiveCarer(carer, policy, now) && carer.consent.decision === 'none')
    .map((carer): Prompt => ({
      id: `record-consent:${carer.reference}`,
      code: 'record-consent',
      severity: 'warning',
      summary: summaryLine(`Consent to share with ${carerLabel(carer)} not recorded`),
      detail:
        'Ask the patient what may be shared with this carer and how they would like them involved: everything, ' +
        `some things (say what may and may not be shared), or nothing. Record the decision; it is reviewed in ${policy.consentReviewMonths} months ` +
        'or sooner if things change. If the patient is unable to decide at present, record that with a date to ask again; ' +
        'a decision made for them (lasting power of attorney, deputy, best interests, or parental responsibility for a child ' +
        'who is not Gillick competent) is recorded with its basis.',
      commitment: COMMITMENT,
      actions: [{ kind: 'record-consent', label: 'Record consent decision' }],
      carer: carer.reference,
      snoozable: true,
    }));
}
