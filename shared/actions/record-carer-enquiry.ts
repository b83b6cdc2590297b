/**
 * A carer's enquiry, with when it came: "We will ensure a prompt response is provided to carer
 * enquiries". Written as a Communication received from the carer (docs/actions.md); an enquiry not
 * answered within the policy's working days prompts (carer-enquiry-overdue).
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, isoDate, shortText } from './fields';

export const recordCarerEnquiry = defineWriteAction({
  kind: 'record-carer-enquiry',
  what: 'record a carer’s enquiry',
  writes: { resourceType: 'Communication', interaction: 'create' },
  needs: [['Communication', ['c', 's']]],
  audited: false,
  closes: [],
  input: z.object({
    kind: z.literal('record-carer-enquiry'),
    carer: carerRef,
    /** When the enquiry came (a calendar date; today when not given). */
    receivedOn: z.optional(isoDate),
    /** What the carer asked about, in a few words. */
    about: shortText(200).check(z.minLength(1, 'Say what the carer asked about.')),
  }),
});
