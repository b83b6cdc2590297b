/**
 * consent-conflict: two equally recent decisions about sharing with a carer disagree, or a newer one
 * has no date (shared/consent/decisionInForce.ts). The panel must not guess which holds: it is never
 * treated as permission, cannot be deferred, and is raised as a safety prompt until a clinician
 * records the patient's current decision.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isCurrent } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT =
  'Triangle of Care standard 3: decisions about sharing information with carers are recorded clearly, so staff know what they may share';

export function consentConflict(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isCurrent(carer, policy, now) && carer.carerStatus !== 'not-carer' && carer.consent.decision === 'conflict')
    .map((carer): Prompt => ({
      id: `consent-conflict:${carer.reference}`,
      code: 'consent-conflict',
      severity: 'critical',
      summary: summaryLine(`Conflicting consent decisions for ${carerLabel(carer)} — check in the EHR before sharing`),
      detail:
        `${carer.consent.conflicting?.length ?? 2} decisions about sharing with this carer are equally recent and say different things, ` +
        'or a newer one has no date, so which one holds cannot be told. Share nothing personal on either until it is settled: ' +
        "check the records in the EHR, ask the patient, and record their current decision.",
      commitment: COMMITMENT,
      actions: [
        { kind: 'open-in-ehr', label: 'Check in the EHR' },
        { kind: 'record-consent', label: 'Record current decision' },
      ],
      carer: carer.reference,
      snoozable: false,
    }));
}
