/**
 * Recommendation 3 ("Involvement of the carer support organisations at assessment and subject to
 * carers consent, sharing the statutory assessment"): record the carer's referral for the statutory
 * carer's assessment (shared/actions/refer-carer-assessment.ts), and the carer's OWN decision whether
 * their assessment may be shared with that organisation (shared/actions/record-carer-sharing-consent.ts).
 * The organisations are the trust's (policy carerSupportOrganisations), never typed in.
 */
import { displayText } from '../../../shared/displayText';
import type { CarerView, ReadyView } from '../../protocol/view';
import { RadioGroup, SelectField, TextArea } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

type Organisations = ReadyView['supportOrganisations'];

const nameOf = (carer: CarerView, fallback: string) => (carer.name !== undefined ? displayText(carer.name) : fallback);

export function CarerReferralForm(ctx: FormContext & { carer: CarerView; organisations: Organisations }) {
  const { carer, organisations } = ctx;
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `refer-carer-assessment:${carer.id}`, { organisation: organisations[0]?.id ?? '', note: '' });
  const v = draft.values;
  const chosen = organisations.find((o) => o.id === v.organisation);
  return (
    <FormShell
      title={`Refer ${nameOf(carer, 'this carer')} for their statutory carer’s assessment`}
      hint="Records that the carer was referred today to the organisation that carries out or supports the local authority’s carer’s assessment."
      submitLabel="Record referral"
      write={write}
      problem={problem}
      draftLines={[`Referred to: ${chosen?.name ?? ''}`]}
      onCancel={cancel}
      onSubmit={() =>
        send(() => {
          if (chosen === undefined) return 'Choose the organisation referred to.';
          return { kind: 'refer-carer-assessment', carer: carer.reference, organisation: chosen.id, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
        })
      }
    >
      <SelectField label="Referred to" name="organisation" required value={v.organisation ?? ''} onChange={(x) => draft.set('organisation', x)} options={organisations.map((o): [string, string] => [o.id, o.name])} />
      <TextArea label="Note (optional)" name="note" value={v.note ?? ''} onInput={(x) => draft.set('note', x)} />
    </FormShell>
  );
}

export function CarerSharingConsentForm(ctx: FormContext & { carer: CarerView; organisations: Organisations }) {
  const { carer, organisations } = ctx;
  // The organisation the carer was referred to, when the policy still names it; else the first.
  const referredTo = organisations.find((o) => o.name === carer.assessment.referredTo)?.id;
  const { draft, write, problem, send, cancel } = useFormWrite(ctx, `record-carer-sharing-consent:${carer.id}`, { decision: '', organisation: referredTo ?? organisations[0]?.id ?? '' });
  const v = draft.values;
  const chosen = organisations.find((o) => o.id === v.organisation);
  const name = nameOf(carer, 'the carer');
  return (
    <FormShell
      title={`${name}’s decision: may their carer’s assessment be shared?`}
      hint="This is the carer’s own decision about their own information, not the patient’s consent."
      submitLabel="Record the carer’s decision"
      write={write}
      problem={problem}
      draftLines={[`Shared with: ${chosen?.name ?? ''}`, `Decision: ${v.decision === 'permit' ? 'yes' : v.decision === 'deny' ? 'no' : ''}`]}
      onCancel={cancel}
      onSubmit={() =>
        send(() => {
          if (chosen === undefined) return 'Choose the organisation.';
          if (v.decision !== 'permit' && v.decision !== 'deny') return 'Say whether the carer agrees.';
          return {
            kind: 'record-carer-sharing-consent',
            carer: carer.reference,
            decision: v.decision,
            organisation: chosen.id,
            ...(carer.assessment.referral !== undefined ? { referral: carer.assessment.referral } : {}),
          };
        })
      }
    >
      <SelectField label="Organisation" name="organisation" required value={v.organisation ?? ''} onChange={(x) => draft.set('organisation', x)} options={organisations.map((o): [string, string] => [o.id, o.name])} />
      <RadioGroup
        legend={`Does ${name} agree that their carer’s assessment may be shared with this organisation?`}
        name="decision"
        value={v.decision ?? ''}
        onChange={(x) => draft.set('decision', x)}
        options={[
          ['permit', 'Yes, it may be shared'],
          ['deny', 'No, it may not be shared'],
        ]}
      />
    </FormShell>
  );
}
