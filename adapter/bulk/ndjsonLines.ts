/**
 * Splits a stream of NDJSON bytes into lines without ever holding more than one chunk and one
 * unfinished line in memory, so a multi-gigabyte export file costs the same memory as a small one.
 *
 * Handles what real exports contain: CRLF line ends, blank lines (skipped), a last line with no
 * newline, and multi-byte UTF-8 characters split across chunks (the decoder keeps the partial
 * bytes until the next chunk).
 *
 * @see https://github.com/ndjson/ndjson-spec
 */
export interface NdjsonLine {
  /** The line's text without its line end. Never empty. */
  text: string;
  /** 1-based line number in the file (blank lines count), for warnings that must not quote the data. */
  lineNumber: number;
}

/** A source of bytes: a fetch body, a Node stream, or a test's array of chunks. */
export type ByteSource = AsyncIterable<Uint8Array>;

/**
 * The synchronous core: feed it chunks, get back the lines they complete. Callers that transform
 * every line (parse JSON) loop over these arrays synchronously instead of paying an async hop per
 * line — the difference between streaming at JSON.parse speed and well below it.
 */
export class NdjsonLineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private lineNumber = 0;

  /** The complete, non-blank lines this chunk finishes (the rest waits for the next chunk). */
  push(chunk: Uint8Array): NdjsonLine[] {
    const text = this.pending + this.decoder.decode(chunk, { stream: true });
    const lines: NdjsonLine[] = [];
    let start = 0;
    let newline = text.indexOf('\n', start);
    while (newline !== -1) {
      this.lineNumber += 1;
      const line = lineText(text, start, newline);
      if (line.length > 0) lines.push({ text: line, lineNumber: this.lineNumber });
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.pending = start === 0 ? text : text.slice(start);
    return lines;
  }

  /** The last line, when the file does not end with a newline. */
  end(): NdjsonLine[] {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    if (rest.length === 0) return [];
    this.lineNumber += 1;
    const line = lineText(rest, 0, rest.length);
    return line.length > 0 ? [{ text: line, lineNumber: this.lineNumber }] : [];
  }
}

/**
 * @example
 * for await (const { text } of ndjsonLines(response.body)) JSON.parse(text);
 */
export async function* ndjsonLines(source: ByteSource, onBytes?: (byteCount: number) => void): AsyncGenerator<NdjsonLine> {
  const splitter = new NdjsonLineSplitter();
  for await (const chunk of source) {
    onBytes?.(chunk.byteLength);
    yield* splitter.push(chunk);
  }
  yield* splitter.end();
}

/** The line between start and end without a trailing CR; empty when the line is blank. */
function lineText(text: string, start: number, end: number): string {
  let stop = end;
  if (stop > start && text.charCodeAt(stop - 1) === 13) stop -= 1;
  const line = text.slice(start, stop);
  // A line of only spaces/tabs is blank for our purposes; a real resource line starts with '{'.
  if (line.length > 0 && line.charCodeAt(0) > 32) return line;
  return line.trim().length === 0 ? '' : line;
}
