/** Record a significant change in a carer's circumstances (shared/actions/record-circumstances-changed.ts): what changed, and a note. */
import { displayText } from '../../../shared/displayText';
import { CIRCUMSTANCE_CHANGES, type CircumstanceChange } from '../../../shared/terminology';
import type { CarerView } from '../../protocol/view';
import { RadioGroup, TextArea } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

const OPTIONS = Object.entries(CIRCUMSTANCE_CHANGES) as [CircumstanceChange, string][];

export function CircumstancesChangedForm(ctx: FormContext & { carer: CarerView }) {
  const { carer } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `record-circumstances-changed:${carer.id}`, { what: '', note: '' });
  const v = draft.values;
  return (
    <FormShell
      title={`A significant change for ${name}`}
      hint="Records the change today. The carer’s assessment review then becomes due now."
      submitLabel="Record change"
      write={write}
      problem={problem}
      draftLines={[`What changed: ${CIRCUMSTANCE_CHANGES[v.what as CircumstanceChange] ?? ''}`]}
      onCancel={cancel}
      onSubmit={() =>
        send(() => {
          const what = OPTIONS.find(([key]) => key === v.what)?.[0];
          if (what === undefined) return 'Say what changed.';
          return { kind: 'record-circumstances-changed', carer: carer.reference, what, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
        })
      }
    >
      <RadioGroup legend="What changed?" name="what" value={v.what ?? ''} onChange={(x) => draft.set('what', x)} options={OPTIONS} />
      <TextArea label="Note (optional)" name="note" value={v.note ?? ''} onInput={(x) => draft.set('note', x)} />
    </FormShell>
  );
}
