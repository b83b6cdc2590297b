/**
 * The coverage reducer's state, and the two ways it grows: one fact at a time (`addFact`) and by
 * merging two partial audits (`mergeAuditStates`).
 *
 * Why the state is not a handful of counters: a bulk export writes one NDJSON file per resource
 * type, so every Consent and Task may arrive before (or after) the carer and patient it is about.
 * Counting needs a join, so the state holds one compact record per patient, carer (every
 * RelatedPerson), carer-sharing Consent, assessment Task and episode of care, keyed by resource id —
 * a few dates, codes and ids, never a name or NHS number. Memory is therefore O(patients + related
 * persons + consents + tasks + episodes), NOT flat; everything else is: resources are parsed one at a time and dropped,
 * and rates, medians and breakdowns are computed once, at the end, by ./finalise.ts. (A flat-memory
 * exact audit of a type-ordered export would need an external sort by patient; at NHS trust sizes
 * the join fits.)
 *
 * What a record costs, measured on the sandbox caseload (Node 22, 64-bit, no pointer compression;
 * heap after a full GC, state built from the real pull): 97 MB for 100,000 patients (340,233
 * resources, 202 MiB of NDJSON), of which the 100,000 episodes of care kept are about 10 MB —
 * roughly 100 bytes an episode; it was 6.6 MB for 10,000 patients and 49.5 MB for 100,000 before the
 * recorded actions, communications, contacts and episodes were kept (and 270 / 214 per resource
 * with an object per fact and nested episode and recency objects). Per record, roughly: the Map
 * entry (~40 bytes), the id string (32–40), the
 * record object (24 + 8 per field: 88–104), a boxed number per recency date (16), and a Consent's
 * list of carers (~56). To get there records have one fixed shape (all fields always present, so
 * they share a hidden class and need no out-of-object property store), hold the episode and
 * recency inline, point at one copy of each team and date (`shared`) and of each patient id (the
 * PatientRecord's), and never keep a slice of a longer reference string alive.
 * Merging is exact: each record is keyed by resource id and, where two versions of one record meet,
 * the same deterministic choice is made whichever side it came from. So merge is associative and
 * commutative, the empty state is its identity, and the audit of two parts of a population (two
 * Groups, two halves of an export) merged equals the audit of the whole. A resource read in both
 * parts counts once; a malformed resource without a usable id cannot be recognised twice, so each
 * occurrence counts.
 */
import type { ConsentStatement } from '../domain/types';
import type { AssessmentFact, AuditFact, CarerFact, ContactFact, RecencyKey } from './facts';
import { addRecordedAction, emptyRecordedActions, mergeRecordedActions, type RecordedActionsState } from './recordedActions';
import type { CarerCommunicationsState } from './carerCommunications';

/**
 * A record's recency, inline (a nested `{ primary, secondary }` object per record would cost a
 * header and a pointer more): see RecencyKey.
 */
export interface Recency {
  primary: number | null;
  secondary: number | null;
}

/**
 * A patient: whether their Patient resource was read, and their current episode of care inline (a
 * patient has at most one current episode in the state; an object per episode would cost more).
 */
export interface PatientRecord {
  /** The patient's id (the key): records that name the patient point at this one copy. */
  id: string;
  /** A Patient resource was read: the patient is in scope. Episodes and Lists alone do not bring a patient into scope. */
  read: boolean;
  /** The patient has an "asked: no carers" answer on record. */
  askedNoCarers: boolean;
  /** The most recent "asked: no carers" answer (as the panel picks it): its id, date and recency. */
  askedId: string | undefined;
  askedOn: string | undefined;
  askedPrimary: number | null;
  askedSecondary: number | null;
  /** Team from the Patient resource (managing organisation display). */
  team: string | undefined;
  /** The Patient resource says the patient has died. */
  deceased: boolean;
  /** The NHS number, kept only when the audit was asked for a worklist (PatientFact.nhsNumber). */
  nhsNumber: string | undefined;
  /** The current episode of care with the latest start (undefined: none read). */
  episodeId: string | undefined;
  serviceStart: string | undefined;
  /**
   * The earliest start of any current episode ('' when one has no start): a patient admitted while
   * a community episode stays open was under the service from the earlier one (the caseload on a past date).
   */
  firstOpenStart: string | undefined;
  episodeTeam: string | undefined;
  episodePrimary: number | null;
  episodeSecondary: number | null;
  /** The Patient's contacts (next of kin…), from the Patient resource (see PatientFact.contacts). */
  contacts: readonly ContactFact[];
  /**
   * The finished episode that ended last (its start and end): enough to place the patient in a
   * past caseload (`--since`, an earlier `--now`) without keeping every episode.
   */
  endedEpisodeStart: string | undefined;
  endedEpisodeEnd: string | undefined;
}

/**
 * An episode of care (current or finished; a cancelled one is not kept), its id the key: the panel's
 * rules read every episode of the patient (a review brought forward by an admission or a discharge,
 * "no carers" asked again at a new episode, discharge planning), so the audit keeps them all.
 */
export interface EpisodeRecord {
  patient: string;
  finished: boolean;
  start: string | undefined;
  end: string | undefined;
  /** Inpatient or detained (shared/domain/episodes.ts isInpatientEpisode), and detained. */
  inpatient: boolean;
  detained: boolean;
}

/** A RelatedPerson (carer or not); its id is the key. */
export interface CarerRecord {
  patient: string;
  carerStatus: CarerFact['carerStatus'];
  active: boolean;
  hasRelationship: boolean;
  hasContact: boolean;
  birthDate: string | undefined;
  identifiedOn: string | undefined;
  carerStatusAskedOn: string | undefined;
  endedOn: string | undefined;
  /** Digests that recognise the same person recorded twice (see CarerFact). */
  identityDigests: readonly string[];
  /** Coded as a paid care worker / only as a caregiver (see CarerFact). */
  paidCareWorker: boolean;
  possibleCarer: boolean;
  /** Recorded as the patient's child (see CarerFact). */
  patientsChild: boolean;
}

/** A carer-sharing Consent: the statement decisionInForce weighs (see ConsentFact). */
export interface ConsentRecord {
  id: string;
  statement: ConsentStatement;
}

/** An assessment-offer Task. */
export interface AssessmentRecord extends Recency {
  id: string;
  carer: string;
  patient: string | undefined;
  status: AssessmentFact['status'];
  offeredOn: string | undefined;
  respondedOn: string | undefined;
  completedOn: string | undefined;
}

export interface AuditState {
  /**
   * One copy of each team name and date: 100,000 patients share a few dozen teams and a few
   * thousand dates, but each parsed resource brings its own copy of the string. (Ids are not kept
   * here — most are named once or twice, and a Map entry costs more than the copy it saves; a
   * patient's id is shared through its PatientRecord instead.)
   */
  shared: Map<string, string>;
  patients: Map<string, PatientRecord>;
  carers: Map<string, CarerRecord>;
  consents: Map<string, ConsentRecord>;
  assessments: Map<string, AssessmentRecord>;
  /** Signpostings, referrals and deferrals (./recordedActions.ts). */
  recorded: RecordedActionsState;
  /** Carers heard, their enquiries and answers, disclosures without consent (./carerCommunications.ts). */
  communications: CarerCommunicationsState;
  /** Every episode of care read (see EpisodeRecord). */
  episodes: Map<string, EpisodeRecord>;
  /** Any EpisodeOfCare was read: the caseload can then be taken from episodes (else every patient read is in it). */
  episodesRead: boolean;
  malformed: {
    /** "Type/id" of unreadable resources that carried an id. */
    withId: Set<string>;
    /** Unreadable resources without a usable id, counted per resource type. */
    withoutId: Map<string, number>;
  };
}

const NO_DIGESTS: readonly string[] = Object.freeze([]);

export function emptyAuditState(): AuditState {
  return { shared: new Map(), patients: new Map(), carers: new Map(), consents: new Map(), assessments: new Map(), recorded: emptyRecordedActions(), communications: new Map(), episodes: new Map(), episodesRead: false, malformed: { withId: new Set(), withoutId: new Map() } };
}

/**
 * Adds one fact to the state, in place, and returns the state (a reducer that allocates a new state
 * per resource would make a 100,000-patient audit needlessly slow).
 */
export function addFact(state: AuditState, fact: AuditFact): AuditState {
  switch (fact.kind) {
    case 'patient': {
      const record = patientRecord(state, fact.id);
      record.read = true;
      record.deceased ||= fact.deceased === true;
      record.nhsNumber = firstOf(record.nhsNumber, fact.nhsNumber);
      record.team = chooseTeam(record.team, share(state, fact.team));
      if (fact.contacts !== undefined && record.contacts.length === 0) record.contacts = fact.contacts;
      return state;
    }
    case 'episode': {
      state.episodesRead = true;
      const record = patientRecord(state, fact.patient);
      if (fact.ended === true) chooseEndedEpisode(record, share(state, fact.serviceStart), share(state, fact.endedOn));
      else {
        chooseEpisode(record, fact.id, share(state, fact.serviceStart), share(state, fact.team), fact.recency);
        record.firstOpenStart = earlierStart(record.firstOpenStart, share(state, fact.serviceStart) ?? '');
      }
      putEpisode(state.episodes, fact.id, {
        patient: record.id,
        finished: fact.ended === true,
        start: share(state, fact.serviceStart),
        end: share(state, fact.endedOn),
        inpatient: fact.inpatient === true,
        detained: fact.detained === true,
      });
      return state;
    }
    case 'askedNoCarers': {
      chooseAskedNoCarers(patientRecord(state, fact.patient), fact.id, share(state, fact.askedOn), fact.recency ?? { primary: instantOrNull(fact.askedOn), secondary: null });
      return state;
    }
    case 'carer': {
      putCarer(state.carers, fact.id, carerRecord(state, fact));
      return state;
    }
    case 'consent': {
      putConsent(state.consents, fact.id, consentRecord(state, fact.id, fact.statement));
      return state;
    }
    case 'assessment': {
      putAssessment(state.assessments, fact.id, assessmentRecord(state, fact, fact.recency));
      return state;
    }
    case 'carerAction':
    case 'carePlan':
    case 'deferral':
    case 'referral':
    case 'carerSharingConsent':
    case 'childrenAsked': {
      addRecordedAction(state.recorded, fact);
      return state;
    }
    case 'carerCommunication': {
      state.communications.set(fact.id, fact);
      return state;
    }
    case 'malformed': {
      if (fact.id !== undefined) state.malformed.withId.add(`${fact.resourceType}/${fact.id}`);
      else state.malformed.withoutId.set(fact.resourceType, (state.malformed.withoutId.get(fact.resourceType) ?? 0) + 1);
      return state;
    }
  }
}

/** The audit of `a` and `b` together. Neither input is changed. */
export function mergeAuditStates(a: AuditState, b: AuditState): AuditState {
  const out = emptyAuditState();
  for (const source of [a, b]) {
    for (const [key, value] of source.shared) if (!out.shared.has(key)) out.shared.set(key, value);
  }
  // Records are copied with their strings taken from the merged state's one copy, so a merged audit is as compact as one read whole.
  for (const source of [a, b]) {
    for (const [id, record] of source.patients) {
      const merged = patientRecord(out, id);
      merged.read ||= record.read;
      if (record.askedId !== undefined) chooseAskedNoCarers(merged, record.askedId, share(out, record.askedOn), { primary: record.askedPrimary, secondary: record.askedSecondary });
      if (record.endedEpisodeEnd !== undefined || record.endedEpisodeStart !== undefined) chooseEndedEpisode(merged, share(out, record.endedEpisodeStart), share(out, record.endedEpisodeEnd));
      merged.deceased ||= record.deceased;
      merged.nhsNumber = firstOf(merged.nhsNumber, record.nhsNumber);
      merged.team = chooseTeam(merged.team, share(out, record.team));
      if (merged.contacts.length === 0) merged.contacts = record.contacts;
      if (record.episodeId !== undefined) {
        chooseEpisode(merged, record.episodeId, share(out, record.serviceStart), share(out, record.episodeTeam), { primary: record.episodePrimary, secondary: record.episodeSecondary });
        if (record.firstOpenStart !== undefined) merged.firstOpenStart = earlierStart(merged.firstOpenStart, record.firstOpenStart === '' ? '' : (share(out, record.firstOpenStart) ?? ''));
      }
    }
    for (const [id, record] of source.carers) putCarer(out.carers, id, carerRecord(out, record));
    for (const [id, record] of source.consents) putConsent(out.consents, id, consentRecord(out, record.id, record.statement));
    for (const [id, record] of source.assessments) putAssessment(out.assessments, id, assessmentRecord(out, record, record));
    mergeRecordedActions(out.recorded, source.recorded);
    for (const [id, fact] of source.communications) out.communications.set(id, fact);
    for (const [id, record] of source.episodes) putEpisode(out.episodes, id, { ...record, patient: patientId(out, record.patient), start: share(out, record.start), end: share(out, record.end) });
    out.episodesRead ||= source.episodesRead;
    for (const key of source.malformed.withId) out.malformed.withId.add(key);
    for (const [type, count] of source.malformed.withoutId) out.malformed.withoutId.set(type, (out.malformed.withoutId.get(type) ?? 0) + count);
  }
  return out;
}

/**
 * Orders two records by recency: positive when `a` is more recent. Absent dates sort first; equal
 * dates fall back to the id so the choice never depends on which record was read first.
 */
export function compareRecencyKeys(a: { recency: RecencyKey; id: string }, b: { recency: RecencyKey; id: string }): number {
  return compareRecency(a.recency, a.id, b.recency, b.id);
}

/** {@link compareRecencyKeys} for records that hold their recency inline. */
export function compareRecency(a: Recency, aId: string, b: Recency, bId: string): number {
  return compareNullable(a.primary, b.primary) || compareNullable(a.secondary, b.secondary) || (aId < bId ? -1 : aId > bId ? 1 : 0);
}

function compareNullable(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** The state's one copy of a short repeated value (a team, a date); longer values are kept as they are. */
function share(state: AuditState, value: string): string;
function share(state: AuditState, value: string | undefined): string | undefined;
function share(state: AuditState, value: string | undefined): string | undefined {
  if (value === undefined || value.length > 80) return value;
  const existing = state.shared.get(value);
  if (existing !== undefined) return existing;
  const copy = ownCopy(value);
  state.shared.set(copy, copy);
  return copy;
}

/**
 * A copy of `value` that shares no memory with it. An id read from a reference ("RelatedPerson/<id>")
 * may be a slice that keeps the whole reference string alive as long as the state holds it; a JSON
 * round trip always builds a new, flat string.
 */
function ownCopy(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}

/** A patient's id as the state's one copy (the one their PatientRecord holds). */
function patientId(state: AuditState, id: string): string;
function patientId(state: AuditState, id: string | undefined): string | undefined;
function patientId(state: AuditState, id: string | undefined): string | undefined {
  return id === undefined ? undefined : patientRecord(state, id).id;
}

function patientRecord(state: AuditState, id: string): PatientRecord {
  let record = state.patients.get(id);
  if (record === undefined) {
    // Every field is set here, in one order, so all records share one compact shape.
    const key = ownCopy(id);
    record = {
      id: key,
      read: false,
      askedNoCarers: false,
      askedId: undefined,
      askedOn: undefined,
      askedPrimary: null,
      askedSecondary: null,
      team: undefined,
      deceased: false,
      nhsNumber: undefined,
      episodeId: undefined,
      serviceStart: undefined,
      firstOpenStart: undefined,
      episodeTeam: undefined,
      episodePrimary: null,
      episodeSecondary: null,
      contacts: [],
      endedEpisodeStart: undefined,
      endedEpisodeEnd: undefined,
    };
    state.patients.set(key, record);
  }
  return record;
}

function carerRecord(
  state: AuditState,
  from: Omit<CarerRecord, 'birthDate' | 'identifiedOn' | 'carerStatusAskedOn' | 'endedOn' | 'identityDigests' | 'paidCareWorker' | 'possibleCarer' | 'patientsChild'> & Partial<CarerRecord>,
): CarerRecord {
  return {
    patient: patientId(state, from.patient),
    carerStatus: from.carerStatus,
    active: from.active,
    hasRelationship: from.hasRelationship,
    hasContact: from.hasContact,
    birthDate: share(state, from.birthDate),
    identifiedOn: share(state, from.identifiedOn),
    carerStatusAskedOn: share(state, from.carerStatusAskedOn),
    endedOn: share(state, from.endedOn),
    // Digests are built strings (never slices of the JSON) and nearly all distinct: sharing them only filled the map.
    identityDigests: from.identityDigests ?? NO_DIGESTS,
    paidCareWorker: from.paidCareWorker === true,
    possibleCarer: from.possibleCarer === true,
    patientsChild: from.patientsChild === true,
  };
}

function consentRecord(state: AuditState, id: string, statement: ConsentStatement): ConsentRecord {
  const patient = statement.patient === undefined ? undefined : `Patient/${patientId(state, statement.patient.slice('Patient/'.length))}`;
  const shared: ConsentStatement = { ...statement, mentions: statement.mentions.map(ownCopy) };
  if (patient !== undefined) shared.patient = share(state, patient);
  for (const key of ['recordedOn', 'lastUpdated', 'validFrom', 'validUntil', 'reviewDue'] as const) {
    const value = statement[key];
    if (value !== undefined) shared[key] = share(state, value);
  }
  return { id, statement: shared };
}

type AssessmentSource = Pick<AssessmentRecord, 'id' | 'carer' | 'status'> & Partial<Pick<AssessmentRecord, 'patient' | 'offeredOn' | 'respondedOn' | 'completedOn'>>;

function assessmentRecord(state: AuditState, from: AssessmentSource, recency: Recency): AssessmentRecord {
  return {
    id: from.id,
    carer: ownCopy(from.carer),
    patient: patientId(state, from.patient),
    status: from.status,
    offeredOn: share(state, from.offeredOn),
    respondedOn: share(state, from.respondedOn),
    completedOn: share(state, from.completedOn),
    primary: recency.primary,
    secondary: recency.secondary,
  };
}

/** Two Patient versions naming different teams (a patient in two exported Groups): the alphabetically first, for determinism. */
function chooseTeam(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}

/** The earlier of two episode starts, as text ('' — no start recorded — first). */
function earlierStart(current: string | undefined, start: string): string {
  return current === undefined || start < current ? start : current;
}

/** The current episode with the latest start wins (as toCarerContext reads it); ties go to the greater id. */
function chooseEpisode(record: PatientRecord, id: string, serviceStart: string | undefined, team: string | undefined, recency: Recency): void {
  if (record.episodeId !== undefined) {
    const current: Recency = { primary: record.episodePrimary, secondary: record.episodeSecondary };
    const order = compareRecency(recency, id, current, record.episodeId);
    if (order < 0) return;
    if (order === 0 && canonicalEpisode(id, serviceStart, team, recency) <= canonicalEpisode(record.episodeId, record.serviceStart, record.episodeTeam, current)) return;
  }
  record.episodeId = id;
  record.serviceStart = serviceStart;
  record.episodeTeam = team;
  record.episodePrimary = recency.primary;
  record.episodeSecondary = recency.secondary;
}

/** The most recent "no carers" answer, picked as the panel picks it (askedOn, then lastUpdated, then id). */
function chooseAskedNoCarers(record: PatientRecord, id: string, askedOn: string | undefined, recency: Recency): void {
  record.askedNoCarers = true;
  if (record.askedId !== undefined) {
    const order = compareRecency(recency, id, { primary: record.askedPrimary, secondary: record.askedSecondary }, record.askedId);
    if (order < 0 || (order === 0 && (askedOn ?? '') <= (record.askedOn ?? ''))) return;
  }
  record.askedId = id;
  record.askedOn = askedOn;
  record.askedPrimary = recency.primary;
  record.askedSecondary = recency.secondary;
}

/** The finished episode that ended last (an end not recorded sorts first); equal ends keep the earlier start. */
function chooseEndedEpisode(record: PatientRecord, start: string | undefined, end: string | undefined): void {
  const [newEnd, oldEnd] = [end ?? '', record.endedEpisodeEnd ?? ''];
  const [newStart, oldStart] = [start ?? '', record.endedEpisodeStart ?? ''];
  if (newEnd > oldEnd || (newEnd === oldEnd && (oldStart === '' ? newStart !== '' : newStart !== '' && newStart < oldStart))) {
    record.endedEpisodeStart = start;
    record.endedEpisodeEnd = end;
  }
}

/** The lesser of two optional values, so the choice never depends on read order. */
function firstOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}

function instantOrNull(iso: string | undefined): number | null {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/*
 * Two versions of one record (the same id read in two parts) that differ: the one whose canonical
 * JSON sorts last wins — deterministic and independent of read order. The canonical form lists the
 * fields in the order adapter/audit/facts.ts builds them, so the choice is the one the earlier,
 * object-per-fact state made.
 */

function canonicalEpisode(id: string, serviceStart: string | undefined, team: string | undefined, recency: Recency): string {
  return JSON.stringify({ id, recency: { primary: recency.primary, secondary: recency.secondary }, serviceStart, team });
}

function putEpisode(into: Map<string, EpisodeRecord>, id: string, record: EpisodeRecord): void {
  const current = into.get(id);
  if (current === undefined || canonicalEpisodeRecord(id, record) > canonicalEpisodeRecord(id, current)) into.set(id, record);
}

function canonicalEpisodeRecord(id: string, r: EpisodeRecord): string {
  return JSON.stringify({ id, patient: r.patient, finished: r.finished, start: r.start, end: r.end, inpatient: r.inpatient, detained: r.detained });
}

function putCarer(into: Map<string, CarerRecord>, id: string, record: CarerRecord): void {
  const current = into.get(id);
  if (current === undefined || canonicalCarer(id, record) > canonicalCarer(id, current)) into.set(id, record);
}

function canonicalCarer(id: string, r: CarerRecord): string {
  return JSON.stringify({
    id,
    patient: r.patient,
    carerStatus: r.carerStatus,
    active: r.active,
    hasRelationship: r.hasRelationship,
    hasContact: r.hasContact,
    birthDate: r.birthDate,
    identifiedOn: r.identifiedOn,
    carerStatusAskedOn: r.carerStatusAskedOn,
    endedOn: r.endedOn,
    identityDigests: r.identityDigests,
    // Added with the prompt outcomes; only when set, so the choice between two versions is the one made before them.
    ...(r.paidCareWorker ? { paidCareWorker: true } : {}),
    ...(r.possibleCarer ? { possibleCarer: true } : {}),
    ...(r.patientsChild ? { patientsChild: true } : {}),
  });
}

function putConsent(into: Map<string, ConsentRecord>, id: string, record: ConsentRecord): void {
  const current = into.get(id);
  if (current === undefined || canonicalConsent(record) > canonicalConsent(current)) into.set(id, record);
}

function canonicalConsent(r: ConsentRecord): string {
  return JSON.stringify({ id: r.id, statement: r.statement });
}

function putAssessment(into: Map<string, AssessmentRecord>, id: string, record: AssessmentRecord): void {
  const current = into.get(id);
  if (current === undefined || canonicalAssessment(record) > canonicalAssessment(current)) into.set(id, record);
}

function canonicalAssessment(r: AssessmentRecord): string {
  return JSON.stringify({
    id: r.id,
    carer: r.carer,
    status: r.status,
    recency: { primary: r.primary, secondary: r.secondary },
    patient: r.patient,
    offeredOn: r.offeredOn,
    respondedOn: r.respondedOn,
    completedOn: r.completedOn,
  });
}
