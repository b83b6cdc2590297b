/** Record a young carer's referral (shared/actions/refer-young-carer.ts): to whom, and a note. */
import { displayText } from '../../../shared/displayText';
import type { CarerView } from '../../protocol/view';
import { TextArea, TextField } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

export function YoungCarerReferralForm(ctx: FormContext & { carer: CarerView }) {
  const { carer } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this young carer';
  const { draft, write, problem, submitting, cancel } = useFormWrite(ctx, `refer-young-carer:${carer.id}`, { referredTo: '', note: '' });
  const v = draft.values;
  return (
    <FormShell
      title={`Refer ${name} to young carers’ support`}
      hint="Records that the referral was made today (to the young carers’ service, or the local authority for a young carer’s needs assessment)."
      submitLabel="Record referral"
      write={write}
      problem={problem}
      draftLines={[`Referred to: ${v.referredTo ?? ''}`]}
      onCancel={cancel}
      {...submitting(() => {
          const referredTo = (v.referredTo ?? '').trim();
          if (!referredTo) return 'Say who the young carer was referred to.';
          return { kind: 'refer-young-carer', carer: carer.reference, referredTo, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
        })}
    >
      <TextField label="Referred to" name="referredTo" required hint="For example the local young carers’ service." value={v.referredTo ?? ''} onInput={(x) => draft.set('referredTo', x)} />
      <TextArea label="Note (optional)" name="note" value={v.note ?? ''} onInput={(x) => draft.set('note', x)} />
    </FormShell>
  );
}
