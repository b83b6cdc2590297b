/**
 * A young carer referred to young carers' support and for a young carer's needs assessment
 * (Children Act 1989 s.17ZA). Written as a completed Task for the carer (docs/actions.md): the
 * referral was made; what the service does next is its own record.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const referYoungCarer = defineWriteAction({
  kind: 'refer-young-carer',
  what: 'record a young carer’s referral',
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: ['young-carer-referral'],
  input: z.object({
    kind: z.literal('refer-young-carer'),
    carer: carerRef,
    /** The service referred to, as the clinician names it. */
    referredTo: shortText(200).check(z.minLength(1, 'Say who the young carer was referred to.')),
    note: z.optional(shortText(500)),
  }),
});
