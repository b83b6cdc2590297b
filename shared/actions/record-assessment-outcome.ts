/** The carer's answer to an offer, or the assessment done: the offer Task updated (If-Match), R4 inv-1 checked first. */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, isoDate, shortText } from './fields';

export const recordAssessmentOutcome = defineWriteAction({
  kind: 'record-assessment-outcome',
  what: 'record an assessment outcome',
  writes: { resourceType: 'Task', interaction: 'update' },
  needs: [['Task', ['r', 'u']]],
  audited: false,
  closes: ['follow-up-assessment-offer', 'assessment-review-due', 'follow-up-accepted-assessment'],
  input: z.object({
    kind: z.literal('record-assessment-outcome'),
    carer: carerRef,
    task: z.templateLiteral([z.literal('Task/'), z.string()]),
    versionId: z.optional(z.string()),
    outcome: z.enum(['accepted', 'declined', 'completed']),
    date: z.optional(isoDate),
    reason: z.optional(shortText(500)),
  }),
});
