import type { Browser } from '#imports';
import type { CarerContext, Deferral, PatientReference, Prompt } from '../../shared/domain/types';
import type { Policy } from '../../shared/policy';
import { inflightItem, tabsItem, type InflightRecord, type TabRecord } from '../storage/items';
import type { ActionResult, BackgroundToPanel, PanelToBackground } from '../protocol/messages';
import { PanelToBackgroundSchema } from '../protocol/messages';
import { parseMessage, samePage, type BackgroundToContent, type PageState, type RecognitionMessage } from '../protocol/page';
import type { PanelView } from '../protocol/view';
import { GatewayError, type Gateway } from './gateway';
import { isNotSignedInYet } from '../../adapter/auth';
import { identityMismatches } from './identityCheck';
import { toReadyView } from './toView';
import { createReadLimiter, DEFAULT_READ_LIMIT, type ReadLimit } from './readLimit';
import { readKeyOf, reduceTab, type TabEffect, type TabEvent } from './tabState';

export interface ControllerDeps {
  gateway: () => Promise<Gateway>;
  policy: () => Promise<Policy>;
  /** The rules: the prompts to show for a context, and those its recorded deferrals hide. */
  prompts: (context: CarerContext, policy: Policy, now: Date) => { visible: Prompt[]; deferred: { prompt: Prompt; deferral: Deferral }[] };
  now: () => Date;
  sendToTab: (tabId: number, message: BackgroundToContent) => void;
  /** SMART mode: opens the browser's sign-in window; throws GatewayError `sign-in` when it does not complete. */
  signIn?: () => Promise<void>;
  /** How many new patients a tab may read in a burst (DEFAULT_READ_LIMIT unless a test says). */
  readLimit?: ReadLimit;
}

type Port = Browser.runtime.Port;

interface WaitingPanel {
  port: Port;
  /** Origin of the tab's top page, from the port's sender. */
  tabOrigin: string | undefined;
  /** The panel's `location.ancestorOrigins`. */
  ancestors: readonly string[];
  admit: () => void;
}

/** Framed directly by the top page of its tab (one ancestor, the tab's own origin). */
export function framedByTopPage(panel: Pick<WaitingPanel, 'tabOrigin' | 'ancestors'>): boolean {
  return panel.tabOrigin !== undefined && panel.ancestors.length === 1 && panel.ancestors[0] === panel.tabOrigin;
}

/** Framed directly by the top page of its tab, and that page is the one the content script recognised there. */
export function framedByRecognisedPage(record: Pick<TabRecord, 'origin'>, panel: Pick<WaitingPanel, 'tabOrigin' | 'ancestors'>): boolean {
  return framedByTopPage(panel) && record.origin !== undefined && panel.tabOrigin === record.origin;
}

/**
 * The background: carries out what the per-tab reducer (./tabState.ts) decides — which patient each
 * tab shows, which view or write may reach it — and holds what a reducer cannot: the panel port of
 * each tab, the read under way for each tab (aborted when the page moves on, and kept as the record
 * a re-render uses), and writes in flight. Tab state and write outcomes are mirrored to session
 * storage so a stopped worker picks up where it was.
 */
export function createController(deps: ControllerDeps) {
  const records = new Map<number, TabRecord>();
  const ports = new Map<number, Port>();
  const liveWrites = new Set<string>();

  const restored = tabsItem.getValue().then((saved) => {
    // A record saved before page states had a load id (an update mid-session) is not restored: its page recognises itself again.
    for (const [tabId, record] of Object.entries(saved)) if (!records.has(Number(tabId)) && typeof record.page?.load === 'string') records.set(Number(tabId), record);
  });

  let persistQueue: Promise<void> = Promise.resolve();
  const persist = (): void => {
    const snapshot = Object.fromEntries([...records].map(([id, r]) => [String(id), r]));
    persistQueue = persistQueue.then(() => tabsItem.setValue(snapshot)).catch(() => undefined);
  };

  const postToPanel = (tabId: number, message: BackgroundToPanel): void => {
    try {
      ports.get(tabId)?.postMessage(message);
    } catch {
      ports.delete(tabId);
    }
  };

  /** Feeds one event to the tab's reducer and keeps its next state; returns the effects to carry out. */
  const dispatch = (tabId: number, event: TabEvent): TabEffect[] => {
    const { state, effects } = reduceTab(records.get(tabId), event);
    if (state) records.set(tabId, state);
    else records.delete(tabId);
    return effects;
  };

  /** Extra for a `render` effect: the record the adapter re-read after a write, and the gateway that wrote it. */
  interface RenderSource {
    reread?: CarerContext;
    gateway?: Gateway;
  }

  const run = async (tabId: number, effects: readonly TabEffect[], source: RenderSource = {}): Promise<void> => {
    for (const effect of effects) {
      switch (effect.type) {
        case 'post-view':
          postToPanel(tabId, { type: 'view', page: effect.page, view: effect.view });
          break;
        case 'persist':
          persist();
          break;
        case 'drop-read':
          dropRead(tabId);
          break;
        case 'admit-waiting':
          for (const panel of [...(waiting.get(tabId) ?? [])]) decide(tabId, panel);
          break;
        case 'load':
          await load(tabId);
          break;
        case 'render':
          await render(tabId, effect, source);
          break;
        case 'forget':
          forget(tabId);
          break;
        case 'write':
        case 'refuse-write':
          // Answered by runAction, which asked.
          break;
      }
    }
  };

  /** A view for a page state (and, when read for one, the identity it was read for): the reducer drops it if the tab has moved on. */
  const setView = (tabId: number, page: PageState, view: PanelView, patient?: PatientReference, identity?: NonNullable<TabRecord['identity']>): void => {
    void run(tabId, dispatch(tabId, { type: 'view', page, view, ...(patient ? { patient } : {}), ...(identity ? { identity } : {}) }));
  };

  /** Whether the tab is still on this page state and still recognises this identity there. */
  const stillShows = (tabId: number, page: PageState, identity: NonNullable<TabRecord['identity']>): boolean => {
    const record = records.get(tabId);
    return record !== undefined && samePage(record.page, page) && record.identity !== undefined && readKeyOf(record.identity) === readKeyOf(identity);
  };

  const buildReady = async (context: CarerContext, gateway: Gateway, signal: AbortSignal): Promise<PanelView> => {
    const [policy, writes] = await Promise.all([deps.policy(), gateway.writes(signal)]);
    const now = deps.now();
    const { visible, deferred } = deps.prompts(context, policy, now);
    return toReadyView({ context, visiblePrompts: visible, deferred, writes, policy, now });
  };

  const errorView = (error: unknown): PanelView => {
    if (error instanceof GatewayError && error.kind === 'sign-in') return { kind: 'error', message: error.userMessage, canRetry: false, ...signInOffer(error) };
    if (error instanceof GatewayError) return { kind: 'error', message: error.userMessage, canRetry: error.kind !== 'not-found' };
    return { kind: 'error', message: 'Carer Prompts could not read the record. Try again; if it keeps happening, tell your EHR support team.', canRetry: true };
  };

  /**
   * The read for what a tab shows, keyed by the FHIR id (or NHS number) the page gave. While the
   * key stays the same (an EHR that draws the URL first and the banner a moment later), the same
   * read serves every recognition and only the identity check is run again.
   */
  const reads = new Map<number, { key: string; controller: AbortController; context: Promise<CarerContext> }>();
  const limiters = new Map<number, ReturnType<typeof createReadLimiter>>();
  const limiterFor = (tabId: number) => limiters.get(tabId) ?? limiters.set(tabId, createReadLimiter(deps.readLimit ?? DEFAULT_READ_LIMIT)).get(tabId)!;
  const delayed = new Map<number, ReturnType<typeof setTimeout>>();
  /** Read keys each tab has read (for the clinician, in this session): returning to one is not a new patient. */
  const readInTab = new Map<number, Set<string>>();
  const dropRead = (tabId: number): void => {
    reads.get(tabId)?.controller.abort();
    reads.delete(tabId);
  };

  const load = async (tabId: number): Promise<void> => {
    const record = records.get(tabId);
    if (!record?.identity) return;
    const { page, identity } = record;
    const key = readKeyOf(identity);
    let gateway: Gateway;
    try {
      gateway = await deps.gateway();
    } catch (error) {
      setView(tabId, page, errorView(error));
      return;
    }
    // Only the load for what the tab shows now may start or replace the tab's read.
    if (!stillShows(tabId, page, identity)) return;
    let current = reads.get(tabId);
    if (!current || current.key !== key) {
      // A burst of new patients (a page walking through ids): only the one still on screen when
      // the allowance comes back is read. Going back to a patient this tab has already read is not new.
      const seen = readInTab.get(tabId) ?? new Set<string>();
      const wait = seen.has(key) ? 0 : limiterFor(tabId).take(deps.now().getTime());
      if (wait > 0) {
        dropRead(tabId);
        clearTimeout(delayed.get(tabId));
        delayed.set(tabId, setTimeout(() => {
          delayed.delete(tabId);
          if (stillShows(tabId, page, identity)) void load(tabId);
        }, wait));
        return;
      }
      dropRead(tabId);
      readInTab.set(tabId, seen.add(key));
      const controller = new AbortController();
      current = { key, controller, context: gateway.readForPage(identity, controller.signal) };
      reads.set(tabId, current);
    }
    const read = current;
    try {
      const context = await read.context;
      // The page moved on while this was read (to another state of this page, or another page load).
      if (!stillShows(tabId, page, identity)) return;
      const reasons = identityMismatches(identity, context.patient);
      if (reasons.length > 0) {
        setView(tabId, page, { kind: 'mismatch', reasons });
        return;
      }
      const view = await buildReady(context, gateway, read.controller.signal);
      // Checked again after the last await: the view goes only to the page state and patient it was read for.
      if (!stillShows(tabId, page, identity)) return;
      setView(tabId, page, view, context.patient.reference, identity);
    } catch (error) {
      // Superseded (a newer page state, or "Try again" started a fresh read): that load answers.
      if (!stillShows(tabId, page, identity) || reads.get(tabId) !== read) return;
      // A failed read is not reused: "Try again" reads afresh.
      reads.delete(tabId);
      setView(tabId, page, errorView(error));
    }
  };

  /**
   * Derives a tab's view again, for the page state and identity the reducer bound it to: from the
   * record the adapter re-read after a write (the one re-read: never a second read here), or from the
   * record this tab read for that page (a policy change: no FHIR read). A tab whose record this
   * worker does not hold (it was restarted) reads it.
   */
  const render = async (tabId: number, effect: Extract<TabEffect, { type: 'render' }>, source: RenderSource): Promise<void> => {
    const { binding: { page, identity }, patient } = effect;
    const read = reads.get(tabId);
    const held = read !== undefined && read.key === readKeyOf(identity);
    let context: CarerContext;
    let gateway: Gateway;
    try {
      if (effect.from === 'reread' && source.reread) {
        context = source.reread;
        if (held) reads.set(tabId, { ...read, context: Promise.resolve(context) });
      } else if (held) {
        context = await read.context;
      } else {
        dropRead(tabId);
        await load(tabId);
        return;
      }
      gateway = source.gateway ?? (await deps.gateway());
    } catch {
      return; // The tab's own load reports a failed read.
    }
    if (context.patient.reference !== patient || identityMismatches(identity, context.patient).length > 0) return;
    if (!stillShows(tabId, page, identity)) return;
    const view = await buildReady(context, gateway, new AbortController().signal);
    if (stillShows(tabId, page, identity)) setView(tabId, page, view, patient, identity);
  };

  /** After a saved write: every tab that still shows the patient shows the adapter's re-read, or says it could not be re-read. */
  const afterSave = async (patient: PatientReference, gateway: Gateway, reread: CarerContext | undefined): Promise<void> => {
    const event: TabEvent = reread ? { type: 'write-saved', patient } : { type: 'write-saved-unread', patient };
    for (const tabId of [...records.keys()]) await run(tabId, dispatch(tabId, event), reread ? { reread, gateway } : {});
  };

  const forget = (tabId: number): void => {
    dropRead(tabId);
    clearTimeout(delayed.get(tabId));
    delayed.delete(tabId);
    limiters.delete(tabId);
    readInTab.delete(tabId);
    ports.delete(tabId);
    waiting.delete(tabId);
  };

  /**
   * Panels framed by their tab's top page that said hello before the content script recognised
   * that page (a new page load can race its own panel): decided again at each recognition.
   */
  const waiting = new Map<number, Set<WaitingPanel>>();
  const decide = (tabId: number, panel: WaitingPanel): void => {
    waiting.get(tabId)?.delete(panel);
    if (!framedByTopPage(panel)) {
      // Another site's frame sits between it and the tab, or the tab shows another site: never admitted.
      try {
        panel.port.postMessage({ type: 'panel/refused' } satisfies BackgroundToPanel);
        panel.port.disconnect();
      } catch {
        // Already gone.
      }
      return;
    }
    const record = records.get(tabId);
    if (record && framedByRecognisedPage(record, panel)) {
      panel.admit();
      return;
    }
    waiting.set(tabId, (waiting.get(tabId) ?? new Set()).add(panel));
  };

  const showsPatient = (tabId: number, patient: PatientReference): boolean => records.get(tabId)?.patient === patient;

  const saveInflight = async (entry: InflightRecord): Promise<void> => {
    const all = await inflightItem.getValue();
    // Keep the store small: finished writes older than an hour are dropped.
    const cutoff = deps.now().getTime() - 3_600_000;
    const kept = Object.fromEntries(Object.entries(all).filter(([, e]) => e.state === 'pending' || Date.parse(e.startedAt) > cutoff));
    await inflightItem.setValue({ ...kept, [entry.requestId]: entry });
  };

  const runAction = async (tabId: number, message: Extract<PanelToBackground, { type: 'action/run' }>): Promise<void> => {
    const { requestId, patient, action } = message;
    // The same request already being written (a double click, a resend racing the first): its result will come.
    if (liveWrites.has(requestId)) return;
    // A form writes only from the view the tab shows now, about the patient it shows now: a form
    // opened for A is never sent once the page has moved to B (a write already under way carries on).
    const [gate] = dispatch(tabId, { type: 'write-requested', requestId, page: message.page, patient });
    if (gate?.type !== 'write') {
      postToPanel(tabId, {
        type: 'action/result',
        requestId,
        patient,
        outcome: 'failed',
        stillOnScreen: false,
        message: 'Not saved: the page changed before this was sent. Check which patient is on screen and try again.',
      });
      return;
    }
    const entry: InflightRecord = { requestId, patient, action, startedAt: deps.now().toISOString(), state: 'pending' };
    liveWrites.add(requestId);
    await saveInflight(entry);
    let result: ActionResult;
    try {
      const gateway = await deps.gateway();
      postToPanel(tabId, { type: 'action/progress', requestId, step: 'writing' });
      const reread = await gateway.write(patient, action, new AbortController().signal, requestId);
      postToPanel(tabId, { type: 'action/progress', requestId, step: 're-reading' });
      await afterSave(patient, gateway, reread);
      result = { type: 'action/result', requestId, patient, outcome: 'saved', stillOnScreen: showsPatient(tabId, patient) };
    } catch (error) {
      await run(tabId, dispatch(tabId, { type: 'write-failed', patient }));
      const stillOnScreen = showsPatient(tabId, patient);
      if (error instanceof GatewayError && error.kind === 'conflict') {
        result = { type: 'action/result', requestId, patient, outcome: 'conflict', stillOnScreen, message: error.userMessage, ...(error.conflict ? { conflict: error.conflict } : {}) };
      } else {
        const message = error instanceof GatewayError ? error.userMessage : 'The change was not saved. Check your connection and try again.';
        result = { type: 'action/result', requestId, patient, outcome: 'failed', stillOnScreen, message, ...(error instanceof GatewayError && error.kind === 'sign-in' ? signInOffer(error) : {}) };
      }
    } finally {
      liveWrites.delete(requestId);
    }
    await saveInflight({ ...entry, state: 'done', result });
    postToPanel(tabId, result);
  };

  const answerStatus = async (tabId: number, requestId: string): Promise<void> => {
    if (liveWrites.has(requestId)) return; // still running in this worker: the result will come
    const entry = (await inflightItem.getValue())[requestId];
    if (!entry) return;
    if (entry.state === 'done' && entry.result) {
      postToPanel(tabId, { ...entry.result, stillOnScreen: showsPatient(tabId, entry.patient) });
      return;
    }
    // The worker stopped mid-write: the write may or may not have reached the server.
    const result: ActionResult = {
      type: 'action/result',
      requestId,
      patient: entry.patient,
      outcome: 'interrupted',
      stillOnScreen: showsPatient(tabId, entry.patient),
      message: 'Carer Prompts was interrupted while saving. The record has been re-read: check whether your change is there before saving again.',
    };
    await saveInflight({ ...entry, state: 'done', result });
    try {
      // Nothing re-read this write (the worker stopped): read the record once, then show it like any re-read.
      const gateway = await deps.gateway();
      await afterSave(entry.patient, gateway, await gateway.read(entry.patient, new AbortController().signal));
    } catch {
      // The re-read failing shows as the tab's own error on its next load.
    }
    postToPanel(tabId, result);
  };

  return {
    ready: restored,

    /** `origin`: the origin of the top page that recognised this (from the message's sender). */
    async onRecognition(tabId: number, page: PageState, recognition: RecognitionMessage, origin?: string): Promise<void> {
      await restored;
      await run(tabId, dispatch(tabId, { type: 'recognised', page, recognition, ...(origin !== undefined ? { origin } : {}) }));
    },

    /**
     * A panel frame's port. It is given nothing until its hello shows it is framed directly by the
     * page the content script recognised in this tab: the tab's top page (`tabOrigin`, from the
     * port's sender) and the panel's one ancestor (`location.ancestorOrigins`, given by the
     * browser) are both that page's origin. Until the tab has a recognised page the port waits.
     */
    async onPanelConnect(tabId: number, port: Port, tabOrigin?: string): Promise<void> {
      let admitted = false;
      // Listening from the first moment (a message that arrives before a listener is lost, and the
      // hello is what admits the port); each message is handled once the tab state is restored,
      // in the order it came.
      port.onMessage.addListener((raw: unknown) => {
        const message = parseMessage(PanelToBackgroundSchema, raw);
        if (!message) return;
        void restored.then(() => {
          if (admitted) {
            void this.onPanelMessage(tabId, message);
            return;
          }
          if (message.type !== 'panel/hello') return;
          const candidate: WaitingPanel = {
            port,
            tabOrigin,
            ancestors: message.ancestors,
            admit: () => {
              admitted = true;
              ports.get(tabId)?.disconnect();
              ports.set(tabId, port);
              void this.onPanelMessage(tabId, message);
            },
          };
          decide(tabId, candidate);
        });
      });
      port.onDisconnect.addListener(() => {
        if (ports.get(tabId) === port) ports.delete(tabId);
        for (const panel of waiting.get(tabId) ?? []) if (panel.port === port) waiting.get(tabId)?.delete(panel);
      });
      await restored;
    },

    async onPanelMessage(tabId: number, message: PanelToBackground): Promise<void> {
      await restored;
      const record = records.get(tabId);
      switch (message.type) {
        case 'panel/hello':
          if (record) postToPanel(tabId, { type: 'view', page: record.page, view: record.view });
          return;
        case 'panel/shown':
          if (!record || !samePage(record.page, message.page)) return;
          deps.sendToTab(tabId, { type: 'frame/layout', page: record.page, visible: record.view.kind !== 'idle', mode: message.mode });
          return;
        case 'panel/sign-in':
          if (!deps.signIn) return;
          try {
            await deps.signIn();
          } catch (error) {
            if (record) setView(tabId, record.page, errorView(error));
            return;
          }
          if (record?.identity) {
            dropRead(tabId);
            setView(tabId, record.page, { kind: 'loading' });
            await load(tabId);
          }
          return;
        case 'panel/retry':
          if (record?.identity) {
            dropRead(tabId);
            setView(tabId, record.page, { kind: 'loading' });
            await load(tabId);
          }
          return;
        case 'action/run':
          await runAction(tabId, message);
          return;
        case 'action/status':
          await answerStatus(tabId, message.requestId);
          return;
      }
    },

    /** The options in force changed. `sameServer`: the FHIR server and sign-in are as before, so a record read from it still stands. */
    async onPolicyChanged({ sameServer = true }: { sameServer?: boolean } = {}): Promise<void> {
      await restored;
      await Promise.all([...records.keys()].map((tabId) => run(tabId, dispatch(tabId, { type: 'policy-changed', sameServer }))));
    },

    onTabRemoved(tabId: number): void {
      void run(tabId, dispatch(tabId, { type: 'tab-closed' }));
    },
  };
}

export type Controller = ReturnType<typeof createController>;

/** A sign-in offer: "Sign in" before the first sign-in of this browser session, "Sign in again" once a session has ended. */
function signInOffer(error: GatewayError): { signIn: true; firstSignIn?: true } {
  return isNotSignedInYet(error) ? { signIn: true, firstSignIn: true } : { signIn: true };
}
