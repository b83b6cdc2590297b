/**
 * Validation problems in the words of the options page, never as paths ("EHR profiles
 * 0.urlPatterns.0"): which profile (by number and name), which field, and what to do.
 */

/** The options page's name for each field of an EHR profile. */
export const PROFILE_FIELD_LABELS: Record<string, string> = {
  id: 'Short id',
  label: 'Name',
  urlPatterns: 'Patient page address pattern',
  bannerSelector: 'Patient banner selector',
  nhsNumberSelector: 'NHS number selector',
  nameSelector: 'Name selector',
  birthDateSelector: 'Date of birth selector',
  examples: 'Example addresses',
};

export interface IssueLike {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** A zod message a person can act on: a missing or wrongly typed value is said plainly. */
function plainMessage(issue: IssueLike, value: unknown): string {
  if (issue.code === 'invalid_type') return value === undefined ? 'must be filled in.' : 'has the wrong kind of value (text, a list or a number is expected).';
  if (issue.code === 'too_small') return 'must be filled in.';
  if (issue.code === 'unrecognized_keys') return issue.message.replace(/^Unrecognized keys?/i, 'has fields Carer Prompts does not know:');
  return issue.message;
}

/**
 * One problem with the list of EHR profiles, e.g. `EHR profile 2 (“Trust EHR”), patient page
 * address pattern 1: Each URL pattern must be …`.
 */
export function describeProfileIssue(profiles: unknown, issue: IssueLike): string {
  const [index, field, item] = issue.path;
  if (typeof index !== 'number') return `EHR profiles: ${issue.path.length === 0 && issue.code === 'invalid_type' ? 'must be a list of profiles.' : issue.message}`;
  const label = valueAt(profiles, [index, 'label']);
  const which = `EHR profile ${index + 1}${typeof label === 'string' && label.trim() !== '' ? ` (“${label}”)` : ''}`;
  const message = plainMessage(issue, valueAt(profiles, issue.path));
  if (field === undefined) return `${which}: ${message}`;
  const fieldLabel = PROFILE_FIELD_LABELS[String(field)] ?? String(field);
  const position = typeof item === 'number' ? ` ${item + 1}` : '';
  return `${which}, ${fieldLabel.toLowerCase()}${position}: ${message}`;
}
