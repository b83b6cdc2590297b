/**
 * A carer signposted to support: which of the trust's signposts (policy `signposts`: the local
 * carers' centre, the trust's carer information) were given. Crisis numbers are not a signpost: they
 * have their own record (record-crisis-numbers).
 * Written as a completed Task for the carer (docs/actions.md), read back by the same one-round-trip
 * read as the assessment offer, so the signpost-support prompt clears.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const recordSignposting = defineWriteAction({
  kind: 'record-signposting',
  what: "record that a carer was signposted to support",
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: ['signpost-support'],
  input: z.object({
    kind: z.literal('record-signposting'),
    carer: carerRef,
    /** The ids of the policy's signposts given (at least one); the Task keeps their text as given. */
    given: z.array(shortText(60)).check(z.minLength(1, 'Choose what was given.'), z.maxLength(20)),
  }),
});
