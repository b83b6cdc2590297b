/**
 * A carer's contingency plan: what happens if the carer cannot care, and whether they carry an
 * emergency card. Written as a completed carer-action Task for the carer (docs/actions.md); read back
 * as `Carer.contingencyPlanOn`, so the carer-contingency-plan prompt clears.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const recordContingencyPlan = defineWriteAction({
  kind: 'record-contingency-plan',
  what: 'record a carer’s contingency plan',
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: ['carer-contingency-plan'],
  input: z.object({
    kind: z.literal('record-contingency-plan'),
    carer: carerRef,
    /** What happens if the carer cannot care: who steps in, who to call. */
    plan: shortText(1000).check(z.minLength(1, 'Say what happens if the carer cannot care.')),
    /** The carer has (or was given) an emergency card backed by this plan. */
    emergencyCard: z.optional(z.boolean()),
  }),
});
