import { useEffect, useState } from 'preact/hooks';
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
  const count = view.kind === 'ready' ? view.prompts.length : 0;
  const setMode = (mode: 'collapsed' | 'expanded') => {
    store.mode.value = mode;
  };
  const page = store.page.value;
  const mode = store.mode.value;
  // After the browser has painted this view (Preact runs effects after paint), tell the page's
  // frame it may show: the frame is hidden from the moment the patient changes until then, so no
  // frame ever shows one patient's carers beside another patient's record.
  useEffect(() => {
    connection.layout();
  }, [page, view, mode]);

  if (store.refused.value) return <Refused />;

  if (mode === 'collapsed') {
    return (
      <div class="collapsed">
        <button type="button" class="collapsed__button" aria-expanded="false" aria-label={`Open Carer Prompts: ${badgeText(view, count)}`} onClick={() => setMode('expanded')}>
          <span class="collapsed__label" aria-hidden="true">
            Carers
          </span>
          <span class={`badge${count === 0 ? ' badge--none' : ''}`} aria-hidden="true" data-badge-count={count}>
            {view.kind === 'ready' ? count : view.kind === 'loading' ? '…' : '!'}
          </span>
        </button>
      </div>
    );
  }

  return (
    <main class="panel" aria-label="Carer Prompts">
      <header class="panel__header">
        <h1 class="panel__title">
          Carer prompts
          {view.kind === 'ready' ? (
            <span class={`badge${count === 0 ? ' badge--none' : ''}`} data-badge-count={count} aria-label={badgeText(view, count)}>
              {count}
            </span>
          ) : null}
        </h1>
        <button type="button" class="button button--header" aria-expanded="true" aria-label="Collapse Carer Prompts" onClick={() => setMode('collapsed')}>
          Hide
        </button>
      </header>
      {store.elsewhere.value ? (
        <div class="flash" role="status">
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
  return count === 1 ? '1 prompt' : `${count} prompts`;
}

function Body({ view, store, connection }: { view: PanelView } & AppProps) {
  switch (view.kind) {
    case 'idle':
      return <p class="empty">No patient recognised on this page.</p>;
    case 'loading':
      return (
        <p class="status status--progress" role="status" aria-busy="true">
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
              Sign in again
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

function ReadyPanel({ view, store, connection }: { view: ReadyView } & AppProps) {
  const { patient } = view;
  const [open, setOpen] = useState<OpenForm>();
  const [flash, setFlash] = useState<string>();

  useEffect(() => {
    void draftFormsFor(patient.reference).then((forms) => {
      const restored = forms.map(formFromDraftId).find((f) => f !== undefined);
      if (restored) setOpen((current) => current ?? restored);
    });
  }, [patient.reference]);

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
      setOpen(undefined);
      setFlash(outcome === 'saved' ? 'Saved. The panel now shows the record as re-read from the server.' : undefined);
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
        <p class="flash" role="status">
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
      {open ? <div class="form-area">{renderForm(open, ctx, view, carerById)}</div> : null}
      <section aria-labelledby="prompts-heading">
        <h2 id="prompts-heading" class="section-title">
          Prompts
        </h2>
        <PromptList prompts={prompts} onAction={openForPrompt} />
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
