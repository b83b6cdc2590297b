import { describe, expect, it } from 'vitest';
import { applyMessage, createPanelStore } from '../../../extension/panel/store';

const LOAD_A = 'aaaaaaaaaaaaaaaa';
const LOAD_B = 'bbbbbbbbbbbbbbbb';

describe('the panel store', () => {
  it('never lets a view for an older state of the same page load replace a newer one', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD_A, seq: 5 }, view: { kind: 'loading' } });
    applyMessage(store, { type: 'view', page: { load: LOAD_A, seq: 4 }, view: { kind: 'ambiguous' } });
    expect(store.view.value).toEqual({ kind: 'loading' });
    expect(store.page.value).toEqual({ load: LOAD_A, seq: 5 });
  });

  it('takes the view of another page load even though its count starts again at 1', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'view', page: { load: LOAD_A, seq: 5 }, view: { kind: 'loading' } });
    applyMessage(store, { type: 'view', page: { load: LOAD_B, seq: 1 }, view: { kind: 'ambiguous' } });
    expect(store.view.value).toEqual({ kind: 'ambiguous' });
    expect(store.page.value).toEqual({ load: LOAD_B, seq: 1 });
  });

  it('follows a write from progress to its answer', () => {
    const store = createPanelStore();
    store.pending.value = { r1: { patient: 'Patient/a', step: 'writing' } };
    applyMessage(store, { type: 'action/progress', requestId: 'r1', step: 're-reading' });
    expect(store.pending.value.r1?.step).toBe('re-reading');
    applyMessage(store, { type: 'action/result', requestId: 'r1', patient: 'Patient/a', outcome: 'saved', stillOnScreen: true });
    expect(store.pending.value).toEqual({});
    expect(store.results.value.r1?.outcome).toBe('saved');
    expect(store.elsewhere.value).toBeUndefined();
  });

  it('says a write landed on the previous patient’s record without naming them', () => {
    const store = createPanelStore();
    applyMessage(store, { type: 'action/result', requestId: 'r2', patient: 'Patient/demo-amira-khan', outcome: 'saved', stillOnScreen: false });
    expect(store.elsewhere.value).toMatch(/saved to the record of the patient you were on before/);
    expect(store.elsewhere.value).not.toContain('amira');
  });
});
