import type { NdjsonItem } from './ndjsonResources';

/** What the manifest says one export file holds. */
export interface ExpectedFile {
  /** How messages name the file ("Consent file 1"), never its URL. */
  name: string;
  /** Every resource in it must be of this type (Bulk Data: one type per file). */
  type: string;
  /** The manifest's `count`, when the server gives one. */
  count?: number;
}

/**
 * Passes a file's items through, checking them against the manifest: a resource of another type
 * is not passed on but reported, and once the file ends its lines (resources and unreadable lines
 * alike) are compared with `count`. Returns whether the file was exactly what the manifest said —
 * a file that is not is never marked finished, so a resume downloads it again.
 *
 * @see https://hl7.org/fhir/uv/bulkdata/export.html#response---complete-status (output.count, one type per file)
 */
export async function* checkedFile(items: AsyncIterable<NdjsonItem>, file: ExpectedFile): AsyncGenerator<NdjsonItem, boolean> {
  let lines = 0;
  let sound = true;
  for await (const item of items) {
    lines += 1;
    if (item.type === 'integrity') {
      sound = false;
      yield item;
      continue;
    }
    if (item.resource.resourceType !== file.type) {
      sound = false;
      yield { type: 'integrity', source: file.name, problem: 'wrong-type', message: `${file.name}: a ${safeType(item.resource.resourceType)} resource in a ${file.type} file; skipped` };
      continue;
    }
    yield item;
  }
  if (file.count !== undefined && lines !== file.count) {
    sound = false;
    const message =
      lines < file.count
        ? `${file.name} held ${lines} of the ${file.count} resources the server's list of files promised`
        : `${file.name} held ${lines} resources where the server's list of files promised ${file.count}`;
    yield { type: 'integrity', source: file.name, problem: 'count', message };
  }
  return sound;
}

/** A resourceType is the server's text: only letters reach a message. */
function safeType(type: string): string {
  const letters = type.replace(/[^A-Za-z]/g, '').slice(0, 64);
  return letters === '' ? 'unnamed' : letters;
}
