/**
 * Think Family (shared/actions/record-children-asked.ts): the patient, a parent, was asked whether
 * children in the household help to care, and the answer. When a child helps, the form says to add
 * the child as a carer with their birth date (add-carer), so the young carer's prompts follow.
 */
import { RadioGroup, TextArea } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

const ANSWERS = [
  ['no', 'No child in the household helps to care'],
  ['yes', 'A child in the household helps to care'],
] as const;

export function ChildrenAskedForm(ctx: FormContext) {
  const { draft, write, problem, submitting, cancel } = useFormWrite(ctx, 'record-children-asked', { childHelps: '', note: '' });
  const v = draft.values;
  return (
    <FormShell
      title="Children who help (Think Family)"
      hint="Records that the patient was asked today whether any children in the household help to look after them or the home."
      submitLabel="Record the answer"
      write={write}
      problem={problem}
      draftLines={[`Children asked: ${v.childHelps === 'yes' ? 'a child helps' : v.childHelps === 'no' ? 'no child helps' : ''}`]}
      onCancel={cancel}
      {...submitting(() => {
        if (v.childHelps !== 'yes' && v.childHelps !== 'no') return 'Say whether a child in the household helps to care.';
        return { kind: 'record-children-asked', childHelps: v.childHelps === 'yes', ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
      })}
    >
      <RadioGroup legend="Does any child in the household help to care?" name="childHelps" value={v.childHelps ?? ''} onChange={(x) => draft.set('childHelps', x)} options={ANSWERS}>
        {v.childHelps === 'yes' ? (
          <p class="hint" data-hint="add-child-carer">
            Then add the child as a carer (Add a carer), with their date of birth, so the young carer prompts follow: a referral to young carers’ support and, under 18, their assessment.
          </p>
        ) : null}
      </RadioGroup>
      <TextArea label="Note (optional)" name="note" value={v.note ?? ''} onInput={(x) => draft.set('note', x)} />
    </FormShell>
  );
}
