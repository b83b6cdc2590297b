/**
 * consent-dated-in-future: a decision about sharing with a carer is dated after today. It is left
 * out of the weighing (a typo such as 2062 would otherwise hide every real decision), and shown as
 * the data-quality problem it is.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isCurrent } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT =
  'Triangle of Care standard 3: decisions about sharing information with carers are recorded clearly, so staff know what they may share';

export function consentDatedInFuture(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isCurrent(carer, policy, now) && carer.carerStatus !== 'not-carer' && (carer.consent.futureDated?.length ?? 0) > 0)
    .map((carer): Prompt => ({
      id: `consent-dated-in-future:${carer.reference}`,
      code: 'consent-dated-in-future',
      severity: 'warning',
      summary: summaryLine(`A consent decision for ${carerLabel(carer)} is dated in the future — correct the date in the EHR`),
      detail:
        'A decision about sharing with this carer has a date after today, most likely a typing error. It is not used as the ' +
        'current decision until its date is corrected. Check it in the EHR, and record the decision again if it is the current one.',
      commitment: COMMITMENT,
      actions: [
        { kind: 'open-in-ehr', label: 'Check in the EHR' },
        { kind: 'record-consent', label: 'Record decision again' },
      ],
      carer: carer.reference,
      snoozable: false,
    }));
}
