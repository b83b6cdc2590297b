import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { dateProblem, formValueOf, parseDateParts, splitIsoDate, type DatePartName, type DateParts } from './dateParts';
import { describedBy, useFieldErrors } from './formErrors';

/**
 * The form controls, NHS.UK style: a label, an optional hint, the control, and when the form was
 * sent with a problem in it, an inline error tied to the control (aria-invalid, aria-describedby)
 * and listed in the form's error summary (FormShell). Each control's `name` is its field in the
 * action's input.
 */

/** Preact types each input type separately; pick the attributes for the one asked for. */
function inputType(type: 'text' | 'tel' | 'email' | undefined): InputHTMLAttributes<HTMLInputElement> {
  switch (type) {
    case 'tel':
      return { type: 'tel' };
    case 'email':
      return { type: 'email' };
    default:
      return { type: 'text' };
  }
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function ErrorMessage({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <span class="field__error" id={id}>
      <span class="visually-hidden">Error: </span>
      {error}
    </span>
  );
}

export interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  onInput: (v: string) => void;
  /** 'date' renders the day / month / year input (DateField); the value stays YYYY-MM-DD. */
  type?: 'text' | 'tel' | 'email' | 'date';
  hint?: string;
  required?: boolean;
  autoComplete?: string;
}

export function TextField(props: TextFieldProps) {
  if (props.type === 'date') return <DateField {...props} />;
  return <PlainTextField {...props} type={props.type} />;
}

function PlainTextField(props: Omit<TextFieldProps, 'type'> & { type: 'text' | 'tel' | 'email' | undefined }) {
  const { id, errorId, hintId, error } = useFieldErrors(props.name, { check: () => (props.required && props.value.trim() === '' ? `Enter ${lowerFirst(props.label)}` : undefined) });
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{props.label}{props.required ? '' : ' (optional)'}</label>
      {props.hint ? <span class="field__hint" id={hintId}>{props.hint}</span> : null}
      <ErrorMessage id={errorId} error={error} />
      <input
        id={id}
        name={props.name}
        {...inputType(props.type)}
        value={props.value}
        required={props.required}
        autoComplete={props.autoComplete ?? 'off'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.hint && hintId, error && errorId)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

const DATE_PARTS: readonly { part: DatePartName; label: string; width: string }[] = [
  { part: 'day', label: 'Day', width: 'date-input__item--2' },
  { part: 'month', label: 'Month', width: 'date-input__item--2' },
  { part: 'year', label: 'Year', width: 'date-input__item--4' },
];

/**
 * A date as three number boxes in a fieldset (NHS.UK date input). `value` and `onInput` carry
 * YYYY-MM-DD when what is typed is a real date; while it is not, the form value holds what was
 * typed (which no form accepts as a date) and the field says what is wrong when the form is sent.
 * A hidden input keeps the field's `name` with the date, as every other control does.
 */
export function DateField(props: Omit<TextFieldProps, 'type'>) {
  const typed = useRef<DateParts>(splitIsoDate(props.value));
  const seen = useRef(props.value);
  const [, redraw] = useState(0);
  // The value was changed from outside (a draft restored): show that, unless it is what was typed.
  if (props.value !== seen.current) {
    seen.current = props.value;
    if (props.value !== formValueOf(typed.current)) typed.current = splitIsoDate(props.value);
  }
  const parts = typed.current;
  const parsed = parseDateParts(parts);
  const { id, errorId, hintId, error } = useFieldErrors(props.name, {
    targetId: undefined,
    check: () => dateProblem(props.label, parseDateParts(parts), props.required === true),
  });
  const wrongParts: ReadonlySet<DatePartName> = new Set(error ? (parsed.kind === 'incomplete' ? parsed.missing : parsed.kind === 'invalid' ? parsed.parts : ['day', 'month', 'year']) : []);
  const update = (part: DatePartName, text: string): void => {
    const next = { ...parts, [part]: text };
    typed.current = next;
    redraw((n) => n + 1);
    props.onInput(formValueOf(next));
  };
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <fieldset class="date-input" aria-describedby={describedBy(props.hint && hintId, error && errorId)}>
        <legend>{props.label}{props.required ? '' : ' (optional)'}</legend>
        {props.hint ? <span class="field__hint" id={hintId}>{props.hint}</span> : null}
        <ErrorMessage id={errorId} error={error} />
        <input type="hidden" name={props.name} value={parsed.kind === 'date' ? parsed.value : ''} />
        <div class="date-input__items">
          {DATE_PARTS.map(({ part, label, width }) => {
            const partId = part === 'day' ? id : `${id}-${part}`;
            return (
              <div class={`date-input__item ${width}`} key={part}>
                <label for={partId}>{label}</label>
                <input
                  id={partId}
                  name={`${props.name}-${part}`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={parts[part]}
                  aria-invalid={wrongParts.has(part) ? true : undefined}
                  onInput={(e) => update(part, e.currentTarget.value)}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function TextArea(props: { label: string; name: string; value: string; onInput: (v: string) => void; hint?: string }) {
  const { id, errorId, hintId, error } = useFieldErrors(props.name, { check: () => undefined });
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint ? <span class="field__hint" id={hintId}>{props.hint}</span> : null}
      <ErrorMessage id={errorId} error={error} />
      <textarea
        id={id}
        name={props.name}
        rows={2}
        value={props.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props.hint && hintId, error && errorId)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export function SelectField(props: { label: string; name: string; value: string; onChange: (v: string) => void; options: readonly (readonly [string, string])[]; required?: boolean }) {
  const { id, errorId, error } = useFieldErrors(props.name, { check: () => (props.required && props.value === '' ? `Choose ${lowerFirst(props.label)}` : undefined) });
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{props.label}{props.required ? '' : ' (optional)'}</label>
      <ErrorMessage id={errorId} error={error} />
      <select id={id} name={props.name} value={props.value} aria-invalid={error ? true : undefined} aria-describedby={describedBy(error && errorId)} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A question answered by choosing one option. Every radio question in these forms needs an answer
 * (an optional one would say so in its legend), so an unanswered one is an error when sent.
 */
export function RadioGroup(props: { legend: string; name: string; value: string; onChange: (v: string) => void; options: readonly (readonly [string, string])[]; children?: ComponentChildren }) {
  const { id, errorId, error } = useFieldErrors(props.name, {
    targetId: undefined,
    check: () => (props.options.some(([value]) => value === props.value) ? undefined : `Select an answer to “${props.legend}”`),
  });
  return (
    <fieldset class={`radios${error ? ' field--error' : ''}`} aria-describedby={describedBy(error && errorId)}>
      <legend>{props.legend}</legend>
      <ErrorMessage id={errorId} error={error} />
      {props.options.map(([value, label], index) => {
        // The first option carries the group's id, so the error summary's link lands on the question.
        const optionId = index === 0 ? id : `${id}-${value}`;
        return (
          <div class="radio" key={value}>
            <input type="radio" id={optionId} name={props.name} value={value} checked={props.value === value} onChange={() => props.onChange(value)} />
            <label for={optionId}>{label}</label>
          </div>
        );
      })}
      {props.children}
    </fieldset>
  );
}

/** One item per line, blank lines dropped. */
export const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
