/** The patient's decision about sharing with, and involving, one carer: a Consent (docs/consent-semantics.md). */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, isoDate, shortText } from './fields';

export const recordConsent = defineWriteAction({
  kind: 'record-consent',
  what: 'record a consent decision',
  writes: { resourceType: 'Consent', interaction: 'create' },
  needs: [['Consent', ['c', 's']]],
  audited: true,
  closes: ['consent-without-carer', 'record-consent', 'review-consent', 'consent-conflict', 'consent-cannot-interpret', 'consent-dated-in-future', 'consent-declined-still-listen'],
  input: z.object({
    kind: z.literal('record-consent'),
    carer: carerRef,
    decision: z.enum(['permit', 'deny', 'partial', 'lacks-capacity']),
    mayShare: z.array(shortText(200)),
    mayNotShare: z.array(shortText(200)),
    /** The review date, or (unable to decide at present) when to ask again. */
    reviewDue: z.optional(isoDate),
    /** Who decided, when not the patient (their basis), or the patient as a Gillick-competent child. */
    basis: z.optional(z.enum(['best-interests', 'lpa', 'deputy', 'parental-responsibility', 'gillick-competent'])),
    /** The person deciding for the patient, when they are one of the patient's related persons … */
    decidedByCarer: z.optional(carerRef),
    /** … or their name as recorded (the clinician making a best-interests decision, an attorney not on record). */
    decidedByName: z.optional(shortText(200)),
    /** "Which carer is this decision for?": the patient's Consent naming nobody that this decision settles (Consent.sourceReference). */
    settles: z.optional(z.templateLiteral([z.literal('Consent/'), z.string()])),
  }),
});
