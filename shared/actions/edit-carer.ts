/**
 * A carer's relationship, contact details and date of birth completed: a versioned update (If-Match) of the raw
 * RelatedPerson, adding what was given and leaving everything else as the server holds it.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, isoDate, shortText } from './fields';

export const editCarer = defineWriteAction({
  kind: 'edit-carer',
  what: 'change a carer’s details',
  writes: { resourceType: 'RelatedPerson', interaction: 'update' },
  needs: [['RelatedPerson', ['r', 'u']]],
  audited: true,
  closes: ['carer-missing-details'],
  input: z.object({
    kind: z.literal('edit-carer'),
    carer: carerRef,
    versionId: z.optional(z.string()),
    relationship: z.optional(z.string()),
    phone: z.optional(shortText(60)),
    email: z.optional(shortText(200)),
    /** Set only when none is recorded (a child carer's, so a young carer is recognised). */
    birthDate: z.optional(isoDate),
  }),
});
