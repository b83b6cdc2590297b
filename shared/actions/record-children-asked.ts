/**
 * Think Family: the patient (a parent) was asked whether children in the household help to care,
 * and the answer. Written as a completed Task for the Patient in the project's carer-action
 * CodeSystem (`children-asked`, docs/actions.md); when a child helps, the clinician also adds the
 * child as a carer (add-carer, with the birth date), so the young carer's prompts follow.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { shortText } from './fields';

export const recordChildrenAsked = defineWriteAction({
  kind: 'record-children-asked',
  what: 'record that the patient was asked whether children in the household help',
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: ['think-family'],
  input: z.object({
    kind: z.literal('record-children-asked'),
    /** The answer: a child in the household helps to care (true) or none does (false). */
    childHelps: z.boolean(),
    note: z.optional(shortText(500)),
  }),
});
