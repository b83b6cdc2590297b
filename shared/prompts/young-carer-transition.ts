/**
 * young-carer-transition: an active carer aged 17 (by their birth date, in the policy's zone — the
 * law's age, not `policy.youngCarerUnderAge`) with no transition assessment requested. Before a
 * young carer turns 18 the local authority assesses the support they will need as an adult (Care
 * Act 2014 s.63), so support does not stop on their 18th birthday. The prompt ends once a request
 * is recorded (shared/actions/request-transition-assessment.ts) or the carer turns 18.
 */
import type { CarerContext, Prompt } from '../domain/types';
import type { Policy } from '../policy';
import { ADULT_AGE } from '../domain/assessmentRoute';
import { carerAge, isActiveCarer } from '../domain/derive';
import { carerLabel, summaryLine } from '../domain/describe';

export const COMMITMENT =
  "Care Act 2014 s.63: a young carer likely to have needs for support after becoming 18 has a transition assessment before then; \"find ways to identify and support young carers\"";

/** Care Act 2014 s.63(1), as enacted. */
export const SECTION_63 =
  'Care Act 2014 s.63(1): "Where it appears to a local authority that a young carer is likely to have needs for support after becoming 18, the authority must, if it is satisfied that it would be of significant benefit to the young carer to do so and if the consent condition is met, assess" those needs.';

export function youngCarerTransition(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  return ctx.carers
    .filter((carer) => {
      if (!isActiveCarer(carer, policy, now) || carer.transitionAssessmentRequestedOn !== undefined) return false;
      const age = carerAge(carer, policy, now);
      return age === ADULT_AGE - 1;
    })
    .map(
      (carer): Prompt => ({
        id: `young-carer-transition:${carer.reference}`,
        code: 'young-carer-transition',
        severity: 'warning',
        summary: summaryLine(`${carerLabel(carer)} is 17 — ask the local authority for a young carer's transition assessment before 18`),
        detail:
          `${SECTION_63} With the young carer's agreement, ask the local authority for this transition assessment now, ` +
          "so their support as an adult carer is planned before their 18th birthday, and record the request.",
        commitment: COMMITMENT,
        actions: [{ kind: 'request-transition-assessment', label: 'Record transition assessment request' }],
        carer: carer.reference,
        snoozable: true,
      }),
    );
}
