/**
 * Splits a stream of NDJSON bytes into lines without ever holding more than one chunk and one
 * unfinished line (at most MAX_NDJSON_LINE_LENGTH) in memory, so a multi-gigabyte export file costs
 * the same memory as a small one, and a file of one endless line stops at the limit.
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
 * The longest line read, in characters (16 Mi). The resources the audit reads are a few kilobytes;
 * a Patient with a photo a few megabytes. A longer line is not FHIR worth reading but a decompression
 * bomb or a broken export: reading stops there, so time and memory stay bounded.
 */
export const MAX_NDJSON_LINE_LENGTH = 16 * 1024 * 1024;

/** A line longer than the limit: the file is not read past it. */
export class NdjsonLineTooLongError extends Error {
  override readonly name = 'NdjsonLineTooLongError';
  constructor(
    readonly lineNumber: number,
    readonly maxLength: number,
  ) {
    super(`line ${lineNumber} is longer than ${maxLength} characters`);
  }

  /** What a person is told: which file and line, never its content. */
  describe(sourceName: string): string {
    const limit = this.maxLength >= 1024 * 1024 ? `${Math.round(this.maxLength / (1024 * 1024))} MiB` : `${this.maxLength} characters`;
    return `${sourceName} line ${this.lineNumber} is longer than ${limit}; the file was not read past it, so some resources may be missing.`;
  }
}

/**
 * The synchronous core: feed it chunks, get back the lines they complete. Callers that transform
 * every line (parse JSON) loop over these arrays synchronously instead of paying an async hop per
 * line — the difference between streaming at JSON.parse speed and well below it.
 *
 * Linear in the input: each chunk is searched for newlines once, and an unfinished line is kept as
 * its pieces (joined once, when its newline arrives), never re-scanned. A line growing past
 * `maxLineLength` throws NdjsonLineTooLongError as soon as it does.
 */
export class NdjsonLineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private pieces: string[] = [];
  private pendingLength = 0;
  private lineNumber = 0;

  constructor(private readonly maxLineLength: number = MAX_NDJSON_LINE_LENGTH) {}

  /** The complete, non-blank lines this chunk finishes (the rest waits for the next chunk). */
  push(chunk: Uint8Array): NdjsonLine[] {
    const text = this.decoder.decode(chunk, { stream: true });
    const lines: NdjsonLine[] = [];
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      this.lineNumber += 1;
      this.checkLength(this.pendingLength + (newline - start), this.lineNumber);
      const whole = this.takePending(text.slice(start, newline));
      const line = lineText(whole, 0, whole.length);
      if (line.length > 0) lines.push({ text: line, lineNumber: this.lineNumber });
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) {
      this.checkLength(this.pendingLength + (text.length - start), this.lineNumber + 1);
      this.pieces.push(start === 0 ? text : text.slice(start));
      this.pendingLength += text.length - start;
    }
    return lines;
  }

  /** The last line, when the file does not end with a newline. */
  end(): NdjsonLine[] {
    const tail = this.decoder.decode();
    this.checkLength(this.pendingLength + tail.length, this.lineNumber + 1);
    const rest = this.takePending(tail);
    if (rest.length === 0) return [];
    this.lineNumber += 1;
    const line = lineText(rest, 0, rest.length);
    return line.length > 0 ? [{ text: line, lineNumber: this.lineNumber }] : [];
  }

  private takePending(last: string): string {
    if (this.pieces.length === 0) return last;
    this.pieces.push(last);
    const whole = this.pieces.join('');
    this.pieces = [];
    this.pendingLength = 0;
    return whole;
  }

  private checkLength(length: number, lineNumber: number): void {
    if (length > this.maxLineLength) {
      this.pieces = [];
      this.pendingLength = 0;
      throw new NdjsonLineTooLongError(lineNumber, this.maxLineLength);
    }
  }
}

/**
 * @example
 * for await (const { text } of ndjsonLines(response.body)) JSON.parse(text);
 */
export async function* ndjsonLines(source: ByteSource, onBytes?: (byteCount: number) => void, maxLineLength?: number): AsyncGenerator<NdjsonLine> {
  const splitter = new NdjsonLineSplitter(maxLineLength);
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
