/**
 * The carer involved in planning the patient's discharge from an inpatient episode (Care Act 2014
 * s.74(1), as substituted by the Health and Care Act 2022 s.91): a completed carer-action Task for
 * the carer whose `focus` is the EpisodeOfCare (docs/actions.md), with how they were involved and
 * whether personal information was shared (as the decision in force allowed) or general information only.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const DISCHARGE_SHARING = ['personal-information', 'general-information-only'] as const;

export const recordDischargeInvolvement = defineWriteAction({
  kind: 'record-discharge-involvement',
  what: 'record that a carer was involved in discharge planning',
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  closes: ['involve-carer-in-discharge'],
  input: z.object({
    kind: z.literal('record-discharge-involvement'),
    carer: carerRef,
    episode: z.templateLiteral([z.literal('EpisodeOfCare/'), z.string()]),
    /** How the carer was involved, as the clinician words it (a meeting, a call…). */
    how: shortText(300).check(z.minLength(1, 'Say how the carer was involved.')),
    /** What was shared: the patient's personal information (as the decision in force allows), or general information only. */
    shared: z.enum(DISCHARGE_SHARING),
  }),
});
