/**
 * possible-duplicate-carer: two current related persons of the patient look like the same person
 * (shared/domain/duplicates.ts). Their consent and assessment may be split between two records.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { isCurrent } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';
import { possibleDuplicates } from '../domain/duplicates';

export const COMMITMENT = 'Triangle of Care standard 1: carers are identified accurately, so each carer is known once';

export function possibleDuplicateCarer(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  // In reference order, so the prompt sits on the same record whatever order the server lists them in.
  const current = ctx.carers.filter((c) => isCurrent(c, policy, now) && c.carerStatus !== 'not-carer').sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
  // One prompt per person recorded more than once, on the first of their records.
  const seen = new Set<string>();
  return possibleDuplicates(current).flatMap(([first]): Prompt[] => {
    if (seen.has(first.reference)) return [];
    seen.add(first.reference);
    return [{
    id: `possible-duplicate-carer:${first.reference}`,
    code: 'possible-duplicate-carer',
    severity: 'warning',
    summary: summaryLine(`${carerLabel(first)} may be recorded twice — check and merge the records in the EHR`),
    detail:
      'Two records for this patient share a name and relationship, a phone number or email, or an identifier. If they are the ' +
      'same person, merge them in the EHR so their consent decision and carer’s assessment are kept in one place.',
    commitment: COMMITMENT,
    actions: [{ kind: 'open-in-ehr', label: 'Check in the EHR' }],
    carer: first.reference,
    snoozable: true,
  }];
  });
}
