import type { EhrProfileInput } from '../profiles/schema';

/** One EHR profile as its form shows it: text fields, URL patterns one per line. */
export interface ProfileDraft {
  id: string;
  label: string;
  urlPatterns: string;
  bannerSelector: string;
  nhsNumberSelector: string;
  nameSelector: string;
  birthDateSelector: string;
  /** Example addresses are kept as they were (edited in the JSON view). */
  examples: unknown;
}

export const EMPTY_PROFILE: ProfileDraft = { id: '', label: '', urlPatterns: '', bannerSelector: '', nhsNumberSelector: '', nameSelector: '', birthDateSelector: '', examples: [] };

const SELECTORS = ['bannerSelector', 'nhsNumberSelector', 'nameSelector', 'birthDateSelector'] as const;

/** A profile from its form: blank optional fields are left out rather than saved empty. */
export function profileFromDraft(draft: ProfileDraft): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    id: draft.id.trim(),
    label: draft.label.trim(),
    urlPatterns: draft.urlPatterns
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  };
  for (const key of SELECTORS) if (draft[key].trim() !== '') profile[key] = draft[key].trim();
  if (Array.isArray(draft.examples) && draft.examples.length > 0) profile.examples = draft.examples;
  return profile;
}

/** The form of a profile read from storage or from the JSON view (anything unexpected becomes text). */
export function draftFromProfile(profile: Partial<EhrProfileInput> | Record<string, unknown>): ProfileDraft {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const p = profile as Record<string, unknown>;
  return {
    id: text(p.id),
    label: text(p.label),
    urlPatterns: Array.isArray(p.urlPatterns) ? p.urlPatterns.filter((u): u is string => typeof u === 'string').join('\n') : '',
    bannerSelector: text(p.bannerSelector),
    nhsNumberSelector: text(p.nhsNumberSelector),
    nameSelector: text(p.nameSelector),
    birthDateSelector: text(p.birthDateSelector),
    examples: p.examples ?? [],
  };
}
