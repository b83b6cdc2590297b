import { describe, expect, it } from 'vitest';
import { buildDeferral, withDeferralEnded, WriteInputError } from '../../../../adapter/writes/build';
import { readDeferralTask } from '../../../../adapter/mapping/readDeferralTask';
import type { RawResource } from '../../../../adapter/fhir/rawStore';
import { DEFAULT_EXTENSION_BASE } from '../../../../shared/terminology';
import { validateR4 } from '../../../support/validateR4';

const input = {
  patient: 'Patient/alex',
  carer: 'RelatedPerson/grace',
  code: 'offer-assessment',
  kind: 'not-now',
  reason: 'lacks-capacity',
  comment: 'Carer unwell; ask at next visit',
  on: '2026-11-23T10:15:00Z',
  until: '2026-12-23T10:15:00Z',
  extensionBase: DEFAULT_EXTENSION_BASE,
  requester: { reference: 'Practitioner/p1', display: 'Dr Ada Jones' },
} as const;
const options = { extensionBase: DEFAULT_EXTENSION_BASE };

describe('a deferral recorded as a Task', () => {
  it('is valid R4, names the prompt, the kind, the reason with its CDS Hooks non-adherence code, who, when and until when', () => {
    const task = buildDeferral(input);
    expect(validateR4(task)).toEqual([]);
    expect(task.statusReason?.coding).toContainEqual({ system: 'http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes', code: 'cds-suboptimal-context', display: 'PC CDS delivered in suboptimal context' });
    expect(readDeferralTask({ ...task, id: 'd1', meta: { versionId: '1' } }, options)).toEqual({
      deferral: { task: 'Task/d1', versionId: '1', code: 'offer-assessment', carer: 'RelatedPerson/grace', kind: 'not-now', reason: 'lacks-capacity', comment: 'Carer unwell; ask at next visit', by: 'Dr Ada Jones', on: input.on, until: input.until },
    });
  });

  it('defers a prompt about the patient with the Task for the patient', () => {
    const { carer: _carer, ...aboutPatient } = { ...input, code: 'identify-carers' as const };
    const read = readDeferralTask({ ...buildDeferral(aboutPatient), id: 'd2' }, options);
    expect(read).toMatchObject({ patient: 'Patient/alex', deferral: { code: 'identify-carers' } });
    expect('deferral' in read && read.deferral.carer).toBeUndefined();
  });

  it('ends early: executionPeriod.end and lastModified move to the moment it was ended (R4 inv-1 holds), once only', () => {
    const raw = { ...buildDeferral(input), id: 'd1', meta: { versionId: '1' } } as unknown as RawResource;
    const ended = withDeferralEnded(raw, '2026-11-24T09:00:00Z');
    expect(validateR4(ended)).toEqual([]);
    expect(ended).toMatchObject({ executionPeriod: { start: input.on, end: '2026-11-24T09:00:00Z' }, lastModified: '2026-11-24T09:00:00Z' });
    expect(() => withDeferralEnded(ended, '2026-11-25T09:00:00Z')).toThrow(WriteInputError);
  });

  it('refuses a deferral that ends before it starts, and never reads an unreadable one as a deferral', () => {
    expect(() => buildDeferral({ ...input, until: input.on })).toThrow(WriteInputError);
    const task = { ...buildDeferral(input), id: 'd3', input: [] };
    expect(readDeferralTask(task, options)).toMatchObject({ warning: expect.stringContaining('nothing is deferred') });
  });
});
