/** Record a carer's contingency plan (shared/actions/record-contingency-plan.ts): what happens if they cannot care. */
import { displayText } from '../../../shared/displayText';
import type { CarerView } from '../../protocol/view';
import { CheckboxGroup } from './CheckboxGroup';
import { TextArea } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

export function ContingencyPlanForm(ctx: FormContext & { carer: CarerView }) {
  const { carer } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `record-contingency-plan:${carer.id}`, { plan: '', emergencyCard: '' });
  const v = draft.values;
  const card = v.emergencyCard === 'yes';
  return (
    <FormShell
      title={`Contingency plan for ${name}`}
      hint="What happens if the carer suddenly cannot care: who steps in, who to call, what the patient needs."
      submitLabel="Record plan"
      write={write}
      problem={problem}
      draftLines={[`Plan: ${v.plan ?? ''}`, ...(card ? ['Has an emergency card'] : [])]}
      onCancel={cancel}
      onSubmit={() =>
        send(() => {
          const plan = (v.plan ?? '').trim();
          if (!plan) return 'Say what happens if the carer cannot care.';
          return { kind: 'record-contingency-plan', carer: carer.reference, plan, ...(card ? { emergencyCard: true } : {}) };
        })
      }
    >
      <TextArea label="If the carer cannot care" name="plan" value={v.plan ?? ''} onInput={(x) => draft.set('plan', x)} hint="For example: her brother Tom steps in; call the crisis team on the number given." />
      <CheckboxGroup legend="Emergency card" name="emergencyCard" values={card ? ['yes'] : []} onChange={(ids) => draft.set('emergencyCard', ids.includes('yes') ? 'yes' : '')} options={[['yes', 'The carer has an emergency card backed by this plan']]} />
    </FormShell>
  );
}
