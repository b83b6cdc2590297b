/**
 * The headline measures in plain English, for every report (terminal, CSV, HTML): what each rate
 * counts, and the commitment it is evidence for. One place, so the three reports never disagree.
 */
import type { Coverage, Rate, RateId } from './coverage';

/**
 * A criterion a measure is evidence for, worded as its source words it (docs/audit.md says where
 * each was checked). Only criteria whose number and wording could be verified are cited.
 */
export interface Citation {
  /** The framework, e.g. "Triangle of Care self-assessment (2nd edition)". */
  source: string;
  /** Which part: "criterion 1.1", "statement 1", "section 10". */
  criterion: string;
  /** The criterion's own words. */
  text: string;
  /** Whom the criterion covers, when that is narrower or wider than the measure's population. */
  scope?: string;
}

export interface MeasureDefinition {
  id: RateId;
  /** Short name for a table heading. */
  label: string;
  /** One sentence a service manager can read without explanation. */
  definition: string;
  /** The commitment the measure is evidence for, in one line (the citations, joined). */
  commitment: string;
  /** Each criterion the measure serves, exactly. */
  citations: readonly Citation[];
}

const TOC = 'Triangle of Care self-assessment (2nd edition)';
const QS200 = 'NICE quality standard QS200';
/** QS200 (Supporting adult carers, 2021) covers adults (18+) caring for people aged 16 or over; the audit counts every patient and carer in the caseload. */
const QS200_SCOPE = 'QS200 covers adults (18 or over) who provide unpaid care for people aged 16 or over; this measure counts every patient and carer in the caseload, so it is wider than that scope.';

const TOC_1_1: Citation = { source: TOC, criterion: 'criterion 1.1', text: 'The carer is routinely identified with the service user when carrying out an assessment.' };
const TOC_1_4: Citation = { source: TOC, criterion: 'criterion 1.4', text: 'Consent of service user routinely obtained and recorded re carer involvement.' };
const TOC_STANDARD_3: Citation = { source: 'Triangle of Care', criterion: 'standard 3', text: 'Policy and practice protocols re: confidentiality and sharing information are in place.' };
const QS200_1: Citation = {
  source: QS200,
  criterion: 'statement 1',
  text: 'Carers are identified by health and social care organisations and encouraged to recognise their role and rights.',
  scope: QS200_SCOPE,
};
const CARE_ACT_S10: Citation = { source: 'Care Act 2014', criterion: 'section 10', text: "Assessment of a carer's needs for support." };
const LOCAL_POLICY: Citation = { source: 'Local policy', criterion: 'firstOfferWithinMonths', text: 'A first offer of a carer’s needs assessment within the policy period of the carer being identified or the service starting.' };
const CHILDREN_ACT_S17ZA: Citation = { source: 'Children Act 1989', criterion: 'section 17ZA', text: "Young carers' needs assessments." };
/** The seeds' own words, as issue 11 (commitment 6) quotes them; no fuller sentence is claimed. */
const YOUNG_CARERS_SEED: Citation = {
  source: "The trust's carers' charter and the county's recommendations",
  criterion: 'young carers',
  text: '"find ways to identify and support young carers"; "clear responsibilities and referral pathway"',
};
const NSF_6: Citation = { source: 'National Service Framework for Mental Health (1999)', criterion: 'standard six', text: 'Caring about carers.' };

/** The county's carers' recommendations, recommendation 3, in its own words (shared/prompts/refer-carer-assessment.ts). */
const RECOMMENDATION_3: Citation = {
  source: "County carers' recommendations",
  criterion: 'recommendation 3',
  text: 'Involvement of the carer support organisations at assessment and subject to carers consent, sharing the statutory assessment',
};

const commitmentOf = (citations: readonly Citation[]): string => citations.map((c) => `${c.source} ${c.criterion}: ${c.text}`).join(' ');

const DEFINITIONS: readonly Omit<MeasureDefinition, 'commitment'>[] = [
  {
    id: 'carersIdentified',
    label: 'Carers identified or asked',
    definition: 'Patients with at least one carer recorded, or an in-date answer that they have no carer, out of all patients in the caseload.',
    citations: [TOC_1_1, QS200_1],
  },
  {
    id: 'consentRecorded',
    label: 'Consent decision recorded',
    definition: "Carers with the patient's decision about sharing information recorded (yes, no, partly, or withdrawn), out of all carers.",
    citations: [TOC_1_4],
  },
  {
    id: 'consentInDate',
    label: 'Consent decisions in date',
    definition: 'Recorded consent decisions whose review date has not passed, out of all recorded decisions.',
    citations: [TOC_STANDARD_3],
  },
  {
    id: 'assessmentOffered',
    label: 'Needs assessment offered',
    definition: "Carers who have been offered a carer's needs assessment (whatever the answer), out of all carers.",
    citations: [CARE_ACT_S10],
  },
  {
    id: 'offerWithinPolicy',
    label: 'Offer made on time',
    definition: 'Carers whose first assessment offer was made by its due date, out of carers whose due date has passed or who have been offered (carers whose due date cannot be worked out are shown apart as "deadline unknown").',
    citations: [LOCAL_POLICY, CARE_ACT_S10],
  },
  {
    id: 'assessmentReviewInDate',
    label: 'Assessment reviews in date',
    definition: 'Carers with a completed or declined assessment whose review is not overdue, out of all such carers.',
    citations: [NSF_6],
  },
  {
    id: 'youngCarersReferred',
    label: 'Young carers referred',
    definition: "Young carers with a referral to young carers' support recorded, out of all young carers (under the policy's young-carer age).",
    citations: [YOUNG_CARERS_SEED, CHILDREN_ACT_S17ZA],
  },
  {
    id: 'carersReferred',
    label: 'Referred for statutory assessment',
    definition:
      "Adult carers whose carer's assessment was accepted or has taken place who were referred to the carers' support organisation or local authority for the statutory assessment, out of all such carers.",
    citations: [RECOMMENDATION_3, CARE_ACT_S10],
  },
  {
    id: 'carerSharingConsentRecorded',
    label: "Carer's own consent to share recorded",
    definition: "Referred carers whose own decision about sharing their assessment with the organisation is recorded (yes, no or withdrawn), out of all referred carers.",
    citations: [RECOMMENDATION_3],
  },
];

export const MEASURES: readonly MeasureDefinition[] = DEFINITIONS.map((m) => ({ ...m, commitment: commitmentOf(m.citations) }));

export const RAG_LABELS = { green: 'Green', amber: 'Amber', red: 'Red', none: 'No data' } as const;

const CHARTER = "The trust's carers' charter";
const COUNTY = "County carers' recommendations";

/**
 * The pathway's rated measures (issue 11), each with what it counts and the seed it serves, for the
 * report's "Carers across the pathway" section: a rate and its RAG, from coverage.json's pathway
 * objects (absent in files written before them, and then not shown).
 */
export const PATHWAY_MEASURES: readonly {
  id: string;
  label: string;
  definition: string;
  citations: readonly Citation[];
  rate: (c: Pick<Coverage, 'pathwayPlans' | 'carerCommunications' | 'pathway'>) => Rate | undefined;
}[] = [
  {
    id: 'carePlanInvolvement',
    label: 'Involved in care planning',
    definition: "Carers whose decision in force permits involvement, whose patient has a current care, crisis or advance care plan, who are involved in every current plan (named in it, or recorded as involved).",
    citations: [{ source: CHARTER, criterion: 'care planning', text: 'We will ensure that carers are involved in advance care planning' }],
    rate: (c) => c.pathwayPlans?.carePlanInvolvement,
  },
  {
    id: 'contingencyPlans',
    label: 'Contingency plan recorded',
    definition: 'Carers with a contingency plan recorded (what happens if the carer cannot care), out of all carers counted.',
    citations: [{ source: COUNTY, criterion: 'recommendation 6', text: 'Emergency Card Schemes backed up by emergency plans' }],
    rate: (c) => c.pathwayPlans?.contingencyPlans,
  },
  {
    id: 'heardWhenRefused',
    label: 'Heard when consent was refused',
    definition: "Carers of patients who refused or withdrew consent to share with them, who were heard on or after that decision (no personal information about the patient given).",
    citations: [{ source: CHARTER, criterion: 'being heard', text: 'Where service users indicate that they do not wish a carer actively involved, we will ensure that carers are still able to be heard' }],
    rate: (c) => c.carerCommunications?.heardWhenRefused,
  },
  {
    id: 'enquiriesAnsweredWithinTarget',
    label: 'Enquiries answered in time',
    definition: "Carers' enquiries answered by the day due (the policy's working days), of those answered or overdue.",
    citations: [{ source: CHARTER, criterion: 'enquiries', text: 'We will ensure a prompt response is provided to carer enquiries' }],
    rate: (c) => c.carerCommunications?.enquiries.answeredWithinTarget,
  },
  {
    id: 'identifiedWithin28Days',
    label: 'Carer identified within 28 days of service start',
    definition: 'Patients with a service start and a current carer, whose first carer was identified within 28 days of the service starting ("at first contact").',
    citations: [{ source: COUNTY, criterion: 'recommendation 4', text: 'within 3 months of the initial service, annually there after or sooner if a significant change in needs/circumstances do arise' }],
    rate: (c) => c.pathway?.identification.within28,
  },
  {
    id: 'dischargeInvolvement',
    label: 'Carer involved in discharge planning',
    definition: 'Inpatient episodes of patients with a current carer in whose discharge planning a carer was recorded as involved.',
    citations: [
      {
        source: 'Care Act 2014',
        criterion: 'section 74(1), as substituted by the Health and Care Act 2022 s.91 (from 1 July 2022)',
        text: 'must, as soon as is feasible after it begins making any plans relating to the discharge, take any steps that it considers appropriate to involve (a) the patient, and (b) any carer of the patient',
      },
    ],
    rate: (c) => c.pathway?.discharge.rate,
  },
];
