/** "Asked: no carers": a dated, empty List (../shared/terminology.md), distinct from never asked. */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';

export const recordNoCarers = defineWriteAction({
  kind: 'record-no-carers',
  what: 'record that the patient named no carers',
  writes: { resourceType: 'List', interaction: 'create' },
  needs: [['List', ['c', 's']]],
  audited: false,
  closes: ['identify-carers'],
  input: z.object({ kind: z.literal('record-no-carers') }),
});
