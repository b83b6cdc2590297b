/**
 * Defer a prompt: "not now" or "not applicable", with a coded reason (mapped to the CDS Hooks
 * non-adherence reasons), an optional comment, and the number of days until it returns. Recorded
 * in FHIR (a completed Task, docs/actions.md), so every colleague's panel and the audit see it.
 */
import * as z from 'zod/mini';
import { DEFERRAL_KINDS, DEFERRAL_REASONS, PROMPT_CODES } from '../domain/types';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const deferPrompt = defineWriteAction({
  kind: 'defer-prompt',
  what: 'defer a prompt',
  writes: { resourceType: 'Task', interaction: 'create' },
  needs: [['Task', ['c', 's']]],
  audited: false,
  // Any prompt that may be deferred; the deferral hides it, it does not answer it.
  closes: [],
  input: z.object({
    kind: z.literal('defer-prompt'),
    code: z.enum(PROMPT_CODES),
    carer: z.optional(carerRef),
    deferral: z.enum(DEFERRAL_KINDS),
    reason: z.enum(DEFERRAL_REASONS),
    comment: z.optional(shortText(500)),
    days: z.number().check(z.int(), z.minimum(1), z.maximum(366)),
  }),
});
