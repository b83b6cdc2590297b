/** A carer's needs assessment offered: a requested Task (SNOMED 512321000000109). */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef } from './fields';

export const offerAssessment = defineWriteAction({
  kind: 'offer-assessment',
  what: 'record a needs-assessment offer',
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: ['offer-assessment', 'assessment-review-due'],
  input: z.object({ kind: z.literal('offer-assessment'), carer: carerRef }),
});
