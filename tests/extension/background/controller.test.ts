import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { createController, type ControllerDeps } from '../../../extension/background/controller';
import { GatewayError, type Gateway } from '../../../extension/background/gateway';
import { NOT_SIGNED_IN_MESSAGE, notSignedInYet } from '../../../adapter/auth';
import { evaluateVisiblePrompts, loadPolicy } from '../../../extension/background/rules';
import type { BackgroundToPanel, PanelToBackground } from '../../../extension/protocol/messages';
import type { BackgroundToContent } from '../../../extension/protocol/page';
import type { CarerContext, PatientReference } from '../../../shared/domain/types';

const AmiraContext: CarerContext = {
  patient: { reference: 'Patient/demo-amira-khan', id: 'demo-amira-khan', nhsNumber: '9990011117', name: 'Amira Khan', birthDate: '1979-09-09' },
  carers: [
    {
      reference: 'RelatedPerson/demo-amira-khan-daughter',
      id: 'demo-amira-khan-daughter',
      name: 'Sara Khan',
      carerStatus: 'carer',
      relationships: ['Daughter'],
      contactRoles: [],
      telecom: [{ system: 'phone', value: '07700 900101' }],
      active: true,
      identifiedOn: '2026-06-01',
      consent: { decision: 'none' },
      assessment: { status: 'not-offered' },
    },
  ],
  orphanConsents: [],
  warnings: [],
};
const DanielContext: CarerContext = { ...AmiraContext, patient: { reference: 'Patient/demo-daniel-okafor', id: 'demo-daniel-okafor', nhsNumber: '9990044449', name: 'Daniel Okafor' }, carers: [] };

/** A FHIR side whose reads the test answers by hand, in any order. */
function heldGateway() {
  const pending: { patient: string; resolve: (c: CarerContext) => void }[] = [];
  const reads: string[] = [];
  const gateway: Gateway = {
    readForPage: (identity) =>
      new Promise((resolve) => {
        const patient = `Patient/${identity.fhirId ?? identity.nhsNumber ?? ''}`;
        reads.push(patient);
        pending.push({ patient, resolve });
      }),
    read: async (patient: PatientReference) => (patient === AmiraContext.patient.reference ? AmiraContext : DanielContext),
    write: async () => undefined,
    writes: async () => ({}),
  };
  const answer = (patient: string, context: CarerContext) => {
    const index = pending.findIndex((p) => p.patient === patient);
    pending.splice(index, 1)[0]?.resolve(context);
  };
  return { gateway, reads, answer };
}

/** The EHR page's origin, as the content script's sender and the panel's ancestor report it. */
const EHR = 'http://127.0.0.1:8080';

/** The panel's end of its port: what the background posted to it, and what the panel says over it. */
function panelPort() {
  const posted: BackgroundToPanel[] = [];
  const listeners: ((message: unknown) => void)[] = [];
  let disconnected = false;
  const port = {
    name: 'carer-prompts/panel',
    postMessage: (message: BackgroundToPanel) => void posted.push(message),
    disconnect: () => void (disconnected = true),
    onMessage: { addListener: (listener: (message: unknown) => void) => void listeners.push(listener) },
    onDisconnect: { addListener: () => undefined },
  } as unknown as Browser.runtime.Port;
  const say = (message: PanelToBackground) => listeners.forEach((listener) => listener(message));
  /** The panel's first word: where the browser says it is framed (directly by the EHR page unless told). */
  const hello = (ancestors: string[] = [EHR]) => say({ type: 'panel/hello', ancestors });
  return { port, posted, say, hello, isDisconnected: () => disconnected };
}

function setup(gateway: Gateway) {
  const sent: { tabId: number; message: BackgroundToContent }[] = [];
  const deps: ControllerDeps = {
    gateway: async () => gateway,
    policy: async () => loadPolicy({}),
    prompts: evaluateVisiblePrompts,
    now: () => new Date('2026-11-23T12:00:00Z'),
    sendToTab: (tabId, message) => void sent.push({ tabId, message }),
  };
  return { controller: createController(deps), sent, deps };
}

const LOAD = '1111111111111111';
/** A state of one page load (the same load unless another is named). */
const page = (seq: number, load = LOAD) => ({ load, seq });

const views = (posted: BackgroundToPanel[]) => posted.filter((m): m is Extract<BackgroundToPanel, { type: 'view' }> => m.type === 'view');
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the background controller', () => {
  beforeEach(() => fakeBrowser.reset());

  it('never shows a read that finishes after the page moved to another patient', async () => {
    const { gateway, answer } = heldGateway();
    const { controller } = setup(gateway);
    const { port, posted, hello } = panelPort();
    await controller.onPanelConnect(1, port, EHR);
    hello();
    void controller.onRecognition(1, page(1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } }, EHR);
    await settle();
    void controller.onRecognition(1, page(2), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-daniel-okafor' } }, EHR);
    await settle();
    answer('Patient/demo-amira-khan', AmiraContext);
    answer('Patient/demo-daniel-okafor', DanielContext);
    await settle();
    const ready = views(posted).filter((m) => m.view.kind === 'ready');
    expect(ready.map((m) => [m.page.seq, m.view.kind === 'ready' ? m.view.patient.id : ''])).toEqual([[2, 'demo-daniel-okafor']]);
  });

  it('drops patient A’s late answer on patient B’s page after a page load, though both loads start their count at 1', async () => {
    const { gateway, answer } = heldGateway();
    const { controller } = setup(gateway);
    const { port, posted, hello } = panelPort();
    await controller.onPanelConnect(1, port, EHR);
    hello();
    void controller.onRecognition(1, page(1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } }, EHR);
    await settle();
    // Patient B's page is a new document: its content script counts from 1 again, under a new load id.
    void controller.onRecognition(1, page(1, '2222222222222222'), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-daniel-okafor' } }, EHR);
    await settle();
    answer('Patient/demo-amira-khan', AmiraContext);
    await settle();
    expect(JSON.stringify(views(posted))).not.toMatch(/Amira|Sara Khan|9990011117/);
    answer('Patient/demo-daniel-okafor', DanielContext);
    await settle();
    expect(views(posted).filter((m) => m.view.kind === 'ready').map((m) => (m.view.kind === 'ready' ? m.view.patient.id : ''))).toEqual(['demo-daniel-okafor']);
  });

  it('refuses a write from a form opened for patient A once the tab shows patient B, and writes nothing', async () => {
    const { gateway, answer } = heldGateway();
    const written: string[] = [];
    const { controller } = setup({ ...gateway, write: async (patient) => void written.push(patient) });
    const { port, posted, hello } = panelPort();
    await controller.onPanelConnect(1, port, EHR);
    hello();
    void controller.onRecognition(1, page(1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } }, EHR);
    await settle();
    answer('Patient/demo-amira-khan', AmiraContext);
    await settle();
    void controller.onRecognition(1, page(1, '2222222222222222'), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-daniel-okafor' } }, EHR);
    await settle();
    const action = { kind: 'offer-assessment' as const, carer: 'RelatedPerson/demo-amira-khan-daughter' as const };
    await controller.onPanelMessage(1, { type: 'action/run', requestId: 'request-late-a', patient: 'Patient/demo-amira-khan', page: page(1), action });
    expect(written).toEqual([]);
    expect(posted.filter((m) => m.type === 'action/result')).toEqual([expect.objectContaining({ requestId: 'request-late-a', outcome: 'failed', stillOnScreen: false })]);
  });

  describe('which panel frames it talks to', () => {
    const amira = { kind: 'patient' as const, identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } };

    it('gives a panel framed by another site’s frame inside the EHR page nothing, and tells it so', async () => {
      const { gateway, answer } = heldGateway();
      const { controller } = setup(gateway);
      void controller.onRecognition(1, page(1), amira, EHR);
      await settle();
      answer('Patient/demo-amira-khan', AmiraContext);
      await settle();
      const nested = panelPort();
      await controller.onPanelConnect(1, nested.port, EHR);
      nested.hello(['http://127.0.0.1:9999', EHR]);
      await settle();
      expect(nested.posted).toEqual([{ type: 'panel/refused' }]);
      expect(nested.isDisconnected()).toBe(true);
    });

    it('gives nothing to a panel framed by another site the tab has moved on to, and lets it write nothing', async () => {
      const { gateway, answer } = heldGateway();
      const written: string[] = [];
      const { controller } = setup({ ...gateway, write: async (patient) => void written.push(patient) });
      void controller.onRecognition(1, page(1), amira, EHR);
      await settle();
      answer('Patient/demo-amira-khan', AmiraContext);
      await settle();
      const elsewhere = panelPort();
      await controller.onPanelConnect(1, elsewhere.port, 'http://elsewhere.test');
      elsewhere.hello(['http://elsewhere.test']);
      elsewhere.say({ type: 'action/run', requestId: 'request-elsewhere', patient: 'Patient/demo-amira-khan', page: page(1), action: { kind: 'record-no-carers' } });
      await settle();
      expect(elsewhere.posted).toEqual([]);
      expect(written).toEqual([]);
    });

    it('admits its own panel that said hello before the page was recognised, once it is', async () => {
      const { gateway } = heldGateway();
      const { controller } = setup(gateway);
      const { port, posted, hello } = panelPort();
      await controller.onPanelConnect(1, port, EHR);
      hello();
      await settle();
      expect(posted).toEqual([]);
      await controller.onRecognition(1, page(1), { kind: 'ambiguous', profileId: 'sandbox-ehr' }, EHR);
      await settle();
      expect(views(posted).at(-1)).toMatchObject({ page: page(1), view: { kind: 'ambiguous' } });
    });
  });

  it('reads only a few patients of a burst of patient changes, then the one left on screen', async () => {
    vi.useFakeTimers();
    try {
      const { gateway, reads } = heldGateway();
      const { deps } = setup(gateway);
      const controller = createController({ ...deps, now: () => new Date(Date.now()), readLimit: { burst: 2, refillMs: 1000 } });
      const ids = Array.from({ length: 18 }, (_, i) => `walked-${i}`);
      // A page walking through ids, a few milliseconds apart.
      for (const [i, id] of ids.entries()) {
        void controller.onRecognition(1, page(i + 1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: id } }, EHR);
        await vi.advanceTimersByTimeAsync(5);
      }
      expect(reads).toEqual(['Patient/walked-0', 'Patient/walked-1']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(reads).toEqual(['Patient/walked-0', 'Patient/walked-1', 'Patient/walked-17']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads a patient the tab has already read again at once, whatever the allowance', async () => {
    vi.useFakeTimers();
    try {
      const { gateway, reads } = heldGateway();
      const { deps } = setup(gateway);
      const controller = createController({ ...deps, now: () => new Date(Date.now()), readLimit: { burst: 1, refillMs: 60_000 } });
      for (const [i, id] of ['demo-amira-khan', 'demo-daniel-okafor', 'demo-amira-khan'].entries()) {
        void controller.onRecognition(1, page(i + 1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: id } }, EHR);
        await vi.advanceTimersByTimeAsync(5);
      }
      expect(reads).toEqual(['Patient/demo-amira-khan', 'Patient/demo-amira-khan']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads once when the EHR draws the address first and the banner a moment later', async () => {
    const { gateway, reads, answer } = heldGateway();
    const { controller } = setup(gateway);
    const { port, posted, hello } = panelPort();
    await controller.onPanelConnect(1, port, EHR);
    hello();
    void controller.onRecognition(1, page(1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } }, EHR);
    await settle();
    void controller.onRecognition(1, page(2), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan', nhsNumber: '9990011117' } }, EHR);
    await settle();
    answer('Patient/demo-amira-khan', AmiraContext);
    await settle();
    expect(reads).toEqual(['Patient/demo-amira-khan']);
    expect(views(posted).at(-1)).toMatchObject({ page: page(2), view: { kind: 'ready', patient: { id: 'demo-amira-khan' } } });
  });

  it('stops with a notice, and no patient data, when the record is not the patient on the page', async () => {
    const { gateway, answer } = heldGateway();
    const { controller } = setup(gateway);
    const { port, posted, hello } = panelPort();
    await controller.onPanelConnect(1, port, EHR);
    hello();
    void controller.onRecognition(1, page(1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan', nhsNumber: '9990044449' } }, EHR);
    await settle();
    answer('Patient/demo-amira-khan', AmiraContext);
    await settle();
    const last = views(posted).at(-1);
    expect(last?.view.kind).toBe('mismatch');
    expect(JSON.stringify(last)).not.toMatch(/Amira|Sara|9990011117/);
  });

  it('picks up where it was after the worker is stopped: the tab’s view is in session storage', async () => {
    const { gateway, answer } = heldGateway();
    const first = setup(gateway);
    void first.controller.onRecognition(1, page(3), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } }, EHR);
    await settle();
    answer('Patient/demo-amira-khan', AmiraContext);
    await settle();

    const restarted = setup(heldGateway().gateway);
    await restarted.controller.ready;
    const { port, posted, hello } = panelPort();
    await restarted.controller.onPanelConnect(1, port, EHR);
    hello();
    await settle();    
    expect(views(posted).at(-1)).toMatchObject({ page: page(3), view: { kind: 'ready', patient: { id: 'demo-amira-khan' } } });
  });

  it('admits a panel whose hello arrives while a restarted worker is still restoring the tab’s state', async () => {
    const { gateway, answer } = heldGateway();
    const first = setup(gateway);
    void first.controller.onRecognition(1, page(3), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } }, EHR);
    await settle();
    answer('Patient/demo-amira-khan', AmiraContext);
    await settle();

    const restarted = setup(heldGateway().gateway);
    const { port, posted, hello } = panelPort();
    const connecting = restarted.controller.onPanelConnect(1, port, EHR);
    hello(); // at once, as a panel reconnecting to a worker that has just woken does
    await connecting;
    await settle();
    expect(views(posted).at(-1)).toMatchObject({ page: page(3), view: { kind: 'ready', patient: { id: 'demo-amira-khan' } } });
  });

  it('shows the frame only for the page state the panel has drawn', async () => {
    const { gateway } = heldGateway();
    const { controller, sent } = setup(gateway);
    void controller.onRecognition(4, page(5), { kind: 'ambiguous', profileId: 'sandbox-ehr' }, EHR);
    await settle();
    await controller.onPanelMessage(4, { type: 'panel/shown', page: page(4), mode: 'expanded' });
    await controller.onPanelMessage(4, { type: 'panel/shown', page: page(5), mode: 'expanded' });
    expect(sent).toEqual([{ tabId: 4, message: { type: 'frame/layout', page: page(5), visible: true, mode: 'expanded' } }]);
  });

  it('answers a panel that asks about a write the stopped worker never finished', async () => {
    const { gateway } = heldGateway();
    const { controller } = setup(gateway);
    const { port, posted, hello } = panelPort();
    await controller.onRecognition(1, page(1), { kind: 'none' }, EHR);
    await controller.onPanelConnect(1, port, EHR);
    hello();
    await fakeBrowser.storage.session.set({
      inflight: { r9: { requestId: 'r9', patient: 'Patient/demo-amira-khan', action: { kind: 'record-no-carers' }, startedAt: '2026-11-23T11:59:00Z', state: 'pending' } },
    });
    await controller.onPanelMessage(1, { type: 'action/status', requestId: 'r9' });
    expect(posted.find((m) => m.type === 'action/result')).toMatchObject({ requestId: 'r9', outcome: 'interrupted' });
  });

  describe('when the SMART sign-in has ended', () => {
    /** A FHIR side behind a sign-in: every call is refused with "sign in again" until the clinician signs in. */
    function signInGateway() {
      const state = { signedIn: false, signIns: 0, writes: [] as string[] };
      const ended = () => new GatewayError('sign-in', 'Your sign-in to the FHIR server has ended. Sign in again: what you entered has been kept and nothing was lost.');
      const gateway: Gateway = {
        readForPage: async () => {
          if (!state.signedIn) throw ended();
          return AmiraContext;
        },
        read: async () => {
          if (!state.signedIn) throw ended();
          return AmiraContext;
        },
        write: async (_patient, _action, _signal, requestId) => {
          if (!state.signedIn) throw ended();
          state.writes.push(requestId);
          return AmiraContext;
        },
        writes: async () => ({}),
      };
      const signIn = async () => {
        state.signIns += 1;
        state.signedIn = true;
      };
      return { gateway, signIn, state };
    }

    it('offers "Sign in again", then reads the record once the clinician has signed in', async () => {
      const { gateway, signIn, state } = signInGateway();
      const { deps } = setup(gateway);
      const controller = createController({ ...deps, signIn });
      const { port, posted, hello } = panelPort();
      await controller.onPanelConnect(1, port, EHR);
    hello();
      await controller.onRecognition(1, page(1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } }, EHR);
      expect(views(posted).at(-1)?.view).toEqual({ kind: 'error', message: expect.stringMatching(/Sign in again/), canRetry: false, signIn: true });

      await controller.onPanelMessage(1, { type: 'panel/sign-in' });
      expect(state.signIns).toBe(1);
      expect(views(posted).at(-1)).toMatchObject({ page: page(1), view: { kind: 'ready', patient: { id: 'demo-amira-khan' } } });
    });

    it('says "Sign in" (first sign-in), not "Sign in again", when nobody has signed in yet in this browser session', async () => {
      const notYet = () => new GatewayError('sign-in', NOT_SIGNED_IN_MESSAGE, undefined, { cause: notSignedInYet() });
      const { gateway } = signInGateway();
      const { deps } = setup({ ...gateway, readForPage: async () => { throw notYet(); }, read: async () => { throw notYet(); } });
      const controller = createController(deps);
      const { port, posted, hello } = panelPort();
      await controller.onPanelConnect(1, port, EHR);
    hello();
      await controller.onRecognition(1, page(1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } }, EHR);
      expect(views(posted).at(-1)?.view).toEqual({ kind: 'error', message: NOT_SIGNED_IN_MESSAGE, canRetry: false, signIn: true, firstSignIn: true });
    });

    it('answers a refused write with "sign in again", writes nothing, and the resent request lands once after sign-in', async () => {
      const { gateway, signIn, state } = signInGateway();
      const { deps } = setup(gateway);
      const controller = createController({ ...deps, signIn });
      const { port, posted, hello } = panelPort();
      await controller.onPanelConnect(1, port, EHR);
    hello();
      // The record was read while signed in; the session ends while the clinician fills in a form.
      state.signedIn = true;
      await controller.onRecognition(1, page(1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } }, EHR);
      state.signedIn = false;
      const action = { kind: 'offer-assessment' as const, carer: 'RelatedPerson/demo-amira-khan-daughter' as const };
      await controller.onPanelMessage(1, { type: 'action/run', requestId: 'request-0001', patient: 'Patient/demo-amira-khan', page: page(1), action });
      expect(posted.filter((m) => m.type === 'action/result')).toEqual([expect.objectContaining({ outcome: 'failed', signIn: true, message: expect.stringMatching(/kept/) })]);
      expect(state.writes).toEqual([]);

      await controller.onPanelMessage(1, { type: 'panel/sign-in' });
      await controller.onPanelMessage(1, { type: 'action/run', requestId: 'request-0001', patient: 'Patient/demo-amira-khan', page: page(1), action });
      expect(state.writes).toEqual(['request-0001']);
      expect(posted.filter((m) => m.type === 'action/result').at(-1)).toMatchObject({ outcome: 'saved' });
    });

    it('keeps "Sign in again" on screen when the sign-in window is closed', async () => {
      const { gateway } = signInGateway();
      const { deps } = setup(gateway);
      const controller = createController({
        ...deps,
        signIn: async () => {
          throw new GatewayError('sign-in', 'Sign-in to the FHIR server was cancelled or refused. Sign in again to continue: what you entered has been kept.');
        },
      });
      const { port, posted, hello } = panelPort();
      await controller.onPanelConnect(1, port, EHR);
    hello();
      await controller.onRecognition(1, page(1), { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } }, EHR);
      await controller.onPanelMessage(1, { type: 'panel/sign-in' });
      expect(views(posted).at(-1)?.view).toMatchObject({ kind: 'error', signIn: true, message: expect.stringMatching(/cancelled/) });
    });
  });
});

describe('one re-read after a write, and re-renders from the record in memory', () => {
  beforeEach(() => fakeBrowser.reset());

  /** A FHIR side that answers at once and counts every read of a patient's record. */
  function countingGateway(writeResult: () => CarerContext | undefined) {
    const counts = { readForPage: 0, read: 0 };
    const gateway: Gateway = {
      readForPage: async () => {
        counts.readForPage += 1;
        return AmiraContext;
      },
      read: async () => {
        counts.read += 1;
        return AmiraContext;
      },
      write: async () => writeResult(),
      writes: async () => ({}),
    };
    return { gateway, counts };
  }

  const amira = { kind: 'patient', identity: { profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan' } } as const;

  it('a failed re-read after a save is reported once as saved, never re-read a second time by the controller', async () => {
    const { gateway, counts } = countingGateway(() => undefined);
    const { controller } = setup(gateway);
    const { port, posted, hello } = panelPort();
    await controller.onPanelConnect(1, port, EHR);
    hello();
    await controller.onRecognition(1, page(1), amira, EHR);
    await controller.onPanelMessage(1, { type: 'action/run', requestId: 'req-00000001', patient: 'Patient/demo-amira-khan', page: page(1), action: { kind: 'record-no-carers' } });
    expect(counts.read).toBe(0);
    const results = posted.filter((m) => m.type === 'action/result');
    expect(results).toEqual([expect.objectContaining({ outcome: 'saved', stillOnScreen: true })]);
    // What the panel showed before the write is not passed off as the record now: it says so and offers a fresh read.
    expect(views(posted).at(-1)?.view).toEqual({ kind: 'error', message: expect.stringMatching(/saved/), canRetry: true });
  });

  it('a policy change re-renders from the record in memory without a FHIR read', async () => {
    const { gateway, counts } = countingGateway(() => AmiraContext);
    const { deps } = setup(gateway);
    let policy = loadPolicy({});
    const controller = createController({ ...deps, policy: async () => policy });
    const { port, posted, hello } = panelPort();
    await controller.onPanelConnect(1, port, EHR);
    hello();
    await controller.onRecognition(1, page(1), amira, EHR);
    const before = views(posted).at(-1)?.view;
    expect(before?.kind).toBe('ready');
    policy = loadPolicy({ firstOfferWithinMonths: 24 });
    await controller.onPolicyChanged();
    const after = views(posted).at(-1);
    expect(counts).toEqual({ readForPage: 1, read: 0 });
    expect(after).toMatchObject({ page: page(1), view: { kind: 'ready', patient: { id: 'demo-amira-khan' } } });
    expect(after?.view).not.toEqual(before);
  });

  it('a policy change never re-renders a record in memory on a page that has moved to another patient', async () => {
    const { gateway } = countingGateway(() => AmiraContext);
    const { deps } = setup(gateway);
    const controller = createController({ ...deps, policy: async () => loadPolicy({ firstOfferWithinMonths: 24 }) });
    const { port, posted, hello } = panelPort();
    await controller.onPanelConnect(1, port, EHR);
    hello();
    await controller.onRecognition(1, page(1), amira, EHR);
    await controller.onRecognition(1, page(2), { kind: 'pending' }, EHR);
    await controller.onPolicyChanged();
    expect(views(posted).at(-1)).toEqual({ type: 'view', page: page(2), view: { kind: 'loading' } });
  });
});
