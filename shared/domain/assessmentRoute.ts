/**
 * Which statutory assessment of a carer's own needs applies, and the law to cite: decided by the
 * carer's and the patient's ages today (policy zone), never by `policy.youngCarerUnderAge` (a trust
 * may widen "young carer" to young adult carers for its own support, but the law draws the line at 18).
 *
 * - carer under 18 → a young carer's needs assessment, Children Act 1989 s.17ZA;
 * - carer 18 or over, patient under 18, carer the patient's parent (or guardian) → a parent carer's
 *   needs assessment, Children Act 1989 s.17ZD;
 * - carer 18 or over, patient under 18, carer not recorded as a parent → the local authority's
 *   children's services decide (Care Act 2014 s.10 is for carers of adults, so it is never cited);
 * - carer 18 or over, patient 18 or over (or the patient's age not recorded: an adult service's
 *   patient) → a carer's assessment, Care Act 2014 s.10;
 * - carer's age not recorded → which applies depends on it: both are named, and the birth date asked
 *   (a parent of a patient under 18 is taken to be an adult: a parent carer).
 *
 * The prompts' details, the forms' hints and the docs take their wording from here, so one age
 * pairing is never cited two ways.
 */
import type { Policy } from '../policy';
import { ageOn, today } from './dates';
import { isPatientsParent } from './family';
import type { Carer, PatientSummary } from './types';

/** The age at which the Children Act's young carer ends and the Care Act's adult carer begins. */
export const ADULT_AGE = 18;

export type AssessmentRouteKind = 'young-carer' | 'parent-carer' | 'carer-of-child' | 'adult-carer' | 'carer-age-unknown';

export interface AssessmentRoute {
  kind: AssessmentRouteKind;
  /** The assessment, as a clinician names it ("a young carer's needs assessment"). */
  assessment: string;
  /** The statute, cited exactly ("Children Act 1989 s.17ZA"); absent when none can be named. */
  law?: string;
  /** One sentence for a prompt's detail or a form's hint. */
  sentence: string;
}

export const ASSESSMENT_ROUTES: Readonly<Record<AssessmentRouteKind, AssessmentRoute>> = {
  'young-carer': {
    kind: 'young-carer',
    assessment: "a young carer's needs assessment",
    law: 'Children Act 1989 s.17ZA',
    sentence: "This carer is under 18: refer them to the local authority for a young carer's needs assessment (Children Act 1989 s.17ZA).",
  },
  'parent-carer': {
    kind: 'parent-carer',
    assessment: "a parent carer's needs assessment",
    law: 'Children Act 1989 s.17ZD',
    sentence: "The patient is under 18 and this carer is their parent: offer a parent carer's needs assessment (Children Act 1989 s.17ZD) by the local authority; the trust identifies, offers and refers.",
  },
  'carer-of-child': {
    kind: 'carer-of-child',
    assessment: "an assessment by the local authority's children's services",
    sentence:
      "The patient is under 18, so the adult carers' assessment (Care Act 2014 s.10, for carers of adults) does not apply: refer to the local authority's children's services, and record the relationship (a parent carer is assessed under Children Act 1989 s.17ZD).",
  },
  'adult-carer': {
    kind: 'adult-carer',
    assessment: "a carer's assessment",
    law: 'Care Act 2014 s.10',
    sentence: "Offer a carer's assessment: the local authority assesses the carer's own needs (Care Act 2014 s.10 for adult carers of adults); the trust identifies, offers and refers.",
  },
  'carer-age-unknown': {
    kind: 'carer-age-unknown',
    assessment: "a carer's assessment",
    sentence:
      "The carer's date of birth is not recorded, and the law depends on it: a carer under 18 has a young carer's needs assessment (Children Act 1989 s.17ZA), an adult carer of an adult a carer's assessment (Care Act 2014 s.10). Record their date of birth.",
  },
};

/**
 * The assessment that applies to this carer of this patient today.
 *
 * @example assessmentRoute({ birthDate: '2010-01-01', … }, adultPatient, policy, now).law // 'Children Act 1989 s.17ZA'
 */
export function assessmentRoute(carer: Pick<Carer, 'birthDate' | 'familyCodes'>, patient: Pick<PatientSummary, 'birthDate'>, policy: Pick<Policy, 'timeZone'>, now: Date): AssessmentRoute {
  const on = today(now, policy.timeZone);
  const carerAge = carer.birthDate === undefined ? undefined : ageOn(carer.birthDate, on);
  const patientAge = patient.birthDate === undefined ? undefined : ageOn(patient.birthDate, on);
  const patientIsChild = patientAge !== undefined && patientAge < ADULT_AGE;
  if (carerAge !== undefined && carerAge < ADULT_AGE) return ASSESSMENT_ROUTES['young-carer'];
  // A parent of a child patient is taken to be an adult when their own birth date is not recorded.
  if (patientIsChild && isPatientsParent(carer)) return ASSESSMENT_ROUTES['parent-carer'];
  if (carerAge === undefined) return ASSESSMENT_ROUTES['carer-age-unknown'];
  return ASSESSMENT_ROUTES[patientIsChild ? 'carer-of-child' : 'adult-carer'];
}
