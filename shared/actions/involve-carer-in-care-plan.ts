/**
 * A carer's involvement in one of the patient's current care plans (care plan, crisis plan or
 * advance care plan). Written as a completed carer-action Task for the carer whose focus is the
 * CarePlan (docs/actions.md: why not an update of the CarePlan); read back into the plan's
 * `involves`, so the involve-carer-in-care-plan prompt clears for that plan.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carePlanRef, carerRef, shortText } from './fields';

export const involveCarerInCarePlan = defineWriteAction({
  kind: 'involve-carer-in-care-plan',
  what: 'record a carer’s involvement in care planning',
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: ['involve-carer-in-care-plan'],
  input: z.object({
    kind: z.literal('involve-carer-in-care-plan'),
    carer: carerRef,
    /** The plan the carer was involved in (one of the prompt's plans). */
    carePlan: carePlanRef,
    /** How the carer was involved, as the clinician words it (optional). */
    note: z.optional(shortText(500)),
  }),
});
