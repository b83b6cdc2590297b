/** A related person is the patient's carer: the carer coding and the carer-status extension, by versioned update. */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef } from './fields';

export const markCarer = defineWriteAction({
  kind: 'mark-carer',
  what: 'change whether someone is a carer',
  writes: { resourceType: 'RelatedPerson', interaction: 'update' },
  needs: [['RelatedPerson', ['r', 'u']]],
  audited: true,
  closes: ['confirm-carer-status'],
  input: z.object({ kind: z.literal('mark-carer'), carer: carerRef, versionId: z.optional(z.string()) }),
});
