/**
 * Information about the patient disclosed to a carer WITHOUT the patient's consent: the basis (a
 * best-interests decision, or a risk of serious harm), what was disclosed, and whether the patient was
 * told ("this will be discussed with the individual involved"). Written as a Communication to the
 * carer (docs/actions.md), never as a Consent: it is not the patient's decision, and the decision in
 * force (shared/consent/decisionInForce.ts) stays what the patient decided.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';
import { carerRef, shortText } from './fields';

export const recordDisclosure = defineWriteAction({
  kind: 'record-disclosure',
  what: 'record a disclosure without consent',
  writes: { resourceType: 'Communication', interaction: 'create' },
  needs: [['Communication', ['c', 's']]],
  // Attested like a consent change: who recorded a disclosure against the patient's refusal, and when (H30).
  audited: true,
  closes: [],
  input: z.object({
    kind: z.literal('record-disclosure'),
    carer: carerRef,
    basis: z.enum(['best-interests', 'serious-harm'], 'Choose the basis of the disclosure.'),
    /** What was disclosed, in a few words. */
    what: shortText(500).check(z.minLength(1, 'Say what was disclosed.')),
    patientTold: z.enum(['told', 'to-be-told', 'not-told'], 'Say whether the patient was told.'),
    /** Why (and, when the patient is not told, why telling them would increase the risk). */
    note: z.optional(shortText(1000)),
  }),
});
