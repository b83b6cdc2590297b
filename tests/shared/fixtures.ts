/**
 * Typed personas for the domain tests. Each is a complete, realistic record; tests change one thing
 * with `carerWith(...)` / `contextWith(...)` so each reads as "this persona, but …".
 *
 * The clock is fixed: "today" is 15 June 2026 in Europe/London.
 */
import type { AssessmentStatus, Carer, CarerContext, ConsentDecision, PatientSummary } from '../../shared/domain/types';
import { DEFAULT_POLICY, type Policy } from '../../shared/policy';

export const POLICY: Policy = { ...DEFAULT_POLICY, rag: { ...DEFAULT_POLICY.rag } };

/** 10:00 on 15 June 2026 (BST), i.e. 11:00 in London. */
export const NOW = new Date('2026-06-15T10:00:00Z');
export const TODAY = '2026-06-15';

/** An instant at noon UTC on a calendar date: the same date in every zone from UTC−11 to UTC+11. */
export function noonOn(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

export const PatientAlex: PatientSummary = {
  reference: 'Patient/alex',
  id: 'alex',
  nhsNumber: '9990000018',
  name: 'Alex Morgan',
  birthDate: '1968-09-12',
  serviceStart: '2026-01-10',
  team: 'North Community Mental Health Team',
};

const NO_CONSENT: ConsentDecision = { decision: 'none' };
const NOT_OFFERED: AssessmentStatus = { status: 'not-offered' };

/** An adult daughter, identified last month: nothing done yet. */
export const JaneDaughter: Carer = {
  reference: 'RelatedPerson/jane',
  id: 'jane',
  name: 'Jane Smith',
  carerStatus: 'carer',
  relationships: ['Daughter'],
  contactRoles: ['next-of-kin'],
  birthDate: '1990-04-02',
  telecom: [{ system: 'phone', value: '07700 900123' }],
  active: true,
  identifiedOn: '2026-05-01',
  consent: NO_CONSENT,
  assessment: NOT_OFFERED,
};

/** A mother whose carer record is complete and up to date. */
export const GraceMother: Carer = {
  reference: 'RelatedPerson/grace',
  id: 'grace',
  name: 'Grace Morgan',
  carerStatus: 'carer',
  relationships: ['Mother'],
  contactRoles: ['emergency-contact'],
  birthDate: '1945-11-30',
  telecom: [{ system: 'phone', value: '01632 960001' }],
  address: '1 High Street, Exampletown',
  active: true,
  identifiedOn: '2025-11-01',
  consent: { decision: 'permit', consent: 'Consent/grace-1', recordedOn: '2026-03-01', reviewDue: '2027-03-01' },
  assessment: { status: 'completed', task: 'Task/grace-1', offeredOn: '2026-01-20', respondedOn: '2026-01-25', completedOn: '2026-02-10' },
};

/** A brother recorded as next of kin; nobody has asked whether he is a carer. */
export const TomBrother: Carer = {
  reference: 'RelatedPerson/tom',
  id: 'tom',
  name: 'Tom Morgan',
  carerStatus: 'unconfirmed',
  relationships: ['Brother'],
  contactRoles: ['next-of-kin'],
  telecom: [{ system: 'phone', value: '07700 900456' }],
  active: true,
  consent: NO_CONSENT,
  assessment: NOT_OFFERED,
};

/** A neighbour asked about and confirmed not to be a carer. */
export const PatNeighbour: Carer = {
  reference: 'RelatedPerson/pat',
  id: 'pat',
  name: 'Pat Jones',
  carerStatus: 'not-carer',
  carerStatusAskedOn: '2026-02-01',
  relationships: ['Neighbour'],
  contactRoles: [],
  telecom: [],
  active: true,
  consent: NO_CONSENT,
  assessment: NOT_OFFERED,
};

/** A former carer (a friend who moved away): kept for history, inactive. */
export const FormerFriend: Carer = {
  reference: 'RelatedPerson/sam-friend',
  id: 'sam-friend',
  name: 'Sam Lee',
  carerStatus: 'carer',
  relationships: ['Friend'],
  contactRoles: [],
  telecom: [],
  active: false,
  identifiedOn: '2023-01-01',
  consent: NO_CONSENT,
  assessment: NOT_OFFERED,
};

/** A 15-year-old son who helps his parent every day. */
export const LeoYoungSon: Carer = {
  reference: 'RelatedPerson/leo',
  id: 'leo',
  name: 'Leo Morgan',
  carerStatus: 'carer',
  relationships: ['Son'],
  contactRoles: [],
  birthDate: '2011-03-01',
  telecom: [{ system: 'phone', value: '07700 900789' }],
  active: true,
  identifiedOn: '2026-06-01',
  consent: { decision: 'permit', recordedOn: '2026-06-01', reviewDue: '2027-06-01' },
  assessment: { status: 'offered', offeredOn: '2026-06-10' },
};

/** The same person with some fields changed (arrays and nested objects replaced, not merged). */
export function carerWith(base: Carer, patch: Partial<Carer>): Carer {
  return { ...base, ...patch };
}

/** A patient's context: Alex with the given carers and nothing else, unless told otherwise. */
export function contextWith(parts: Partial<CarerContext> = {}): CarerContext {
  return { patient: PatientAlex, carers: [], orphanConsents: [], warnings: [], ...parts };
}
