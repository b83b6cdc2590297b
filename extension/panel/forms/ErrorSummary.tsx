import { useId } from 'preact/hooks';

export interface ErrorSummaryItem {
  key: string;
  message: string;
  /** The field the item links to; a problem with the form as a whole has none. */
  targetId?: string;
}

/**
 * NHS.UK error summary: what is wrong, at the top of the form, each item a link that moves focus
 * to its field. role=alert so it is read out as it appears.
 */
export function ErrorSummary({ items, focusRef }: { items: readonly ErrorSummaryItem[]; focusRef: { current: HTMLDivElement | null } }) {
  const titleId = `error-summary-title-${useId()}`;
  return (
    <div class="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={focusRef} data-error-summary="">
      <h3 class="error-summary__title" id={titleId}>
        There is a problem
      </h3>
      <ul class="error-summary__list">
        {items.map((item) => (
          <li key={item.key}>
            {item.targetId ? (
              <a
                href={`#${item.targetId}`}
                onClick={(event) => {
                  // Moves focus without navigating the panel's frame.
                  event.preventDefault();
                  const target = event.currentTarget.ownerDocument.getElementById(item.targetId ?? '');
                  target?.focus();
                  target?.scrollIntoView({ block: 'center' });
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

