/**
 * consent-without-carer: a carer-sharing Consent of this patient that names no RelatedPerson of
 * theirs (no actor, or an actor that is not one of the patient's related persons). Nobody can act
 * on such a decision, and it may be meant for a carer who appears to have none.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { displayDate, summaryLine } from '../domain/describe';
import { toCalendarDate } from '../domain/dates';

export const COMMITMENT = 'Triangle of Care standard 3: every decision about sharing information names the carer it applies to';

const DECISION_TEXT: Record<string, string> = {
  permit: 'agreed to share',
  deny: 'declined to share',
  partial: 'agreed to share some information',
  withdrawn: 'withdrawn',
  'lacks-capacity': 'unable to decide',
  unknown: 'cannot interpret',
};

export function consentWithoutCarer(ctx: CarerContext, policy: Policy, _now: Date): Prompt[] {
  return ctx.orphanConsents.map((orphan): Prompt => {
    const recordedOn = orphan.recordedOn === undefined ? undefined : toCalendarDate(orphan.recordedOn, policy.timeZone);
    const actor = orphan.actorReference ?? '';
    return {
      id: `consent-without-carer:${orphan.consent}`,
      code: 'consent-without-carer',
      severity: 'warning',
      summary: summaryLine(
        `A consent decision (${DECISION_TEXT[orphan.decision] ?? 'cannot interpret'}${recordedOn ? `, ${displayDate(recordedOn)}` : ''}) names no carer of this patient — check in the EHR`,
      ),
      detail:
        `The decision ${actor ? "names someone who is not one of this patient's carers or contacts" : 'names nobody it applies to'}. ` +
        'Find which carer the decision was meant for, and record it again against that carer: the new decision settles this one, which is kept as it was.',
      commitment: COMMITMENT,
      consent: orphan.consent,
      actions: [
        { kind: 'open-in-ehr', label: 'Check in the EHR' },
        { kind: 'record-consent', label: 'Record decision for a carer' },
      ],
      snoozable: true,
    };
  });
}
