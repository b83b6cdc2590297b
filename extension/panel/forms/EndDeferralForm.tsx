/** End a deferral now (shared/actions/end-deferral.ts): the prompt returns for everyone. */
import { displayText } from '../../../shared/displayText';
import type { Action } from '../../protocol/messages';
import type { DeferredView } from '../../protocol/view';
import { formatDate } from '../format';
import { FormShell } from './FormShell';
import { useFormWrite, type FormContext } from './Forms';

export function EndDeferralForm(ctx: FormContext & { deferred: DeferredView }) {
  const { deferred } = ctx;
  const { write, problem, send, submitting, cancel } = useFormWrite(ctx, `end-deferral:${deferred.task}`, {});
  const action = (versionId?: string): Action => ({ kind: 'end-deferral', task: deferred.task, ...(versionId ? { versionId } : {}) });
  return (
    <FormShell
      title="End this deferral"
      hint={`“${displayText(deferred.prompt.summary)}” was deferred until ${formatDate(deferred.until)}. Ending it now shows the prompt again, for everyone.`}
      submitLabel="End deferral"
      write={write}
      problem={problem}
      draftLines={['Deferral ended today']}
      onCancel={cancel}
      {...submitting(() => action(deferred.versionId))}
      onOverwrite={(conflict) => send(() => action(conflict.versionId))}
    />
  );
}
