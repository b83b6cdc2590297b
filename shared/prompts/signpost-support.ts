/**
 * signpost-support: every active carer is pointed to local carers' support, whatever else is
 * recorded (consent is not needed: the support is the carer's own), until the record says it was
 * done (a recorded signposting, shared/actions/record-signposting.ts).
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT = "Triangle of Care standard 6: a range of carer support services is available, and every carer is told about local carers' support";

export function signpostSupport(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers.filter((carer) => isActiveCarer(carer, policy, now) && carer.signpostedOn === undefined).map(
    (carer): Prompt => ({
      id: `signpost-support:${carer.reference}`,
      code: 'signpost-support',
      severity: 'info',
      summary: summaryLine(`Signpost ${carerLabel(carer)} to local carers' support`),
      detail:
        (ctx.patient.deceased !== undefined
          ? "The patient has died. Offer the carer bereavement support and the local carers' centre's details. "
          : "Give the carer the local carers' centre's details and the trust's carer information (what to do in a crisis, " +
            "who to contact, carers' groups). ") + "This needs no consent from the patient: it is about the carer's own support.",
      commitment: COMMITMENT,
      actions: [{ kind: 'record-signposting', label: 'Record signposting' }],
      carer: carer.reference,
      snoozable: true,
    }),
  );
}
