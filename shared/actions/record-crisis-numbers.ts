/**
 * A carer given the trust's crisis and out-of-hours numbers: which of the policy's `crisisNumbers`
 * were given. Written as a completed carer-action Task for the carer (docs/actions.md), keeping each
 * number's label as the trust worded it when given; read back as `Carer.crisisNumbersGivenOn`.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const recordCrisisNumbers = defineWriteAction({
  kind: 'record-crisis-numbers',
  what: 'record that a carer was given the crisis numbers',
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: ['give-crisis-numbers'],
  input: z.object({
    kind: z.literal('record-crisis-numbers'),
    carer: carerRef,
    /** The ids of the policy's crisis numbers given (at least one). */
    given: z.array(shortText(60)).check(z.minLength(1, 'Choose the numbers given.'), z.maxLength(20)),
  }),
});
