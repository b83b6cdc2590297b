/**
 * The prompts a recorded deferral hides, under a "Deferred" heading: which prompt, who deferred it,
 * until when and why, and a button to end the deferral. They count for nothing in the badge.
 */
import { displayText } from '../../../shared/displayText';
import type { DeferredView } from '../../protocol/view';
import { DEFERRAL_REASON_LABEL, formatDate } from '../format';

export function DeferredPrompts({ deferred, canEnd, onEnd }: { deferred: readonly DeferredView[]; canEnd: boolean; onEnd: (deferred: DeferredView) => void }) {
  if (deferred.length === 0) return null;
  return (
    <section aria-labelledby="deferred-heading">
      <h2 id="deferred-heading" class="section-title">
        Deferred
      </h2>
      <ul class="deferred">
        {deferred.map((d) => (
          <li key={d.task} class="deferred__item" data-deferred-code={d.prompt.code} data-prompt-carer={d.prompt.carer}>
            <p class="deferred__summary">{displayText(d.prompt.summary)}</p>
            <p class="deferred__why">
              {`${d.kind === 'not-applicable' ? 'Not applicable' : 'Not now'}: deferred by ${d.by !== undefined ? displayText(d.by) : 'a colleague (not named in the record)'} on ${formatDate(d.on)} until ${formatDate(d.until)}, ${(DEFERRAL_REASON_LABEL[d.reason] ?? d.reason).toLowerCase()}`}
              {d.comment ? ` — “${displayText(d.comment)}”` : ''}
            </p>
            {canEnd ? (
              <button type="button" class="button button--secondary button--small" data-action="end-deferral" aria-label={`End deferral: ${displayText(d.prompt.summary)}`} onClick={() => onEnd(d)}>
                End deferral
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
