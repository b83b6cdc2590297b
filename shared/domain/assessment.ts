/**
 * What a referral for a statutory carer's assessment means for the carer's assessment: decided here
 * once, and used by the panel's read (adapter/mapping/carerContext.ts), `carers` and the audit
 * (shared/audit/finalise.ts), so a carer already referred is never told "not offered" by one of them
 * and counted as "not offered" by another (recommendation 3; docs/actions.md).
 *
 * A referral (SNOMED 790101000000103 / 790081000000109, in any status meaning it was made:
 * requested, received, accepted, ready, in-progress, on-hold, completed) says the trust did what it
 * does about a carer's assessment — the local authority assesses (Care Act 2014 s.10) — and that the
 * carer wanted it. So:
 * - no offer recorded → the assessment is `accepted` (arranged): offered and answered on the
 *   referral's date. `offer-assessment` and `follow-up-assessment-offer` do not prompt;
 * - an offer waiting for an answer (`offered`), or `declined` before the referral → `accepted`, answered
 *   on the referral's date (the carer agreed to be referred);
 * - `accepted` or `completed` → unchanged: the referral is recorded beside it (a completed assessment
 *   keeps its review date: the review clock runs from the assessment, not from the referral);
 * - a referral dated before the current offer belongs to an earlier round and changes nothing;
 * - a completed referral Task is a referral that was made and dealt with, NOT an assessment that took
 *   place: the assessment's own outcome is the offer Task's (or the local authority's) record.
 * A referral without a date counts for the current round (it cannot be placed before the offer).
 */
import type { AssessmentStatus, Carer, CarerReferral } from './types';
import type { Policy } from '../policy';
import { compareDates, toCalendarDate, today } from './dates';
import { assessmentReviewDue, isActiveCarer, isYoungCarer } from './derive';

export function withReferral(assessment: AssessmentStatus, referral: CarerReferral | undefined, policy: Pick<Policy, 'timeZone'>): AssessmentStatus {
  if (referral === undefined) return assessment;
  const referred: Pick<AssessmentStatus, 'referredOn' | 'referral' | 'referredTo'> = { referral: referral.task };
  if (referral.on !== undefined) referred.referredOn = referral.on;
  if (referral.to !== undefined) referred.referredTo = referral.to;
  if (assessment.status === 'not-offered') {
    const arranged: AssessmentStatus = { status: 'accepted', ...referred };
    if (referral.on !== undefined) {
      arranged.offeredOn = referral.on;
      arranged.respondedOn = referral.on;
    }
    return arranged;
  }
  const referralDay = referral.on === undefined ? undefined : toCalendarDate(referral.on, policy.timeZone);
  const offerDay = assessment.offeredOn === undefined ? undefined : toCalendarDate(assessment.offeredOn, policy.timeZone);
  if (referralDay !== undefined && offerDay !== undefined && compareDates(referralDay, offerDay) < 0) return assessment;
  if (assessment.status === 'offered' || assessment.status === 'declined') {
    const { declinedReason: _declined, respondedOn: _responded, ...rest } = assessment;
    const accepted: AssessmentStatus = { ...rest, status: 'accepted', ...referred };
    const respondedOn = referral.on ?? assessment.respondedOn;
    if (respondedOn !== undefined) accepted.respondedOn = respondedOn;
    return accepted;
  }
  return { ...assessment, ...referred };
}

/**
 * A carer who should be referred for the statutory assessment (whether or not they have been): an
 * active adult carer whose assessment was accepted, or has taken place and is not yet due for review
 * (once it is, `assessment-review-due` asks for a new offer, and the referral belongs to that round).
 * Young carers are referred by `young-carer-referral` (Children Act 1989 s.17ZA) instead. The prompt
 * and the audit's denominator both use this.
 */
export function referralExpected(carer: Carer, policy: Policy, now: Date): boolean {
  const { status } = carer.assessment;
  if (!isActiveCarer(carer, policy, now) || isYoungCarer(carer, policy, now)) return false;
  if (status === 'accepted') return true;
  if (status !== 'completed') return false;
  const due = assessmentReviewDue(carer.assessment, policy);
  return due !== undefined && compareDates(today(now, policy.timeZone), due) < 0;
}

/** The carer has been referred in this round (a referral not older than the offer). */
export function isReferred(carer: Pick<Carer, 'assessment'>): boolean {
  return carer.assessment.referral !== undefined;
}

/**
 * A referred carer's own decision about sharing their assessment with the organisation is on record:
 * permit, deny or withdrawn (an answer); `unknown` is not one. Recorded at any time counts: the carer's
 * decision stands until they change it.
 */
export function carerSharingAnswered(carer: Pick<Carer, 'sharingConsent'>): boolean {
  const decision = carer.sharingConsent?.decision;
  return decision === 'permit' || decision === 'deny' || decision === 'withdrawn';
}
