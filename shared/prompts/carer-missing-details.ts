/**
 * carer-missing-details: an active carer recorded without a relationship to the patient, or without
 * any way to reach them (no telephone, email or address). Missing contact details matter most: the
 * carer cannot be involved in a crisis or discharge plan, so that case is a warning.
 *
 * A carer who is the patient's child (v3 RoleCode CHILD, DAUC, SONC… shared/domain/family.ts) with
 * no date of birth may be a young carer nobody can recognise: their date of birth is asked for too
 * ("find ways to identify and support young carers"), and the prompt ends when it is recorded.
 */
import type { Carer, CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';
import { isPatientsChild } from '../domain/family';

export const COMMITMENT =
  'Triangle of Care standard 1: carers are identified and recorded with their relationship and how to contact them';

/** A family or social relationship is recorded (the audit's data-quality flag is this same test). */
export function hasRelationship(carer: Pick<Carer, 'relationships'>): boolean {
  return carer.relationships.some((r) => r.trim().length > 0);
}

/** A telephone number, email or address to reach them is recorded (the audit's flag is this same test). */
export function hasContact(carer: Pick<Carer, 'telecom' | 'address'>): boolean {
  return carer.telecom.some((t) => typeof t.value === 'string' && t.value.trim().length > 0) || (carer.address ?? '').trim().length > 0;
}

export function carerMissingDetails(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  const prompts: Prompt[] = [];
  for (const carer of ctx.carers) {
    if (!isActiveCarer(carer, policy, now)) continue;
    const birthDateNeeded = isPatientsChild(carer) && (carer.birthDate ?? '').trim() === '';
    const missing = [hasRelationship(carer) ? undefined : 'relationship', hasContact(carer) ? undefined : 'contact details', birthDateNeeded ? 'date of birth' : undefined].filter(
      (m): m is string => m !== undefined,
    );
    if (missing.length === 0) continue;
    prompts.push({
      id: `carer-missing-details:${carer.reference}`,
      code: 'carer-missing-details',
      severity: hasContact(carer) && !birthDateNeeded ? 'info' : 'warning',
      summary: summaryLine(`${carerLabel(carer)}: ${missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}` : missing[0]} not recorded`),
      detail: [
        hasRelationship(carer) ? '' : 'Their relationship to the patient is not recorded.',
        hasContact(carer) ? '' : 'There is no telephone number, email or address to reach them.',
        birthDateNeeded
          ? "They are the patient's child and their date of birth is not recorded: record it, so a young carer (under 18, Children Act 1989 s.17ZA) is recognised and referred (\"find ways to identify and support young carers\")."
          : '',
        hasRelationship(carer) && hasContact(carer) ? '' : 'Record how they are related to the patient and how to reach them, so they can be involved in care and crisis plans.',
      ]
        .filter((sentence) => sentence !== '')
        .join(' '),
      commitment: COMMITMENT,
      actions: [{ kind: 'edit-carer', label: 'Complete carer details' }],
      carer: carer.reference,
      snoozable: true,
    });
  }
  return prompts;
}
