/**
 * carer-coded-as-paid: one person is coded both as an unpaid carer and as a paid care worker
 * (SNOMED 229774002, the occupation). A paid worker is not an unpaid carer and is not offered a
 * carer's assessment on that role; the record must say which is true.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT = 'Triangle of Care standard 1: carers are identified accurately, so the right people are offered support';

export function carerCodedAsPaid(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => isActiveCarer(carer, policy, now) && carer.paidCareWorker === true)
    .map((carer): Prompt => ({
      id: `carer-coded-as-paid:${carer.reference}`,
      code: 'carer-coded-as-paid',
      severity: 'warning',
      summary: summaryLine(`${carerLabel(carer)} is recorded both as an unpaid carer and as a paid care worker — check which`),
      detail:
        'Paid care workers are not unpaid carers. Ask whether this person also gives unpaid care; correct the record in the ' +
        'EHR, or mark them as not a carer if they only care as paid work.',
      commitment: COMMITMENT,
      actions: [
        { kind: 'open-in-ehr', label: 'Check in the EHR' },
        { kind: 'mark-not-carer', label: 'Not an unpaid carer' },
      ],
      carer: carer.reference,
      snoozable: true,
    }));
}
