/**
 * Every prompt rule, one per file named for its code. Adding a rule is a new file and one line here
 * (and a code in PROMPT_CODES); tests/conventions checks that the three stay in step.
 */
import { PROMPT_CODES, type CarerContext, type Prompt, type PromptCode, type Severity } from '../domain/types';
import type { Policy } from '../policy';
import { today } from '../domain/dates';
import { assessmentReviewDue } from './assessment-review-due';
import { carerMissingDetails } from './carer-missing-details';
import { confirmCarerStatus } from './confirm-carer-status';
import { consentCannotInterpret } from './consent-cannot-interpret';
import { consentDeclinedStillListen } from './consent-declined-still-listen';
import { consentWithoutCarer } from './consent-without-carer';
import { followUpAssessmentOffer } from './follow-up-assessment-offer';
import { identifyCarers } from './identify-carers';
import { offerAssessment } from './offer-assessment';
import { recordConsent } from './record-consent';
import { reviewConsent } from './review-consent';
import { signpostSupport } from './signpost-support';
import { youngCarerReferral } from './young-carer-referral';
import { consentConflict } from './consent-conflict';
import { consentDatedInFuture } from './consent-dated-in-future';
import { possibleDuplicateCarer } from './possible-duplicate-carer';
import { carerCodedAsPaid } from './carer-coded-as-paid';
import { involveCarerInCarePlan } from './involve-carer-in-care-plan';
import { carerContingencyPlan } from './carer-contingency-plan';
import { giveCrisisNumbers } from './give-crisis-numbers';
import { carerEnquiryOverdue } from './carer-enquiry-overdue';
import { youngCarerTransition } from './young-carer-transition';
import { referCarerAssessment } from './refer-carer-assessment';
import { carerSharingConsent } from './carer-sharing-consent';
import { followUpAcceptedAssessment } from './follow-up-accepted-assessment';
import { involveCarerInDischarge } from './involve-carer-in-discharge';
import { thinkFamily } from './think-family';

/** A prompt rule: a pure function of the record, the policy and "now". */
export type PromptRule = (ctx: CarerContext, policy: Policy, now: Date) => Prompt[];

export const PROMPT_RULES: Readonly<Record<PromptCode, PromptRule>> = {
  'identify-carers': identifyCarers,
  'confirm-carer-status': confirmCarerStatus,
  'record-consent': recordConsent,
  'review-consent': reviewConsent,
  'consent-declined-still-listen': consentDeclinedStillListen,
  'consent-cannot-interpret': consentCannotInterpret,
  'offer-assessment': offerAssessment,
  'follow-up-assessment-offer': followUpAssessmentOffer,
  'assessment-review-due': assessmentReviewDue,
  'young-carer-referral': youngCarerReferral,
  'signpost-support': signpostSupport,
  'carer-missing-details': carerMissingDetails,
  'consent-without-carer': consentWithoutCarer,
  'consent-conflict': consentConflict,
  'consent-dated-in-future': consentDatedInFuture,
  'possible-duplicate-carer': possibleDuplicateCarer,
  'carer-coded-as-paid': carerCodedAsPaid,
  'involve-carer-in-care-plan': involveCarerInCarePlan,
  'carer-contingency-plan': carerContingencyPlan,
  'give-crisis-numbers': giveCrisisNumbers,
  'carer-enquiry-overdue': carerEnquiryOverdue,
  'young-carer-transition': youngCarerTransition,
  'refer-carer-assessment': referCarerAssessment,
  'carer-sharing-consent': carerSharingConsent,
  'follow-up-accepted-assessment': followUpAcceptedAssessment,
  'involve-carer-in-discharge': involveCarerInDischarge,
  'think-family': thinkFamily,
};

/**
 * After the patient's death nothing is asked of or about them (no consent, no offer, no "ask now");
 * their carers may still be pointed to support, bereavement support included.
 */
const AFTER_DEATH: ReadonlySet<PromptCode> = new Set<PromptCode>([
  'carer-enquiry-overdue',
  'signpost-support',
  // The patient's death is a significant change for their carer (recommendation 4): the rule prompts for that alone.
  'assessment-review-due',
]);

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };

/**
 * All prompts for one patient, most severe first (critical → warning → info). Within a severity
 * the order is stable: rules in PROMPT_CODES order, each rule's prompts in record order (carers as
 * the record lists them). A prompt id appears once even when the record lists a person twice.
 *
 * @throws RangeError only for an invalid `now` (a programming error); any CarerContext is accepted.
 */
export function evaluatePrompts(ctx: CarerContext, policy: Policy, now: Date): Prompt[] {
  today(now, policy.timeZone); // fail fast, with a clear message, on an invalid clock or zone
  const seen = new Set<string>();
  const prompts: Prompt[] = [];
  const deceased = ctx.patient.deceased !== undefined;
  for (const code of PROMPT_CODES) {
    if (deceased && !AFTER_DEATH.has(code)) continue;
    for (const prompt of PROMPT_RULES[code](ctx, policy, now)) {
      if (seen.has(prompt.id)) continue;
      seen.add(prompt.id);
      prompts.push(prompt);
    }
  }
  return prompts.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
