/**
 * A significant change in a carer's needs or circumstances (the seed's recommendation 4: a review
 * "sooner if a significant change in needs/circumstances do arise"): what changed, recorded as a
 * completed carer-action Task for the carer (docs/actions.md). Recording it makes the carer's
 * assessment review due now (shared/domain/significantChange.ts), so it opens a prompt rather than
 * closing one; the review is then offered through `offer-assessment`.
 */
import * as z from 'zod/mini';
import { CIRCUMSTANCE_CHANGES, type CircumstanceChange } from '../terminology';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const recordCircumstancesChanged = defineWriteAction({
  kind: 'record-circumstances-changed',
  what: "record a change in a carer's circumstances",
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: [],
  input: z.object({
    kind: z.literal('record-circumstances-changed'),
    carer: carerRef,
    /** What changed (shared/terminology.ts CIRCUMSTANCE_CHANGES). */
    what: z.enum(Object.keys(CIRCUMSTANCE_CHANGES) as [CircumstanceChange, ...CircumstanceChange[]]),
    note: z.optional(shortText(500)),
  }),
});
