/**
 * The carer's OWN decision whether their carer's assessment may be shared with the carers' support
 * organisation (recommendation 3: "subject to carers consent, sharing the statutory assessment").
 * Written as a Consent of the carers-own-information category, performer the carer, recipient the
 * organisation (docs/actions.md); never read as the patient's decision.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const recordCarerSharingConsent = defineWriteAction({
  kind: 'record-carer-sharing-consent',
  what: "record a carer's decision about sharing their assessment",
  writes: { resourceType: 'Consent', interaction: 'create' },
  needs: [['Consent', ['c', 's']]],
  audited: true,
  closes: ['carer-sharing-consent'],
  input: z.object({
    kind: z.literal('record-carer-sharing-consent'),
    carer: carerRef,
    decision: z.enum(['permit', 'deny']),
    /** The id of one of the policy's carer support organisations. */
    organisation: shortText(60).check(z.minLength(1, 'Choose the organisation.')),
    /** The referral the assessment follows (Consent.provision.data), when known. */
    referral: z.optional(z.templateLiteral([z.literal('Task/'), z.string()])),
  }),
});
