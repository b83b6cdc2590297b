/** Asked, and not an (unpaid) carer: carer codings removed, the answer kept in the carer-status extension. */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef } from './fields';

export const markNotCarer = defineWriteAction({
  kind: 'mark-not-carer',
  what: 'change whether someone is a carer',
  writes: { resourceType: 'RelatedPerson', interaction: 'update' },
  needs: [['RelatedPerson', ['r', 'u']]],
  audited: true,
  closes: ['confirm-carer-status', 'carer-coded-as-paid'],
  input: z.object({ kind: z.literal('mark-not-carer'), carer: carerRef, versionId: z.optional(z.string()) }),
});
