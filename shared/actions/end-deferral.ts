/** End a deferral now, so its prompt returns for everyone: a versioned update of the deferral's Task. */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';

export const endDeferral = defineWriteAction({
  kind: 'end-deferral',
  what: 'end a deferral',
  writes: { resourceType: 'Task', interaction: 'update' },
  needs: [['Task', ['r', 'u']]],
  audited: false,
  closes: [],
  input: z.object({ kind: z.literal('end-deferral'), task: z.templateLiteral([z.literal('Task/'), z.string()]), versionId: z.optional(z.string()) }),
});
