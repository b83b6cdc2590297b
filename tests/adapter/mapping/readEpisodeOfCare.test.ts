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
    expect(readEpisodeOfCare(json(EpisodeAlex))).toEqual({ patient: 'Patient/alex', current: true, finished: false, inpatient: false, detained: false, start: '2026-06-01', team: 'North Community Mental Health Team', warnings: [] });
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

describe('inpatient episodes and detentions from EpisodeOfCare (issue 11 items 5 and 8)', () => {
  const typed = (system: string, code: string) => ({ ...json(EpisodeAlex), type: [{ coding: [{ system, code }] }] });
  const england = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusClassificationEngland';

  it('reads v3 ActCode IMP, ACUTE and NONAC as inpatient, and nothing else', () => {
    for (const code of ['IMP', 'ACUTE', 'NONAC']) expect(readEpisodeOfCare(typed('http://terminology.hl7.org/CodeSystem/v3-ActCode', code))).toMatchObject({ inpatient: true, detained: false });
    expect(readEpisodeOfCare(typed('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'AMB'))).toMatchObject({ inpatient: false });
    expect(readEpisodeOfCare(typed('http://terminology.hl7.org/CodeSystem/episodeofcare-type', 'hacc'))).toMatchObject({ inpatient: false, detained: false });
  });

  it('reads a Mental Health Act detention from the UK Core legal status classification, in type or in the UK Core extension', () => {
    expect(readEpisodeOfCare(typed(england, '03'))).toMatchObject({ detained: true });
    for (const code of ['01', '35', '36', '31', '32', '98', '99']) expect(readEpisodeOfCare(typed(england, code))).toMatchObject({ detained: false });
    const extension = {
      ...json(EpisodeAlex),
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-LegalStatus',
          extension: [{ url: 'legalStatusClassification', valueCodeableConcept: { coding: [{ system: england, code: '02' }] } }],
        },
      ],
    };
    expect(readEpisodeOfCare(extension)).toMatchObject({ detained: true });
  });

  it('lists every current and finished episode of the patient on the context', () => {
    const ward = { ...typed('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'IMP'), id: 'ward', status: 'finished', period: { start: '2026-03-01', end: '2026-04-01' } };
    const cancelled = { ...json(EpisodeAlex), id: 'oops', status: 'cancelled' };
    expect(patientOf([json(PatientAlex), json(EpisodeAlex), ward, cancelled]).episodes).toEqual([
      { reference: 'EpisodeOfCare/alex-episode', status: 'current', start: '2026-06-01', inpatient: false, detained: false, team: 'North Community Mental Health Team' },
      { reference: 'EpisodeOfCare/ward', status: 'finished', start: '2026-03-01', end: '2026-04-01', inpatient: true, detained: false, team: 'North Community Mental Health Team' },
    ]);
  });
});
