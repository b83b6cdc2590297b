import type { ActionKind } from '../../../shared/domain/types';
import type { PromptView } from '../../protocol/view';
import { displayText } from '../../../shared/displayText';
import { FORM_ACTIONS } from '../forms/registry';

const SEVERITY_LABEL: Record<PromptView['severity'], string> = { critical: 'Urgent', warning: 'To do', info: 'For information' };

/** Prompt actions the panel can open a form for; the rest are advice only. */
export type OpenForm = (kind: ActionKind, prompt: PromptView) => void;

export function PromptList({ prompts, onAction }: { prompts: readonly PromptView[]; onAction: OpenForm }) {
  if (prompts.length === 0) {
    return (
      <p class="empty" role="status">
        No prompts for this patient.
      </p>
    );
  }
  return (
    <ol class="prompts" aria-label="Prompts, most urgent first">
      {prompts.map((prompt) => (
        <li key={prompt.id} class={`prompt prompt--${prompt.severity}`} data-prompt-code={prompt.code} data-prompt-carer={prompt.carer}>
          <span class="prompt__severity">{SEVERITY_LABEL[prompt.severity]}</span>
          <p class="prompt__summary">{displayText(prompt.summary)}</p>
          <details class="prompt__details">
            <summary>Why this matters</summary>
            <p>{displayText(prompt.detail)}</p>
            <p class="prompt__commitment">{prompt.commitment}</p>
          </details>
          <div class="prompt__actions">
            {prompt.actions
              .filter((a) => FORM_ACTIONS.has(a.kind))
              .map((action) => (
                <button key={action.kind} type="button" class="button button--primary button--small" data-action={action.kind} onClick={() => onAction(action.kind, prompt)}>
                  {action.label}
                </button>
              ))}
            {prompt.snoozable ? (
              <button type="button" class="button button--secondary button--small" data-action="defer-prompt" aria-label={`Defer: ${displayText(prompt.summary)}`} onClick={() => onAction('defer-prompt', prompt)}>
                Defer
              </button>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
