/**
 * The coverage reducer's state, and the two ways it grows: one fact at a time (`addFact`) and by
 * merging two partial audits (`mergeAuditStates`).
 *
 * Why the state is not a handful of counters: a bulk export writes one NDJSON file per resource
 * type, so every Consent and Task may arrive before (or after) the carer and patient it is about.
 * Counting needs a join, so the state holds one compact record per patient, carer (every
 * RelatedPerson), carer-sharing Consent and assessment Task, keyed by resource id — a few dates,
 * codes and ids, never a name or NHS number. Memory is therefore O(patients + related persons +
 * consents + tasks), NOT flat: measured on the sandbox caseload it is about 11 MB for 10,000
 * patients and 78 MB for 100,000 (350,000 resources, 194 MB of NDJSON), i.e. some 220 bytes per
 * resource read, against several hundred bytes for the resource itself. What stays flat is
 * everything else: resources are parsed one at a time and dropped, and rates, medians and
 * breakdowns are computed once, at the end, by ./finalise.ts. (A flat-memory exact audit of a
 * type-ordered export would need an external sort by patient; at NHS trust sizes the join fits.)
 *
 * Merging is exact: each record is keyed by resource id and, where two versions of one record meet,
 * the same deterministic choice is made whichever side it came from. So merge is associative and
 * commutative, the empty state is its identity, and the audit of two parts of a population (two
 * Groups, two halves of an export) merged equals the audit of the whole. A resource read in both
 * parts counts once; a malformed resource without a usable id cannot be recognised twice, so each
 * occurrence counts.
 */
import type { AssessmentFact, AuditFact, CarerFact, ConsentFact, EpisodeFact, RecencyKey } from './facts';

export interface PatientRecord {
  /** A Patient resource was read: the patient is in scope. Episodes and Lists alone do not bring a patient into scope. */
  read: boolean;
  /** Team from the Patient resource (managing organisation display). */
  team?: string;
  /** The current episode of care with the latest start. */
  episode?: EpisodeRecord;
  /** The patient has an "asked: no carers" answer on record. */
  askedNoCarers: boolean;
}

/** An episode as the patient record keeps it (the patient is the record's key). */
export type EpisodeRecord = Omit<EpisodeFact, 'kind' | 'patient'>;
export type ConsentRecord = Omit<ConsentFact, 'kind'>;
export type AssessmentRecord = Omit<AssessmentFact, 'kind'>;

export interface AuditState {
  /**
   * One copy of each team name and calendar date: 100,000 patients share a few dozen teams and a
   * few thousand dates, but each parsed resource brings its own copy of the string.
   */
  shared: Map<string, string>;
  patients: Map<string, PatientRecord>;
  carers: Map<string, Omit<CarerFact, 'kind'>>;
  consents: Map<string, ConsentRecord>;
  assessments: Map<string, AssessmentRecord>;
  malformed: {
    /** "Type/id" of unreadable resources that carried an id. */
    withId: Set<string>;
    /** Unreadable resources without a usable id, counted per resource type. */
    withoutId: Map<string, number>;
  };
}

export function emptyAuditState(): AuditState {
  return { shared: new Map(), patients: new Map(), carers: new Map(), consents: new Map(), assessments: new Map(), malformed: { withId: new Set(), withoutId: new Map() } };
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
      record.team = chooseTeam(record.team, share(state, fact.team));
      return state;
    }
    case 'episode': {
      const record = patientRecord(state, fact.patient);
      const { kind: _kind, patient: _patient, ...episode } = fact;
      if (episode.team !== undefined) episode.team = share(state, episode.team);
      if (episode.serviceStart !== undefined) episode.serviceStart = share(state, episode.serviceStart);
      record.episode = chooseEpisode(record.episode, episode);
      return state;
    }
    case 'askedNoCarers': {
      patientRecord(state, fact.patient).askedNoCarers = true;
      return state;
    }
    case 'carer': {
      const { kind: _kind, ...carer } = fact;
      if (carer.birthDate !== undefined) carer.birthDate = share(state, carer.birthDate);
      if (carer.identifiedOn !== undefined) carer.identifiedOn = share(state, carer.identifiedOn);
      const current = state.carers.get(fact.id);
      state.carers.set(fact.id, current === undefined ? carer : chooseByCanonical(current, carer));
      return state;
    }
    case 'consent': {
      const { kind: _kind, ...consent } = fact;
      const record: ConsentRecord = { ...consent, carers: consent.carers.length === 1 ? consent.carers : [...new Set(consent.carers)].sort() };
      if (record.reviewDue !== undefined) record.reviewDue = share(state, record.reviewDue);
      const current = state.consents.get(fact.id);
      state.consents.set(fact.id, current === undefined ? record : chooseByCanonical(current, record));
      return state;
    }
    case 'assessment': {
      const { kind: _kind, ...assessment } = fact;
      const record: AssessmentRecord = assessment;
      const current = state.assessments.get(fact.id);
      state.assessments.set(fact.id, current === undefined ? record : chooseByCanonical(current, record));
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
    for (const [id, record] of source.patients) {
      const current = out.patients.get(id);
      out.patients.set(id, current === undefined ? { ...record } : mergePatient(current, record));
    }
    mergeMap(out.carers, source.carers);
    mergeMap(out.consents, source.consents);
    mergeMap(out.assessments, source.assessments);
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
  return (
    compareNullable(a.recency.primary, b.recency.primary) ||
    compareNullable(a.recency.secondary, b.recency.secondary) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function compareNullable(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** The state's one copy of a short repeated value (a team, a calendar date); longer values are kept as they are. */
function share(state: AuditState, value: string): string;
function share(state: AuditState, value: string | undefined): string | undefined;
function share(state: AuditState, value: string | undefined): string | undefined {
  if (value === undefined || value.length > 80) return value;
  const existing = state.shared.get(value);
  if (existing !== undefined) return existing;
  state.shared.set(value, value);
  return value;
}

function patientRecord(state: AuditState, id: string): PatientRecord {
  let record = state.patients.get(id);
  if (record === undefined) {
    record = { read: false, askedNoCarers: false };
    state.patients.set(id, record);
  }
  return record;
}

function mergePatient(a: PatientRecord, b: PatientRecord): PatientRecord {
  const merged: PatientRecord = { read: a.read || b.read, askedNoCarers: a.askedNoCarers || b.askedNoCarers };
  const team = chooseTeam(a.team, b.team);
  if (team !== undefined) merged.team = team;
  const episode = b.episode === undefined ? a.episode : chooseEpisode(a.episode, b.episode);
  if (episode !== undefined) merged.episode = episode;
  return merged;
}

/** Two Patient versions naming different teams (a patient in two exported Groups): the alphabetically first, for determinism. */
function chooseTeam(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}

/** The current episode with the latest start wins (as toCarerContext reads it); ties go to the greater id. */
function chooseEpisode(current: EpisodeRecord | undefined, candidate: EpisodeRecord): EpisodeRecord {
  if (current === undefined) return candidate;
  const order = compareRecencyKeys(candidate, current);
  if (order !== 0) return order > 0 ? candidate : current;
  return chooseByCanonical(current, candidate);
}

/** Of two records with the same id that differ (two versions read in two parts), the one whose JSON sorts last: deterministic and order-free. */
function chooseByCanonical<T>(a: T, b: T): T {
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return jb > ja ? b : a;
}

function mergeMap<T>(into: Map<string, T>, from: ReadonlyMap<string, T>): void {
  for (const [id, record] of from) {
    const current = into.get(id);
    into.set(id, current === undefined ? record : chooseByCanonical(current, record));
  }
}

