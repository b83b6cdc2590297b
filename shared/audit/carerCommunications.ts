/**
 * What passed between carers and the service (docs/actions.md "Carers heard, enquiries and
 * disclosures"), measured for the caseload audited:
 * - carers of patients who refused (or withdrew) consent who were heard since: "Where service users
 *   indicate that they do not wish a carer actively involved, we will ensure that carers are still
 *   able to be heard" — the same test as the panel's prompt (consent-declined-still-listen `heardSince`);
 * - carers' enquiries and how long each waited for its first answer, in working days: "We will ensure
 *   a prompt response is provided to carer enquiries" — the median, and the share answered within the
 *   policy's `enquiryResponseWorkingDays` (RAG), bank holidays not counted (shared/domain/workingDays.ts);
 * - disclosures without consent, and how many the patient has not been told of.
 * Facts in (adapter/audit/facts.ts reads them with the panel's own reader), counts out.
 */
import { z } from 'zod';
import { today, toCalendarDate, compareDates } from '../domain/dates';
import { workingDaysBetween } from '../domain/workingDays';
import type { ConsentDecision } from '../domain/types';
import type { Policy } from '../policy';
import { heardSince } from '../prompts/consent-declined-still-listen';
import { enquiryAnswerDue } from '../prompts/carer-enquiry-overdue';
import type { CarerCommunicationCode, PatientTold } from '../terminology';
import { median } from './median';

export interface CarerCommunicationFact {
  kind: 'carerCommunication';
  id: string;
  carer: string;
  code: CarerCommunicationCode;
  on: string;
  inResponseTo?: string;
  patientTold?: PatientTold;
}

export type CarerCommunicationsState = Map<string, CarerCommunicationFact>;

const count = z.number().int().nonnegative();
const RateSchema = z.strictObject({ numerator: count, denominator: count, percent: z.number().nullable(), rag: z.enum(['green', 'amber', 'red', 'none']) });
export const CarerCommunicationMeasuresSchema = z.strictObject({
  /** Active carers whose decision in force is a refusal or withdrawal, and of them those heard since (RAG). */
  heardWhenRefused: RateSchema,
  enquiries: z.strictObject({
    received: count,
    answered: count,
    /** Not answered, and past the day the answer was due. */
    overdue: count,
    /** Median working days from enquiry to first answer (answered enquiries only); null when none. */
    medianWorkingDaysToAnswer: z.number().nullable(),
    targetWorkingDays: count,
    /** Enquiries answered by the day due, of those answered or overdue (RAG). */
    answeredWithinTarget: RateSchema,
  }),
  disclosuresWithoutConsent: z.strictObject({ recorded: count, patientNotYetTold: count, patientNotTold: count }),
});
export type CarerCommunicationMeasures = z.infer<typeof CarerCommunicationMeasuresSchema>;

type Rate = z.infer<typeof RateSchema>;

export interface CarerCommunicationLookups {
  /** Whether the carer (a RelatedPerson id) belongs to a patient in the audited caseload. */
  isAudited: (carerId: string) => boolean;
  /** Active audited carers whose decision in force is deny or withdrawn, with that decision. */
  refusals: ReadonlyMap<string, ConsentDecision>;
  rateOf: (numerator: number, denominator: number) => Rate;
}

export function carerCommunicationMeasures(state: CarerCommunicationsState, lookups: CarerCommunicationLookups, policy: Pick<Policy, 'timeZone' | 'enquiryResponseWorkingDays' | 'bankHolidays' | 'extraNonWorkingDays'>, now: Date): CarerCommunicationMeasures {
  const facts = [...state.values()].filter((f) => lookups.isAudited(f.carer));
  const latestHeard = new Map<string, string>();
  for (const fact of facts) {
    if (fact.code !== 'carer-heard') continue;
    const current = latestHeard.get(fact.carer);
    const on = toCalendarDate(fact.on, policy.timeZone);
    if (on === undefined) continue;
    if (current === undefined || compareDates(on, current) > 0) latestHeard.set(fact.carer, on);
  }
  let heard = 0;
  for (const [carer, consent] of lookups.refusals) {
    const heardOn = latestHeard.get(carer);
    if (heardSince({ consent, ...(heardOn !== undefined ? { heardOn } : {}) }, policy)) heard += 1;
  }

  const day = today(now, policy.timeZone);
  const answers = facts.filter((f) => f.code === 'carer-enquiry-answer' && f.inResponseTo !== undefined);
  let received = 0;
  let answered = 0;
  let overdue = 0;
  let withinTarget = 0;
  const waits: number[] = [];
  for (const enquiry of facts) {
    if (enquiry.code !== 'carer-enquiry') continue;
    const receivedOn = toCalendarDate(enquiry.on, policy.timeZone);
    const due = enquiryAnswerDue(enquiry.on, policy);
    if (receivedOn === undefined || due === undefined) continue;
    received += 1;
    const first = answers
      .filter((a) => a.inResponseTo === enquiry.id && a.carer === enquiry.carer)
      .map((a) => toCalendarDate(a.on, policy.timeZone))
      .filter((d): d is string => d !== undefined)
      .sort()[0];
    if (first === undefined) {
      if (compareDates(day, due) > 0) overdue += 1;
      continue;
    }
    answered += 1;
    waits.push(workingDaysBetween(receivedOn, first, policy));
    if (compareDates(first, due) <= 0) withinTarget += 1;
  }
  const disclosures = facts.filter((f) => f.code === 'disclosure-without-consent');
  return {
    heardWhenRefused: lookups.rateOf(heard, lookups.refusals.size),
    enquiries: {
      received,
      answered,
      overdue,
      medianWorkingDaysToAnswer: median(waits),
      targetWorkingDays: policy.enquiryResponseWorkingDays,
      answeredWithinTarget: lookups.rateOf(withinTarget, answered + overdue),
    },
    disclosuresWithoutConsent: {
      recorded: disclosures.length,
      patientNotYetTold: disclosures.filter((d) => d.patientTold === 'to-be-told').length,
      patientNotTold: disclosures.filter((d) => d.patientTold === 'not-told').length,
    },
  };
}
