/**
 * confirm-carer-status: a contact (next of kin, emergency contact, a relative…) whom nobody has yet
 * asked about: are they a carer? Next of kin and family are the people most often caring unseen.
 * A contact under 18 may be a young carer, hidden in plain sight: also a warning. Once answered
 * either way (carer / not a carer) the prompt stops. Patient.contact people not yet recorded as a
 * RelatedPerson are asked about the same way (shared/domain/contacts.ts).
 */
import type { Carer, CarerContext, PatientContact, Prompt } from '../domain/types';
import { unansweredContacts } from '../domain/contacts';
import type { Policy } from '../policy';
import { FAMILY_RELATIONSHIPS } from '../terminology';
import { carerLabel, contactLabel, summaryLine } from '../domain/describe';
import { carerAge, isCurrent } from '../domain/derive';

export const COMMITMENT =
  'Triangle of Care standard 1: carers and the essential role they play are identified at first contact or as soon as possible thereafter';

const NOT_FAMILY = new Set(['FRND', 'NBOR', 'ROOM']);
const FAMILY_DISPLAYS = new Set(
  Object.entries(FAMILY_RELATIONSHIPS)
    .filter(([code]) => !NOT_FAMILY.has(code))
    .map(([, display]) => display.toLowerCase()),
);

const ROLE_TEXT: Record<Carer['contactRoles'][number], string> = {
  'next-of-kin': 'next of kin',
  'emergency-contact': 'emergency contact',
  'contact-person': 'contact person',
};

/** Next of kin, emergency contacts and family members are the contacts most likely to be carers. */
function isLikelyCarer(contact: Carer): boolean {
  return contact.contactRoles.length > 0 || contact.relationships.some((r) => FAMILY_DISPLAYS.has(r.trim().toLowerCase()));
}

export function confirmCarerStatus(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return [...relatedPersonPrompts(ctx, policy, now), ...unansweredContacts(ctx, policy, now).map(contactPrompt)];
}

/**
 * A Patient.contact nobody has asked about. Answering records a RelatedPerson for them (a carer, or
 * not a carer), after which the RelatedPerson is asked about and the contact is recognised as them.
 * Not snoozable: snoozes are kept per carer reference, which a contact does not have.
 */
function contactPrompt(contact: PatientContact): Prompt {
  const label = contactLabel(contact);
  return {
    id: `confirm-carer-status:${contact.key}`,
    code: 'confirm-carer-status',
    severity: 'warning',
    summary: summaryLine(`Is ${label} a carer? Ask and record the answer`),
    detail:
      `${label} is a contact on the patient's record, and nobody has asked whether they are a carer. Next of kin and family are ` +
      'the people most often caring unseen. Ask the patient (and the contact) whether they give unpaid help or support. ' +
      'Mark them as a carer (they are added as the patient\'s carer), or as not a carer so this stops asking.',
    commitment: COMMITMENT,
    actions: [
      { kind: 'mark-carer', label: 'Mark as carer' },
      { kind: 'mark-not-carer', label: 'Not a carer' },
    ],
    contact: contact.key,
    snoozable: false,
  };
}

function relatedPersonPrompts(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    // A paid care worker is never asked about as an unpaid carer, unless also coded as a possible carer.
    .filter((contact) => isCurrent(contact, policy, now) && contact.carerStatus === 'unconfirmed' && (contact.paidCareWorker !== true || contact.possibleCarer === true))
    .map((contact): Prompt => {
      const roles = [...new Set(contact.contactRoles.map((role) => ROLE_TEXT[role]).filter((r) => r !== undefined))];
      const recorded = roles.length > 0 ? ` They are recorded as ${roles.join(' and ')}.` : '';
      const age = carerAge(contact, policy, now);
      const young = age !== undefined && age < policy.youngCarerUnderAge;
      const youngText = young ? ` They are ${age}: if they help care, they are a young carer and can be referred for support.` : '';
      return {
        id: `confirm-carer-status:${contact.reference}`,
        code: 'confirm-carer-status',
        severity: young || isLikelyCarer(contact) ? 'warning' : 'info',
        summary: summaryLine(
          contact.possibleCarer === true
            ? `${carerLabel(contact)} is recorded as a caregiver — confirm they are an unpaid carer`
            : `Is ${carerLabel(contact)} a carer? Ask and record the answer`,
        ),
        detail:
          `${contact.possibleCarer === true ? 'The record says this person is a caregiver, but not whether the care is unpaid.' : 'This contact has not been asked about yet.'}${recorded}${youngText} Ask the patient (and the contact) whether they give ` +
          'unpaid help or support. Mark them as a carer, or as not a carer so this stops asking.',
        commitment: COMMITMENT,
        actions: [
          { kind: 'mark-carer', label: 'Mark as carer' },
          { kind: 'mark-not-carer', label: 'Not a carer' },
        ],
        carer: contact.reference,
        snoozable: true,
      };
    });
}
