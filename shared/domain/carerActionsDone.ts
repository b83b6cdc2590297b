/**
 * Which date on the carer each recorded carer action sets (the latest of each wins): one table the
 * panel's read (adapter/mapping/carerContext.ts) and the audit's view for the rules
 * (shared/audit/finalise.ts) both use, so a new carer action clears its prompt in both.
 * Actions that set something other than a date on the carer (care-plan involvement, which names a
 * plan; a deferral) are not here.
 */
import type { CarerActionCode } from '../terminology';

export type CarerDoneField = 'signpostedOn' | 'youngCarerReferredOn' | 'contingencyPlanOn' | 'crisisNumbersGivenOn' | 'transitionAssessmentRequestedOn';

export const CARER_DONE_FIELD: Readonly<Partial<Record<CarerActionCode, CarerDoneField>>> = {
  signposted: 'signpostedOn',
  'young-carer-referred': 'youngCarerReferredOn',
  'contingency-plan-agreed': 'contingencyPlanOn',
  'crisis-numbers-given': 'crisisNumbersGivenOn',
  'transition-assessment-requested': 'transitionAssessmentRequestedOn',
};

export const CARER_DONE_FIELDS: readonly CarerDoneField[] = [...new Set(Object.values(CARER_DONE_FIELD))];
