/**
 * carer-missing-details: an active carer recorded without a relationship to the patient, or without
 * any way to reach them (no telephone, email or address). Missing contact details matter most: the
 * carer cannot be involved in a crisis or discharge plan, so that case is a warning.
 */
import type { Carer, CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

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
    const missing = [hasRelationship(carer) ? undefined : 'relationship', hasContact(carer) ? undefined : 'contact details'].filter(
      (m): m is string => m !== undefined,
    );
    if (missing.length === 0) continue;
    prompts.push({
      id: `carer-missing-details:${carer.reference}`,
      code: 'carer-missing-details',
      severity: hasContact(carer) ? 'info' : 'warning',
      summary: summaryLine(`${carerLabel(carer)}: ${missing.join(' and ')} not recorded`),
      detail:
        (hasRelationship(carer) ? '' : 'Their relationship to the patient is not recorded. ') +
        (hasContact(carer) ? '' : 'There is no telephone number, email or address to reach them. ') +
        'Record how they are related to the patient and how to reach them, so they can be involved in care and crisis plans.',
      commitment: COMMITMENT,
      actions: [{ kind: 'edit-carer', label: 'Complete carer details' }],
      carer: carer.reference,
      snoozable: true,
    });
  }
  return prompts;
}
