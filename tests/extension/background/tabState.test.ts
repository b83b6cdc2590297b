import { describe, expect, it } from 'vitest';
import { reduceTab, SAVED_UNREAD_VIEW, type TabState } from '../../../extension/background/tabState';
import type { PanelView } from '../../../extension/protocol/view';
import { AmiraReady } from '../panel/fixtures';

const LOAD = '1111111111111111';
const OTHER_LOAD = '2222222222222222';
const page = (seq: number, load = LOAD) => ({ load, seq });
const amira = { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } as const;
const daniel = { profileId: 'sandbox-ehr', fhirId: 'demo-daniel-okafor' } as const;
const AMIRA = 'Patient/demo-amira-khan' as const;
const DANIEL = 'Patient/demo-daniel-okafor' as const;
const ready: PanelView = AmiraReady;

/** A tab showing Amira's record, ready, on page state 1. */
const showingAmira = (): TabState => ({ page: page(1), origin: 'http://127.0.0.1:8080', identity: amira, view: ready, patient: AMIRA });

describe('one tab’s state, as a pure reducer', () => {
  describe('a page change', () => {
    it('a patient page: loading, the read started, the panel told, waiting panels decided again', () => {
      const { state, effects } = reduceTab(undefined, { type: 'recognised', page: page(1), recognition: { kind: 'patient', identity: amira }, origin: 'http://ehr' });
      expect(state).toEqual({ page: page(1), origin: 'http://ehr', identity: amira, view: { kind: 'loading' } });
      expect(effects).toEqual([{ type: 'persist' }, { type: 'admit-waiting' }, { type: 'post-view', page: page(1), view: { kind: 'loading' } }, { type: 'load' }]);
    });

    it('another patient’s page forgets the patient shown before, and never carries their view', () => {
      const { state } = reduceTab(showingAmira(), { type: 'recognised', page: page(2), recognition: { kind: 'patient', identity: daniel } });
      expect(state).toEqual({ page: page(2), identity: daniel, view: { kind: 'loading' } });
    });

    it.each([
      ['none', { kind: 'none' } as const, { kind: 'idle' }],
      ['pending', { kind: 'pending' } as const, { kind: 'loading' }],
      ['ambiguous', { kind: 'ambiguous', profileId: 'sandbox-ehr' } as const, { kind: 'ambiguous' }],
    ])('a page with %s recognition stops the read under way and shows no patient', (_name, recognition, view) => {
      const { state, effects } = reduceTab(showingAmira(), { type: 'recognised', page: page(2), recognition });
      expect(state?.patient).toBeUndefined();
      expect(state?.identity).toBeUndefined();
      expect(state?.view).toEqual(view);
      expect(effects[0]).toEqual({ type: 'drop-read' });
      expect(effects.some((e) => e.type === 'load')).toBe(false);
    });
  });

  describe('a view arriving', () => {
    const loading = (): TabState => ({ page: page(1), identity: amira, view: { kind: 'loading' } });

    it('for the current page state and identity: shown and saved', () => {
      const { state, effects } = reduceTab(loading(), { type: 'view', page: page(1), view: ready, patient: AMIRA, identity: amira });
      expect(state).toMatchObject({ view: ready, patient: AMIRA });
      expect(effects).toEqual([{ type: 'persist' }, { type: 'post-view', page: page(1), view: ready }]);
    });

    it('for an earlier state of the page: dropped', () => {
      const start = { ...loading(), page: page(2) };
      expect(reduceTab(start, { type: 'view', page: page(1), view: ready, patient: AMIRA, identity: amira })).toEqual({ state: start, effects: [] });
    });

    it('for the same count on another page load: dropped (both loads start their count at 1)', () => {
      const start = { ...loading(), page: page(1, OTHER_LOAD) };
      expect(reduceTab(start, { type: 'view', page: page(1), view: ready, patient: AMIRA, identity: amira })).toEqual({ state: start, effects: [] });
    });

    it('read for another identity than the page now shows: dropped', () => {
      const start: TabState = { page: page(1), identity: daniel, view: { kind: 'loading' } };
      expect(reduceTab(start, { type: 'view', page: page(1), view: ready, patient: AMIRA, identity: amira })).toEqual({ state: start, effects: [] });
    });

    it('for a tab that is gone: nothing', () => {
      expect(reduceTab(undefined, { type: 'view', page: page(1), view: ready, patient: AMIRA })).toEqual({ state: undefined, effects: [] });
    });

    it('an error view about no patient forgets the patient', () => {
      const { state } = reduceTab(showingAmira(), { type: 'view', page: page(1), view: { kind: 'mismatch', reasons: ['x'] } });
      expect(state?.patient).toBeUndefined();
    });
  });

  describe('a write', () => {
    it('goes ahead from the ready view of the page state and patient the tab shows', () => {
      expect(reduceTab(showingAmira(), { type: 'write-requested', requestId: 'r1', page: page(1), patient: AMIRA }).effects).toEqual([{ type: 'write', requestId: 'r1', patient: AMIRA }]);
    });

    it.each([
      ['another page state', { ...showingAmira(), page: page(2) }],
      ['another patient', { ...showingAmira(), patient: DANIEL }],
      ['a view that is not ready', { ...showingAmira(), view: { kind: 'loading' } as PanelView }],
    ])('is refused from a form when the tab shows %s', (_name, start) => {
      expect(reduceTab(start, { type: 'write-requested', requestId: 'r1', page: page(1), patient: AMIRA }).effects).toEqual([{ type: 'refuse-write', requestId: 'r1', patient: AMIRA }]);
    });

    it('is refused when the tab is gone', () => {
      expect(reduceTab(undefined, { type: 'write-requested', requestId: 'r1', page: page(1), patient: AMIRA }).effects).toEqual([{ type: 'refuse-write', requestId: 'r1', patient: AMIRA }]);
    });

    it('saved: the tab still showing the patient renders the adapter’s re-read, bound to its page and identity', () => {
      expect(reduceTab(showingAmira(), { type: 'write-saved', patient: AMIRA })).toEqual({
        state: showingAmira(),
        effects: [{ type: 'render', binding: { page: page(1), identity: amira }, patient: AMIRA, from: 'reread' }],
      });
    });

    it('saved (a deferral too): a tab that has moved to another patient is left alone', () => {
      const start: TabState = { page: page(2), identity: daniel, view: ready, patient: DANIEL };
      expect(reduceTab(start, { type: 'write-saved', patient: AMIRA })).toEqual({ state: start, effects: [] });
    });

    it('saved but not re-read: says so, offers a fresh read, and starts no read itself', () => {
      const { state, effects } = reduceTab(showingAmira(), { type: 'write-saved-unread', patient: AMIRA });
      expect(state?.view).toEqual(SAVED_UNREAD_VIEW);
      expect(state?.patient).toBe(AMIRA);
      expect(effects).toEqual([{ type: 'drop-read' }, { type: 'persist' }, { type: 'post-view', page: page(1), view: SAVED_UNREAD_VIEW }]);
    });

    it('saved but not re-read: another patient’s tab keeps its view', () => {
      const start: TabState = { page: page(2), identity: daniel, view: ready, patient: DANIEL };
      expect(reduceTab(start, { type: 'write-saved-unread', patient: AMIRA })).toEqual({ state: start, effects: [] });
    });

    it('failed: the view (and the form with its draft) stays as it is', () => {
      expect(reduceTab(showingAmira(), { type: 'write-failed', patient: AMIRA })).toEqual({ state: showingAmira(), effects: [] });
    });
  });

  describe('a policy change', () => {
    it('re-renders a ready view from the record in memory, bound to the page and identity it shows', () => {
      expect(reduceTab(showingAmira(), { type: 'policy-changed', sameServer: true }).effects).toEqual([
        { type: 'render', binding: { page: page(1), identity: amira }, patient: AMIRA, from: 'memory' },
      ]);
    });

    it('reads again when the server or sign-in changed (a record from the old server no longer stands)', () => {
      expect(reduceTab(showingAmira(), { type: 'policy-changed', sameServer: false }).effects).toEqual([{ type: 'drop-read' }, { type: 'load' }]);
    });

    it.each([
      ['loading', { page: page(1), identity: amira, view: { kind: 'loading' } } as TabState],
      ['idle', { page: page(1), view: { kind: 'idle' } } as TabState],
      ['in error', { ...showingAmira(), view: SAVED_UNREAD_VIEW }],
    ])('leaves a tab that is %s alone', (_name, start) => {
      expect(reduceTab(start, { type: 'policy-changed', sameServer: true })).toEqual({ state: start, effects: [] });
    });
  });

  it('a closed tab is forgotten, and its state saved without it', () => {
    expect(reduceTab(showingAmira(), { type: 'tab-closed' })).toEqual({ state: undefined, effects: [{ type: 'forget' }, { type: 'persist' }] });
    expect(reduceTab(undefined, { type: 'tab-closed' })).toEqual({ state: undefined, effects: [{ type: 'forget' }] });
  });
});
