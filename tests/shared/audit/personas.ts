/**
 * Typed audit facts for the reducer's tests: a small caseload whose every count is known by hand.
 * Facts are what adapter/audit/facts.ts produces from FHIR; they never hold names.
 */
import type { AssessmentFact, AskedNoCarersFact, CarerFact, ConsentFact, EpisodeFact, PatientFact, RecencyKey } from '../../../shared/audit/facts';
import type { ConsentRuling, ConsentStatement } from '../../../shared/domain/types';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const AS_OF = '2026-11-23';

export const at = (iso: string | undefined, lastUpdated?: string): RecencyKey => ({
  primary: iso === undefined ? null : Date.parse(iso),
  secondary: lastUpdated === undefined ? null : Date.parse(lastUpdated),
});

export function patient(id: string, team?: string): PatientFact {
  return team === undefined ? { kind: 'patient', id } : { kind: 'patient', id, team };
}

export function episode(id: string, patientId: string, serviceStart?: string, team?: string): EpisodeFact {
  const fact: EpisodeFact = { kind: 'episode', id, patient: patientId, recency: at(serviceStart) };
  if (serviceStart !== undefined) fact.serviceStart = serviceStart;
  if (team !== undefined) fact.team = team;
  return fact;
}

export function carer(id: string, patientId: string, extra: Partial<Omit<CarerFact, 'kind' | 'id' | 'patient'>> = {}): CarerFact {
  return { kind: 'carer', id, patient: patientId, carerStatus: 'carer', active: true, hasRelationship: true, hasContact: true, ...extra };
}

/** What a test Consent decides: a ruling, a withdrawal, "unable to decide", or a record that cannot be interpreted. */
export type TestDecision = 'permit' | 'deny' | 'partial' | 'withdrawn' | 'lacks-capacity' | 'unknown';

/**
 * A Consent fact as adapter/audit/facts.ts makes it: one ruling for every carer it names (or, naming
 * nobody, for everyone), `extra` overriding any element of the statement.
 */
export function consent(id: string, patientId: string | undefined, carers: string[], decision: TestDecision, recordedOn?: string, extra: Partial<ConsentStatement> = {}): ConsentFact {
  const ruling: ConsentRuling = decision === 'partial' ? { kind: 'partial', mayNotShare: ['digest'] } : { kind: decision === 'deny' ? 'deny' : 'permit' };
  const mentions = carers.map((c) => `RelatedPerson/${c}`).sort();
  const statement: ConsentStatement = {
    consent: `Consent/${id}`,
    state: decision === 'withdrawn' ? 'withdrawn' : decision === 'lacks-capacity' ? 'lacks-capacity' : 'decision',
    aboutCarerSharing: true,
    mentions,
    named: Object.fromEntries(mentions.map((m) => [m, ruling])),
    topNamesNobody: carers.length === 0,
    decidedByPatient: true,
  };
  if (carers.length === 0) statement.everyoneElse = ruling;
  if (decision === 'unknown') statement.uninterpretable = 'It carries a modifier extension: cannot interpret — check in the EHR';
  if (patientId !== undefined) statement.patient = `Patient/${patientId}`;
  if (recordedOn !== undefined) statement.recordedOn = recordedOn;
  return { kind: 'consent', id, statement: { ...statement, ...extra } };
}

export function offer(id: string, carerId: string, status: AssessmentFact['status'], offeredOn?: string, extra: Partial<AssessmentFact> = {}): AssessmentFact {
  const fact: AssessmentFact = { kind: 'assessment', id, carer: carerId, status, recency: at(offeredOn), ...extra };
  if (offeredOn !== undefined) fact.offeredOn = offeredOn;
  return fact;
}

export function askedNoCarers(id: string, patientId: string, askedOn = '2026-01-10'): AskedNoCarersFact {
  return { kind: 'askedNoCarers', id, patient: patientId, askedOn };
}
