/**
 * consent-declined-still-listen: the patient refused (or withdrew) consent to share with a carer.
 * That is not a reason to shut the carer out: the prompt reminds staff what they may always do, and
 * what needs a recorded decision first. It ends once the carer is recorded as heard on or after the
 * day of the refusal (shared/actions/record-carer-heard.ts): "Where service users indicate that they
 * do not wish a carer actively involved, we will ensure that carers are still able to be heard".
 */
import type { Carer, CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { compareDates, toCalendarDate } from '../domain/dates';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT =
  'Triangle of Care standard 3: where the patient declines consent, carers are still listened to and given general information ' +
  '("Where service users indicate that they do not wish a carer actively involved, we will ensure that carers are still able to be heard")';

const DETAIL =
  'Without consent you can still listen to the carer and receive information from them, and give general information that ' +
  'is not personal to the patient: about the condition, medication in general, the Mental Health Act, the care programme ' +
  "approach, and local carers' support. Anything personal to the patient — including their discharge arrangements — needs a " +
  'recorded decision first: their consent, a best-interests decision, or a risk of serious harm (follow the trust’s ' +
  'safeguarding policy). Record why, and tell the patient unless doing so would increase the risk.';

export function consentDeclinedStillListen(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isActiveCarer(carer, policy, now) && (carer.consent.decision === 'deny' || carer.consent.decision === 'withdrawn') && !heardSince(carer, policy))
    .map((carer): Prompt => ({
      id: `consent-declined-still-listen:${carer.reference}`,
      code: 'consent-declined-still-listen',
      severity: 'info',
      summary: summaryLine(`No consent to share with ${carerLabel(carer)} — you can still listen and give general information`),
      detail: `${carer.consent.decision === 'withdrawn' ? 'The patient withdrew consent to share.' : 'The patient declined consent to share with this carer.'} ${DETAIL}`,
      commitment: COMMITMENT,
      actions: [
        { kind: 'record-carer-heard', label: 'Record carer heard' },
        { kind: 'record-consent', label: 'Record new decision' },
        { kind: 'record-disclosure', label: 'Record a disclosure without consent' },
      ],
      carer: carer.reference,
      snoozable: true,
    }));
}

/**
 * The carer was heard on or after the day the patient refused or withdrew (calendar days in the
 * policy's zone). A refusal with no readable date is answered by any record of the carer heard.
 */
export function heardSince(carer: Pick<Carer, 'heardOn' | 'consent'>, policy: Pick<Policy, 'timeZone'>): boolean {
  if (carer.heardOn === undefined) return false;
  const heard = toCalendarDate(carer.heardOn, policy.timeZone);
  const refusedOn = carer.consent.decision === 'withdrawn' ? (carer.consent.withdrawnOn ?? carer.consent.recordedOn) : carer.consent.recordedOn;
  const refused = refusedOn === undefined ? undefined : toCalendarDate(refusedOn, policy.timeZone);
  if (heard === undefined) return false;
  return refused === undefined || compareDates(heard, refused) >= 0;
}
