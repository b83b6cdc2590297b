import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { Conflict } from '../../protocol/messages';
import { createTrustedSubmitGate, isUserGesture } from './trustedSubmit';
import { WriteStatus } from '../components/Status';
import type { WriteState } from './useWrite';
import { displayText } from '../../../shared/displayText';
import { FormErrors, useFieldChecks } from './formErrors';
import { ErrorSummary } from './ErrorSummary';

/** The kind of the form open (its action), set by whoever opens it: every form carries `data-form="<kind>"`. */
export const FormKind = createContext<string | undefined>(undefined);

/** Whether the form takes focus as it opens: yes when the clinician opened it, no when a saved draft reopened it by itself. */
export const FocusOnOpen = createContext(true);

export interface FormShellProps {
  title: string;
  /** What the write will record, in one line, under the title. */
  hint?: string;
  submitLabel: string;
  write: WriteState;
  /** Validation message for the draft, shown instead of sending. */
  problem?: string;
  /**
   * The draft's own checks (those no single field can make), run on the first submit with the field
   * checks, so a problem is in the error summary before "Yes, save" is ever offered.
   */
  check?: () => string | undefined;
  onSubmit: () => void;
  onCancel: () => void;
  /** Lines describing the clinician's draft, shown beside a newer server version on conflict. */
  draftLines: string[];
  /** Saves the draft over the newer version the conflict showed. */
  onOverwrite?: (conflict: Conflict) => void;
  /** The form's kind for `data-form`, when it is not given by the FormKind context. */
  kind?: string;
  children?: ComponentChildren;
}

/**
 * A short form: fields, progress, the outcome. On failure the fields stay filled; on a 412 the
 * newer version is shown beside the draft and nothing is overwritten unless the clinician says so.
 */
export function FormShell(props: FormShellProps) {
  const { title, hint, submitLabel, write, onSubmit, onCancel, draftLines, onOverwrite, children } = props;
  const contextKind = useContext(FormKind);
  const focusOnOpen = useContext(FocusOnOpen);
  const kind = props.kind ?? contextKind;
  const ref = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const gate = useRef(createTrustedSubmitGate()).current;
  const busy = write.pending !== undefined;
  const conflict = write.result?.outcome === 'conflict' ? write.result.conflict : undefined;
  const [confirming, setConfirming] = useState(false);
  const fieldChecks = useFieldChecks(ref);
  const { errors } = fieldChecks;
  // Bumped on every failed attempt, so the summary takes focus again even when its text is the same.
  const [attempt, setAttempt] = useState(0);
  // What the draft's own check found on the last submit (kept until the next one, as the field errors are).
  const [checked, setChecked] = useState<string>();
  const problem = props.problem ?? checked;

  useEffect(() => {
    if (focusOnOpen) ref.current?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea, button')?.focus();
  }, []);

  // NHS.UK: after a failed submit, focus moves to the error summary, which is read out first.
  useEffect(() => {
    if (attempt > 0 || problem) summaryRef.current?.focus();
  }, [attempt, problem]);

  const summaryItems: { key: string; message: string; targetId?: string }[] = [
    ...errors.map((e) => ({ key: `field:${e.name}`, message: e.message, targetId: e.targetId })),
    ...(problem ? [{ key: 'problem', message: problem }] : []),
  ];

  return (
    <FormErrors.Provider value={fieldChecks.context}>
      <form
        ref={ref}
        class="form"
        aria-label={title}
        aria-busy={busy}
        data-form={kind}
        noValidate
        onClickCapture={(event) => gate.noteClick(event)}
        onSubmit={(event) => {
          event.preventDefault();
          // Only the clinician's own click or Enter writes; a script's click() or requestSubmit() does not.
          // It then asks once more, at a place the page cannot predict (ConfirmStep).
          if (!gate.accept(event) || busy) return;
          const found = fieldChecks.check();
          const draftProblem = props.check?.();
          setChecked(draftProblem);
          if (found.length > 0 || draftProblem !== undefined) {
            setConfirming(false);
            setAttempt((n) => n + 1);
            return;
          }
          setConfirming(true);
        }}
        onInput={() => setConfirming(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !busy) onCancel();
        }}
      >
        <h2 class="form__title">{title}</h2>
        {hint ? <p class="form__hint">{hint}</p> : null}
        {summaryItems.length > 0 ? <ErrorSummary focusRef={summaryRef} items={summaryItems} /> : null}
        <fieldset class="form__fields" disabled={busy}>
          {children}
        </fieldset>
        <WriteStatus write={write} />
        {conflict ? <ConflictView conflict={conflict} draftLines={draftLines} onOverwrite={onOverwrite} onDiscard={onCancel} /> : null}
        {confirming && !busy ? (
          <ConfirmStep
            question={`${submitLabel}: save this to the record?`}
            onConfirm={() => {
              setConfirming(false);
              onSubmit();
            }}
            onBack={() => setConfirming(false)}
          />
        ) : null}
        <div class="form__buttons">
          <button type="submit" class="button button--primary" disabled={busy || conflict !== undefined}>
            {busy ? 'Saving…' : submitLabel}
          </button>
          <button type="button" class="button button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </FormErrors.Provider>
  );
}

/** A random whole number below `n` that the page cannot predict (crypto, not Math.random). */
function unpredictable(n: number): number {
  return (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % n;
}

/**
 * The second step of every write. Where it sits (its offset, and which of its two buttons comes
 * first) is chosen at random each time it opens, so a page that lines up a lure over the panel
 * cannot know where "Yes, save" will be; and it needs the clinician's own click like the first.
 */
export function ConfirmStep({ question, onConfirm, onBack }: { question: string; onConfirm: () => void; onBack: () => void }) {
  const [layout] = useState(() => ({ offset: unpredictable(8) * 12, reversed: unpredictable(2) === 1 }));
  const ref = useRef<HTMLDivElement>(null);
  // Keyboard and screen reader users land on the question (it sits above the button they pressed);
  // they still choose a button themselves, whichever comes first.
  useEffect(() => {
    if (ref.current?.ownerDocument.hasFocus()) ref.current.focus();
  }, []);
  const yes = (
    <button key="yes" type="button" class="button button--primary" onClick={(event) => isUserGesture(event) && onConfirm()}>
      Yes, save
    </button>
  );
  const back = (
    <button key="back" type="button" class="button button--secondary" onClick={onBack}>
      Go back
    </button>
  );
  return (
    <div class="confirm" role="group" aria-label="Confirm this change" tabIndex={-1} ref={ref} data-confirm="" style={{ marginTop: `${8 + layout.offset}px` }}>
      <p>{question}</p>
      <div class="confirm__buttons">{layout.reversed ? [back, yes] : [yes, back]}</div>
    </div>
  );
}

function ConflictView({ conflict, draftLines, onOverwrite, onDiscard }: { conflict: Conflict; draftLines: string[]; onOverwrite?: (c: Conflict) => void; onDiscard: () => void }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="conflict" role="alert" aria-label="Someone else changed this record">
      <h3 class="conflict__title">Someone else changed this record while you were editing</h3>
      <p>Nothing was overwritten. Compare the newer version with your draft.</p>
      <div class="conflict__columns">
        <div class="conflict__column" data-conflict="server">
          <h4>Newer version on the server{conflict.lastUpdated ? ` (${conflict.lastUpdated.slice(0, 16).replace('T', ' ')})` : ''}</h4>
          <ul>
            {conflict.lines.map((line) => (
              <li key={line}>{displayText(line)}</li>
            ))}
          </ul>
        </div>
        <div class="conflict__column" data-conflict="draft">
          <h4>Your draft</h4>
          <ul>
            {draftLines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </div>
      <div class="form__buttons">
        {onOverwrite ? (
          <button type="button" class="button button--warning" onClick={(e) => isUserGesture(e) && setConfirming(true)}>
            Save my draft over the newer version
          </button>
        ) : null}
        {onOverwrite && confirming ? <ConfirmStep question="Replace the newer version with your draft?" onConfirm={() => onOverwrite(conflict)} onBack={() => setConfirming(false)} /> : null}
        <button type="button" class="button button--secondary" onClick={onDiscard}>
          Keep the newer version
        </button>
      </div>
    </section>
  );
}
