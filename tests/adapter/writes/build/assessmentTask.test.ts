import { describe, expect, it } from 'vitest';
import { buildAssessmentOffer, requireTaskInvariants, withAssessmentOutcome, WriteInputError } from '../../../../adapter/writes/build';
import { readAssessmentTask } from '../../../../adapter/mapping/readAssessmentTask';
import type { RawResource } from '../../../../adapter/fhir/rawStore';
import ukTask from '../../../fixtures/fhir/examples/uk-assessment-task.json';
import { TaskGraceOffered, asJson } from '../../../fixtures/fhir/personas';
import { validateR4 } from '../../../support/validateR4';

const raw = (value: unknown): RawResource => asJson(value) as RawResource;
const without = (resource: RawResource, ...keys: string[]) => Object.fromEntries(Object.entries(resource).filter(([k]) => !keys.includes(k)));
const offer = { patient: 'Patient/alex', carer: 'RelatedPerson/grace', offeredOn: '2026-11-23' } as const;

describe('buildAssessmentOffer', () => {
  it('builds a valid proposal Task for the carer, coded as a needs-assessment offer', () => {
    const task = buildAssessmentOffer({ ...offer, requester: { reference: 'Practitioner/p1' }, note: 'Offered at the CPA review' });
    expect(validateR4(task)).toEqual([]);
    expect(task).toEqual({
      resourceType: 'Task',
      status: 'requested',
      intent: 'proposal',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '512321000000109', display: 'Assessment of needs offered to carer' }] },
      description: "Carer's needs assessment offered",
      for: { reference: 'RelatedPerson/grace' },
      focus: { reference: 'RelatedPerson/grace' },
      authoredOn: '2026-11-23',
      requester: { reference: 'Practitioner/p1' },
      note: [{ text: 'Offered at the CPA review' }],
    });
  });

  it('reads back as offered', () => {
    const read = readAssessmentTask({ ...buildAssessmentOffer(offer), id: 't1' });
    expect(read).toEqual({ carerRef: 'RelatedPerson/grace', assessment: { status: 'offered', task: 'Task/t1', offeredOn: '2026-11-23' }, warnings: [] });
  });

  it('refuses a carer that is not a RelatedPerson, and an empty note', () => {
    expect(() => buildAssessmentOffer({ ...offer, carer: 'Patient/alex' as 'RelatedPerson/x' })).toThrow(/carer/);
    expect(() => buildAssessmentOffer({ ...offer, note: '' })).toThrow(WriteInputError);
  });
});

describe('withAssessmentOutcome', () => {
  it('records acceptance, and nothing else changes', () => {
    const before = raw(TaskGraceOffered);
    const after = withAssessmentOutcome(before, { status: 'accepted', on: '2026-11-24' });
    expect(validateR4(after)).toEqual([]);
    expect(without(after, 'status', 'lastModified')).toEqual(without(before, 'status', 'lastModified'));
    expect(readAssessmentTask(after)).toMatchObject({ assessment: { status: 'accepted', respondedOn: '2026-11-24' } });
  });

  it('records a decline as rejected with the reason', () => {
    const after = withAssessmentOutcome(raw(TaskGraceOffered), { status: 'declined', on: '2026-11-24', reason: 'Not now' });
    expect(validateR4(after)).toEqual([]);
    expect(after).toMatchObject({ status: 'rejected', statusReason: { text: 'Not now' } });
    expect(readAssessmentTask(after)).toMatchObject({ assessment: { status: 'declined', declinedReason: 'Not now' } });
  });

  it('records completion with executionPeriod.end, keeping the period start and every unknown element', () => {
    const before = raw(ukTask);
    const after = withAssessmentOutcome(before, { status: 'completed', on: '2026-12-01' });
    expect(validateR4(after)).toEqual([]);
    expect(after.executionPeriod).toEqual({ start: '2026-10-03', end: '2026-12-01' });
    expect(without(after, 'status', 'lastModified', 'executionPeriod')).toEqual(without(before, 'status', 'lastModified', 'executionPeriod'));
    expect(readAssessmentTask(after)).toMatchObject({ assessment: { status: 'completed', completedOn: '2026-12-01' } });
  });

  it('leaves the raw Task it was given untouched', () => {
    const before = raw(ukTask);
    withAssessmentOutcome(before, { status: 'declined', on: '2026-12-01', reason: 'x' });
    expect(before).toEqual(ukTask);
  });

  it.each(['cancelled', 'entered-in-error', 'completed', 'failed'])('refuses to change an offer that is already %s', (status) => {
    expect(() => withAssessmentOutcome({ ...raw(TaskGraceOffered), status }, { status: 'accepted', on: '2026-11-24' })).toThrow(WriteInputError);
  });

  it('refuses a reason for anything but a decline, a bad date and a resource that is not a Task', () => {
    expect(() => withAssessmentOutcome(raw(TaskGraceOffered), { status: 'accepted', on: '2026-11-24', reason: 'x' })).toThrow(/reason/);
    expect(() => withAssessmentOutcome(raw(TaskGraceOffered), { status: 'accepted', on: 'tomorrow' })).toThrow(/on must be/);
    expect(() => withAssessmentOutcome({ resourceType: 'Consent' }, { status: 'accepted', on: '2026-11-24' })).toThrow(/Task/);
  });
});

describe('the answer to an offer made the same day (R4 Task inv-1: lastModified >= authoredOn)', () => {
  const offeredAt = { ...raw(TaskGraceOffered), authoredOn: '2026-11-23T10:15:00Z' };

  it('dates an answer given as the offer’s day at the instant it is recorded, so a server accepts it', () => {
    const after = withAssessmentOutcome(offeredAt, { status: 'accepted', on: '2026-11-23' }, '2026-11-23T14:02:00Z');
    expect(after.lastModified).toBe('2026-11-23T14:02:00Z');
    expect(validateR4(after)).toEqual([]);
  });

  it('dates it at the offer itself when it is recorded on a later day', () => {
    const after = withAssessmentOutcome(offeredAt, { status: 'declined', on: '2026-11-23' }, '2026-11-25T09:00:00Z');
    expect(after.lastModified).toBe('2026-11-23T10:15:00Z');
    expect(validateR4(after)).toEqual([]);
  });

  it('keeps a later answer date as given', () => {
    expect(withAssessmentOutcome(offeredAt, { status: 'accepted', on: '2026-11-24' }, '2026-11-25T09:00:00Z').lastModified).toBe('2026-11-24');
  });

  it('refuses an answer dated before the offer', () => {
    expect(() => withAssessmentOutcome(offeredAt, { status: 'accepted', on: '2026-11-22' }, '2026-11-25T09:00:00Z')).toThrow(/before the assessment was offered/);
  });
});

describe('requireTaskInvariants (checked before every Task write)', () => {
  it.each([
    ['2026-11-23', '2026-11-23T10:15:00Z', false],
    ['2026-11-23T09:00:00Z', '2026-11-23T10:15:00Z', false],
    ['2026-11-23T10:15:00Z', '2026-11-23T10:15:00Z', true],
    ['2026-11-24', '2026-11-23T10:15:00Z', true],
    ['2026-11-23', '2026-11-23', true],
  ])('lastModified %s against authoredOn %s: met = %s', (lastModified, authoredOn, met) => {
    const task = { resourceType: 'Task', lastModified, authoredOn };
    if (met) expect(() => requireTaskInvariants(task)).not.toThrow();
    else expect(() => requireTaskInvariants(task)).toThrow(/inv-1/);
    // The same answer as the validator a server runs.
    expect(validateR4({ ...task, status: 'accepted', intent: 'proposal' }).some((e) => e.includes('inv-1'))).toBe(!met);
  });

  it('compares date-times as instants across time zones', () => {
    expect(() => requireTaskInvariants({ resourceType: 'Task', lastModified: '2026-11-23T12:00:00+02:00', authoredOn: '2026-11-23T10:30:00Z' })).toThrow(/inv-1/);
  });
});
