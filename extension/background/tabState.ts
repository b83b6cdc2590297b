/**
 * What one tab shows, as a pure reducer: (the tab's state, an event) → (its next state, the effects
 * the controller carries out). No I/O, no clock, no awaiting: reads, writes, storage and ports are
 * the controller's (./controller.ts), which feeds their outcomes back in as events. Every rule
 * about which patient a view, a write or a re-render may reach is decided here, once.
 */
import type { PatientReference } from '../../shared/domain/types';
import { samePage, type PageIdentityMessage, type PageState, type RecognitionMessage } from '../protocol/page';
import type { PanelView } from '../protocol/view';
import type { TabRecord } from '../storage/items';

export type TabState = TabRecord;

/** The key a read is held under: the FHIR id the page gave, else its NHS number. */
export function readKeyOf(identity: PageIdentityMessage): string {
  return identity.fhirId !== undefined ? `id:${identity.fhirId}` : `nhs:${identity.nhsNumber ?? ''}`;
}

/** Where a view, or a re-render, was made for: a page state and the identity recognised there. */
export interface Binding {
  page: PageState;
  identity: PageIdentityMessage;
}

export type TabEvent =
  /** The content script recognised a new page state (`origin`: its top page's origin). */
  | { type: 'recognised'; page: PageState; recognition: RecognitionMessage; origin?: string }
  /** A view made for `page` (and, when about a patient read for an identity, that identity). */
  | { type: 'view'; page: PageState; view: PanelView; patient?: PatientReference; identity?: PageIdentityMessage }
  /** The panel asks to write for `patient` from the view of `page`. */
  | { type: 'write-requested'; requestId: string; page: PageState; patient: PatientReference }
  /** A write was saved and the adapter's re-read returned the record. */
  | { type: 'write-saved'; patient: PatientReference }
  /** A write was saved but the adapter's re-read failed: the record is not re-read a second time. */
  | { type: 'write-saved-unread'; patient: PatientReference }
  /** A write was not saved (refused, conflict, no connection). */
  | { type: 'write-failed'; patient: PatientReference }
  /** The options in force changed; `sameServer`: the FHIR server and sign-in are as before. */
  | { type: 'policy-changed'; sameServer: boolean }
  | { type: 'tab-closed' };

export type TabEffect =
  /** Tell the panel what to show. */
  | { type: 'post-view'; page: PageState; view: PanelView }
  /** Save the tabs' state to session storage (a stopped worker picks up from it). */
  | { type: 'persist' }
  /** Stop the read under way for the tab. */
  | { type: 'drop-read' }
  /** Read the record for what the page shows (the read limiter decides when). */
  | { type: 'load' }
  /** Decide again about panels waiting for a recognised page. */
  | { type: 'admit-waiting' }
  /** Refuse a write: the tab no longer shows the view it was opened from. */
  | { type: 'refuse-write'; requestId: string; patient: PatientReference }
  /** Go ahead with the write. */
  | { type: 'write'; requestId: string; patient: PatientReference }
  /** Derive the view again from the record this tab read for `binding` (re-read after a write, or held in memory). */
  | { type: 'render'; binding: Binding; patient: PatientReference; from: 'reread' | 'memory' }
  /** Forget everything held for the tab (its read, its limiter, its port). */
  | { type: 'forget' };

export interface TabStep {
  state: TabState | undefined;
  effects: TabEffect[];
}

/** The error view of a write that was saved but could not be re-read. */
export const SAVED_UNREAD_VIEW: PanelView = {
  kind: 'error',
  message: 'Your change was saved, but the record could not be read again to show it. Try again to see the record as it is now.',
  canRetry: true,
};

export function reduceTab(state: TabState | undefined, event: TabEvent): TabStep {
  switch (event.type) {
    case 'recognised': {
      const { page, recognition } = event;
      const where = event.origin !== undefined ? { origin: event.origin } : {};
      const next: TabState =
        recognition.kind === 'none'
          ? { page, ...where, view: { kind: 'idle' } }
          : recognition.kind === 'pending'
            ? { page, ...where, view: { kind: 'loading' } }
            : recognition.kind === 'ambiguous'
              ? { page, ...where, ambiguous: true, view: { kind: 'ambiguous' } }
              : { page, ...where, identity: recognition.identity, view: { kind: 'loading' } };
      const effects: TabEffect[] = [];
      if (recognition.kind !== 'patient') effects.push({ type: 'drop-read' });
      effects.push({ type: 'persist' }, { type: 'admit-waiting' }, { type: 'post-view', page, view: next.view });
      if (recognition.kind === 'patient') effects.push({ type: 'load' });
      return { state: next, effects };
    }
    case 'view': {
      // A view goes only to the page state, and the identity, it was made for.
      if (!state || !samePage(state.page, event.page)) return unchanged(state);
      if (event.identity !== undefined && (state.identity === undefined || readKeyOf(state.identity) !== readKeyOf(event.identity))) return unchanged(state);
      const next: TabState = { ...state, view: event.view };
      if (event.patient !== undefined) next.patient = event.patient;
      else delete next.patient;
      return { state: next, effects: [{ type: 'persist' }, { type: 'post-view', page: next.page, view: next.view }] };
    }
    case 'write-requested': {
      // A form writes only from the view the tab shows now, about the patient it shows now.
      const showsIt = state !== undefined && samePage(state.page, event.page) && state.view.kind === 'ready' && state.patient === event.patient;
      return { state, effects: [{ type: showsIt ? 'write' : 'refuse-write', requestId: event.requestId, patient: event.patient }] };
    }
    case 'write-saved':
      if (!state?.identity || state.patient !== event.patient) return unchanged(state);
      return { state, effects: [{ type: 'render', binding: { page: state.page, identity: state.identity }, patient: event.patient, from: 'reread' }] };
    case 'write-saved-unread': {
      if (!state || state.patient !== event.patient) return unchanged(state);
      // What was drawn before the write is no longer the record: said, with a fresh read offered ("Try again").
      const next: TabState = { ...state, view: SAVED_UNREAD_VIEW };
      return { state: next, effects: [{ type: 'drop-read' }, { type: 'persist' }, { type: 'post-view', page: next.page, view: next.view }] };
    }
    case 'write-failed':
      // Nothing was written: the view, and the clinician's form with its draft, stay as they are.
      return unchanged(state);
    case 'policy-changed':
      if (!state?.identity || !state.patient || state.view.kind !== 'ready') return unchanged(state);
      if (!event.sameServer) return { state, effects: [{ type: 'drop-read' }, { type: 'load' }] };
      return { state, effects: [{ type: 'render', binding: { page: state.page, identity: state.identity }, patient: state.patient, from: 'memory' }] };
    case 'tab-closed':
      return { state: undefined, effects: [{ type: 'forget' }, ...(state ? [{ type: 'persist' } as const] : [])] };
  }
}

function unchanged(state: TabState | undefined): TabStep {
  return { state, effects: [] };
}
