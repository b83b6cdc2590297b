/**
 * Typed audit facts for the reducer's tests: a small caseload whose every count is known by hand.
 * Facts are what adapter/audit/facts.ts produces from FHIR; they never hold names.
 */
import type { AssessmentFact, AskedNoCarersFact, CarerFact, ConsentFact, EpisodeFact, PatientFact, RecencyKey } from '../../../shared/audit/facts';

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

export function consent(id: string, patientId: string | undefined, carers: string[], decision: ConsentFact['decision'], recordedOn?: string, extra: Partial<ConsentFact> = {}): ConsentFact {
  const fact: ConsentFact = { kind: 'consent', id, carers, carerSharing: true, decision, recency: at(recordedOn), ...extra };
  if (patientId !== undefined) fact.patient = patientId;
  if (recordedOn !== undefined) fact.recordedOn = recordedOn;
  return fact;
}

export function offer(id: string, carerId: string, status: AssessmentFact['status'], offeredOn?: string, extra: Partial<AssessmentFact> = {}): AssessmentFact {
  const fact: AssessmentFact = { kind: 'assessment', id, carer: carerId, status, recency: at(offeredOn), ...extra };
  if (offeredOn !== undefined) fact.offeredOn = offeredOn;
  return fact;
}

export function askedNoCarers(id: string, patientId: string, askedOn = '2026-01-10'): AskedNoCarersFact {
  return { kind: 'askedNoCarers', id, patient: patientId, askedOn };
}
