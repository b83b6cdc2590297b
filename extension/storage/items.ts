import { storage } from '#imports';
import type { PageIdentityMessage, PageState, PanelMode } from '../protocol/page';
import type { Action, ActionResult } from '../protocol/messages';
import type { PanelView } from '../protocol/view';
import { DEFAULT_OPTIONS, type ExtensionOptions } from './options';

/**
 * Every storage key the extension uses, declared once. Patient data lives only in `session:`
 * items (memory-backed, cleared when the browser closes, never written to disk); `local:` holds
 * configuration and UI preferences only.
 */

export const optionsItem = storage.defineItem<ExtensionOptions>('local:options', { fallback: DEFAULT_OPTIONS, version: 1 });

/** Whether the clinician keeps the panel open or collapsed to its tab (no patient data); a panel may still fold itself for a patient with nothing to do. */
export const panelChosenModeItem = storage.defineItem<PanelMode>('local:panelChosenMode', { fallback: 'expanded', version: 1 });

/**
 * Counts presses of the toolbar button: every panel on screen opens when it changes, even one that
 * folded itself for a patient with nothing to do (whose chosen mode is already "expanded").
 */
export const panelOpenRequestItem = storage.defineItem<number>('local:panelOpenRequest', { fallback: 0, version: 1 });

/** What each tab shows, so a stopped-and-restarted service worker carries on where it was. */
export interface TabRecord {
  page: PageState;
  /** Origin of the top page the content script recognised this in (a panel is accepted only under it). */
  origin?: string;
  identity?: PageIdentityMessage;
  ambiguous?: boolean;
  view: PanelView;
  /** Patient reference of the view, when it is about a resolved patient. */
  patient?: `Patient/${string}`;
}
export const tabsItem = storage.defineItem<Record<string, TabRecord>>('session:tabs', { fallback: {}, version: 1 });

/** A clinician's unsent form, bound to the patient it was opened for. */
export interface DraftRecord {
  patient: `Patient/${string}`;
  form: string;
  values: Record<string, string>;
  savedAt: string;
}
export const draftsItem = storage.defineItem<Record<string, DraftRecord>>('session:drafts', { fallback: {}, version: 1 });

/** Writes in flight or just finished, so a panel that reconnects after a worker stop learns how they ended. */
export interface InflightRecord {
  requestId: string;
  patient: `Patient/${string}`;
  action: Action;
  startedAt: string;
  state: 'pending' | 'done';
  result?: ActionResult;
}
export const inflightItem = storage.defineItem<Record<string, InflightRecord>>('session:inflight', { fallback: {}, version: 1 });

export const draftKey = (patient: string, form: string): string => `${patient}|${form}`;
