import type { ActionKind } from '../../../shared/domain/types';
import type { CarerView, PromptView } from '../../protocol/view';
import { displayText } from '../../../shared/displayText';
import { FORM_ACTIONS } from '../forms/registry';
import { groupPrompts, promptLabel, toneOf, type PromptGroup } from '../priority';

/** Prompt actions the panel can open a form for; the rest are advice only. */
export type OpenForm = (kind: ActionKind, prompt: PromptView) => void;

/**
 * The prompts in priority order (priority.ts): one group per person they are about, safety and
 * young carers first. Each action button's name says whom it is for ("Record consent decision for
 * Sara Khan"), starting with its visible label (WCAG 2.5.3 label in name).
 */
export function PromptList({ prompts, carers, onAction }: { prompts: readonly PromptView[]; carers: readonly CarerView[]; onAction: OpenForm }) {
  if (prompts.length === 0) return <p class="empty">No prompts for this patient.</p>;
  return (
    <div class="prompt-groups">
      {groupPrompts(prompts, carers).map((group) => (
        <PromptGroupView key={group.key} group={group} onAction={onAction} />
      ))}
    </div>
  );
}

function PromptGroupView({ group, onAction }: { group: PromptGroup; onAction: OpenForm }) {
  const forWhom = group.person !== undefined ? ` for ${group.person}` : '';
  return (
    <div class="prompt-group" data-prompt-group={group.key}>
      <h3 class="prompt-group__title">
        <bdi>{group.heading}</bdi>
        {group.youngCarer ? <span class="tag tag--young">Young carer</span> : null}
      </h3>
      <ol class="prompts">
        {group.prompts.map((prompt) => (
          <li key={prompt.id} class={`prompt prompt--${toneOf(prompt)}`} data-prompt-code={prompt.code} data-prompt-carer={prompt.carer}>
            <span class="prompt__severity">{promptLabel(prompt)}</span>
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
                  <button
                    key={action.kind}
                    type="button"
                    class="button button--primary button--small"
                    data-action={action.kind}
                    aria-label={`${action.label}${forWhom}`}
                    onClick={() => onAction(action.kind, prompt)}
                  >
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
    </div>
  );
}
