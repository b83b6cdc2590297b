/** The patient withdraws a decision: the Consent becomes inactive, by versioned update. */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef } from './fields';

export const withdrawConsent = defineWriteAction({
  kind: 'withdraw-consent',
  what: 'withdraw a consent',
  writes: { resourceType: 'Consent', interaction: 'update' },
  needs: [['Consent', ['r', 'u']]],
  audited: true,
  closes: ['review-consent'],
  input: z.object({ kind: z.literal('withdraw-consent'), carer: carerRef, consent: z.templateLiteral([z.literal('Consent/'), z.string()]), versionId: z.optional(z.string()) }),
});
