import { describe, expect, it } from 'vitest';
import { readAssessmentTask } from '../../../adapter/mapping/readAssessmentTask';
import ukTask from '../../fixtures/fhir/examples/uk-assessment-task.json';
import { TaskGraceCompleted, TaskGraceOffered, TaskSamDeclined, asJson } from '../../fixtures/fhir/personas';

type Json = Record<string, unknown>;
const json = (value: unknown): Json => asJson(value) as Json;

describe('readAssessmentTask', () => {
  it('reads a requested offer as offered, with the date offered', () => {
    expect(readAssessmentTask(json(TaskGraceOffered))).toEqual({
      carerRef: 'RelatedPerson/grace',
      assessment: { status: 'offered', task: 'Task/grace-offer-1', offeredOn: '2026-06-05' },
      warnings: [],
    });
  });

  it('reads a completed offer with the date of the assessment', () => {
    const read = readAssessmentTask(json(TaskGraceCompleted));
    expect('assessment' in read && read.assessment).toEqual({
      status: 'completed',
      task: 'Task/grace-offer-2',
      versionId: '3',
      offeredOn: '2026-07-01T09:00:00Z',
      completedOn: '2026-08-20',
    });
  });

  it('reads a rejected offer as declined with its reason, the carer from focus and the patient from for', () => {
    expect(readAssessmentTask(json(TaskSamDeclined))).toEqual({
      carerRef: 'RelatedPerson/sam',
      patient: 'Patient/alex',
      assessment: {
        status: 'declined',
        task: 'Task/sam-offer',
        offeredOn: '2026-07-10',
        respondedOn: '2026-07-12',
        declinedReason: 'Does not want an assessment now',
      },
      warnings: [],
    });
  });

  it.each([
    ['requested', 'offered'],
    ['received', 'offered'],
    ['accepted', 'accepted'],
    ['ready', 'accepted'],
    ['in-progress', 'accepted'],
    ['on-hold', 'accepted'],
    ['rejected', 'declined'],
    ['completed', 'completed'],
  ])('maps Task status %s to %s', (status, expected) => {
    const read = readAssessmentTask({ ...json(TaskGraceOffered), status });
    expect('assessment' in read && read.assessment.status).toBe(expected);
  });

  it('reads respondedOn from executionPeriod.start when lastModified is absent', () => {
    const read = readAssessmentTask({ ...json(TaskGraceOffered), status: 'accepted', executionPeriod: { start: '2026-06-09' } });
    expect('assessment' in read && read.assessment.respondedOn).toBe('2026-06-09');
  });

  it.each(['cancelled', 'entered-in-error', 'draft', 'failed'])('ignores a Task with status %s', (status) => {
    expect(readAssessmentTask({ ...json(TaskGraceOffered), status })).toMatchObject({ ignored: true });
  });

  it('ignores Tasks with other codes, including carer-assessment referrals', () => {
    const referral = { ...json(TaskGraceOffered), code: { coding: [{ system: 'http://snomed.info/sct', code: '790101000000103' }] } };
    expect(readAssessmentTask(referral)).toMatchObject({ ignored: true });
    expect(readAssessmentTask({ ...json(TaskGraceOffered), code: undefined })).toMatchObject({ ignored: true });
  });

  it('warns about an offer that names no RelatedPerson', () => {
    expect(readAssessmentTask({ ...json(TaskGraceOffered), for: { reference: 'Patient/alex' } })).toEqual({
      warning: 'Task/grace-offer-1 offers an assessment but names no RelatedPerson',
    });
  });

  it('reads the UK-style task with extensions and a _status element', () => {
    const read = readAssessmentTask(ukTask);
    expect('assessment' in read && read.assessment).toMatchObject({ status: 'offered', versionId: '2', offeredOn: '2026-10-03T10:55:00+01:00' });
  });

  it('leaves out a malformed note with a warning and still reads the offer', () => {
    const read = readAssessmentTask({ ...json(TaskGraceOffered), note: { text: 'x' } });
    expect(read).toMatchObject({
      assessment: { status: 'offered' },
      warnings: ['Task/grace-offer-1: note could not be read and was left out (note: Invalid input: expected array, received object)'],
    });
  });

  it.each([
    ['authoredOn is not a dateTime', { authoredOn: '5 June' }],
    ['status is unknown', { status: 'done' }],
  ])('warns when %s', (_what, change) => {
    const read = readAssessmentTask({ ...json(TaskGraceOffered), ...change });
    expect(read).toHaveProperty('warning');
    expect(read).not.toHaveProperty('ignored');
  });
});
