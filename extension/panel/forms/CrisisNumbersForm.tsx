/**
 * Record that a carer was given the crisis and out-of-hours numbers (shared/actions/record-crisis-numbers.ts):
 * which of the trust's numbers (the policy's `crisisNumbers`) were given today.
 */
import { displayText } from '../../../shared/displayText';
import type { CarerView, ReadyView } from '../../protocol/view';
import { CheckboxGroup } from './CheckboxGroup';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

export function CrisisNumbersForm(ctx: FormContext & { carer: CarerView; numbers: NonNullable<ReadyView['crisisNumbers']> }) {
  const { carer, numbers } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `record-crisis-numbers:${carer.id}`, { given: '' });
  const given = (draft.values.given ?? '').split(',').filter((id) => numbers.some((n) => n.id === id));
  const label = (id: string) => numbers.find((n) => n.id === id)?.label ?? id;
  return (
    <FormShell
      title={`Crisis numbers given to ${name}`}
      hint="Records which of the trust’s crisis and out-of-hours numbers the carer was given today."
      submitLabel="Record numbers given"
      write={write}
      problem={problem}
      draftLines={given.map((id) => `Given: ${label(id)}`)}
      onCancel={cancel}
      onSubmit={() => send(() => (given.length === 0 ? 'Choose the numbers given.' : { kind: 'record-crisis-numbers', carer: carer.reference, given }))}
    >
      <CheckboxGroup
        legend="Numbers given"
        required
        name="given"
        values={given}
        onChange={(ids) => draft.set('given', ids.join(','))}
        options={numbers.map((n): [string, string] => [n.id, n.url ? `${n.label} (${n.url})` : n.label])}
      />
    </FormShell>
  );
}
