/**
 * Who a related person is to the patient, read from the v3 RoleCode family codes the record holds
 * (never from the words shown): the patient's child, or the patient's parent (or guardian). The
 * prompts (a child carer's birth date, which assessment applies, Think Family) and the report ask
 * these here, of a RelatedPerson or a Patient.contact alike (both carry `familyCodes`).
 */
import { CHILD_ROLE_CODES, PARENT_ROLE_CODES } from '../terminology';
import type { Carer } from './types';

/** The related person (or contact) is recorded as the patient's child (CHILD, DAUC, SONC and the codes under them). */
export function isPatientsChild(carer: Pick<Carer, 'familyCodes'>): boolean {
  return (carer.familyCodes ?? []).some((code) => CHILD_ROLE_CODES.has(code));
}

/** The related person is recorded as the patient's parent, step-parent or guardian. */
export function isPatientsParent(carer: Pick<Carer, 'familyCodes'>): boolean {
  return (carer.familyCodes ?? []).some((code) => PARENT_ROLE_CODES.has(code));
}
