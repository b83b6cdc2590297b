/**
 * A carer referred to a carers' support organisation / the local authority for the statutory carer's
 * assessment (recommendation 3; Care Act 2014 s.10). Written as a Task coded SNOMED 790101000000103
 * "Referral for social services carer's assessment", `for` the carer, `owner` the organisation the
 * trust's policy names (docs/actions.md); read back as the carer having been referred
 * (shared/domain/assessment.ts), so the offer prompts end as well.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const referCarerAssessment = defineWriteAction({
  kind: 'refer-carer-assessment',
  what: "record a referral for a carer's assessment",
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: ['refer-carer-assessment', 'offer-assessment', 'follow-up-assessment-offer'],
  input: z.object({
    kind: z.literal('refer-carer-assessment'),
    carer: carerRef,
    /** The id of one of the policy's carer support organisations (policy `carerSupportOrganisations`). */
    organisation: shortText(60).check(z.minLength(1, 'Choose the organisation referred to.')),
    note: z.optional(shortText(500)),
  }),
});
