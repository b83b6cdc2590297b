/**
 * Record that a carer was involved in discharge planning (shared/actions/record-discharge-involvement.ts)
 * for the inpatient episode the prompt is about: how, and whether personal or only general
 * information was shared. The consent decision in force is shown so the choice matches it.
 */
import { displayText } from '../../../shared/displayText';
import type { CarerView } from '../../protocol/view';
import { RadioGroup, TextField } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

const SHARING = [
  ['personal-information', "The patient's information, as their consent decision allows"],
  ['general-information-only', 'General information only (no personal information)'],
] as const;

export function DischargeInvolvementForm(ctx: FormContext & { carer: CarerView; episode: `EpisodeOfCare/${string}` }) {
  const { carer, episode } = ctx;
  const name = carer.name !== undefined ? displayText(carer.name) : 'this carer';
  const permits = carer.consent.decision === 'permit' || carer.consent.decision === 'partial';
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `record-discharge-involvement:${carer.id}`, { how: '', shared: permits ? '' : 'general-information-only' });
  const v = draft.values;
  const options = permits ? SHARING : SHARING.filter(([key]) => key === 'general-information-only');
  return (
    <FormShell
      title={`${name} involved in discharge planning`}
      hint={`Consent: ${carer.consent.summary}`}
      submitLabel="Record involvement"
      write={write}
      problem={problem}
      draftLines={[`How: ${v.how ?? ''}`]}
      onCancel={cancel}
      onSubmit={() =>
        send(() => {
          const how = (v.how ?? '').trim();
          if (!how) return 'Say how the carer was involved.';
          const shared = options.find(([key]) => key === v.shared)?.[0];
          if (shared === undefined) return 'Say what was shared.';
          return { kind: 'record-discharge-involvement', carer: carer.reference, episode, how, shared };
        })
      }
    >
      <TextField label="How was the carer involved?" name="how" required hint="For example a discharge planning meeting or a telephone call." value={v.how ?? ''} onInput={(x) => draft.set('how', x)} />
      <RadioGroup legend="What was shared?" name="shared" value={v.shared ?? ''} onChange={(x) => draft.set('shared', x)} options={options} />
    </FormShell>
  );
}
