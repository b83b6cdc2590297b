import { describe, expect, it } from 'vitest';
import { readEpisodeOfCare } from '../../../adapter/mapping/readEpisodeOfCare';
import { toCarerContext } from '../../../adapter/mapping/carerContext';
import { READ_OPTIONS, EpisodeAlex, PatientAlex, asJson } from '../../fixtures/fhir/personas';

type Json = Record<string, unknown>;
const json = (value: unknown): Json => asJson(value) as Json;
const patientOf = (resources: unknown[]) => {
  const result = toCarerContext(resources, { ...READ_OPTIONS });
  if (!result.ok) throw new Error(result.reason);
  return result.context.patient;
};

describe('service start and team from EpisodeOfCare', () => {
  it('reads the start and the care team', () => {
    expect(readEpisodeOfCare(json(EpisodeAlex))).toEqual({ patient: 'Patient/alex', current: true, finished: false, start: '2026-06-01', team: 'North Community Mental Health Team', warnings: [] });
  });

  it('falls back to the managing organisation when no team is named', () => {
    expect(readEpisodeOfCare({ ...json(EpisodeAlex), team: undefined })).toMatchObject({ team: 'Example NHS Foundation Trust' });
  });

  it('uses the latest current episode and ignores finished ones', () => {
    const finished = { ...json(EpisodeAlex), id: 'old', status: 'finished', period: { start: '2026-09-01', end: '2026-10-01' }, team: [{ display: 'Crisis team' }] };
    const earlier = { ...json(EpisodeAlex), id: 'earlier', period: { start: '2025-01-01' }, team: [{ display: 'Early intervention' }] };
    expect(patientOf([json(PatientAlex), finished, earlier, json(EpisodeAlex)])).toMatchObject({ serviceStart: '2026-06-01', team: 'North Community Mental Health Team' });
  });

  it('leaves serviceStart undefined without an episode, and the team from Patient.managingOrganization', () => {
    const patient = patientOf([json(PatientAlex)]);
    expect(patient.serviceStart).toBeUndefined();
    expect(patient.team).toBe('Example NHS Foundation Trust');
  });

  it('warns about a malformed episode of this patient', () => {
    const result = toCarerContext([json(PatientAlex), { ...json(EpisodeAlex), period: { start: 'June' } }], { ...READ_OPTIONS });
    expect(result.ok && result.context.warnings).toEqual(['EpisodeOfCare/alex-episode could not be read (period.start: not a FHIR dateTime)']);
  });
});
