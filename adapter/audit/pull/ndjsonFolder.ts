import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { NdjsonLineTooLongError } from '../../bulk/ndjsonLines';
import { ndjsonResources } from '../../bulk/ndjsonResources';
import type { SourceEvent } from '../../bulk/sourceEvents';

export interface NdjsonFolderOptions {
  onBytes?: (count: number) => void;
  /** The longest line read (default MAX_NDJSON_LINE_LENGTH). */
  maxLineLength?: number;
  signal?: AbortSignal;
}

const NDJSON_FILE = /\.ndjson(\.gz)?$/i;

/**
 * Reads every `*.ndjson` (or gzipped `*.ndjson.gz`) file in a folder — an export already taken —
 * streamed line by line, in name order. Ends with one `complete` event: an unreadable folder or
 * file ends it as incomplete with a reason.
 */
export async function* readNdjsonFolder(dir: string, options: NdjsonFolderOptions = {}): AsyncGenerator<SourceEvent> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) {
      yield { type: 'complete', complete: false, reason: `${dir} is not a folder.` };
      return;
    }
    names = (await readdir(dir)).filter((name) => NDJSON_FILE.test(name)).sort();
  } catch {
    yield { type: 'complete', complete: false, reason: `The folder ${dir} could not be read.` };
    return;
  }
  if (names.length === 0) {
    yield { type: 'complete', complete: false, reason: `The folder ${dir} has no .ndjson files.` };
    return;
  }
  yield { type: 'files', done: 0, total: names.length };
  for (const [index, name] of names.entries()) {
    const file = createReadStream(join(dir, name), { highWaterMark: 256 * 1024, ...(options.signal ? { signal: options.signal } : {}) });
    try {
      const bytes = name.toLowerCase().endsWith('.gz') ? file.pipe(createGunzip()) : file;
      for await (const item of ndjsonResources(bytes, name, options.onBytes, options.maxLineLength)) yield item;
    } catch (error) {
      if (error instanceof NdjsonLineTooLongError) {
        // A line past the limit is a broken export or a decompression bomb: what was read is kept, marked INCOMPLETE.
        yield { type: 'complete', complete: false, reason: error.describe(name) };
        return;
      }
      if (options.signal?.aborted) {
        yield { type: 'complete', complete: false, reason: 'The pull was cancelled.' };
        return;
      }
      const code = (error as { code?: unknown }).code;
      yield { type: 'complete', complete: false, reason: `${name} could not be read${typeof code === 'string' ? ` (${code})` : ''}.` };
      return;
    } finally {
      // Leaving the gunzip early does not close the file under it.
      file.destroy();
    }
    yield { type: 'files', done: index + 1, total: names.length };
  }
  yield { type: 'complete', complete: true };
}
