/**
 * Record a disclosure without the patient's consent (shared/actions/record-disclosure.ts): the basis,
 * what was disclosed, and whether the patient was told ("this will be discussed with the individual
 * involved"). It is recorded as what it is, never as consent: the patient's decision stays as it was.
 */
import { displayText } from '../../../shared/displayText';
import type { CarerView } from '../../protocol/view';
import { RadioGroup, TextArea, TextField } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

const BASES = [
  ['best-interests', 'Best-interests decision (the patient lacks capacity to decide)'],
  ['serious-harm', 'Risk of serious harm to the patient or others'],
] as const;
const TOLD = [
  ['told', 'The patient was told'],
  ['to-be-told', 'The patient will be told'],
  ['not-told', 'Not told: telling the patient would increase the risk (say why below)'],
] as const;

export function DisclosureForm(ctx: FormContext & { carer: CarerView }) {
  const { carer } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `record-disclosure:${carer.id}`, { basis: '', what: '', patientTold: '', note: '' });
  const v = draft.values;
  return (
    <FormShell
      title={`Disclosure to ${name} without consent`}
      hint="Record information about the patient shared without their consent. This is not consent: the patient’s decision stays as recorded."
      submitLabel="Record disclosure"
      write={write}
      problem={problem}
      draftLines={[`Basis: ${BASES.find(([k]) => k === v.basis)?.[1] ?? 'not chosen'}`, `Disclosed: ${v.what ?? ''}`]}
      onCancel={cancel}
      onSubmit={() =>
        send(() => {
          const basis = BASES.find(([k]) => k === v.basis)?.[0];
          const patientTold = TOLD.find(([k]) => k === v.patientTold)?.[0];
          const what = (v.what ?? '').trim();
          if (!basis) return 'Choose the basis of the disclosure.';
          if (!what) return 'Say what was disclosed.';
          if (!patientTold) return 'Say whether the patient was told.';
          if (patientTold === 'not-told' && !v.note?.trim()) return 'Say why telling the patient would increase the risk.';
          return { kind: 'record-disclosure', carer: carer.reference, basis, what, patientTold, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
        })
      }
    >
      <RadioGroup legend="Basis" name="basis" value={v.basis ?? ''} onChange={(x) => draft.set('basis', x)} options={BASES} />
      <TextField label="What was disclosed" name="what" required value={v.what ?? ''} onInput={(x) => draft.set('what', x)} />
      <RadioGroup legend="Was the patient told?" name="patientTold" value={v.patientTold ?? ''} onChange={(x) => draft.set('patientTold', x)} options={TOLD} />
      <TextArea label="Why (and why the patient is not told, if so)" name="note" value={v.note ?? ''} onInput={(x) => draft.set('note', x)} />
    </FormShell>
  );
}
