/**
 * Record that a young carer's transition assessment was asked of the local authority (Care Act 2014
 * s.63; shared/actions/request-transition-assessment.ts): of whom, and a note.
 */
import { displayText } from '../../../shared/displayText';
import type { CarerView } from '../../protocol/view';
import { TextArea, TextField } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

export function TransitionAssessmentForm(ctx: FormContext & { carer: CarerView }) {
  const { carer } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this young carer';
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `request-transition-assessment:${carer.id}`, { requestedFrom: '', note: '' });
  const v = draft.values;
  return (
    <FormShell
      title={`Transition assessment for ${name}`}
      hint="Records that a young carer’s transition assessment (Care Act 2014 s.63) was asked of the local authority today, with the young carer’s agreement."
      submitLabel="Record request"
      write={write}
      problem={problem}
      draftLines={[`Requested from: ${v.requestedFrom ?? ''}`]}
      onCancel={cancel}
      onSubmit={() =>
        send(() => {
          const requestedFrom = (v.requestedFrom ?? '').trim();
          if (!requestedFrom) return 'Say whom the transition assessment was asked of.';
          return { kind: 'request-transition-assessment', carer: carer.reference, requestedFrom, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
        })
      }
    >
      <TextField label="Requested from" name="requestedFrom" required hint="For example the local authority’s adult social care team." value={v.requestedFrom ?? ''} onInput={(x) => draft.set('requestedFrom', x)} />
      <TextArea label="Note (optional)" name="note" value={v.note ?? ''} onInput={(x) => draft.set('note', x)} />
    </FormShell>
  );
}
