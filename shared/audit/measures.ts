/**
 * The headline measures in plain English, for every report (terminal, CSV, HTML): what each rate
 * counts, and the commitment it is evidence for. One place, so the three reports never disagree.
 */
import type { RateId } from './coverage';

export interface MeasureDefinition {
  id: RateId;
  /** Short name for a table heading. */
  label: string;
  /** One sentence a service manager can read without explanation. */
  definition: string;
  /** The commitment the measure is evidence for. */
  commitment: string;
}

export const MEASURES: readonly MeasureDefinition[] = [
  {
    id: 'carersIdentified',
    label: 'Carers identified or asked',
    definition: 'Patients with at least one carer recorded, or a dated answer that they have no carer, out of all patients.',
    commitment: 'Triangle of Care 1.1: carers are identified at first contact or as soon as possible after.',
  },
  {
    id: 'consentRecorded',
    label: 'Consent decision recorded',
    definition: "Carers with the patient's decision about sharing information recorded (yes, no, partly, or withdrawn), out of all carers.",
    commitment: 'Triangle of Care 1.4: consent about carer involvement is routinely obtained and recorded.',
  },
  {
    id: 'consentInDate',
    label: 'Consent decisions in date',
    definition: 'Recorded consent decisions whose review date has not passed, out of all recorded decisions.',
    commitment: 'Triangle of Care standard 3: information sharing with carers is revisited.',
  },
  {
    id: 'assessmentOffered',
    label: 'Needs assessment offered',
    definition: "Carers who have been offered a carer's needs assessment (whatever the answer), out of all carers.",
    commitment: "Care Act 2014 s.10: every eligible carer is offered a carer's needs assessment.",
  },
  {
    id: 'offerWithinPolicy',
    label: 'Offer made on time',
    definition: 'Carers whose first assessment offer was made by its due date, out of carers whose due date has passed or who have been offered.',
    commitment: 'Local standard: first offer within the policy period of identification or the service starting.',
  },
  {
    id: 'assessmentReviewInDate',
    label: 'Assessment reviews in date',
    definition: 'Carers with a completed or declined assessment whose review is not overdue, out of all such carers.',
    commitment: 'Mental health NSF standard six: carers have their own needs reviewed at least annually.',
  },
];

export const RAG_LABELS = { green: 'Green', amber: 'Amber', red: 'Red', none: 'No data' } as const;
