import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNhsNumber } from '../../../shared/nhsNumber';
import type { ActionKind } from '../../../shared/domain/types';
import type { CarerView, PanelView, PromptView, ReadyView } from '../../protocol/view';
import type { PanelConnection } from '../connection';
import { draftFormsFor } from '../drafts';
import { formatDate } from '../format';
import type { FormContext } from '../forms/Forms';
import { formFromDraftId, renderForm, type OpenForm } from '../forms/registry';
import type { PanelStore } from '../store';
import { CarerList } from './CarerList';
import { badgeOf } from '../priority';
import { FocusOnOpen, FormKind } from '../forms/FormShell';
import { PromptList } from './PromptList';
import { DeferredPrompts } from './DeferredPrompts';
import { Notice } from './Status';
import { displayText } from '../../../shared/displayText';

/** After the patient's death the record can still be corrected, but nothing is asked of or about them. */
const AFTER_DEATH_ACTIONS: ReadonlySet<ActionKind> = new Set<ActionKind>(['record-signposting', 'edit-carer', 'open-in-ehr']);

export interface AppProps {
  store: PanelStore;
  connection: PanelConnection;
}

/** The panel: collapsed to a tab with a badge, or docked open beside the record. */
export function App({ store, connection }: AppProps) {
  const view = store.view.value;
  const badge = view.kind === 'ready' ? badgeOf(view.prompts) : { count: 0, tone: 'none' as const };
  const page = store.page.value;
  const fold = useFold(view, badge.count);
  // The clinician's choice, unless the panel folded itself for a patient with nothing to do.
  const mode = store.mode.value === 'expanded' && fold.folded ? 'collapsed' : store.mode.value;
  const modeChangedByUser = useRef(false);
  const setMode = (next: 'collapsed' | 'expanded') => {
    modeChangedByUser.current = true;
    if (next === 'expanded') fold.unfold();
    store.mode.value = next;
  };
  // After the browser has painted this view (Preact runs effects after paint), tell the page's
  // frame it may show: the frame is hidden from the moment the patient changes until then, so no
  // frame ever shows one patient's carers beside another patient's record.
  useEffect(() => {
    connection.layout(mode);
  }, [page, view, mode]);

  // Collapsing or expanding replaces the control that was pressed: focus goes to its counterpart,
  // never to <body>. Only when the panel had focus: the panel never takes focus from the record.
  useEffect(() => {
    if (!modeChangedByUser.current) return;
    modeChangedByUser.current = false;
    if (document.hasFocus()) document.querySelector<HTMLElement>(mode === 'collapsed' ? '[data-panel-toggle]' : '#panel-title')?.focus();
  }, [mode]);

  useFocusOnArrival(mode);

  // The toolbar button asks every panel on screen to open (one that folded itself included).
  const openRequests = store.openRequests.value;
  const seenOpenRequests = useRef(openRequests);
  useEffect(() => {
    if (openRequests === seenOpenRequests.current) return;
    seenOpenRequests.current = openRequests;
    fold.unfold();
    store.mode.value = 'expanded';
  }, [openRequests]);

  if (store.refused.value) return <Refused />;

  const live = <LiveRegion store={store} view={view} />;
  const badgeGlyph = view.kind === 'ready' ? String(badge.count) : view.kind === 'loading' ? '…' : '!';
  if (mode === 'collapsed') {
    return (
      <main class="collapsed" aria-labelledby="panel-title">
        {live}
        <h1 class="visually-hidden" id="panel-title">
          Carer prompts
        </h1>
        {/* Its name starts with the word it shows (WCAG 2.5.3 label in name); the count is said in words. */}
        <button type="button" class="collapsed__button" data-panel-toggle="" aria-expanded="false" aria-label={`Carers: ${badgeText(view, badge.count)}. Show Carer Prompts`} onClick={() => setMode('expanded')}>
          <span class="collapsed__label">Carers</span>
        </button>
        {/* Drawn over the button, but clicks go through to it (panel.css). */}
        <span class={`badge badge--${badge.tone} collapsed__badge`} aria-hidden="true" data-badge-count={badge.count} data-badge-tone={badge.tone}>
          {badgeGlyph}
        </span>
      </main>
    );
  }

  return (
    <main class="panel" aria-labelledby="panel-title">
      {live}
      <header class="panel__header">
        <h1 class="panel__title" id="panel-title" tabIndex={-1}>
          Carer prompts{' '}
          {view.kind === 'ready' ? (
            <span class={`badge badge--${badge.tone}`} data-badge-count={badge.count} data-badge-tone={badge.tone}>
              <span aria-hidden="true">{badge.count}</span>
              <span class="visually-hidden">{`: ${badgeText(view, badge.count)}`}</span>
            </span>
          ) : null}
        </h1>
        <button type="button" class="button button--header" data-panel-toggle="" aria-expanded="true" aria-label="Hide Carer Prompts" onClick={() => setMode('collapsed')}>
          Hide
        </button>
      </header>
      {store.elsewhere.value ? (
        <div class="flash">
          {store.elsewhere.value}{' '}
          <button type="button" class="link-button" onClick={() => (store.elsewhere.value = undefined)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {!store.connected.value ? <p class="status status--progress">Reconnecting…</p> : null}
      <Body view={view} store={store} connection={connection} />
    </main>
  );
}

/**
 * The panel's one live region, in the page from the first render in every state, so screen
 * readers have registered it before anything is said in it (a region inserted with its message is
 * skipped by many). It says what was saved, and how many things there are to do.
 */
function LiveRegion({ store, view }: { store: PanelStore; view: PanelView }) {
  const count = view.kind === 'ready' ? badgeOf(view.prompts).count : undefined;
  const steps = Object.values(store.pending.value).map((p) => p.step);
  const progress = steps.includes('writing') ? 'Saving to the record…' : steps.includes('re-reading') ? 'Saved. Re-reading the record…' : '';
  const text = [
    view.kind === 'loading' ? 'Reading the patient’s carers from the record…' : '',
    progress,
    progress ? '' : store.announcement.value,
    store.elsewhere.value,
    count !== undefined ? `${badgeText(view, count)} for this patient.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-live-region="">
      {text}
    </div>
  );
}

/**
 * With nothing to do for a patient, the panel folds itself to its tab when it arrives at them (the
 * badge still says "nothing to do"). Decided once per patient, on their first view: a save that
 * clears the last prompt leaves the panel open on its confirmation, and a clinician who opens it
 * again keeps it open. Never stored: the clinician's own choice of mode stays what it was.
 */
function useFold(view: PanelView, todo: number): { folded: boolean; unfold: () => void } {
  const decided = useRef<{ patient?: string; folded: boolean }>({ folded: false });
  const [, redraw] = useState(0);
  if (view.kind === 'ready' && decided.current.patient !== view.patient.reference) decided.current = { patient: view.patient.reference, folded: todo === 0 };
  return {
    folded: view.kind === 'ready' && decided.current.folded,
    unfold: () => {
      if (!decided.current.folded) return;
      decided.current = { ...decided.current, folded: false };
      redraw((n) => n + 1);
    },
  };
}

/**
 * The keyboard command (Alt+Shift+C) focuses the panel's frame from the page; the frame's document
 * then has focus but no control does. Put it on the panel's title (or the collapsed tab), so a
 * screen reader says where the user is.
 */
function useFocusOnArrival(mode: 'collapsed' | 'expanded') {
  useEffect(() => {
    const onFocus = (): void => {
      const active = document.activeElement;
      if (active && active !== document.body && active !== document.documentElement) return;
      document.querySelector<HTMLElement>(mode === 'collapsed' ? '[data-panel-toggle]' : '#panel-title')?.focus();
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [mode]);
}

/** Framed anywhere but directly by the EHR page Carer Prompts recognised in this tab. */
export function Refused() {
  return (
    <main class="panel" aria-label="Carer Prompts" data-panel-refused="">
      <p class="empty">Carer Prompts is not available here. It shows only beside your EHR’s own record pages.</p>
    </main>
  );
}

function badgeText(view: PanelView, count: number): string {
  if (view.kind !== 'ready') return 'no prompts shown';
  if (count === 0) return 'nothing to do';
  return count === 1 ? '1 prompt to do' : `${count} prompts to do`;
}

function Body({ view, store, connection }: { view: PanelView } & AppProps) {
  switch (view.kind) {
    case 'idle':
      return <p class="empty">No patient recognised on this page.</p>;
    case 'loading':
      return (
        <p class="status status--progress" aria-busy="true">
          Reading the patient’s carers from the record…
        </p>
      );
    case 'ambiguous':
      return (
        <Notice tone="warning" title="Which patient is this?">
          <p>Two different NHS numbers are on screen, so Carer Prompts cannot be sure which patient this page is about. Nothing is shown until only one patient is on screen.</p>
        </Notice>
      );
    case 'mismatch':
      return (
        <Notice tone="error" title="Stopped: the record does not match this page">
          <p>The patient the FHIR server returned is not the patient on screen, so nothing is shown. Check you have the right record open, and tell your EHR support team if this keeps happening.</p>
          <ul>
            {view.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Notice>
      );
    case 'error':
      return (
        <Notice tone="error" title="Carer information is not available">
          <p>{view.message}</p>
          <p>This does not mean the patient has no carers: check the EHR record, or ask the patient.</p>
          {view.signIn ? (
            <button type="button" class="button button--primary" onClick={() => connection.signIn()}>
              {view.firstSignIn === true ? 'Sign in' : 'Sign in again'}
            </button>
          ) : null}
          {view.canRetry ? (
            <button type="button" class="button button--secondary" onClick={() => connection.retry()}>
              Try again
            </button>
          ) : null}
        </Notice>
      );
    case 'ready':
      return <ReadyPanel key={view.patient.reference} view={view} store={store} connection={connection} />;
  }
}

/** A selector that finds the same control again after a re-render replaced its element. */
function selectorOf(element: HTMLElement): string | undefined {
  const action = element.getAttribute('data-action');
  if (!action) return element.id ? `#${CSS.escape(element.id)}` : undefined;
  const card = element.closest('[data-carer], [data-prompt-code]');
  const attr = (name: string): string => (card?.hasAttribute(name) ? `[${name}="${CSS.escape(card.getAttribute(name) ?? '')}"]` : '');
  const scope = card ? `${attr('data-carer')}${attr('data-prompt-code')}${attr('data-prompt-carer')} ` : '';
  return `${scope}[data-action="${CSS.escape(action)}"]`;
}

function ReadyPanel({ view, store, connection }: { view: ReadyView } & AppProps) {
  const { patient } = view;
  const [open, setOpenState] = useState<OpenForm>();
  const [flash, setFlash] = useState<string>();
  const flashRef = useRef<HTMLParagraphElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  /** The control that opened the form, and where focus goes when the form closes. */
  const opener = useRef<{ element: HTMLElement | null; selector: string | undefined }>({ element: null, selector: undefined });
  const focusAfterClose = useRef<'opener' | 'confirmation' | undefined>(undefined);

  const setOpen = (form: OpenForm | undefined): void => {
    const active = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    opener.current = { element: active, selector: active ? selectorOf(active) : undefined };
    setOpenState(form);
  };

  useEffect(() => {
    void draftFormsFor(patient.reference).then((forms) => {
      const restored = forms.map(formFromDraftId).find((f) => f !== undefined);
      if (restored) setOpenState((current) => current ?? { ...restored, restored: true });
    });
  }, [patient.reference]);

  // After a form closes: back to the control that opened it (cancel, Escape), or to the
  // confirmation (saved: the control may have gone with the prompt it answered). Never <body>.
  useEffect(() => {
    const target = focusAfterClose.current;
    if (open || !target) return;
    focusAfterClose.current = undefined;
    if (!document.hasFocus()) return;
    const { element, selector } = opener.current;
    const back = element?.isConnected ? element : selector ? document.querySelector<HTMLElement>(selector) : null;
    const next = target === 'confirmation' ? flashRef.current : back;
    (next ?? flashRef.current ?? titleRef.current ?? document.querySelector<HTMLElement>('#panel-title'))?.focus();
  }, [open, flash]);

  const canWrite = (kind: ActionKind): boolean => view.writes[kind]?.enabled !== false;
  // Why each turned-off change is off (server capabilities, or scopes the sign-in was not given), once each.
  const offReasons = [...new Set(Object.values(view.writes).flatMap((w) => (w.enabled === false && w.reason ? [w.reason] : [])))];
  // Answering about a Patient.contact creates a RelatedPerson: gated on that write, not on updating one.
  const canAct = (prompt: PromptView, kind: ActionKind): boolean =>
    prompt.contact !== undefined && (kind === 'mark-carer' || kind === 'mark-not-carer') ? view.writes['answer-contact']?.enabled !== false : canWrite(kind);
  const prompts = view.prompts.map((p) => ({ ...p, actions: p.actions.filter((a) => canAct(p, a.kind)) }));
  const ctx: FormContext = {
    patient: patient.reference,
    store,
    connection,
    onClose: (outcome) => {
      focusAfterClose.current = outcome === 'saved' ? 'confirmation' : 'opener';
      setOpenState(undefined);
      const message = outcome === 'saved' ? 'Saved. The panel now shows the record as re-read from the server.' : undefined;
      setFlash(message);
      store.announcement.value = message ?? '';
    },
  };
  const carerById = (id: string | undefined): CarerView | undefined => view.carers.find((c) => c.id === id || c.reference === id);
  const openForPrompt = (kind: ActionKind, prompt: PromptView) => {
    setFlash(undefined);
    const carer = prompt.carer ? carerById(prompt.carer) : undefined;
    setOpen(kind === 'defer-prompt' || prompt.contact || prompt.consent ? { kind, prompt: prompt.id, promptView: prompt } : { kind, ...(carer ? { carer: carer.id } : {}) });
  };

  return (
    <div class="ready">
      <section class="patient" aria-label="Patient, as recorded on the FHIR server">
        <p class="patient__name">{patient.name !== undefined ? <bdi>{displayText(patient.name)}</bdi> : 'Name not recorded'}</p>
        <p class="patient__facts">
          {patient.birthDate ? <span>Born {formatDate(patient.birthDate)}</span> : null}
          {patient.nhsNumber ? <span>NHS No. {formatNhsNumber(patient.nhsNumber)}</span> : null}
        </p>
      </section>
      {patient.deceased ? (
        <Notice tone="info" title="The record says this patient has died">
          <p>Nothing more is asked about consent or carer’s assessments. Their carers can still be offered bereavement and carers’ support.</p>
        </Notice>
      ) : null}
      {flash ? (
        <p class="flash" tabIndex={-1} ref={flashRef} data-flash="">
          {flash}
        </p>
      ) : null}
      {view.warnings.length > 0 ? (
        <Notice tone="warning" title="Some of the record could not be read">
          <ul>
            {view.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {offReasons.length > 0 ? (
        <Notice tone="info" title="Some changes cannot be made from here">
          <ul>
            {offReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {open ? (
        <div class="form-area">
          <FormKind.Provider value={open.kind}>
            <FocusOnOpen.Provider value={open.restored !== true}>{renderForm(open, ctx, view, carerById)}</FocusOnOpen.Provider>
          </FormKind.Provider>
        </div>
      ) : null}
      <section aria-labelledby="prompts-heading">
        <h2 id="prompts-heading" class="section-title" tabIndex={-1} ref={titleRef}>
          Prompts
        </h2>
        <PromptList prompts={prompts} carers={view.carers} onAction={openForPrompt} />
      </section>
      <DeferredPrompts deferred={view.deferred} canEnd={canWrite('end-deferral')} onEnd={(d) => (setFlash(undefined), setOpen({ kind: 'end-deferral', task: d.task }))} />
      <section aria-labelledby="carers-heading">
        <h2 id="carers-heading" class="section-title">
          Carers and contacts
        </h2>
        {view.askedNoCarers ? <p class="asked">Asked{view.askedNoCarers.askedOn ? ` on ${formatDate(view.askedNoCarers.askedOn)}` : ''}: no carers named.</p> : null}
        <CarerList carers={view.carers} canWrite={(kind) => canWrite(kind) && (!patient.deceased || AFTER_DEATH_ACTIONS.has(kind))} onAction={(kind, carer) => (setFlash(undefined), setOpen({ kind, carer: carer.id }))} />
        <div class="ready__actions">
          {canWrite('add-carer') ? (
            <button type="button" class="button button--secondary" data-action="add-carer" onClick={() => setOpen({ kind: 'add-carer' })}>
              Add a carer
            </button>
          ) : null}
          {canWrite('record-no-carers') && !view.carers.some((c) => c.carerStatus === 'carer' && c.active) ? (
            <button type="button" class="button button--secondary" data-action="record-no-carers" onClick={() => setOpen({ kind: 'record-no-carers' })}>
              Asked: no carers
            </button>
          ) : null}
        </div>
      </section>
    </div>
  );
}
