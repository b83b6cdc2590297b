/**
 * A carer heard although the patient declined (or withdrew) consent to share: "Where service users
 * indicate that they do not wish a carer actively involved, we will ensure that carers are still able
 * to be heard", and carers "able to access information … which does not include personal patient
 * information". Written as Communications (docs/actions.md): the carer's, received (sender the
 * carer, recipient the clinician), and, when general information was given, the clinician's reply to
 * it listing what was given. The clinician confirms no personal information about the patient was given.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const recordCarerHeard = defineWriteAction({
  kind: 'record-carer-heard',
  what: 'record that a carer was heard',
  writes: { resourceType: 'Communication', interaction: 'create' },
  needs: [['Communication', ['c', 's']]],
  audited: false,
  closes: ['consent-declined-still-listen'],
  input: z.object({
    kind: z.literal('record-carer-heard'),
    carer: carerRef,
    /** Ids of the policy's general information and signposts given (none is allowed: the carer may only have been listened to). */
    given: z.array(shortText(60)).check(z.maxLength(40)),
    /** The clinician confirms nothing personal to the patient was given: without it nothing is recorded. */
    noPersonalInformation: z.literal(true, 'Confirm that no personal information about the patient was given.'),
    /** What the carer raised, in the clinician's words (the carer's own information). */
    note: z.optional(shortText(1000)),
  }),
});
