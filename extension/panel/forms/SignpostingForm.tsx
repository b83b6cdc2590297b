/**
 * Record signposting (shared/actions/record-signposting.ts): which of the trust's signposts (the
 * policy's text and links) the carer was given today.
 */
import { displayText } from '../../../shared/displayText';
import type { CarerView, ReadyView } from '../../protocol/view';
import { CheckboxGroup } from './CheckboxGroup';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

export function SignpostingForm(ctx: FormContext & { carer: CarerView; signposts: ReadyView['signposts'] }) {
  const { carer, signposts } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const { draft, write, problem, submitting, cancel } = useFormWrite(ctx, `record-signposting:${carer.id}`, { given: '' });
  const given = (draft.values.given ?? '').split(',').filter((id) => signposts.some((s) => s.id === id));
  const label = (id: string) => signposts.find((s) => s.id === id)?.label ?? id;
  return (
    <FormShell
      title={`Signposting given to ${name}`}
      hint="Records what the carer was given today, so colleagues and the audit see it and this prompt ends."
      submitLabel="Record signposting"
      write={write}
      problem={problem}
      draftLines={given.map((id) => `Given: ${label(id)}`)}
      onCancel={cancel}
      {...submitting(() => (given.length === 0 ? 'Choose what was given.' : { kind: 'record-signposting', carer: carer.reference, given }))}
    >
      <CheckboxGroup
        legend="What was given"
        required
        name="given"
        values={given}
        onChange={(ids) => draft.set('given', ids.join(','))}
        options={signposts.map((s): [string, string] => [s.id, s.url ? `${s.label} (${s.url})` : s.label])}
      />
    </FormShell>
  );
}
