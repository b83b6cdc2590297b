/**
 * A young carer's transition assessment asked of the local authority before they turn 18 (Care Act
 * 2014 s.63). Written as a completed Task for the carer in the project's carer-action CodeSystem
 * (docs/actions.md), like the young carer's referral: the request was made; the assessment is the
 * local authority's own record.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const requestTransitionAssessment = defineWriteAction({
  kind: 'request-transition-assessment',
  what: 'record a young carer’s transition assessment request',
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: ['young-carer-transition'],
  input: z.object({
    kind: z.literal('request-transition-assessment'),
    carer: carerRef,
    /** Whom it was asked of (the local authority's team), as the clinician names it. */
    requestedFrom: shortText(200).check(z.minLength(1, 'Say whom the transition assessment was asked of.')),
    note: z.optional(shortText(500)),
  }),
});
