import { describe, expect, it } from 'vitest';
import { buildCarerActionTask, WriteInputError } from '../../../../adapter/writes/build';
import { readCarerActionTask } from '../../../../adapter/mapping/readCarerActionTask';
import { DEFAULT_EXTENSION_BASE } from '../../../../shared/terminology';
import { validateR4 } from '../../../support/validateR4';

const base = { patient: 'Patient/alex', carer: 'RelatedPerson/grace', on: '2026-11-23T10:15:00Z', extensionBase: DEFAULT_EXTENSION_BASE } as const;

describe('buildCarerActionTask', () => {
  it('records a signposting as a completed Task for the carer, one input per signpost given, valid R4', () => {
    const task = buildCarerActionTask({ ...base, action: 'signposted', items: [{ type: 'Signpost given', value: "The local carers' centre" }, { type: 'Signpost given', value: 'Crisis numbers' }], requestId: '0f0e0d0c-0b0a-4909-8807-060504030201' });
    expect(validateR4(task)).toEqual([]);
    expect(task).toMatchObject({
      status: 'completed',
      intent: 'order',
      code: { coding: [{ system: `${DEFAULT_EXTENSION_BASE}/carer-action`, code: 'signposted' }] },
      for: { reference: 'RelatedPerson/grace' },
      authoredOn: base.on,
      lastModified: base.on,
      executionPeriod: { start: base.on, end: base.on },
      input: [
        { type: { text: 'Signpost given' }, valueString: "The local carers' centre" },
        { type: { text: 'Signpost given' }, valueString: 'Crisis numbers' },
      ],
    });
  });

  it('reads back as what was done for the carer and when, so the prompt clears', () => {
    const task = { ...buildCarerActionTask({ ...base, action: 'young-carer-referred', items: [{ type: 'Referred to', value: 'Young carers service' }] }), id: 'r1' };
    expect(readCarerActionTask(task, { extensionBase: DEFAULT_EXTENSION_BASE })).toEqual({ carerRef: 'RelatedPerson/grace', action: 'young-carer-referred', on: base.on });
  });

  it("records a young carer's transition assessment request (Care Act 2014 s.63) and reads it back", () => {
    const task = { ...buildCarerActionTask({ ...base, action: 'transition-assessment-requested', items: [{ type: 'Requested from', value: 'Adult social care' }] }), id: 't1' };
    expect(validateR4(task)).toEqual([]);
    expect(task.code?.coding?.[0]).toMatchObject({ system: `${DEFAULT_EXTENSION_BASE}/carer-action`, code: 'transition-assessment-requested' });
    expect(readCarerActionTask(task, { extensionBase: DEFAULT_EXTENSION_BASE })).toEqual({ carerRef: 'RelatedPerson/grace', action: 'transition-assessment-requested', on: base.on });
  });

  it('is not read under another extension base, nor when cancelled', () => {
    const task = { ...buildCarerActionTask({ ...base, action: 'signposted', items: [{ type: 'Signpost given', value: 'x' }] }), id: 's1' };
    expect(readCarerActionTask(task, { extensionBase: 'https://other.example.org/fhir/StructureDefinition' })).toMatchObject({ ignored: true });
    expect(readCarerActionTask({ ...task, status: 'cancelled' }, { extensionBase: DEFAULT_EXTENSION_BASE })).toMatchObject({ ignored: true });
  });

  it('refuses a record of nothing given', () => {
    expect(() => buildCarerActionTask({ ...base, action: 'signposted', items: [] })).toThrow(WriteInputError);
  });
});

describe('buildCarerActionTask for the pathway (issue 11 items 5 and 8)', () => {
  it('records a significant change with what changed as a coded input, valid R4, read back with its kind', () => {
    const task = buildCarerActionTask({ ...base, action: 'circumstances-changed', items: [{ type: 'What changed', value: "The carer's own illness" }], coded: [{ type: 'change-kind', code: 'carer-illness' }] });
    expect(validateR4(task)).toEqual([]);
    expect(task.input).toContainEqual({ type: { coding: [{ system: `${DEFAULT_EXTENSION_BASE}/carer-action`, code: 'change-kind' }] }, valueCode: 'carer-illness' });
    expect(readCarerActionTask({ ...task, id: 'c1' }, { extensionBase: DEFAULT_EXTENSION_BASE })).toEqual({
      carerRef: 'RelatedPerson/grace',
      action: 'circumstances-changed',
      on: base.on,
      coded: { 'change-kind': 'carer-illness' },
    });
  });

  it('records discharge planning for the carer with the episode as its focus, read back with the episode', () => {
    const task = buildCarerActionTask({ ...base, action: 'discharge-planning-involved', focus: 'EpisodeOfCare/ward', items: [{ type: 'How the carer was involved', value: 'Meeting' }], coded: [{ type: 'discharge-sharing', code: 'general-information-only' }] });
    expect(validateR4(task)).toEqual([]);
    expect(task).toMatchObject({ for: { reference: 'RelatedPerson/grace' }, focus: { reference: 'EpisodeOfCare/ward' } });
    expect(readCarerActionTask({ ...task, id: 'd1' }, { extensionBase: DEFAULT_EXTENSION_BASE })).toMatchObject({ carerRef: 'RelatedPerson/grace', action: 'discharge-planning-involved', episode: 'EpisodeOfCare/ward' });
    expect(() => buildCarerActionTask({ ...base, action: 'discharge-planning-involved', focus: 'Encounter/x', items: [{ type: 'How', value: 'x' }] })).toThrow(WriteInputError);
  });
});
