/**
 * think-family: the patient is a parent — a current RelatedPerson, or a current Patient.contact not
 * yet recorded as a RelatedPerson (`unansweredContacts`, shared/domain/contacts.ts), is recorded as
 * their child (`isPatientsChild`, shared/domain/family.ts: one meaning) — and nobody has asked
 * whether children in the household help to care. Many EHRs keep family only in Patient.contact
 * (next of kin), so a child recorded there makes the patient a parent just as a RelatedPerson does
 * (hazard H29); a contact already recorded as a RelatedPerson is asked about as that RelatedPerson.
 * Children who help a parent with a mental illness are young carers the service should find; a
 * recorded child shows the patient is a parent, not who lives with them, so the question is about
 * the household. Not asked when one of the patient's children is already recorded as a carer: the
 * question has a recorded answer, and that young carer's own prompts (birth date, referral,
 * transition) follow (a contact is never a carer until asked). The prompt ends once the answer is
 * recorded (shared/actions/record-children-asked.ts), whatever it was.
 *
 * `Patient` has no element that says "has children" (UK Core adds none), so a parent whose children
 * are recorded neither as RelatedPersons nor as contacts cannot be found here; the identification
 * prompt already asks about anyone under 18 who helps (docs/actions.md, Think Family).
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { unansweredContacts } from '../domain/contacts';
import { isActiveCarer, isCurrent } from '../domain/derive';
import { isPatientsChild } from '../domain/family';

export const COMMITMENT =
  'Young carers: "find ways to identify and support young carers"; "clear responsibilities and referral pathway" (Think Family)';

export const SUMMARY = 'The patient is a parent — ask whether any children in the household help to care for them';

export const DETAIL =
  'The trust has committed to "find ways to identify and support young carers", with a "clear responsibilities and referral pathway". ' +
  'The record names a child of the patient, so ask the patient whether any children in the household help to look after them or the home. ' +
  'Record the answer; when a child helps, add the child as a carer with their birth date, so the young carer prompts follow.';

export function thinkFamily(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  if (ctx.childrenAsked !== undefined) return [];
  const children = ctx.carers.filter((carer) => isPatientsChild(carer) && isCurrent(carer, policy, now));
  if (children.length === 0 && !unansweredContacts(ctx, policy, now).some(isPatientsChild)) return [];
  if (children.some((child) => isActiveCarer(child, policy, now))) return [];
  return [
    {
      id: 'think-family',
      code: 'think-family',
      severity: 'info',
      summary: SUMMARY,
      detail: DETAIL,
      commitment: COMMITMENT,
      actions: [{ kind: 'record-children-asked', label: 'Record: children asked' }],
      snoozable: true,
    },
  ];
}
