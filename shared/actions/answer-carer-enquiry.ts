/**
 * A carer's enquiry answered: a Communication to the carer `inResponseTo` the enquiry, with when it
 * was sent (docs/actions.md). The overdue prompt ends, and the audit measures the response time.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, isoDate, shortText } from './fields';

export const answerCarerEnquiry = defineWriteAction({
  kind: 'answer-carer-enquiry',
  what: 'record the answer to a carer’s enquiry',
  writes: { resourceType: 'Communication', interaction: 'create' },
  needs: [['Communication', ['c', 's']]],
  audited: false,
  closes: ['carer-enquiry-overdue'],
  input: z.object({
    kind: z.literal('answer-carer-enquiry'),
    carer: carerRef,
    enquiry: z.templateLiteral([z.literal('Communication/'), z.string()]),
    /** When it was answered (a calendar date; now when not given). */
    answeredOn: z.optional(isoDate),
    note: z.optional(shortText(1000)),
  }),
});
