/**
 * consent-cannot-interpret: a Consent names this person but cannot be read safely (no decision
 * type, an unknown modifier extension…). It is never shown as a decision: a clinician must read it
 * in the EHR. It applies to contacts not yet confirmed as carers too (a Consent naming them exists),
 * and it cannot be snoozed: hiding it could lead to sharing on a guess.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { carerLabel, oneLine, shorten, summaryLine } from '../domain/describe';
import { isCurrent } from '../domain/derive';

export const COMMITMENT =
  'Triangle of Care standard 3: decisions about sharing information with carers are recorded clearly, so staff know what they may share';

export function consentCannotInterpret(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isCurrent(carer, policy, now) && carer.carerStatus !== 'not-carer' && carer.consent.decision === 'unknown')
    .map((carer): Prompt => {
      const reason = oneLine(carer.consent.unknownReason ?? '');
      return {
        id: `consent-cannot-interpret:${carer.reference}`,
        code: 'consent-cannot-interpret',
        severity: 'warning',
        summary: summaryLine(`Consent for ${carerLabel(carer)} cannot be interpreted — check in the EHR`),
        detail:
          'A consent record names this person but cannot be read safely' +
          `${reason ? `: ${shorten(reason, 200)}` : ''}. Do not treat it as permission or refusal. Read it in the EHR and, if needed, record the decision again.`,
        commitment: COMMITMENT,
        actions: [
          { kind: 'open-in-ehr', label: 'Check in the EHR' },
          { kind: 'record-consent', label: 'Record decision again' },
        ],
        carer: carer.reference,
        snoozable: false,
      };
    });
}
