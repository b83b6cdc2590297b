/**
 * give-crisis-numbers: every active carer is given the trust's crisis and out-of-hours numbers
 * (the policy's `crisisNumbers`, never hard-coded), until the record says so
 * (shared/actions/record-crisis-numbers.ts). The numbers are the carer's own support: no consent needed.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT = 'County recommendation 14: carers "better supported, particularly at times of crisis and out of hours"';

export function giveCrisisNumbers(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isActiveCarer(carer, policy, now) && carer.crisisNumbersGivenOn === undefined)
    .map(
      (carer): Prompt => ({
        id: `give-crisis-numbers:${carer.reference}`,
        code: 'give-crisis-numbers',
        severity: 'info',
        summary: summaryLine(`Give ${carerLabel(carer)} the crisis and out-of-hours numbers`),
        detail:
          'The county asks that carers are "better supported, particularly at times of crisis and out of hours". Give the carer ' +
          "the trust's crisis line and out-of-hours numbers and record which were given. This needs no consent from the patient.",
        commitment: COMMITMENT,
        actions: [{ kind: 'record-crisis-numbers', label: 'Record numbers given' }],
        carer: carer.reference,
        snoozable: true,
      }),
    );
}
