/**
 * The decision in force for one carer, from all of the patient's Consents: the one meaning of a
 * carer's consent record. The panel (through adapter/mapping/carerContext.ts), `carers prompts` /
 * `carers explain` and the audit (shared/audit/finalise.ts) call this and nothing else, so a
 * clinician and an auditor can never read the same record two ways (docs/consent-semantics.md).
 *
 * Which Consents count for a carer:
 * - never the carer's OWN consent to share their assessment (`carersOwn`, recommendation 3): it is the
 *   carer's decision about the carer's information, so it is no decision of the patient's, no Consent
 *   naming nobody and nothing to "interpret" for the patient's carers, whatever else it says;
 * - only a Consent of this patient (`Consent.patient`): one that names no patient counts for nobody;
 * - only one about sharing information with, or involving, carers (privacy scope, a disclosure
 *   action, a recipient role: never research, never an informant) — the reader decides that;
 * - a Consent counts for the carers it names (a nested provision naming the carer decides for that
 *   carer; the top provision for the carers it names), and for every other carer of the patient
 *   when its top provision names nobody but it names one of the patient's related persons somewhere
 *   (a Consent that names none of them is a `consent-without-carer`, never a rule for everybody);
 * - a decision dated after now is a data-quality problem, reported in `futureDated`, never the
 *   newest decision (a typo such as 2062 must not hide every real decision);
 * - a decision whose validity has not started (provision.period.start after today) is not in force.
 *
 * Which decision wins: the newest. Dates are compared as calendar days in the policy's zone, and
 * within a day only when both carry a time. When the newest cannot be told apart (the same day and
 * one has no time, or the same instant) and they disagree, or a decision with no date at all may be
 * newer (its meta.lastUpdated is not before the newest day) and disagrees, the result is `conflict`:
 * never permission, never settled by record order or id.
 *
 * Then: a newest permit / deny / partial whose validity (provision.period.end) ended before today is
 * `expired`; a permit or partial decided by someone other than the patient with no basis that allows
 * it (LPA, deputy, parental responsibility, best interests) is not the patient's permission and is
 * `unknown` (a refusal stays a refusal: it can only share less).
 */
import type { ConsentBasis, ConsentDecision, ConsentRuling, ConsentRulingKind, ConsentStatement } from '../domain/types';
import type { Policy } from '../policy';
import { compareDates, timeOfDayInstant, toCalendarDate, today, type CalendarDate } from '../domain/dates';

/** Bases on which a decision made by someone other than the patient is valid for the patient. */
export const BASES_DECIDING_FOR_PATIENT: ReadonlySet<ConsentBasis> = new Set<ConsentBasis>(['best-interests', 'lpa', 'deputy', 'parental-responsibility']);

export interface DecisionInForceInput {
  /** "RelatedPerson/<id>" the decision is wanted for. */
  carer: string;
  /** "Patient/<id>" whose Consents these are. */
  patient: string;
  /** Every RelatedPerson of the patient ("RelatedPerson/<id>"), current or not. */
  relatedPersons: ReadonlySet<string>;
  /** The Consents to weigh (any patient's: the ones that do not count are left out here). */
  statements: readonly ConsentStatement[];
}

export const NO_DECISION: ConsentDecision = { decision: 'none' };

export function decisionInForce(input: DecisionInForceInput, policy: Pick<Policy, 'timeZone'>, now: Date): ConsentDecision {
  const asOf = today(now, policy.timeZone);
  const futureDated: `Consent/${string}`[] = [];
  const candidates: Placed[] = [];
  for (const statement of input.statements) {
    const candidate = candidateFor(statement, input);
    if (candidate === undefined) continue;
    const when = whenOf(candidate, policy);
    if (when.day !== undefined && isAfterNow(when, candidate.eventDate, asOf, now)) {
      futureDated.push(statement.consent);
      continue;
    }
    const validFrom = statement.validFrom === undefined ? undefined : toCalendarDate(statement.validFrom, policy.timeZone);
    if (validFrom !== undefined && compareDates(validFrom, asOf) > 0) continue;
    candidates.push({ ...candidate, when });
  }
  const decided = newest(candidates, policy.timeZone);
  const decision = decided === undefined ? { ...NO_DECISION } : finalDecision(decided, asOf, policy);
  if (futureDated.length > 0) decision.futureDated = futureDated.sort();
  return decision;
}

/**
 * Whether a Consent of `patient` names none of the patient's related persons: a decision nobody can
 * act on (the `consent-without-carer` prompt, and the audit's data-quality count).
 */
export function namesNoRelatedPerson(statement: ConsentStatement, patient: string, relatedPersons: ReadonlySet<string>): boolean {
  return statement.carersOwn === undefined && statement.patient === patient && statement.aboutCarerSharing && !mentionsAny(statement, relatedPersons);
}

/**
 * The patient's Consents naming none of their related persons that are still open: not settled by a
 * decision of this patient, about sharing with one of their related persons, that cites it as its
 * source ("which carer is this decision for?", docs/consent-semantics.md). The original decision is
 * never amended; the settling one is the carer's decision from then on.
 */
export function openWithoutCarer(statements: readonly ConsentStatement[], patient: string, relatedPersons: ReadonlySet<string>): ConsentStatement[] {
  const settled = new Set(
    statements.filter((s) => s.settles !== undefined && s.carersOwn === undefined && s.patient === patient && s.aboutCarerSharing && mentionsAny(s, relatedPersons)).map((s) => s.settles),
  );
  return statements.filter((s) => namesNoRelatedPerson(s, patient, relatedPersons) && !settled.has(s.consent));
}

interface Candidate {
  statement: ConsentStatement;
  kind: ConsentRulingKind | 'withdrawn' | 'lacks-capacity' | 'unknown';
  ruling?: ConsentRuling;
  unknownReason?: string;
  /** The date that places this decision in time: when it was made, or withdrawn. */
  eventDate?: string;
}

interface When {
  day?: CalendarDate;
  instant?: number;
}

type Placed = Candidate & { when: When };

function candidateFor(statement: ConsentStatement, input: DecisionInForceInput): Candidate | undefined {
  if (statement.carersOwn !== undefined || statement.patient !== input.patient || !statement.aboutCarerSharing) return undefined;
  const named = Object.hasOwn(statement.named, input.carer) || statement.mentions.includes(input.carer);
  const forEveryone = !named && statement.topNamesNobody && mentionsAny(statement, input.relatedPersons);
  if (!named && !forEveryone) return undefined;
  const ruling = Object.hasOwn(statement.named, input.carer) ? statement.named[input.carer] : statement.everyoneElse;

  if (statement.uninterpretable !== undefined) return { statement, kind: 'unknown', unknownReason: statement.uninterpretable, ...dated(statement.recordedOn) };
  switch (statement.state) {
    case 'not-a-decision':
      return { statement, kind: 'unknown', unknownReason: 'It is not a decision in force (its status is neither active nor inactive): cannot interpret — check in the EHR', ...dated(statement.recordedOn) };
    case 'lacks-capacity':
      return { statement, kind: 'lacks-capacity', ...dated(statement.recordedOn) };
    case 'withdrawn': {
      const candidate: Candidate = { statement, kind: 'withdrawn', ...dated(withdrawalDate(statement) ?? statement.recordedOn) };
      if (ruling !== undefined) candidate.ruling = ruling;
      return candidate;
    }
    case 'decision': {
      if (ruling === undefined) return { statement, kind: 'unknown', unknownReason: 'It does not say what it decides for this carer: cannot interpret — check in the EHR', ...dated(statement.recordedOn) };
      if (ruling.kind !== 'deny' && !statement.decidedByPatient && (statement.basis === undefined || !BASES_DECIDING_FOR_PATIENT.has(statement.basis))) {
        return {
          statement,
          kind: 'unknown',
          unknownReason:
            'It was decided by someone other than the patient, with no recorded basis that allows it (lasting power of attorney, deputy, parental responsibility or a best-interests decision): it is not the patient’s permission',
          ...dated(statement.recordedOn),
        };
      }
      return { statement, kind: ruling.kind, ruling, ...dated(statement.recordedOn) };
    }
  }
}

/**
 * When a withdrawn Consent was withdrawn: the inactive version's meta.lastUpdated, unless that is
 * before the decision itself (a server that does not keep lastUpdated, or a copied resource), when
 * the date is unknown.
 */
function withdrawalDate(statement: ConsentStatement): string | undefined {
  const updated = statement.lastUpdated;
  if (updated === undefined) return undefined;
  if (statement.recordedOn === undefined) return updated;
  const u = Date.parse(updated);
  const r = Date.parse(statement.recordedOn);
  return Number.isNaN(u) || Number.isNaN(r) || u >= r ? updated : undefined;
}

function dated(eventDate: string | undefined): { eventDate?: string } {
  return eventDate === undefined ? {} : { eventDate };
}

function mentionsAny(statement: ConsentStatement, relatedPersons: ReadonlySet<string>): boolean {
  return statement.mentions.some((ref) => relatedPersons.has(ref));
}

function whenOf(candidate: Candidate, policy: Pick<Policy, 'timeZone'>): When {
  if (candidate.eventDate === undefined) return {};
  const day = toCalendarDate(candidate.eventDate, policy.timeZone);
  if (day === undefined) return {};
  const instant = timeOfDayInstant(candidate.eventDate);
  return instant === undefined ? { day } : { day, instant };
}

function isAfterNow(when: When, eventDate: string | undefined, asOf: CalendarDate, now: Date): boolean {
  if (when.instant !== undefined) return when.instant > now.getTime();
  return eventDate !== undefined && when.day !== undefined && compareDates(when.day, asOf) > 0;
}

/** The newest decisions that cannot be told apart, reduced to one decision or a conflict. */
function newest(candidates: readonly Placed[], timeZone: string): Placed | { conflict: Placed[] } | undefined {
  if (candidates.length === 0) return undefined;
  const dated = candidates.filter((c) => c.when.day !== undefined);
  let front: Placed[];
  if (dated.length === 0) {
    front = [...candidates];
  } else {
    const maxDay = dated.map((c) => c.when.day as CalendarDate).reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
    const onMaxDay = dated.filter((c) => c.when.day === maxDay);
    const timed = onMaxDay.filter((c) => c.when.instant !== undefined);
    const latest = timed.length === 0 ? undefined : Math.max(...timed.map((c) => c.when.instant as number));
    front = onMaxDay.filter((c) => c.when.instant === undefined || c.when.instant === latest);
    // A decision with no date may be the newer one unless its last update shows it is older.
    for (const undated of candidates) {
      if (undated.when.day !== undefined) continue;
      const updated = undated.statement.lastUpdated;
      const updatedDay = updated === undefined ? undefined : toCalendarDate(updated, timeZone);
      if (updatedDay === undefined || compareDates(updatedDay, maxDay) >= 0) front.push(undated);
    }
  }
  const first = front[0] as Placed;
  if (front.every((c) => sameDecision(c, first))) return [...front].sort((a, b) => (a.statement.consent < b.statement.consent ? -1 : a.statement.consent > b.statement.consent ? 1 : 0))[0];
  return { conflict: front };
}

function sameDecision(a: Candidate, b: Candidate): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'partial') return true;
  return sameItems(a.ruling?.mayShare, b.ruling?.mayShare) && sameItems(a.ruling?.mayNotShare, b.ruling?.mayNotShare);
}

function sameItems(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = [...(a ?? [])].sort();
  const y = [...(b ?? [])].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function finalDecision(decided: Placed | { conflict: Placed[] }, asOf: CalendarDate, policy: Pick<Policy, 'timeZone'>): ConsentDecision {
  if ('conflict' in decided) {
    const refs = [...new Set(decided.conflict.map((c) => c.statement.consent))].sort();
    return { decision: 'conflict', conflicting: refs };
  }
  const { statement, kind, ruling } = decided;
  const decision: ConsentDecision = { decision: kind, consent: statement.consent };
  if (statement.versionId !== undefined) decision.versionId = statement.versionId;
  if (statement.recordedOn !== undefined) decision.recordedOn = statement.recordedOn;
  if (statement.recordedBy !== undefined) decision.recordedBy = statement.recordedBy;
  if (statement.reviewDue !== undefined) decision.reviewDue = statement.reviewDue;
  if (statement.validUntil !== undefined) decision.validUntil = statement.validUntil;
  if (statement.decidedBy !== undefined) decision.decidedBy = statement.decidedBy;
  decision.decidedByPatient = statement.decidedByPatient;
  if (statement.basis !== undefined) decision.basis = statement.basis;
  if (statement.basisText !== undefined) decision.basisText = statement.basisText;
  if (decided.unknownReason !== undefined) decision.unknownReason = decided.unknownReason;
  if (ruling?.mayShare !== undefined && ruling.mayShare.length > 0 && (kind === 'partial' || kind === 'withdrawn')) decision.mayShare = [...ruling.mayShare];
  if (ruling?.mayNotShare !== undefined && ruling.mayNotShare.length > 0 && (kind === 'partial' || kind === 'withdrawn')) decision.mayNotShare = [...ruling.mayNotShare];
  if (kind === 'withdrawn') {
    const withdrawnOn = withdrawalDate(statement);
    if (withdrawnOn !== undefined) decision.withdrawnOn = withdrawnOn;
    if (ruling !== undefined) decision.previously = ruling.kind;
  }
  if (kind === 'permit' || kind === 'deny' || kind === 'partial') {
    const validUntil = statement.validUntil === undefined ? undefined : toCalendarDate(statement.validUntil, policy.timeZone, { partial: 'end' });
    if (validUntil !== undefined && compareDates(validUntil, asOf) < 0) {
      decision.decision = 'expired';
      decision.expiredDecision = kind;
      decision.expiredOn = validUntil;
    }
  }
  return decision;
}

/**
 * The decision in force lets staff involve the carer (share with them, take part in the patient's
 * care planning): a permission, whole or partial. A partial one still limits what may be shared, so
 * whoever involves the carer is shown its `mayNotShare`. Every other decision, `conflict` and
 * `unknown` included, is not permission (docs/consent-semantics.md).
 */
export function permitsInvolvement(consent: ConsentDecision): boolean {
  return consent.decision === 'permit' || consent.decision === 'partial';
}
