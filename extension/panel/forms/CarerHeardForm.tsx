/**
 * Record a carer heard (shared/actions/record-carer-heard.ts): the patient declined to share, and the
 * carer was listened to and given general information only. The form lists the trust's general
 * information and signposts (none personal to the patient) and asks the clinician to confirm that
 * nothing personal was given: without that, nothing is recorded.
 */
import { displayText } from '../../../shared/displayText';
import type { CarerView, ReadyView } from '../../protocol/view';
import { CheckboxGroup } from './CheckboxGroup';
import { TextArea } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

type Item = ReadyView['signposts'][number];

export function CarerHeardForm(ctx: FormContext & { carer: CarerView; items: readonly Item[] }) {
  const { carer, items } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `record-carer-heard:${carer.id}`, { given: '', noPersonalInformation: '', note: '' });
  const v = draft.values;
  const given = (v.given ?? '').split(',').filter((id) => items.some((s) => s.id === id));
  const confirmed = v.noPersonalInformation === 'yes';
  const label = (id: string) => items.find((s) => s.id === id)?.label ?? id;
  return (
    <FormShell
      title={`${name} heard`}
      hint="The patient has not agreed to share information with this carer. You can listen to them and give general information that is not personal to the patient. Do not give personal information about the patient."
      submitLabel="Record carer heard"
      write={write}
      problem={problem}
      draftLines={[...given.map((id) => `Given: ${label(id)}`), confirmed ? 'No personal information given' : 'Not yet confirmed: no personal information given']}
      onCancel={cancel}
      onSubmit={() =>
        send(() =>
          !confirmed
            ? 'Confirm that no personal information about the patient was given.'
            : { kind: 'record-carer-heard', carer: carer.reference, given, noPersonalInformation: true, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
        )
      }
    >
      <CheckboxGroup
        legend="General information given (optional)"
        hint="Only information that is not personal to the patient."
        name="given"
        values={given}
        onChange={(ids) => draft.set('given', ids.join(','))}
        options={items.map((s): [string, string] => [s.id, s.url ? `${s.label} (${s.url})` : s.label])}
      />
      <CheckboxGroup
        legend="No personal information"
        required
        name="noPersonalInformation"
        values={confirmed ? ['yes'] : []}
        onChange={(ids) => draft.set('noPersonalInformation', ids.includes('yes') ? 'yes' : '')}
        options={[['yes', 'I gave no personal information about the patient']]}
      />
      <TextArea label="What the carer raised (optional)" name="note" hint="The carer’s own views and information." value={v.note ?? ''} onInput={(x) => draft.set('note', x)} />
    </FormShell>
  );
}
