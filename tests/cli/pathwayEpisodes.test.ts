/**
 * Issue 11 items 5 and 8 through the real `carers explain`: a new inpatient episode after a
 * completed assessment makes the review due now; while the patient is an inpatient the carer is to
 * be involved in discharge planning; a "no carers" answer is asked again at a new episode.
 */
import { describe, expect, it } from 'vitest';
import { CarerGrace, EpisodeAlex, PatientAlex } from '../fixtures/fhir/personas';
import { explainRecord } from './support/commands';

const NOW = '2026-11-23T12:00:00Z';
const IMP = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' }] };
const assessment = {
  resourceType: 'Task',
  id: 'grace-assessment',
  status: 'completed',
  intent: 'proposal',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '512321000000109' }] },
  for: { reference: 'RelatedPerson/grace' },
  authoredOn: '2026-06-10',
  executionPeriod: { end: '2026-07-01' },
};
const admission = { ...EpisodeAlex, id: 'ward', type: [IMP], period: { start: '2026-11-02' } };

const explain = (resources: readonly unknown[]) => explainRecord(resources, NOW);

describe('carers explain: deadlines that follow the record', () => {
  it('a new inpatient episode after a completed assessment: a review-due prompt, and one to involve the carer in discharge planning', async () => {
    const report = await explain([PatientAlex, EpisodeAlex, CarerGrace, assessment, admission]);
    const review = report.prompts.find((p) => p.code === 'assessment-review-due');
    expect(review?.summary).toBe("Carer's assessment review for Grace Example (Daughter) — due now: the patient was admitted on 2 Nov 2026");
    expect(report.carers.find((c) => c.reference === 'RelatedPerson/grace')?.assessment).toMatchObject({ reviewDue: '2026-11-02' });
    expect(report.prompts.map((p) => p.code)).toContain('involve-carer-in-discharge');
  });

  it('without the admission, no review is due before the year is out', async () => {
    const report = await explain([PatientAlex, EpisodeAlex, CarerGrace, assessment]);
    expect(report.prompts.map((p) => p.code)).not.toContain('assessment-review-due');
    expect(report.prompts.map((p) => p.code)).not.toContain('involve-carer-in-discharge');
  });

  it('"asked: no carers" is asked again at a new episode', async () => {
    const list = {
      resourceType: 'List',
      id: 'none',
      status: 'current',
      mode: 'snapshot',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '184140000' }] },
      subject: { reference: 'Patient/alex' },
      date: '2026-06-05',
      emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'nilknown' }] },
    };
    expect((await explain([PatientAlex, EpisodeAlex, list])).prompts).toEqual([]);
    const report = await explain([PatientAlex, EpisodeAlex, list, admission]);
    expect(report.prompts.map((p) => p.summary)).toEqual(['New episode of care from 2 Nov 2026 — ask again about carers (said none on 5 Jun 2026)']);
  });
});
