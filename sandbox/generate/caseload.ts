import type { WithId } from '@medplum/core';
import type { Address, ContactPoint, Resource } from '@medplum/fhirtypes';
import { PERSONAS, PERSONA_NHS_NUMBERS, personaResources } from '../personas';
import type { AssessmentInput, ConsentInput, ContactRoleCode, PatientInput, PersonName } from './builders';
import {
  askedNoCarersResource,
  assessmentTaskResource,
  consentResource,
  episodeOfCareResource,
  organizationResource,
  patientResource,
  phone,
  practitionerResource,
  relatedPersonResource,
  teamGroupResource,
} from './builders';
import { birthDateForAge, dateTimeOffset, dayOffset } from './dates';
import { FAMILY_NAMES, GIVEN_FEMALE, GIVEN_MALE, POSTCODE_LETTERS, STREETS, TOWNS } from './names';
import { testRangeNhsNumbers } from './nhsNumbers';
import type { AssessmentPlan, ConsentState } from './proportions';
import { PROPORTIONS } from './proportions';
import { Random } from './random';
import type { Team } from './teams';
import { TEAMS, staffDisplay, teamStaff } from './teams';

export interface CaseloadOptions {
  /** Generated patients, on top of the named personas. */
  patients: number;
  seed: number;
  /** "Today" for every relative date. */
  now: Date;
  /** Include the named personas (default true). */
  personas?: boolean;
}

/** Reasons a carer gives for declining an assessment (Task.statusReason text). */
const DECLINE_REASONS = [
  'Carer does not feel they need an assessment at the moment',
  'Carer already assessed by the local authority',
  'Carer prefers to be contacted again in six months',
  'Carer declined: does not see themselves as a carer',
] as const;

/** What a partial consent typically withholds. */
const PARTIAL_EXCLUSIONS = [
  'Details of psychological therapy sessions',
  'Information about relationship history',
  'Details of medication changes',
  'Information about substance use',
] as const;

type Gender = 'male' | 'female';

interface RelationshipChoice {
  code: string;
  gender?: Gender;
  /** Carer's age relative to the patient's: [min, max] years older (negative = younger). */
  ageDelta: readonly [number, number];
  sharesFamilyName: boolean;
}

const REL: Record<string, RelationshipChoice> = {
  MTH: { code: 'MTH', gender: 'female', ageDelta: [20, 38], sharesFamilyName: true },
  FTH: { code: 'FTH', gender: 'male', ageDelta: [20, 40], sharesFamilyName: true },
  GRPRN: { code: 'GRPRN', ageDelta: [42, 58], sharesFamilyName: true },
  SIB: { code: 'SIB', ageDelta: [-8, 8], sharesFamilyName: true },
  SIS: { code: 'SIS', gender: 'female', ageDelta: [-8, 8], sharesFamilyName: true },
  BRO: { code: 'BRO', gender: 'male', ageDelta: [-8, 8], sharesFamilyName: true },
  AUNT: { code: 'AUNT', gender: 'female', ageDelta: [15, 35], sharesFamilyName: false },
  WIFE: { code: 'WIFE', gender: 'female', ageDelta: [-6, 4], sharesFamilyName: true },
  HUSB: { code: 'HUSB', gender: 'male', ageDelta: [-4, 6], sharesFamilyName: true },
  SPS: { code: 'SPS', ageDelta: [-6, 6], sharesFamilyName: true },
  DOMPART: { code: 'DOMPART', ageDelta: [-6, 6], sharesFamilyName: false },
  SIGOTHR: { code: 'SIGOTHR', ageDelta: [-5, 5], sharesFamilyName: false },
  DAU: { code: 'DAU', gender: 'female', ageDelta: [-38, -20], sharesFamilyName: true },
  SON: { code: 'SON', gender: 'male', ageDelta: [-38, -20], sharesFamilyName: true },
  GRNDCHILD: { code: 'GRNDCHILD', ageDelta: [-58, -45], sharesFamilyName: true },
  FRND: { code: 'FRND', ageDelta: [-10, 10], sharesFamilyName: false },
  NBOR: { code: 'NBOR', ageDelta: [-20, 20], sharesFamilyName: false },
};

/** Who cares for whom depends on the patient's age: parents for the young, partners and children later. */
function relationshipWeights(age: number): Record<string, number> {
  if (age < 18) return { MTH: 40, FTH: 25, GRPRN: 15, SIS: 5, BRO: 5, AUNT: 10 };
  if (age < 30) return { MTH: 30, FTH: 15, SIGOTHR: 15, DOMPART: 7, SIS: 5, BRO: 5, FRND: 15, GRPRN: 5, NBOR: 3 };
  if (age < 65) return { WIFE: 15, HUSB: 12, SPS: 5, DOMPART: 10, DAU: 10, SON: 8, SIS: 5, BRO: 5, MTH: 10, FRND: 12, NBOR: 8 };
  return { WIFE: 18, HUSB: 15, DAU: 25, SON: 15, FRND: 8, NBOR: 10, SIS: 4, GRNDCHILD: 5 };
}

/**
 * A deterministic synthetic caseload, streamed: the trust's teams (Organization) and staff
 * (Practitioner), the named personas, `patients` generated patients with their EpisodeOfCare,
 * RelatedPersons, Consents, assessment Tasks and "asked: no carers" Lists, and finally one Group per
 * team listing its patients. The same options give the same resources in the same order; only the
 * team membership lists are held in memory, so 100,000 patients stream in constant-ish space.
 * Proportions: ./proportions.ts.
 */
export function* generateCaseload(options: CaseloadOptions): Generator<WithId<Resource>> {
  const { now } = options;
  if (!Number.isInteger(options.patients) || options.patients < 0) throw new RangeError('patients must be a whole number, 0 or more');
  if (!Number.isInteger(options.seed)) throw new RangeError('seed must be a whole number');
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');

  const members = new Map<string, string[]>(TEAMS.map((t) => [t.id, []]));
  for (const team of TEAMS) {
    yield organizationResource(team);
    for (const member of teamStaff(team)) yield practitionerResource({ id: member.id, name: { given: member.given, family: member.family } });
  }
  if (options.personas !== false) {
    yield* personaResources(now);
    for (const persona of Object.values(PERSONAS)) members.get(persona.teamId)?.push(persona.patientId);
  }

  const random = new Random(options.seed);
  const nhsNumbers = testRangeNhsNumbers(options.seed, PERSONA_NHS_NUMBERS);
  const teamWeights = Object.fromEntries(TEAMS.map((t) => [t.id, t.weight])) as Record<string, number>;
  for (let n = 1; n <= options.patients; n += 1) {
    const nhsNumber = nhsNumbers.next();
    if (nhsNumber.done) throw new RangeError('Ran out of test-range NHS numbers');
    const teamId = random.weighted(teamWeights);
    const team = TEAMS.find((t) => t.id === teamId) as Team;
    const id = `gen-${String(n).padStart(6, '0')}`;
    members.get(team.id)?.push(id);
    yield* generatePatient(random, { id, nhsNumber: nhsNumber.value, team, now });
  }

  for (const team of TEAMS) yield teamGroupResource(team, members.get(team.id) ?? []);
}

interface PatientContext {
  id: string;
  nhsNumber: string;
  team: Team;
  now: Date;
}

interface CarerPlan {
  relationship: RelationshipChoice;
  consent: ConsentState;
  consentDaysAgo: number;
  pastReview: boolean;
  superseded: boolean;
  assessment: AssessmentPlan;
  offeredDaysAgo: number;
  answeredDaysAgo: number;
  /** Days of history the carer's record needs (identified at least this long ago). */
  historyDays: number;
}

function personName(random: Random, gender: Gender, family?: string): PersonName {
  return { given: random.pick(gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE), family: family ?? random.pick(FAMILY_NAMES) };
}

function address(random: Random): Address {
  const place = random.pick(TOWNS);
  const inward = `${random.int(1, 9)}${random.pick([...POSTCODE_LETTERS])}${random.pick([...POSTCODE_LETTERS])}`;
  return { use: 'home', line: [`${random.int(1, 199)} ${random.pick(STREETS)}`], city: place.town, postalCode: `${place.district} ${inward}`, country: 'GB' };
}

function planCarer(random: Random, patientAge: number): CarerPlan {
  const relationship = REL[random.weighted(relationshipWeights(patientAge))] as RelationshipChoice;
  const consent = random.weighted(PROPORTIONS.consent);
  const hasActiveDecision = consent === 'permit' || consent === 'partial' || consent === 'deny';
  const pastReview = hasActiveDecision && random.chance(PROPORTIONS.consentPastReview);
  const consentDaysAgo = consent === 'none' ? 0 : pastReview ? random.int(380, 900) : consent === 'withdrawn' ? random.int(60, 600) : random.int(1, 340);
  const superseded = consent !== 'none' && random.chance(PROPORTIONS.consentSuperseded);
  const assessment = random.weighted(PROPORTIONS.assessment);
  let offeredDaysAgo = 0;
  let answeredDaysAgo = 0;
  switch (assessment) {
    case 'notOffered':
      break;
    case 'offeredRecently':
      offeredDaysAgo = random.int(1, 25);
      break;
    case 'offeredNoAnswer':
      offeredDaysAgo = random.int(35, 400);
      break;
    case 'accepted':
    case 'declined':
      offeredDaysAgo = random.int(10, 330);
      answeredDaysAgo = Math.max(1, offeredDaysAgo - random.int(2, 21));
      break;
    case 'completed':
      answeredDaysAgo = random.int(1, 330);
      offeredDaysAgo = answeredDaysAgo + random.int(14, 70);
      break;
    case 'completedReviewDue':
      answeredDaysAgo = random.int(380, 1000);
      offeredDaysAgo = answeredDaysAgo + random.int(14, 70);
      break;
  }
  const historyDays = Math.max(consentDaysAgo + (superseded ? 400 : 0), offeredDaysAgo) + random.int(0, 60);
  return { relationship, consent, consentDaysAgo, pastReview, superseded, assessment, offeredDaysAgo, answeredDaysAgo, historyDays };
}

function contactDetails(random: Random, missing: boolean): { telecom?: ContactPoint[]; address?: Address } {
  if (missing) return {};
  const out: { telecom?: ContactPoint[]; address?: Address } = { telecom: [phone(random.int(0, 999))] };
  if (random.chance(0.3)) out.address = address(random);
  return out;
}

function* generatePatient(random: Random, ctx: PatientContext): Generator<WithId<Resource>> {
  const { id, now, team } = ctx;
  const gender: Gender = random.chance(0.5) ? 'female' : 'male';
  const age = random.int(team.ages[0], team.ages[1]);
  const name = personName(random, gender);
  const staff = teamStaff(team);
  const requester = () => {
    const member = random.pick(staff);
    return { practitionerId: member.id, display: staffDisplay(member) };
  };

  const identification = random.weighted(PROPORTIONS.patient);
  const carerCount = identification === 'carerIdentified' ? { one: 1, two: 2, three: 3 }[random.weighted(PROPORTIONS.carersPerPatient)] : 0;
  const plans = Array.from({ length: carerCount }, () => planCarer(random, age));
  const unmarkedContact =
    identification === 'neverAsked'
      ? random.chance(PROPORTIONS.neverAskedWithUnmarkedContact)
      : identification === 'carerIdentified' && random.chance(PROPORTIONS.identifiedWithUnmarkedContact);
  const notCarer = random.chance(PROPORTIONS.confirmedNotCarer);
  const orphanConsent = random.chance(PROPORTIONS.orphanConsent);

  // Service start: most patients have been with the team a while; long enough for every dated event.
  const sampledStart = Math.round(7 + 1100 * random.next() ** 1.5);
  const serviceStartDaysAgo = Math.max(sampledStart, ...plans.map((p) => p.historyDays + 1));

  const patientInput: PatientInput = {
    id,
    nhsNumber: ctx.nhsNumber,
    name,
    gender,
    birthDate: birthDateForAge(now, age, random.int(0, 364)),
    address: address(random),
    team,
    ...(random.chance(0.8) ? { phone: phone(random.int(0, 999)).value } : {}),
  };
  const episode = episodeOfCareResource({ id: `${id}-episode`, patientId: id, team, start: dayOffset(now, -serviceStartDaysAgo) });

  // The Patient is yielded once its contacts are known; the draws stay in the same order, so a seed gives the same caseload.
  const carers: WithId<Resource>[] = [];
  let index = 0;
  for (const plan of plans) {
    index += 1;
    carers.push(...generateCarer(random, { ...ctx, patientAge: age, patientFamily: name.family, serviceStartDaysAgo, index, plan, requester }));
  }

  let contactPerson: WithId<Resource> | undefined;
  if (unmarkedContact) {
    index += 1;
    const rel = REL[random.weighted(relationshipWeights(age))] as RelationshipChoice;
    const contactGender: Gender = rel.gender ?? (random.chance(0.5) ? 'female' : 'male');
    const role: ContactRoleCode = random.weighted({ N: 55, C: 25, EP: 10, CP: 10 });
    const person = { name: personName(random, contactGender, rel.sharesFamilyName ? name.family : undefined), relationship: rel.code, contactRole: role, gender: contactGender, ...contactDetails(random, false) };
    // Many EHRs keep next of kin in Patient.contact, not as RelatedPersons (issue 14): the generator does both.
    if (role === 'N') patientInput.contacts = [{ name: person.name, relationship: person.relationship, contactRole: 'N', gender: person.gender, ...(person.telecom ? { telecom: person.telecom } : {}) }];
    else contactPerson = relatedPersonResource({ id: `${id}-rp${index}`, patientId: id, carer: false, ...person });
  }
  yield patientResource(patientInput);
  yield episode;
  yield* carers;
  if (contactPerson) yield contactPerson;
  if (notCarer) {
    index += 1;
    const rel = REL[random.pick(['FRND', 'NBOR', 'SIB', 'AUNT'])] as RelationshipChoice;
    const personGender: Gender = rel.gender ?? (random.chance(0.5) ? 'female' : 'male');
    yield relatedPersonResource({
      id: `${id}-rp${index}`,
      patientId: id,
      name: personName(random, personGender, rel.sharesFamilyName ? name.family : undefined),
      relationship: rel.code,
      contactRole: 'C',
      carer: false,
      confirmedNotCarerOn: dateTimeOffset(now, -random.int(1, serviceStartDaysAgo)),
      gender: personGender,
      ...contactDetails(random, false),
    });
  }
  if (identification === 'askedNoCarers') {
    yield askedNoCarersResource({ id: `${id}-asked-no-carers`, patientId: id, date: dateTimeOffset(now, -random.int(0, serviceStartDaysAgo)), source: requester() });
  }
  if (orphanConsent) {
    const daysAgo = random.int(1, serviceStartDaysAgo);
    yield consentResource({
      id: `${id}-consent-no-carer`,
      patientId: id,
      decision: 'permit',
      dateTime: dateTimeOffset(now, -daysAgo),
      reviewDue: dayOffset(now, 365 - daysAgo),
    });
  }
}

interface CarerContext extends PatientContext {
  patientAge: number;
  patientFamily: string;
  serviceStartDaysAgo: number;
  index: number;
  plan: CarerPlan;
  requester: () => { practitionerId: string; display: string };
}

function* generateCarer(random: Random, ctx: CarerContext): Generator<WithId<Resource>> {
  const { now, plan } = ctx;
  const rel = plan.relationship;
  const carerId = `${ctx.id}-rp${ctx.index}`;
  const carerGender: Gender = rel.gender ?? (random.chance(0.5) ? 'female' : 'male');
  const carerAge = Math.max(10, ctx.patientAge + random.int(rel.ageDelta[0], rel.ageDelta[1]));
  const recordBirthDate = carerAge < 18 || random.chance(PROPORTIONS.carerBirthDateRecorded);
  const missingDetails = random.chance(PROPORTIONS.carerMissingDetails);
  const noRelationship = random.chance(PROPORTIONS.carerWithoutRelationship);
  const inactive = random.chance(PROPORTIONS.inactiveCarer);
  const identifiedDaysAgo = Math.min(ctx.serviceStartDaysAgo, plan.historyDays);

  yield relatedPersonResource({
    id: carerId,
    patientId: ctx.id,
    name: personName(random, carerGender, rel.sharesFamilyName && random.chance(0.8) ? ctx.patientFamily : undefined),
    ...(noRelationship ? {} : { relationship: rel.code }),
    carer: true,
    gender: carerGender,
    ...(recordBirthDate ? { birthDate: birthDateForAge(now, carerAge, random.int(0, 364)) } : {}),
    ...contactDetails(random, missingDetails),
    identifiedOn: dayOffset(now, -identifiedDaysAgo),
    ...(inactive ? { active: false } : {}),
  });

  if (plan.consent !== 'none') {
    if (plan.superseded) {
      const priorDaysAgo = plan.consentDaysAgo + random.int(30, 400);
      yield consentResource({
        id: `${ctx.id}-consent${ctx.index}-prior`,
        patientId: ctx.id,
        carerId,
        decision: random.chance(0.5) ? 'permit' : 'deny',
        status: 'inactive',
        dateTime: dateTimeOffset(now, -priorDaysAgo),
        reviewDue: dayOffset(now, 365 - priorDaysAgo),
        // Set aside when the newer decision was recorded.
        lastUpdated: dateTimeOffset(now, -plan.consentDaysAgo, 8),
      });
    }
    const input: ConsentInput = {
      id: `${ctx.id}-consent${ctx.index}`,
      patientId: ctx.id,
      carerId,
      decision: plan.consent === 'withdrawn' ? 'permit' : plan.consent,
      ...(plan.consent === 'withdrawn' ? { status: 'inactive', lastUpdated: dateTimeOffset(now, -random.int(1, plan.consentDaysAgo), 18) } : {}),
      dateTime: dateTimeOffset(now, -plan.consentDaysAgo, random.int(9, 17)),
      reviewDue: dayOffset(now, 365 - plan.consentDaysAgo),
      ...(plan.consent === 'partial' ? { excluded: [random.pick(PARTIAL_EXCLUSIONS)] } : {}),
    };
    yield consentResource(input);
  }

  if (plan.assessment !== 'notOffered') {
    const status: AssessmentInput['status'] = {
      offeredRecently: 'requested',
      offeredNoAnswer: 'requested',
      accepted: 'accepted',
      declined: 'rejected',
      completed: 'completed',
      completedReviewDue: 'completed',
    }[plan.assessment] as AssessmentInput['status'];
    const completed = status === 'completed';
    yield assessmentTaskResource({
      id: `${ctx.id}-task${ctx.index}`,
      carerId,
      status,
      authoredOn: dateTimeOffset(now, -plan.offeredDaysAgo, random.int(9, 17)),
      ...(plan.answeredDaysAgo > 0 ? { lastModified: dateTimeOffset(now, -plan.answeredDaysAgo, random.int(9, 17)) } : {}),
      ...(completed ? { completedOn: dayOffset(now, -plan.answeredDaysAgo) } : {}),
      ...(status === 'rejected' ? { declinedReason: random.pick(DECLINE_REASONS) } : {}),
      requester: ctx.requester(),
    });
  }
}
