import type { ComponentChildren, InputHTMLAttributes } from 'preact';

/** Preact types each input type separately; pick the attributes for the one asked for. */
function inputType(type: 'text' | 'tel' | 'email' | 'date' | undefined): InputHTMLAttributes<HTMLInputElement> {
  switch (type) {
    case 'tel':
      return { type: 'tel' };
    case 'email':
      return { type: 'email' };
    case 'date':
      return { type: 'date' };
    default:
      return { type: 'text' };
  }
}

let counter = 0;
/** Unique ids tie each label to its control for screen readers. */
export const fieldId = (name: string): string => `f-${name}-${(counter += 1)}`;

export function TextField(props: { label: string; name: string; value: string; onInput: (v: string) => void; type?: 'text' | 'tel' | 'email' | 'date'; hint?: string; required?: boolean; autoComplete?: string }) {
  const id = fieldId(props.name);
  return (
    <div class="field">
      <label for={id}>{props.label}{props.required ? '' : ' (optional)'}</label>
      {props.hint ? <span class="field__hint" id={`${id}-hint`}>{props.hint}</span> : null}
      <input
        id={id}
        name={props.name}
        {...inputType(props.type)}
        value={props.value}
        required={props.required}
        autoComplete={props.autoComplete ?? 'off'}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export function TextArea(props: { label: string; name: string; value: string; onInput: (v: string) => void; hint?: string }) {
  const id = fieldId(props.name);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? <span class="field__hint" id={`${id}-hint`}>{props.hint}</span> : null}
      <textarea id={id} name={props.name} rows={2} value={props.value} aria-describedby={props.hint ? `${id}-hint` : undefined} onInput={(e) => props.onInput(e.currentTarget.value)} />
    </div>
  );
}

export function SelectField(props: { label: string; name: string; value: string; onChange: (v: string) => void; options: readonly (readonly [string, string])[]; required?: boolean }) {
  const id = fieldId(props.name);
  return (
    <div class="field">
      <label for={id}>{props.label}{props.required ? '' : ' (optional)'}</label>
      <select id={id} name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RadioGroup(props: { legend: string; name: string; value: string; onChange: (v: string) => void; options: readonly (readonly [string, string])[]; children?: ComponentChildren }) {
  return (
    <fieldset class="radios">
      <legend>{props.legend}</legend>
      {props.options.map(([value, label]) => {
        const id = fieldId(`${props.name}-${value}`);
        return (
          <div class="radio" key={value}>
            <input type="radio" id={id} name={props.name} value={value} checked={props.value === value} onChange={() => props.onChange(value)} />
            <label for={id}>{label}</label>
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
