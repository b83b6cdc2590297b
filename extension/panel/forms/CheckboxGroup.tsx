import { fieldId } from './fields';

/** Several of a list may be ticked; the value is the ticked values in list order. Each box is `name`d after its input field. */
export function CheckboxGroup(props: { legend: string; name: string; values: readonly string[]; onChange: (v: string[]) => void; options: readonly (readonly [string, string])[]; hint?: string }) {
  return (
    <fieldset class="radios">
      <legend>{props.legend}</legend>
      {props.hint ? <span class="field__hint">{props.hint}</span> : null}
      {props.options.map(([value, label]) => {
        const id = fieldId(`${props.name}-${value}`);
        const checked = props.values.includes(value);
        return (
          <div class="radio" key={value}>
            <input
              type="checkbox"
              id={id}
              name={props.name}
              value={value}
              checked={checked}
              onChange={() => props.onChange(props.options.map(([v]) => v).filter((v) => (v === value ? !checked : props.values.includes(v))))}
            />
            <label for={id}>{label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
