import type { WithId } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { PromptCode } from '../shared/domain/types';
import { DEFAULT_POLICY } from '../shared/policy';
import type { AssessmentInput, CarerCommunicationInput, ConsentInput, PatientContactInput, RelatedPersonInput } from './generate/builders';
import {
  askedNoCarersResource,
  assessmentTaskResource,
  carePlanResource,
  carerActionTaskResource,
  carerCommunicationResource,
  carerReferralTaskResource,
  carerSharingConsentResource,
  consentResource,
  episodeOfCareResource,
  patientResource,
  phone,
  relatedPersonResource,
  signpostingTaskResource,
} from './generate/builders';
import { birthDateForAge, dateTimeOffset, dayOffset } from './generate/dates';
import type { Team } from './generate/teams';
import { staffDisplay, teamById, teamStaff } from './generate/teams';

/**
 * Named personas with stable ids, each a situation the prompts must handle. They are seeded into
 * every sandbox before the generated caseload. Dates are relative to the sandbox's `now`, so each
 * situation holds on whatever day the sandbox starts ("consent past review" stays past review).
 *
 * `expectedPrompts` documents the prompt codes the design (DESIGN.md, default policy) implies for
 * the persona; the prompt rules' own tests are the authority.
 */
export interface Persona {
  readonly patientId: string;
  /** Test-range NHS number (999 000 0000 – 999 999 9999), valid mod 11. */
  readonly nhsNumber: string;
  /** Given name as recorded (may contain markup that must be shown as text). */
  readonly given: string;
  readonly family: string;
  readonly teamId: string;
  readonly situation: string;
  readonly expectedPrompts: readonly PromptCode[];
  /** RelatedPerson ids of the persona, in record order (by name, as `carers` lists them). */
  readonly relatedPersonIds: readonly string[];
}

interface PersonaBuild {
  readonly age: number;
  readonly gender: 'male' | 'female';
  /** Days before `now` the episode with the team started. */
  readonly serviceStartDaysAgo: number;
  readonly related?: readonly ((now: Date, patientId: string) => RelatedPersonInput)[];
  readonly consents?: readonly ((now: Date, patientId: string) => ConsentInput)[];
  readonly tasks?: readonly ((now: Date, team: Team) => AssessmentInput)[];
  /** Days before `now` the patient was asked and named no carers. */
  readonly askedNoCarersDaysAgo?: number;
  /** Days before `now` the patient died (Patient.deceasedDateTime). */
  readonly diedDaysAgo?: number;
  /** People kept only in Patient.contact (next of kin…), not as RelatedPersons. */
  readonly contacts?: readonly PatientContactInput[];
  /** Carers recorded as signposted to support (a carer-action Task, docs/actions.md), and how many days ago. */
  readonly signposted?: readonly { readonly carerId: string; readonly daysAgo: number }[];
  /** Contingency plans agreed with carers and crisis numbers given (carer-action Tasks, issue 11), and how many days ago. */
  readonly carerActions?: readonly { readonly carerId: string; readonly action: 'contingency-plan-agreed' | 'crisis-numbers-given'; readonly daysAgo: number }[];
  /** The patient's current care plans (CarePlan, status active), started this many days ago, with the carers they name. */
  readonly carePlans?: readonly { readonly id: string; readonly title: string; readonly kind: 'crisis-plan' | 'care-plan'; readonly startedDaysAgo: number; readonly contributors?: readonly string[] }[];
  /** What passed between a carer and the service (Communications: heard, enquiries and answers, disclosures without consent). */
  readonly communications?: readonly ((now: Date) => CarerCommunicationInput)[];
  /** Carers referred for a statutory carer's assessment (recommendation 3): the referral Task's status, and how many days ago. */
  readonly referred?: readonly { readonly carerId: string; readonly daysAgo: number; readonly status: 'requested' | 'accepted' | 'in-progress' | 'completed' }[];
  /** The carer's own decision about sharing their assessment with the organisation referred to. */
  readonly carerSharing?: readonly { readonly carerId: string; readonly daysAgo: number; readonly decision: 'permit' | 'deny' }[];
  /** Further episodes of care (issue 11): an admission or detention, finished when `endDaysAgo` is given. */
  readonly episodes?: readonly { readonly id: string; readonly startDaysAgo: number; readonly endDaysAgo?: number; readonly inpatient?: boolean; readonly detained?: boolean }[];
}

/** The organisation the personas' carers are referred to: the default policy's first (shared/policy.ts). */
const REFERRED_TO = DEFAULT_POLICY.carerSupportOrganisations[0]?.name ?? "The local authority's adult social care";

const byDaysAgo = (now: Date, days: number): string => dayOffset(now, -days);

function definePersona(persona: Persona, build: PersonaBuild): { persona: Persona; build: PersonaBuild } {
  return { persona, build };
}

const definitions = {
  amiraKhan: definePersona(
    {
      patientId: 'demo-amira-khan',
      nhsNumber: '9990011117',
      given: 'Amira',
      family: 'Khan',
      teamId: 'team-cmht-north',
      situation: 'Daughter Sara is her carer (identified 5 months ago); no consent decision recorded; no assessment offered.',
      expectedPrompts: ['record-consent', 'offer-assessment', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-amira-khan-daughter'],
    },
    {
      age: 47,
      gender: 'female',
      serviceStartDaysAgo: 200,
      related: [
        (now, patientId) => ({
          id: 'demo-amira-khan-daughter',
          patientId,
          name: { given: 'Sara', family: 'Khan' },
          relationship: 'DAU',
          carer: true,
          gender: 'female',
          birthDate: birthDateForAge(now, 22, 40),
          telecom: [phone(101)],
          identifiedOn: byDaysAgo(now, 150),
        }),
      ],
    },
  ),
  georgeWilson: definePersona(
    {
      patientId: 'demo-george-wilson',
      nhsNumber: '9990022224',
      given: 'George',
      family: 'Wilson',
      teamId: 'team-crisis',
      situation: 'No carer recorded and never asked (no "asked: no carers" answer).',
      expectedPrompts: ['identify-carers'],
      relatedPersonIds: [],
    },
    { age: 58, gender: 'male', serviceStartDaysAgo: 12 },
  ),
  fatimaBegum: definePersona(
    {
      patientId: 'demo-fatima-begum',
      nhsNumber: '9990033331',
      given: 'Fatima',
      family: 'Begum',
      teamId: 'team-cmht-south',
      situation: 'Asked a month ago and named no carers (a dated "asked: no carers" List): nothing to prompt.',
      expectedPrompts: [],
      relatedPersonIds: [],
    },
    { age: 63, gender: 'female', serviceStartDaysAgo: 90, askedNoCarersDaysAgo: 30 },
  ),
  danielOkafor: definePersona(
    {
      patientId: 'demo-daniel-okafor',
      nhsNumber: '9990044449',
      given: 'Daniel',
      family: 'Okafor',
      teamId: 'team-cmht-south',
      situation: 'His 14-year-old son Tobi is his carer (a young carer), identified 3 weeks ago; no consent decision, no assessment.',
      expectedPrompts: ['young-carer-referral', 'record-consent', 'offer-assessment', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-daniel-okafor-son'],
    },
    {
      age: 44,
      gender: 'male',
      serviceStartDaysAgo: 400,
      related: [
        (now, patientId) => ({
          id: 'demo-daniel-okafor-son',
          patientId,
          name: { given: 'Tobi', family: 'Okafor' },
          relationship: 'SON',
          carer: true,
          gender: 'male',
          birthDate: birthDateForAge(now, 14, 100),
          telecom: [phone(102)],
          identifiedOn: byDaysAgo(now, 21),
        }),
      ],
    },
  ),
  helenPrice: definePersona(
    {
      patientId: 'demo-helen-price',
      nhsNumber: '9990055556',
      given: 'Helen',
      family: 'Price',
      teamId: 'team-cmht-north',
      situation: 'Partial consent for husband Mark: he may be told about her care except therapy details and relationship history; assessment completed 6 weeks ago.',
      expectedPrompts: ['signpost-support', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-helen-price-husband'],
    },
    {
      age: 52,
      gender: 'female',
      serviceStartDaysAgo: 320,
      related: [
        (now, patientId) => ({
          id: 'demo-helen-price-husband',
          patientId,
          name: { given: 'Mark', family: 'Price' },
          relationship: 'HUSB',
          carer: true,
          gender: 'male',
          telecom: [phone(103)],
          identifiedOn: byDaysAgo(now, 300),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-helen-price-consent',
          patientId,
          carerId: 'demo-helen-price-husband',
          decision: 'partial',
          dateTime: dateTimeOffset(now, -60),
          reviewDue: dayOffset(now, 305),
          excluded: ['Details of psychological therapy sessions', 'Information about her relationship history'],
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-helen-price-assessment',
          carerId: 'demo-helen-price-husband',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -70),
          lastModified: dateTimeOffset(now, -42),
          completedOn: byDaysAgo(now, 42),
          requester: requester(team, 0),
        }),
      ],
    },
  ),
  rajeshPatel: definePersona(
    {
      patientId: 'demo-rajesh-patel',
      nhsNumber: '9990066663',
      given: 'Rajesh',
      family: 'Patel',
      teamId: 'team-eip',
      situation: 'Consent to share with brother Arjun was given 10 months ago and has since been withdrawn (Consent inactive); assessment accepted, not yet done.',
      expectedPrompts: ['consent-declined-still-listen', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-rajesh-patel-brother'],
    },
    {
      age: 36,
      gender: 'male',
      serviceStartDaysAgo: 330,
      related: [
        (now, patientId) => ({
          id: 'demo-rajesh-patel-brother',
          patientId,
          name: { given: 'Arjun', family: 'Patel' },
          relationship: 'BRO',
          carer: true,
          gender: 'male',
          telecom: [phone(104)],
          identifiedOn: byDaysAgo(now, 310),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-rajesh-patel-consent',
          patientId,
          carerId: 'demo-rajesh-patel-brother',
          decision: 'permit',
          status: 'inactive',
          dateTime: dateTimeOffset(now, -300),
          reviewDue: dayOffset(now, 65),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-rajesh-patel-assessment',
          carerId: 'demo-rajesh-patel-brother',
          status: 'accepted',
          authoredOn: dateTimeOffset(now, -20),
          lastModified: dateTimeOffset(now, -14),
          requester: requester(team, 1),
        }),
      ],
    },
  ),
  margaretEvans: definePersona(
    {
      patientId: 'demo-margaret-evans',
      nhsNumber: '9990077770',
      given: 'Margaret',
      family: 'Evans',
      teamId: 'team-older-adults',
      situation: 'Consent to share with son David is past its review date (review was due 2 months ago); assessment completed 7 months ago.',
      expectedPrompts: ['review-consent', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-margaret-evans-son'],
    },
    {
      age: 81,
      gender: 'female',
      serviceStartDaysAgo: 700,
      related: [
        (now, patientId) => ({
          id: 'demo-margaret-evans-son',
          patientId,
          name: { given: 'David', family: 'Evans' },
          relationship: 'SON',
          carer: true,
          gender: 'male',
          telecom: [phone(105)],
          // A child carer's date of birth is recorded (issue 11: one missing is asked for).
          birthDate: birthDateForAge(now, 55, 30),
          identifiedOn: byDaysAgo(now, 690),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-margaret-evans-consent',
          patientId,
          carerId: 'demo-margaret-evans-son',
          decision: 'permit',
          dateTime: dateTimeOffset(now, -430),
          reviewDue: dayOffset(now, -65),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-margaret-evans-assessment',
          carerId: 'demo-margaret-evans-son',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -240),
          lastModified: dateTimeOffset(now, -210),
          completedOn: byDaysAgo(now, 210),
          requester: requester(team, 0),
        }),
      ],
    },
  ),
  lucyBrennan: definePersona(
    {
      patientId: 'demo-lucy-brennan',
      nhsNumber: '9990088888',
      given: 'Lucy',
      family: 'Brennan',
      teamId: 'team-eip',
      situation: 'Assessment offered to her mother Siobhan 5 months ago with no answer recorded; consent to share is in force.',
      expectedPrompts: ['follow-up-assessment-offer', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-lucy-brennan-mother'],
    },
    {
      age: 24,
      gender: 'female',
      serviceStartDaysAgo: 180,
      related: [
        (now, patientId) => ({
          id: 'demo-lucy-brennan-mother',
          patientId,
          name: { given: 'Siobhan', family: 'Brennan' },
          relationship: 'MTH',
          carer: true,
          gender: 'female',
          telecom: [phone(106)],
          identifiedOn: byDaysAgo(now, 175),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-lucy-brennan-consent',
          patientId,
          carerId: 'demo-lucy-brennan-mother',
          decision: 'permit',
          dateTime: dateTimeOffset(now, -150),
          reviewDue: dayOffset(now, 215),
          // Lucy agreed from the day she decided, for a year: a validity the panel reads as in force until then.
          validFrom: dayOffset(now, -150),
          validUntil: dayOffset(now, 215),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-lucy-brennan-assessment',
          carerId: 'demo-lucy-brennan-mother',
          status: 'requested',
          authoredOn: dateTimeOffset(now, -150),
          requester: requester(team, 1),
        }),
      ],
    },
  ),
  thomasReid: definePersona(
    {
      patientId: 'demo-thomas-reid',
      nhsNumber: '9990099995',
      given: 'Thomas',
      family: 'Reid',
      teamId: 'team-cmht-south',
      situation: 'Wife Janet\'s needs assessment was completed 14 months ago and is due for its annual review; consent in force.',
      expectedPrompts: ['assessment-review-due', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-thomas-reid-wife'],
    },
    {
      age: 67,
      gender: 'male',
      serviceStartDaysAgo: 900,
      related: [
        (now, patientId) => ({
          id: 'demo-thomas-reid-wife',
          patientId,
          name: { given: 'Janet', family: 'Reid' },
          relationship: 'WIFE',
          carer: true,
          gender: 'female',
          telecom: [phone(107)],
          identifiedOn: byDaysAgo(now, 880),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-thomas-reid-consent',
          patientId,
          carerId: 'demo-thomas-reid-wife',
          decision: 'permit',
          dateTime: dateTimeOffset(now, -100),
          reviewDue: dayOffset(now, 265),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-thomas-reid-assessment',
          carerId: 'demo-thomas-reid-wife',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -470),
          lastModified: dateTimeOffset(now, -425),
          completedOn: byDaysAgo(now, 425),
          requester: requester(team, 0),
        }),
      ],
    },
  ),
  oliviaNowak: definePersona(
    {
      patientId: 'demo-olivia-nowak',
      nhsNumber: '9990111103',
      given: 'Olivia',
      family: 'Nowak',
      teamId: 'team-cmht-north',
      situation: 'Her father Piotr is recorded as next of kin but nobody has asked whether he is her carer; no carer recorded.',
      expectedPrompts: ['confirm-carer-status', 'identify-carers'],
      relatedPersonIds: ['demo-olivia-nowak-father'],
    },
    {
      age: 31,
      gender: 'female',
      serviceStartDaysAgo: 60,
      related: [
        (now, patientId) => ({
          id: 'demo-olivia-nowak-father',
          patientId,
          name: { given: 'Piotr', family: 'Nowak' },
          relationship: 'FTH',
          contactRole: 'N',
          carer: false,
          gender: 'male',
          telecom: [phone(108)],
        }),
      ],
    },
  ),
  samuelAdeyemi: definePersona(
    {
      patientId: 'demo-samuel-adeyemi',
      nhsNumber: '9990122210',
      given: 'Samuel',
      family: 'Adeyemi',
      teamId: 'team-crisis',
      situation:
        'Partner Amara is his carer but has no phone or address recorded and no consent decision; a separate Consent names no carer at all (data-quality problems).',
      expectedPrompts: ['consent-without-carer', 'carer-missing-details', 'record-consent', 'offer-assessment', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-samuel-adeyemi-partner'],
    },
    {
      age: 39,
      gender: 'male',
      serviceStartDaysAgo: 150,
      related: [
        (now, patientId) => ({
          id: 'demo-samuel-adeyemi-partner',
          patientId,
          name: { given: 'Amara', family: 'Adeyemi' },
          relationship: 'SIGOTHR',
          carer: true,
          gender: 'female',
          identifiedOn: byDaysAgo(now, 140),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-samuel-adeyemi-consent-no-carer',
          patientId,
          decision: 'permit',
          dateTime: dateTimeOffset(now, -20),
          reviewDue: dayOffset(now, 345),
        }),
      ],
    },
  ),
  graceTaylor: definePersona(
    {
      patientId: 'demo-grace-taylor',
      nhsNumber: '9990133328',
      given: 'Grace',
      family: 'Taylor',
      teamId: 'team-older-adults',
      situation:
        'Everything recorded: son James is her carer with consent in force, an assessment completed 7 weeks ago, signposting, a contingency plan and the crisis numbers given, a referral for his statutory assessment he agreed to share, and he contributes to her care plan; neighbour Linda was asked and is confirmed NOT a carer.',
      expectedPrompts: [],
      relatedPersonIds: ['demo-grace-taylor-son', 'demo-grace-taylor-neighbour'],
    },
    {
      age: 73,
      gender: 'female',
      serviceStartDaysAgo: 500,
      related: [
        (now, patientId) => ({
          id: 'demo-grace-taylor-son',
          patientId,
          name: { given: 'James', family: 'Taylor' },
          relationship: 'SON',
          carer: true,
          gender: 'male',
          telecom: [phone(109)],
          // A child carer's date of birth is recorded (issue 11: one missing is asked for).
          birthDate: birthDateForAge(now, 48, 30),
          identifiedOn: byDaysAgo(now, 480),
        }),
        (now, patientId) => ({
          id: 'demo-grace-taylor-neighbour',
          patientId,
          name: { given: 'Linda', family: 'Hall' },
          relationship: 'NBOR',
          contactRole: 'C',
          carer: false,
          confirmedNotCarerOn: dateTimeOffset(now, -60),
          gender: 'female',
          telecom: [phone(110)],
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-grace-taylor-consent',
          patientId,
          carerId: 'demo-grace-taylor-son',
          decision: 'permit',
          dateTime: dateTimeOffset(now, -60),
          reviewDue: dayOffset(now, 305),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-grace-taylor-assessment',
          carerId: 'demo-grace-taylor-son',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -75),
          lastModified: dateTimeOffset(now, -50),
          completedOn: byDaysAgo(now, 50),
          requester: requester(team, 1),
        }),
      ],
      signposted: [{ carerId: 'demo-grace-taylor-son', daysAgo: 50 }],
      carerActions: [
        { carerId: 'demo-grace-taylor-son', action: 'contingency-plan-agreed', daysAgo: 50 },
        { carerId: 'demo-grace-taylor-son', action: 'crisis-numbers-given', daysAgo: 50 },
      ],
      // Her care plan names James as a contributor: he is involved, so nothing is asked.
      carePlans: [{ id: 'demo-grace-taylor-care-plan', title: 'Care plan', kind: 'care-plan', startedDaysAgo: 400, contributors: ['demo-grace-taylor-son'] }],
      // Everything recorded includes the referral for the statutory assessment and James's own consent to share it (recommendation 3).
      referred: [{ carerId: 'demo-grace-taylor-son', daysAgo: 48, status: 'accepted' }],
      carerSharing: [{ carerId: 'demo-grace-taylor-son', daysAgo: 48, decision: 'permit' }],
    },
  ),
  owenDavies: definePersona(
    {
      patientId: 'demo-owen-davies',
      nhsNumber: '9993300004',
      given: 'Owen',
      family: 'Davies',
      teamId: 'team-eip',
      situation:
        'Declined to share information with his sister Carys (deny Consent 40 days ago); she has not been heard since. Her enquiry 20 days ago is unanswered (overdue); an earlier one was answered in 2 days. Information was disclosed to her without consent once (risk of serious harm; Owen to be told).',
      expectedPrompts: ['consent-declined-still-listen', 'carer-enquiry-overdue', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-owen-davies-sister'],
    },
    {
      age: 24,
      gender: 'male',
      serviceStartDaysAgo: 200,
      related: [
        (now, patientId) => ({
          id: 'demo-owen-davies-sister',
          patientId,
          name: { given: 'Carys', family: 'Davies' },
          relationship: 'SIS',
          carer: true,
          gender: 'female',
          telecom: [phone(131)],
          identifiedOn: byDaysAgo(now, 190),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-owen-davies-consent',
          patientId,
          carerId: 'demo-owen-davies-sister',
          decision: 'deny',
          dateTime: dateTimeOffset(now, -40),
          reviewDue: dayOffset(now, 325),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-owen-davies-assessment',
          carerId: 'demo-owen-davies-sister',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -150),
          lastModified: dateTimeOffset(now, -120),
          completedOn: byDaysAgo(now, 120),
          requester: requester(team, 0),
        }),
      ],
      signposted: [{ carerId: 'demo-owen-davies-sister', daysAgo: 120 }],
      communications: [
        // Heard before the refusal: the prompt asks for her to be heard again since.
        (now) => ({ id: 'demo-owen-davies-heard', carerId: 'demo-owen-davies-sister', kind: 'carer-heard', on: dateTimeOffset(now, -60) }),
        (now) => ({ id: 'demo-owen-davies-enquiry-1', carerId: 'demo-owen-davies-sister', kind: 'carer-enquiry', topic: 'Medication side effects', on: dateTimeOffset(now, -30) }),
        (now) => ({ id: 'demo-owen-davies-answer-1', carerId: 'demo-owen-davies-sister', kind: 'carer-enquiry-answer', inResponseTo: 'Communication/demo-owen-davies-enquiry-1', on: dateTimeOffset(now, -28) }),
        (now) => ({ id: 'demo-owen-davies-enquiry-2', carerId: 'demo-owen-davies-sister', kind: 'carer-enquiry', topic: 'Visiting times', on: dateTimeOffset(now, -20) }), // 20 days: overdue even with Christmas and New Year's bank holidays in between
        (now) => ({
          id: 'demo-owen-davies-disclosure',
          carerId: 'demo-owen-davies-sister',
          kind: 'disclosure-without-consent',
          topic: 'Owen had left the ward and was at risk',
          basis: 'serious-harm',
          patientTold: 'to-be-told',
          on: dateTimeOffset(now, -20),
        }),
      ],
    },
  ),
  kwameMensah: definePersona(
    {
      patientId: 'demo-kwame-mensah',
      nhsNumber: '9990144435',
      given: 'Kwame',
      family: 'Mensah',
      teamId: 'team-eip',
      situation: 'Declined to share information with his mother Abena (deny Consent); she declined a needs assessment a month ago.',
      expectedPrompts: ['consent-declined-still-listen', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-kwame-mensah-mother'],
    },
    {
      age: 29,
      gender: 'male',
      serviceStartDaysAgo: 120,
      related: [
        (now, patientId) => ({
          id: 'demo-kwame-mensah-mother',
          patientId,
          name: { given: 'Abena', family: 'Mensah' },
          relationship: 'MTH',
          carer: true,
          gender: 'female',
          telecom: [phone(111)],
          identifiedOn: byDaysAgo(now, 110),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-kwame-mensah-consent',
          patientId,
          carerId: 'demo-kwame-mensah-mother',
          decision: 'deny',
          dateTime: dateTimeOffset(now, -30),
          reviewDue: dayOffset(now, 335),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-kwame-mensah-assessment',
          carerId: 'demo-kwame-mensah-mother',
          status: 'rejected',
          authoredOn: dateTimeOffset(now, -40),
          lastModified: dateTimeOffset(now, -33),
          declinedReason: 'Carer does not want an assessment at the moment',
          requester: requester(team, 0),
        }),
      ],
    },
  ),
  markupName: definePersona(
    {
      patientId: 'demo-markup-name',
      nhsNumber: '9990155542',
      given: '<img src=x onerror=alert(1)>',
      family: 'Testcase',
      teamId: 'team-cmht-south',
      situation:
        'Patient and carer names contain HTML/script markup; every screen must show them as literal text. Carer has no consent decision.',
      expectedPrompts: ['record-consent', 'offer-assessment', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-markup-name-carer'],
    },
    {
      age: 40,
      gender: 'female',
      serviceStartDaysAgo: 250,
      related: [
        (now, patientId) => ({
          id: 'demo-markup-name-carer',
          patientId,
          name: { given: 'Robin', family: '<script>alert("carer")</script>' },
          relationship: 'SIS',
          carer: true,
          gender: 'female',
          telecom: [phone(112)],
          identifiedOn: byDaysAgo(now, 200),
        }),
      ],
    },
  ),
  // Issue 8: records whose consent meaning is easy to misread, and people who must not be prompted.
  chloeFraser: definePersona(
    {
      patientId: 'demo-chloe-fraser',
      nhsNumber: '9990166668',
      given: 'Chloe',
      family: 'Fraser',
      teamId: 'team-eip',
      situation:
        'One consent decision for all her carers, except her father: she agreed to share with everyone but refused her father Ian by name (a nested refusal); her mother Karen may be told.',
      expectedPrompts: ['consent-declined-still-listen', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-chloe-fraser-father', 'demo-chloe-fraser-mother'],
    },
    {
      age: 19,
      gender: 'female',
      serviceStartDaysAgo: 160,
      related: [
        (now, patientId) => ({
          id: 'demo-chloe-fraser-father',
          patientId,
          name: { given: 'Ian', family: 'Fraser' },
          relationship: 'FTH',
          carer: true,
          gender: 'male',
          telecom: [phone(114)],
          identifiedOn: byDaysAgo(now, 150),
        }),
        (now, patientId) => ({
          id: 'demo-chloe-fraser-mother',
          patientId,
          name: { given: 'Karen', family: 'Fraser' },
          relationship: 'MTH',
          carer: true,
          gender: 'female',
          telecom: [phone(113)],
          identifiedOn: byDaysAgo(now, 150),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-chloe-fraser-consent',
          patientId,
          decision: 'permit',
          refusedFor: ['demo-chloe-fraser-father'],
          dateTime: dateTimeOffset(now, -40),
          reviewDue: dayOffset(now, 325),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-chloe-fraser-assessment-mother',
          carerId: 'demo-chloe-fraser-mother',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -120),
          lastModified: dateTimeOffset(now, -90),
          completedOn: byDaysAgo(now, 90),
          requester: requester(team, 0),
        }),
        (now, team) => ({
          id: 'demo-chloe-fraser-assessment-father',
          carerId: 'demo-chloe-fraser-father',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -120),
          lastModified: dateTimeOffset(now, -88),
          completedOn: byDaysAgo(now, 88),
          requester: requester(team, 0),
        }),
      ],
    },
  ),
  peterHughes: definePersona(
    {
      patientId: 'demo-peter-hughes',
      nhsNumber: '9990177775',
      given: 'Peter',
      family: 'Hughes',
      teamId: 'team-older-adults',
      situation:
        'He agreed to share with his wife Carol for a limited time (provision.period) that ended 5 weeks ago: the decision is no longer valid and must be asked again.',
      expectedPrompts: ['review-consent', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-peter-hughes-wife'],
    },
    {
      age: 76,
      gender: 'male',
      serviceStartDaysAgo: 600,
      related: [
        (now, patientId) => ({
          id: 'demo-peter-hughes-wife',
          patientId,
          name: { given: 'Carol', family: 'Hughes' },
          relationship: 'WIFE',
          carer: true,
          gender: 'female',
          telecom: [phone(115)],
          identifiedOn: byDaysAgo(now, 590),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-peter-hughes-consent',
          patientId,
          carerId: 'demo-peter-hughes-wife',
          decision: 'permit',
          dateTime: dateTimeOffset(now, -215),
          reviewDue: dayOffset(now, 150),
          // He agreed only until his discharge plan was settled: the validity ended, whatever the review date says.
          validFrom: dayOffset(now, -215),
          validUntil: dayOffset(now, -35),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-peter-hughes-assessment',
          carerId: 'demo-peter-hughes-wife',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -200),
          lastModified: dateTimeOffset(now, -150),
          completedOn: byDaysAgo(now, 150),
          requester: requester(team, 1),
        }),
      ],
    },
  ),
  priyaSharma: definePersona(
    {
      patientId: 'demo-priya-sharma',
      nhsNumber: '9990188882',
      given: 'Priya',
      family: 'Sharma',
      teamId: 'team-cmht-north',
      situation:
        'Two decisions about sharing with her sister Anjali on the same day 12 days ago: an agreement at 10:00 and a refusal with no time: which holds cannot be told (conflicting decisions).',
      expectedPrompts: ['consent-conflict', 'offer-assessment', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-priya-sharma-sister'],
    },
    {
      age: 33,
      gender: 'female',
      serviceStartDaysAgo: 75,
      related: [
        (now, patientId) => ({
          id: 'demo-priya-sharma-sister',
          patientId,
          name: { given: 'Anjali', family: 'Sharma' },
          relationship: 'SIS',
          carer: true,
          gender: 'female',
          telecom: [phone(116)],
          identifiedOn: byDaysAgo(now, 30),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-priya-sharma-consent-agreed',
          patientId,
          carerId: 'demo-priya-sharma-sister',
          decision: 'permit',
          dateTime: dateTimeOffset(now, -12),
          reviewDue: dayOffset(now, 353),
        }),
        (now, patientId) => ({
          id: 'demo-priya-sharma-consent-declined',
          patientId,
          carerId: 'demo-priya-sharma-sister',
          decision: 'deny',
          dateTime: dayOffset(now, -12),
          reviewDue: dayOffset(now, 353),
        }),
      ],
    },
  ),
  edithClarke: definePersona(
    {
      patientId: 'demo-edith-clarke',
      nhsNumber: '9990200009',
      given: 'Edith',
      family: 'Clarke',
      teamId: 'team-older-adults',
      situation:
        'She lacks capacity to decide; her daughter Ruth, her attorney under a lasting power of attorney for health and welfare (not herself a carer), agreed to share with Edith’s husband Frank.',
      expectedPrompts: ['signpost-support', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment', 'think-family'],
      relatedPersonIds: ['demo-edith-clarke-husband', 'demo-edith-clarke-daughter'],
    },
    {
      age: 86,
      gender: 'female',
      serviceStartDaysAgo: 420,
      related: [
        (now, patientId) => ({
          id: 'demo-edith-clarke-husband',
          patientId,
          name: { given: 'Frank', family: 'Clarke' },
          relationship: 'HUSB',
          carer: true,
          gender: 'male',
          telecom: [phone(117)],
          identifiedOn: byDaysAgo(now, 400),
        }),
        (now, patientId) => ({
          id: 'demo-edith-clarke-daughter',
          patientId,
          name: { given: 'Ruth', family: 'Clarke' },
          relationship: 'DAU',
          carer: false,
          confirmedNotCarerOn: dateTimeOffset(now, -300),
          gender: 'female',
          telecom: [phone(118)],
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-edith-clarke-consent',
          patientId,
          carerId: 'demo-edith-clarke-husband',
          decision: 'permit',
          decidedBy: { relatedPersonId: 'demo-edith-clarke-daughter', display: 'Ruth Clarke (attorney, health and welfare LPA)' },
          basis: 'lpa',
          dateTime: dateTimeOffset(now, -50),
          reviewDue: dayOffset(now, 315),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-edith-clarke-assessment',
          carerId: 'demo-edith-clarke-husband',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -100),
          lastModified: dateTimeOffset(now, -60),
          completedOn: byDaysAgo(now, 60),
          requester: requester(team, 0),
        }),
      ],
    },
  ),
  alanBrooks: definePersona(
    {
      patientId: 'demo-alan-brooks',
      nhsNumber: '9990211116',
      given: 'Alan',
      family: 'Brooks',
      teamId: 'team-crisis',
      situation:
        'Acutely unwell 5 days ago and unable to decide about sharing with his wife Jean at present; the team will ask him again in 23 days (nothing to record until then).',
      expectedPrompts: ['offer-assessment', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-alan-brooks-wife'],
    },
    {
      age: 51,
      gender: 'male',
      serviceStartDaysAgo: 8,
      related: [
        (now, patientId) => ({
          id: 'demo-alan-brooks-wife',
          patientId,
          name: { given: 'Jean', family: 'Brooks' },
          relationship: 'WIFE',
          carer: true,
          gender: 'female',
          telecom: [phone(119)],
          identifiedOn: byDaysAgo(now, 8),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-alan-brooks-unable-to-decide',
          patientId,
          carerId: 'demo-alan-brooks-wife',
          decision: 'lacks-capacity',
          dateTime: dateTimeOffset(now, -5),
          reviewDue: dayOffset(now, 23),
        }),
      ],
    },
  ),
  haroldBaker: definePersona(
    {
      patientId: 'demo-harold-baker',
      nhsNumber: '9990222223',
      given: 'Harold',
      family: 'Baker',
      teamId: 'team-older-adults',
      situation:
        'Died 9 days ago (Patient.deceasedDateTime); his wife Mary was his carer, with no consent decision or assessment: nothing is asked about him now, Mary is pointed to (bereavement) support.',
      expectedPrompts: ['signpost-support'],
      relatedPersonIds: ['demo-harold-baker-wife'],
    },
    {
      age: 88,
      gender: 'male',
      serviceStartDaysAgo: 90,
      diedDaysAgo: 9,
      related: [
        (now, patientId) => ({
          id: 'demo-harold-baker-wife',
          patientId,
          name: { given: 'Mary', family: 'Baker' },
          relationship: 'WIFE',
          carer: true,
          gender: 'female',
          telecom: [phone(120)],
          identifiedOn: byDaysAgo(now, 80),
        }),
      ],
    },
  ),
  joanMurphy: definePersona(
    {
      patientId: 'demo-joan-murphy',
      nhsNumber: '9990233330',
      given: 'Joan',
      family: 'Murphy',
      teamId: 'team-older-adults',
      situation:
        'Her son Kevin is her carer (consent in force, assessment done); Beata Nowicka, her paid care worker (SNOMED 229774002 only), is recorded too and is never asked about as an unpaid carer.',
      expectedPrompts: ['signpost-support', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-joan-murphy-care-worker', 'demo-joan-murphy-son'],
    },
    {
      age: 79,
      gender: 'female',
      serviceStartDaysAgo: 365,
      related: [
        (_now, patientId) => ({
          id: 'demo-joan-murphy-care-worker',
          patientId,
          name: { given: 'Beata', family: 'Nowicka' },
          carer: false,
          paidCareWorker: true,
          gender: 'female',
          telecom: [phone(122)],
        }),
        (now, patientId) => ({
          id: 'demo-joan-murphy-son',
          patientId,
          name: { given: 'Kevin', family: 'Murphy' },
          relationship: 'SON',
          carer: true,
          gender: 'male',
          telecom: [phone(121)],
          // A child carer's date of birth is recorded (issue 11: one missing is asked for).
          birthDate: birthDateForAge(now, 50, 30),
          identifiedOn: byDaysAgo(now, 350),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-joan-murphy-consent',
          patientId,
          carerId: 'demo-joan-murphy-son',
          decision: 'permit',
          dateTime: dateTimeOffset(now, -90),
          reviewDue: dayOffset(now, 275),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-joan-murphy-assessment',
          carerId: 'demo-joan-murphy-son',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -120),
          lastModified: dateTimeOffset(now, -80),
          completedOn: byDaysAgo(now, 80),
          requester: requester(team, 1),
        }),
      ],
    },
  ),
  brianWalsh: definePersona(
    {
      patientId: 'demo-brian-walsh',
      nhsNumber: '9990244448',
      given: 'Brian',
      family: 'Walsh',
      teamId: 'team-crisis',
      situation:
        'His wife Maureen is recorded twice (same name, relationship and mobile): once with his consent and her assessment, again 3 days ago with neither — possibly one person.',
      expectedPrompts: ['possible-duplicate-carer', 'record-consent', 'offer-assessment', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-brian-walsh-wife', 'demo-brian-walsh-wife-again'],
    },
    {
      age: 55,
      gender: 'male',
      serviceStartDaysAgo: 240,
      related: [
        (now, patientId) => ({
          id: 'demo-brian-walsh-wife',
          patientId,
          name: { given: 'Maureen', family: 'Walsh' },
          relationship: 'WIFE',
          carer: true,
          gender: 'female',
          telecom: [phone(123)],
          identifiedOn: byDaysAgo(now, 230),
        }),
        (now, patientId) => ({
          id: 'demo-brian-walsh-wife-again',
          patientId,
          name: { given: 'Maureen', family: 'Walsh' },
          relationship: 'WIFE',
          carer: true,
          gender: 'female',
          // The same mobile, typed the international way.
          telecom: [{ system: 'phone', value: '+44 7700 900123', use: 'mobile' }],
          identifiedOn: byDaysAgo(now, 3),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-brian-walsh-consent',
          patientId,
          carerId: 'demo-brian-walsh-wife',
          decision: 'permit',
          dateTime: dateTimeOffset(now, -200),
          reviewDue: dayOffset(now, 165),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-brian-walsh-assessment',
          carerId: 'demo-brian-walsh-wife',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -210),
          lastModified: dateTimeOffset(now, -180),
          completedOn: byDaysAgo(now, 180),
          requester: requester(team, 0),
        }),
      ],
    },
  ),
  // Issue 11 item 8 and item 5: admitted to a ward under section 3 five days ago; his carer's assessment was 100 days ago.
  devPatelWard: definePersona(
    {
      patientId: 'demo-dev-patel-ward',
      nhsNumber: '9990888000',
      given: 'Dev',
      family: 'Patel',
      teamId: 'team-crisis',
      situation:
        'Admitted to a ward under the Mental Health Act (section 3) 5 days ago. His wife Priya is his carer, with his consent to share; her carer’s assessment was 100 days ago — the admission makes its review due now, and she is to be involved in planning his discharge.',
      expectedPrompts: ['involve-carer-in-discharge', 'assessment-review-due', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-dev-patel-wife'],
    },
    {
      age: 47,
      gender: 'male',
      serviceStartDaysAgo: 400,
      episodes: [{ id: 'demo-dev-patel-admission', startDaysAgo: 5, inpatient: true, detained: true }],
      related: [
        (now, patientId) => ({
          id: 'demo-dev-patel-wife',
          patientId,
          name: { given: 'Priya', family: 'Patel' },
          relationship: 'WIFE',
          carer: true,
          gender: 'female',
          telecom: [phone(188)],
          identifiedOn: byDaysAgo(now, 390),
        }),
      ],
      consents: [
        (now, patientId) => ({ id: 'demo-dev-patel-consent', patientId, carerId: 'demo-dev-patel-wife', decision: 'permit', dateTime: dateTimeOffset(now, -300), reviewDue: dayOffset(now, 65) }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-dev-patel-assessment',
          carerId: 'demo-dev-patel-wife',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -130),
          lastModified: dateTimeOffset(now, -100),
          completedOn: byDaysAgo(now, 100),
          requester: requester(team, 0),
        }),
      ],
      signposted: [{ carerId: 'demo-dev-patel-wife', daysAgo: 120 }],
    },
  ),
  // Issue 11 item 5: an accepted assessment never held; another carer assessed last month; "no carers" asked before a new episode.
  lenaMorrisAccepted: definePersona(
    {
      patientId: 'demo-lena-morris',
      nhsNumber: '9990888019',
      given: 'Lena',
      family: 'Morris',
      teamId: 'team-cmht-north',
      situation:
        'Her partner Sam accepted a carer’s assessment 4 months ago and it has not happened. Her sister Jo was assessed last month; if Jo falls ill, a clinician records it and Jo’s review becomes due now.',
      expectedPrompts: ['follow-up-accepted-assessment', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-lena-morris-sister', 'demo-lena-morris-partner'],
    },
    {
      age: 38,
      gender: 'female',
      serviceStartDaysAgo: 300,
      related: [
        (now, patientId) => ({ id: 'demo-lena-morris-sister', patientId, name: { given: 'Jo', family: 'Morris' }, relationship: 'SIS', carer: true, gender: 'female', telecom: [phone(190)], identifiedOn: byDaysAgo(now, 280) }),
        (now, patientId) => ({ id: 'demo-lena-morris-partner', patientId, name: { given: 'Sam', family: 'Morris' }, relationship: 'DOMPART', carer: true, gender: 'male', telecom: [phone(189)], identifiedOn: byDaysAgo(now, 290) }),
      ],
      consents: [
        (now, patientId) => ({ id: 'demo-lena-morris-consent-sam', patientId, carerId: 'demo-lena-morris-partner', decision: 'permit', dateTime: dateTimeOffset(now, -280), reviewDue: dayOffset(now, 85) }),
        (now, patientId) => ({ id: 'demo-lena-morris-consent-jo', patientId, carerId: 'demo-lena-morris-sister', decision: 'permit', dateTime: dateTimeOffset(now, -270), reviewDue: dayOffset(now, 95) }),
      ],
      tasks: [
        (now, team) => ({ id: 'demo-lena-morris-sam-assessment', carerId: 'demo-lena-morris-partner', status: 'accepted', authoredOn: dateTimeOffset(now, -130), lastModified: dateTimeOffset(now, -125), requester: requester(team, 0) }),
        (now, team) => ({ id: 'demo-lena-morris-jo-assessment', carerId: 'demo-lena-morris-sister', status: 'completed', authoredOn: dateTimeOffset(now, -60), lastModified: dateTimeOffset(now, -30), completedOn: byDaysAgo(now, 30), requester: requester(team, 1) }),
      ],
      signposted: [
        { carerId: 'demo-lena-morris-partner', daysAgo: 200 },
        { carerId: 'demo-lena-morris-sister', daysAgo: 200 },
      ],
    },
  ),
  // Issue 11 item 5: said "no carers" 60 days ago; a new episode (a new first contact) started 10 days ago.
  omarNewEpisode: definePersona(
    {
      patientId: 'demo-omar-new-episode',
      nhsNumber: '9990888027',
      given: 'Omar',
      family: 'Haddad',
      teamId: 'team-cmht-north',
      situation: 'Said 60 days ago that no one supports him; referred back and a new episode of care started 10 days ago, a new first contact: ask again.',
      expectedPrompts: ['identify-carers'],
      relatedPersonIds: [],
    },
    { age: 33, gender: 'male', serviceStartDaysAgo: 10, askedNoCarersDaysAgo: 60, episodes: [{ id: 'demo-omar-earlier-episode', startDaysAgo: 200, endDaysAgo: 40 }] },
  ),
  // Issue 14: next of kin kept only in Patient.contact, as many EHRs keep them.
  ruthContactOnly: definePersona(
    {
      patientId: 'demo-ruth-contact-only',
      nhsNumber: '9990777004',
      given: 'Ruth',
      family: 'Ellison',
      teamId: 'team-cmht-north',
      situation:
        'Her mother Margaret is recorded only in Patient.contact, as next of kin; no RelatedPerson, and nobody has asked whether she is a carer.',
      expectedPrompts: ['identify-carers', 'confirm-carer-status'],
      relatedPersonIds: [],
    },
    {
      age: 29,
      gender: 'female',
      serviceStartDaysAgo: 60,
      contacts: [{ name: { given: 'Margaret', family: 'Ellison' }, relationship: 'MTH', contactRole: 'N', gender: 'female', telecom: [phone(177)] }],
    },
  ),
  rosaAlvarez: definePersona(
    {
      patientId: 'demo-rosa-alvarez',
      nhsNumber: '9992000104',
      given: 'Rosa',
      family: 'Alvarez',
      teamId: 'team-cmht-north',
      situation:
        'A crisis plan is in force; husband Luis is her carer and she agreed to his involvement except her therapy notes, but the plan does not involve him; no contingency plan, crisis numbers not given.',
      expectedPrompts: ['involve-carer-in-care-plan', 'carer-contingency-plan', 'give-crisis-numbers', 'refer-carer-assessment'],
      relatedPersonIds: ['demo-rosa-alvarez-husband'],
    },
    {
      age: 52,
      gender: 'female',
      serviceStartDaysAgo: 400,
      related: [
        (now, patientId) => ({
          id: 'demo-rosa-alvarez-husband',
          patientId,
          name: { given: 'Luis', family: 'Alvarez' },
          relationship: 'HUSB',
          carer: true,
          gender: 'male',
          telecom: [phone(131)],
          identifiedOn: byDaysAgo(now, 380),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-rosa-alvarez-consent',
          patientId,
          carerId: 'demo-rosa-alvarez-husband',
          decision: 'partial',
          dateTime: dateTimeOffset(now, -40),
          reviewDue: dayOffset(now, 325),
          excluded: ['Notes of her therapy sessions'],
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-rosa-alvarez-assessment',
          carerId: 'demo-rosa-alvarez-husband',
          status: 'completed',
          authoredOn: dateTimeOffset(now, -90),
          lastModified: dateTimeOffset(now, -60),
          completedOn: byDaysAgo(now, 60),
          requester: requester(team, 0),
        }),
      ],
      signposted: [{ carerId: 'demo-rosa-alvarez-husband', daysAgo: 60 }],
      carePlans: [{ id: 'demo-rosa-alvarez-crisis-plan', title: 'Staying well and crisis plan', kind: 'crisis-plan', startedDaysAgo: 30 }],
    },
  ),
  // Issue 11, commitment 6 (young carers): a mother cared for by her two children.
  nadiaOkoro: definePersona(
    {
      patientId: 'demo-nadia-okoro',
      nhsNumber: '9990251002',
      given: 'Nadia',
      family: 'Okoro',
      teamId: 'team-cmht-north',
      situation:
        'Her daughter Ama (recorded as her child, no date of birth) and her son Kwame, aged 17, are her carers, identified 10 days ago: Ama may be a young carer nobody can recognise; Kwame needs a transition assessment before 18.',
      expectedPrompts: ['carer-missing-details', 'young-carer-transition', 'young-carer-referral', 'record-consent', 'offer-assessment', 'signpost-support', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-nadia-okoro-daughter', 'demo-nadia-okoro-son'],
    },
    {
      age: 46,
      gender: 'female',
      serviceStartDaysAgo: 200,
      related: [
        (now, patientId) => ({
          id: 'demo-nadia-okoro-daughter',
          patientId,
          name: { given: 'Ama', family: 'Okoro' },
          relationship: 'DAUC',
          carer: true,
          gender: 'female',
          telecom: [phone(178)],
          identifiedOn: byDaysAgo(now, 10),
        }),
        (now, patientId) => ({
          id: 'demo-nadia-okoro-son',
          patientId,
          name: { given: 'Kwame', family: 'Okoro' },
          relationship: 'SONC',
          carer: true,
          gender: 'male',
          birthDate: birthDateForAge(now, 17, 100),
          telecom: [phone(179)],
          identifiedOn: byDaysAgo(now, 10),
        }),
      ],
    },
  ),
  // Issue 11 commitment 4 (recommendation 3): referral to carers' support for the statutory assessment, and the carer's own consent to share it.
  priyaShah: definePersona(
    {
      patientId: 'demo-priya-shah',
      nhsNumber: '9990311102',
      given: 'Priya',
      family: 'Shah',
      teamId: 'team-cmht-north',
      situation:
        "Husband Dev accepted a carer's assessment 40 days ago; consent to share is recorded and he was signposted, but he has not been referred to carers' support for the statutory assessment.",
      expectedPrompts: ['refer-carer-assessment', 'carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-priya-shah-husband'],
    },
    {
      age: 44,
      gender: 'female',
      serviceStartDaysAgo: 150,
      related: [
        (now, patientId) => ({
          id: 'demo-priya-shah-husband',
          patientId,
          name: { given: 'Dev', family: 'Shah' },
          relationship: 'HUSB',
          carer: true,
          gender: 'male',
          birthDate: birthDateForAge(now, 46, 41),
          telecom: [phone(181)],
          identifiedOn: byDaysAgo(now, 120),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-priya-shah-consent',
          patientId,
          carerId: 'demo-priya-shah-husband',
          decision: 'permit',
          dateTime: dateTimeOffset(now, -100),
          reviewDue: dayOffset(now, 265),
        }),
      ],
      tasks: [
        (now, team) => ({
          id: 'demo-priya-shah-assessment',
          carerId: 'demo-priya-shah-husband',
          status: 'accepted',
          authoredOn: dateTimeOffset(now, -50),
          lastModified: dateTimeOffset(now, -40),
          requester: requester(team, 0),
        }),
      ],
      signposted: [{ carerId: 'demo-priya-shah-husband', daysAgo: 45 }],
    },
  ),
  owenPrice: definePersona(
    {
      patientId: 'demo-owen-price',
      nhsNumber: '9990322104',
      given: 'Owen',
      family: 'Price',
      teamId: 'team-cmht-north',
      situation:
        "Daughter Carys was referred to the local authority for her statutory carer's assessment (the referral is completed; no offer Task is recorded) and agreed to share it: she is not \"not offered\", and her own consent is not the patient's decision.",
      expectedPrompts: ['carer-contingency-plan', 'give-crisis-numbers'],
      relatedPersonIds: ['demo-owen-price-daughter'],
    },
    {
      age: 71,
      gender: 'male',
      serviceStartDaysAgo: 300,
      related: [
        (now, patientId) => ({
          id: 'demo-owen-price-daughter',
          patientId,
          name: { given: 'Carys', family: 'Price' },
          relationship: 'DAU',
          carer: true,
          gender: 'female',
          birthDate: birthDateForAge(now, 39, 42),
          telecom: [phone(182)],
          identifiedOn: byDaysAgo(now, 280),
        }),
      ],
      consents: [
        (now, patientId) => ({
          id: 'demo-owen-price-consent',
          patientId,
          carerId: 'demo-owen-price-daughter',
          decision: 'permit',
          dateTime: dateTimeOffset(now, -270),
          reviewDue: dayOffset(now, 95),
        }),
      ],
      signposted: [{ carerId: 'demo-owen-price-daughter', daysAgo: 260 }],
      referred: [{ carerId: 'demo-owen-price-daughter', daysAgo: 250, status: 'completed' }],
      carerSharing: [{ carerId: 'demo-owen-price-daughter', daysAgo: 250, decision: 'permit' }],
    },
  ),
  leonHughes: definePersona(
    {
      patientId: 'demo-leon-hughes',
      nhsNumber: '9990341109',
      given: 'Leon',
      family: 'Hughes',
      teamId: 'team-cmht-north',
      situation:
        'A father: his son Jayden (12) is recorded, asked and not a carer, and Leon named no carers a month ago; nobody has asked whether children in the household help (Think Family).',
      expectedPrompts: ['think-family'],
      relatedPersonIds: ['demo-leon-hughes-son'],
    },
    {
      age: 41,
      gender: 'male',
      serviceStartDaysAgo: 60,
      askedNoCarersDaysAgo: 30,
      related: [
        (now, patientId) => ({
          id: 'demo-leon-hughes-son',
          patientId,
          name: { given: 'Jayden', family: 'Hughes' },
          relationship: 'SON',
          carer: false,
          confirmedNotCarerOn: dateTimeOffset(now, -30),
          gender: 'male',
          birthDate: birthDateForAge(now, 12, 80),
        }),
      ],
    },
  ),
  // Hazard H29: a parent whose child is recorded only in Patient.contact (Think Family).
  tessaContactChild: definePersona(
    {
      patientId: 'demo-tessa-contact-child',
      nhsNumber: '9990352208',
      given: 'Tessa',
      family: 'Brooks',
      teamId: 'team-cmht-south',
      situation:
        'A mother: her daughter Zoe is recorded only in Patient.contact, as next of kin (no RelatedPerson); nobody has asked whether Zoe is a carer, nor whether children in the household help (Think Family).',
      expectedPrompts: ['identify-carers', 'confirm-carer-status', 'think-family'],
      relatedPersonIds: [],
    },
    {
      age: 38,
      gender: 'female',
      serviceStartDaysAgo: 45,
      contacts: [{ name: { given: 'Zoe', family: 'Brooks' }, relationship: 'DAU', contactRole: 'N', gender: 'female', telecom: [phone(191)] }],
    },
  ),
} as const;

function requester(team: Team, index: number): { practitionerId: string; display: string } {
  const member = teamStaff(team)[index] ?? teamStaff(team)[0];
  if (!member) throw new RangeError(`No staff in ${team.id}`);
  return { practitionerId: member.id, display: staffDisplay(member) };
}

export type PersonaKey = keyof typeof definitions;

/** The personas, by key (e.g. `PERSONAS.amiraKhan.patientId === 'demo-amira-khan'`). */
export const PERSONAS: Readonly<Record<PersonaKey, Persona>> = Object.freeze(
  Object.fromEntries(Object.entries(definitions).map(([key, d]) => [key, d.persona])) as Record<PersonaKey, Persona>,
);

/** Every persona's resources (Patient, EpisodeOfCare, RelatedPersons, Consents, Tasks, Lists) for `now`. */
export function* personaResources(now: Date): Generator<WithId<Resource>> {
  for (const { persona, build } of Object.values(definitions)) {
    const team = teamById(persona.teamId);
    yield patientResource({
      id: persona.patientId,
      nhsNumber: persona.nhsNumber,
      name: { given: persona.given, family: persona.family },
      gender: build.gender,
      birthDate: birthDateForAge(now, build.age, 75),
      address: { use: 'home', line: [`${Number(persona.nhsNumber.slice(6, 8))} Elm Road`], city: 'Sandbury', postalCode: 'SB1 4XY', country: 'GB' },
      team,
      phone: phone(200 + Number(persona.nhsNumber.slice(6, 9))).value,
      ...(build.diedDaysAgo !== undefined ? { deceasedOn: dateTimeOffset(now, -build.diedDaysAgo) } : {}),
      ...(build.contacts ? { contacts: build.contacts } : {}),
    });
    yield episodeOfCareResource({ id: `${persona.patientId}-episode`, patientId: persona.patientId, team, start: dayOffset(now, -build.serviceStartDaysAgo) });
    for (const e of build.episodes ?? []) {
      yield episodeOfCareResource({
        id: e.id,
        patientId: persona.patientId,
        team,
        start: dayOffset(now, -e.startDaysAgo),
        ...(e.endDaysAgo !== undefined ? { end: dayOffset(now, -e.endDaysAgo) } : {}),
        ...(e.inpatient ? { inpatient: true } : {}),
        ...(e.detained ? { detained: true } : {}),
      });
    }
    for (const related of build.related ?? []) yield relatedPersonResource(related(now, persona.patientId));
    for (const consent of build.consents ?? []) yield consentResource(consent(now, persona.patientId));
    for (const task of build.tasks ?? []) yield assessmentTaskResource(task(now, team));
    for (const communication of build.communications ?? []) yield carerCommunicationResource({ ...communication(now), patientId: persona.patientId });
    for (const { carerId, daysAgo } of build.signposted ?? []) {
      yield signpostingTaskResource({ id: `${carerId}-signposted`, patientId: persona.patientId, carerId, on: dateTimeOffset(now, -daysAgo) });
    }
    for (const { carerId, action, daysAgo } of build.carerActions ?? []) {
      yield carerActionTaskResource({ id: `${carerId}-${action}`, patientId: persona.patientId, carerId, action, on: dateTimeOffset(now, -daysAgo) });
    }
    for (const plan of build.carePlans ?? []) {
      yield carePlanResource({ id: plan.id, patientId: persona.patientId, title: plan.title, kind: plan.kind, start: dayOffset(now, -plan.startedDaysAgo), ...(plan.contributors ? { contributors: plan.contributors } : {}) });
    }
    for (const { carerId, daysAgo, status } of build.referred ?? []) {
      yield carerReferralTaskResource({ id: `${carerId}-referred`, patientId: persona.patientId, carerId, on: dateTimeOffset(now, -daysAgo), status, organisation: REFERRED_TO });
    }
    for (const { carerId, daysAgo, decision } of build.carerSharing ?? []) {
      const referralId = (build.referred ?? []).some((r) => r.carerId === carerId) ? `${carerId}-referred` : undefined;
      yield carerSharingConsentResource({ id: `${carerId}-sharing`, patientId: persona.patientId, carerId, on: dateTimeOffset(now, -daysAgo), decision, organisation: REFERRED_TO, ...(referralId ? { referralId } : {}) });
    }
    if (build.askedNoCarersDaysAgo !== undefined) {
      const member = teamStaff(team)[0];
      yield askedNoCarersResource({
        id: `${persona.patientId}-asked-no-carers`,
        patientId: persona.patientId,
        date: dateTimeOffset(now, -build.askedNoCarersDaysAgo),
        ...(member ? { source: { practitionerId: member.id, display: staffDisplay(member) } } : {}),
      });
    }
  }
}

/** NHS numbers the personas hold (the generator never reuses them). */
export const PERSONA_NHS_NUMBERS: ReadonlySet<string> = new Set(Object.values(PERSONAS).map((p) => p.nhsNumber));
