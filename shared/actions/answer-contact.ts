/**
 * The answer about a Patient.contact (carer or not): a RelatedPerson for that person, created
 * conditionally on an identifier derived from the contact. The panel opens it for "Mark as carer" /
 * "Not a carer" on a prompt about a contact, so it is gated on creating a RelatedPerson.
 */
import * as z from 'zod/mini';
import { defineWriteAction } from './define';

export const answerContact = defineWriteAction({
  kind: 'answer-contact',
  what: 'add a carer',
  writes: { resourceType: 'RelatedPerson', interaction: 'create' },
  needs: [['RelatedPerson', ['c', 's']]],
  audited: true,
  closes: ['confirm-carer-status'],
  input: z.object({ kind: z.literal('answer-contact'), contact: z.string().check(z.regex(/^Patient\/[^#]+#contact-\d+-[0-9a-z]+$/)), isCarer: z.boolean() }),
});
