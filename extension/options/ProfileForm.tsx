import type { ComponentChildren } from 'preact';
import type { ProfileDraft } from './profileDraft';

interface ProfileFormProps {
  index: number;
  draft: ProfileDraft;
  readOnly: boolean;
  onChange: (draft: ProfileDraft) => void;
  onRemove: () => void;
  onTest: () => void;
  children?: ComponentChildren;
}

const SELECTOR_FIELDS = [
  ['bannerSelector', 'Patient banner (CSS selector)', 'Every element it matches is read; two banners with two patients show a notice instead.'],
  ['nhsNumberSelector', 'NHS number inside the banner (CSS selector, optional)', 'Left empty, the whole banner is searched for a valid NHS number.'],
  ['nameSelector', 'Name inside the banner (optional)', ''],
  ['birthDateSelector', 'Date of birth inside the banner (optional)', ''],
] as const;

/** One EHR profile as fields a person fills in, with "Test on this tab" beside them. */
export function ProfileForm({ index, draft, readOnly, onChange, onRemove, onTest, children }: ProfileFormProps) {
  const id = (field: string) => `profile-${index}-${field}`;
  const set = (field: keyof ProfileDraft) => (event: Event) => onChange({ ...draft, [field]: (event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value });
  return (
    <fieldset class="profile" data-profile={index + 1}>
      <legend>
        EHR profile {index + 1}
        {draft.label.trim() ? `: ${draft.label}` : ''}
      </legend>
      <label for={id('label')}>Name</label>
      <input id={id('label')} type="text" value={draft.label} readOnly={readOnly} onInput={set('label')} />
      <label for={id('id')}>Short id (lower-case letters, digits and dashes)</label>
      <input id={id('id')} type="text" value={draft.id} readOnly={readOnly} onInput={set('id')} spellcheck={false} />
      <label for={id('urlPatterns')}>Patient page address patterns, one per line</label>
      <p class="hint" id={id('urlPatterns-hint')}>
        A regular expression over the page address with a group named id for the patient’s FHIR id, e.g. /patients/(?&lt;id&gt;[A-Za-z0-9.-]+)
      </p>
      <textarea id={id('urlPatterns')} rows={2} spellcheck={false} value={draft.urlPatterns} readOnly={readOnly} onInput={set('urlPatterns')} aria-describedby={id('urlPatterns-hint')} />
      {SELECTOR_FIELDS.map(([field, label, hint]) => (
        <div key={field}>
          <label for={id(field)}>{label}</label>
          {hint ? (
            <p class="hint" id={id(`${field}-hint`)}>
              {hint}
            </p>
          ) : null}
          <input id={id(field)} type="text" spellcheck={false} value={draft[field]} readOnly={readOnly} onInput={set(field)} {...(hint ? { 'aria-describedby': id(`${field}-hint`) } : {})} />
        </div>
      ))}
      <div class="row">
        <button type="button" class="secondary" onClick={onTest}>
          Test on this tab
        </button>
        {readOnly ? null : (
          <button type="button" class="secondary" onClick={onRemove}>
            Remove this profile
          </button>
        )}
      </div>
      {children}
    </fieldset>
  );
}
