/**
 * Reads the two RelatedPerson extensions Carer Prompts understands.
 */
import { COPY_CORRESPONDENCE_EXTENSION, carerStatusExtensionUrl } from '../../shared/terminology';
import { isFhirDateTime } from '../fhir/primitives';

export type Extension = { url: string } & Record<string, unknown>;

/** The well-formed extensions (objects with a string url) of an element, whatever shape it arrived in. */
export function extensionsOf(value: unknown): Extension[] {
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is Extension => typeof e === 'object' && e !== null && typeof (e as { url?: unknown }).url === 'string');
}

export interface CarerStatusExtension {
  isCarer?: boolean;
  askedOn?: string;
}

/**
 * The project's carer-status extension (docs/extensions.md), at the configured base only. Values of
 * the wrong type are ignored rather than guessed at. The last occurrence wins if a server repeats it.
 */
export function readCarerStatusExtension(extensions: unknown, base: string): CarerStatusExtension | undefined {
  const url = carerStatusExtensionUrl(base);
  const found = extensionsOf(extensions).filter((e) => e.url === url).at(-1);
  if (!found) return undefined;
  const result: CarerStatusExtension = {};
  for (const sub of extensionsOf(found.extension)) {
    if (sub.url === 'isCarer' && typeof sub.valueBoolean === 'boolean') result.isCarer = sub.valueBoolean;
    if (sub.url === 'askedOn' && isFhirDateTime(sub.valueDateTime)) result.askedOn = sub.valueDateTime;
  }
  return result;
}

/** UK Core CopyCorrespondenceIndicator (valueBoolean), when present and well-formed. */
export function readCopyCorrespondence(extensions: unknown): boolean | undefined {
  const found = extensionsOf(extensions).find((e) => e.url === COPY_CORRESPONDENCE_EXTENSION);
  return typeof found?.valueBoolean === 'boolean' ? found.valueBoolean : undefined;
}
