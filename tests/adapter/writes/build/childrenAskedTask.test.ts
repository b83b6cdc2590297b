import { describe, expect, it } from 'vitest';
import { buildChildrenAskedTask, WriteInputError } from '../../../../adapter/writes/build';
import { readChildrenAskedTask } from '../../../../adapter/mapping/readChildrenAskedTask';
import { DEFAULT_EXTENSION_BASE } from '../../../../shared/terminology';
import { validateR4 } from '../../../support/validateR4';

const base = { patient: 'Patient/alex', on: '2026-11-23T10:15:00Z', extensionBase: DEFAULT_EXTENSION_BASE } as const;
const options = { extensionBase: DEFAULT_EXTENSION_BASE };

describe('buildChildrenAskedTask (Think Family)', () => {
  it('records the answer as a completed carer-action Task for the Patient, valid R4', () => {
    const task = buildChildrenAskedTask({ ...base, childHelps: false, requestId: '0f0e0d0c-0b0a-4909-8807-060504030201', note: 'Asked at review' });
    expect(validateR4(task)).toEqual([]);
    expect(task).toMatchObject({
      status: 'completed',
      intent: 'order',
      code: { coding: [{ system: `${DEFAULT_EXTENSION_BASE}/carer-action`, code: 'children-asked' }] },
      for: { reference: 'Patient/alex' },
      focus: { reference: 'Patient/alex' },
      authoredOn: base.on,
      executionPeriod: { start: base.on, end: base.on },
      input: [{ type: { coding: [{ system: `${DEFAULT_EXTENSION_BASE}/carer-action`, code: 'child-helps' }] }, valueBoolean: false }],
      note: [{ text: 'Asked at review' }],
    });
  });

  it('reads back as the patient asked, when, and the answer, so the prompt clears', () => {
    for (const childHelps of [true, false]) {
      const task = { ...buildChildrenAskedTask({ ...base, childHelps }), id: 'c1' };
      expect(readChildrenAskedTask(task, options)).toEqual({ patient: 'Patient/alex', asked: { task: 'Task/c1', on: base.on, childHelps } });
    }
  });

  it('refuses a reference that is not a Patient', () => {
    expect(() => buildChildrenAskedTask({ ...base, patient: 'RelatedPerson/x' as never, childHelps: true })).toThrow(WriteInputError);
  });

  it('is not read when cancelled, under another base, or without an answer (a warning: the prompt stays)', () => {
    const task = { ...buildChildrenAskedTask({ ...base, childHelps: true }), id: 'c2' };
    expect(readChildrenAskedTask({ ...task, status: 'cancelled' }, options)).toMatchObject({ ignored: true });
    expect(readChildrenAskedTask(task, { extensionBase: 'https://elsewhere.example/fhir' })).toHaveProperty('warning');
    expect(readChildrenAskedTask({ ...task, input: [] }, options)).toEqual({ warning: expect.stringContaining('gives no answer') });
    expect(readChildrenAskedTask({ ...task, for: { reference: 'RelatedPerson/x' } }, options)).toEqual({ warning: expect.stringContaining('names no Patient') });
  });
});
