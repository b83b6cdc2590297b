import { describedBy, useFieldErrors } from './formErrors';

/**
 * Several of a list may be ticked; the value is the ticked values in list order. Each box is `name`d
 * after its input field; with `required`, sending none is an error shown beside the question and in
 * the form's error summary (the first box carries the group's id, so the summary's link lands on it).
 */
export function CheckboxGroup(props: {
  legend: string;
  name: string;
  values: readonly string[];
  onChange: (v: string[]) => void;
  options: readonly (readonly [string, string])[];
  hint?: string;
  required?: boolean;
}) {
  const { id, errorId, hintId, error } = useFieldErrors(props.name, {
    check: () => (props.required && props.values.length === 0 ? `Select at least one answer to “${props.legend}”` : undefined),
  });
  return (
    <fieldset class={`radios${error ? ' field--error' : ''}`} aria-describedby={describedBy(props.hint && hintId, error && errorId)}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <span class="field__hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      {error ? (
        <span class="field__error" id={errorId}>
          <span class="visually-hidden">Error: </span>
          {error}
        </span>
      ) : null}
      {props.options.map(([value, label], index) => {
        const optionId = index === 0 ? id : `${id}-${value}`;
        const checked = props.values.includes(value);
        return (
          <div class="radio" key={value}>
            <input
              type="checkbox"
              id={optionId}
              name={props.name}
              value={value}
              checked={checked}
              aria-invalid={error ? true : undefined}
              onChange={() => props.onChange(props.options.map(([v]) => v).filter((v) => (v === value ? !checked : props.values.includes(v))))}
            />
            <label for={optionId}>{label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
