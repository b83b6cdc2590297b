/** Adds a carer: a RelatedPerson coded as the patient's carer, by conditional create. */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { isoDate, shortText } from './fields';

export const addCarer = defineWriteAction({
  kind: 'add-carer',
  what: 'add a carer',
  writes: { resourceType: 'RelatedPerson', interaction: 'create' },
  needs: [['RelatedPerson', ['c', 's']]],
  audited: true,
  closes: ['identify-carers'],
  input: z.object({
    kind: z.literal('add-carer'),
    name: shortText(200).check(z.minLength(1, 'Enter the carer’s name.')),
    relationship: z.optional(z.string()),
    phone: z.optional(shortText(60)),
    email: z.optional(shortText(200)),
    birthDate: z.optional(isoDate),
  }),
});
