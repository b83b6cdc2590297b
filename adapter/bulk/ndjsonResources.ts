import { NdjsonLineSplitter, type ByteSource, type NdjsonLine } from './ndjsonLines';
import type { IntegrityEvent } from './sourceEvents';

/**
 * One line of an NDJSON file: a FHIR resource, or an integrity problem saying which line could not
 * be read (a line that is not a resource means the file is not what was exported: the pull is
 * then incomplete, never a complete count with one resource quietly missing).
 */
export type NdjsonItem = { type: 'resource'; resource: FhirResourceLike } | IntegrityEvent;

/** The least a line must be to count as a FHIR resource; everything else is the reader's to check. */
export interface FhirResourceLike {
  resourceType: string;
  [element: string]: unknown;
}

/**
 * Parses NDJSON bytes into resources, one line at a time. A line that is not JSON, or not a JSON
 * object with a `resourceType`, becomes an integrity problem naming the file and line — never its content,
 * which may hold patient data — and reading carries on with the next line.
 *
 * @param sourceName how warnings name the file (a file name or export file number, not a URL with a token).
 */
export async function* ndjsonResources(
  source: ByteSource,
  sourceName: string,
  onBytes?: (byteCount: number) => void,
  maxLineLength?: number,
): AsyncGenerator<NdjsonItem> {
  // One async step per chunk, not per line: lines are parsed in a plain loop over each chunk's lines.
  // A line over the limit throws NdjsonLineTooLongError out of the loop, which stops reading the source.
  const splitter = new NdjsonLineSplitter(maxLineLength);
  for await (const chunk of source) {
    onBytes?.(chunk.byteLength);
    for (const line of splitter.push(chunk)) yield parseNdjsonLine(line, sourceName);
  }
  for (const line of splitter.end()) yield parseNdjsonLine(line, sourceName);
}

/** One line as a resource, or the integrity problem that replaces it. */
export function parseNdjsonLine(line: NdjsonLine, sourceName: string): NdjsonItem {
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch {
    return unreadable(sourceName, `${sourceName} line ${line.lineNumber}: not valid JSON; line skipped`);
  }
  if (isResource(value)) return { type: 'resource', resource: value };
  return unreadable(sourceName, `${sourceName} line ${line.lineNumber}: not a FHIR resource (no resourceType); line skipped`);
}

function unreadable(source: string, message: string): IntegrityEvent {
  return { type: 'integrity', source, problem: 'unreadable-line', message };
}

export function isResource(value: unknown): value is FhirResourceLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { resourceType?: unknown }).resourceType === 'string'
  );
}
