/**
 * Record a carer's involvement in one of the patient's current care plans
 * (shared/actions/involve-carer-in-care-plan.ts). Consent-aware: a partial decision's "do not share"
 * list is shown before anything is sent, so involving the carer never shares what the patient excluded.
 */
import { displayText } from '../../../shared/displayText';
import type { CarerView, PromptView } from '../../protocol/view';
import { RadioGroup, TextArea } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

export function CarePlanInvolvementForm(ctx: FormContext & { carer: CarerView; plans: NonNullable<PromptView['carePlans']> }) {
  const { carer, plans } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `involve-carer-in-care-plan:${carer.id}`, { carePlan: plans.length === 1 ? (plans[0]?.reference ?? '') : '', note: '' });
  const v = draft.values;
  const chosen = plans.find((p) => p.reference === v.carePlan);
  const mayNotShare = carer.consent.decision === 'partial' ? carer.consent.mayNotShare : [];
  return (
    <FormShell
      title={`Involve ${name} in care planning`}
      hint="Records that the carer was involved in this plan today, so colleagues and the audit see it."
      submitLabel="Record involvement"
      write={write}
      problem={problem}
      draftLines={[`Plan: ${chosen ? displayText(chosen.label) : ''}`]}
      onCancel={cancel}
      onSubmit={() =>
        send(() => {
          if (!chosen) return 'Choose the plan the carer was involved in.';
          return { kind: 'involve-carer-in-care-plan', carer: carer.reference, carePlan: chosen.reference, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
        })
      }
    >
      {mayNotShare.length > 0 ? (
        <div class="callout callout--warning" data-do-not-share="">
          <p class="callout__title">
            <span class="visually-hidden">Important: </span>Do not share
          </p>
          <ul>
            {mayNotShare.map((item) => (
              <li key={item}>{displayText(item)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <RadioGroup legend="Which plan was the carer involved in?" name="carePlan" value={v.carePlan ?? ''} onChange={(x) => draft.set('carePlan', x)} options={plans.map((p): [string, string] => [p.reference, displayText(p.label)])} />
      <TextArea label="How they were involved (optional)" name="note" value={v.note ?? ''} onInput={(x) => draft.set('note', x)} />
    </FormShell>
  );
}
