/**
 * Defer a prompt (shared/actions/defer-prompt.ts): says which prompt it defers, for whom and until
 * when, records "not now" or "not applicable" with a coded reason in the record, where every
 * colleague's panel and the audit see it.
 */
import { DEFERRAL_REASONS } from '../../../shared/domain/types';
import { displayText } from '../../../shared/displayText';
import type { PromptView, ReadyView } from '../../protocol/view';
import { DEFERRAL_REASON_LABEL, formatDate } from '../format';
import { RadioGroup, SelectField, TextField } from './fields';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

const PERIODS: [string, string][] = [
  ['7', '1 week'],
  ['30', '30 days'],
  ['90', '90 days'],
  ['365', '1 year'],
];

/** The calendar date `days` after `today` (YYYY-MM-DD), for the form to say when the prompt returns. */
function dateAfter(today: string, days: number): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function DeferPromptForm(ctx: FormContext & { prompt: PromptView; view: ReadyView }) {
  const { prompt, view } = ctx;
  const { draft, write, problem, submitting, cancel } = useFormWrite(ctx, `defer-prompt:${prompt.id}`, { deferral: 'not-now', reason: '', days: '30', comment: '' });
  const v = draft.values;
  const days = Number(v.days ?? '30');
  const until = formatDate(dateAfter(view.formDefaults.today, days));
  return (
    <FormShell
      title="Defer this prompt"
      hint={`Defers “${displayText(prompt.summary)}” for this patient${prompt.carer ? ' and carer' : ''} until ${until}. It is kept in the record: colleagues see who deferred it, until when and why.`}
      submitLabel="Defer"
      write={write}
      problem={problem}
      draftLines={[`Deferred until ${until}: ${DEFERRAL_REASON_LABEL[v.reason ?? ''] ?? ''}`]}
      onCancel={cancel}
      {...submitting(() => {
          const reason = DEFERRAL_REASONS.find((r) => r === v.reason);
          if (!reason) return 'Choose a reason.';
          return {
            kind: 'defer-prompt',
            code: prompt.code,
            deferral: v.deferral === 'not-applicable' ? 'not-applicable' : 'not-now',
            reason,
            days,
            ...(prompt.carer ? { carer: prompt.carer } : {}),
            ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
          };
        })}
    >
      <RadioGroup
        legend="Why not now?"
        name="deferral"
        value={v.deferral ?? 'not-now'}
        onChange={(x) => draft.set('deferral', x)}
        options={[
          ['not-now', 'Not now — ask again later'],
          ['not-applicable', 'Does not apply to this patient or carer'],
        ]}
      />
      <SelectField label="Reason" name="reason" required value={v.reason ?? ''} onChange={(x) => draft.set('reason', x)} options={[['', 'Choose…'], ...DEFERRAL_REASONS.map((r): [string, string] => [r, DEFERRAL_REASON_LABEL[r] ?? r])]} />
      <SelectField label="Until" name="days" required value={v.days ?? '30'} onChange={(x) => draft.set('days', x)} options={PERIODS} />
      <TextField label="Comment" name="comment" value={v.comment ?? ''} onInput={(x) => draft.set('comment', x)} />
    </FormShell>
  );
}
