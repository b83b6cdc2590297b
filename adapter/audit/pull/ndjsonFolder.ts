import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { ndjsonResources } from '../../bulk/ndjsonResources';
import type { SourceEvent } from '../../bulk/sourceEvents';

export interface NdjsonFolderOptions {
  onBytes?: (count: number) => void;
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
    try {
      const file = createReadStream(join(dir, name), { highWaterMark: 256 * 1024, ...(options.signal ? { signal: options.signal } : {}) });
      const bytes = name.toLowerCase().endsWith('.gz') ? file.pipe(createGunzip()) : file;
      for await (const item of ndjsonResources(bytes, name, options.onBytes)) yield item;
    } catch (error) {
      if (options.signal?.aborted) {
        yield { type: 'complete', complete: false, reason: 'The pull was cancelled.' };
        return;
      }
      const code = (error as { code?: unknown }).code;
      yield { type: 'complete', complete: false, reason: `${name} could not be read${typeof code === 'string' ? ` (${code})` : ''}.` };
      return;
    }
    yield { type: 'files', done: index + 1, total: names.length };
  }
  yield { type: 'complete', complete: true };
}
