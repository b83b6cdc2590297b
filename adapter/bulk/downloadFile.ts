import type { WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { FhirError, errorFromResponse, normalizeFhirError } from '../errors';
import { createPrivateWriteStream } from '../files/privateFiles';
import { NdjsonLineTooLongError, ndjsonLines, type ByteSource } from './ndjsonLines';
import { parseNdjsonLine, type NdjsonItem } from './ndjsonResources';
import { PULL_RETRY_POLICY, readJsonQuietly, retryDelay, sendWithRetry, type PullTransport, type RetryPolicy } from './transport';

export interface DownloadOptions {
  /** How warnings name the file: "<Type> file <n>", never the URL. */
  name: string;
  /** When given, every line is also written here (a `.part` file renamed on success) for resume. */
  keepAs?: string;
  retry?: RetryPolicy;
  onBytes?: (count: number) => void;
  onRetry?: (reason: string, waitMs: number) => void;
}

/**
 * Streams one export file, line by line, as resources and warnings. A failure before or during the
 * body (429, 5xx, a dropped connection) is retried with backoff; a retry skips the lines already
 * delivered, so nothing is counted twice. Gives up with a FhirError once the attempts are used.
 */
export async function* downloadFile(url: URL, transport: PullTransport, options: DownloadOptions): AsyncGenerator<NdjsonItem> {
  const policy = options.retry ?? PULL_RETRY_POLICY;
  const partPath = options.keepAs === undefined ? undefined : `${options.keepAs}.part`;
  // A local copy that cannot be written (disk full, a name planted in the folder) costs only the
  // resume: the file is then downloaded again on a rerun. It never fails the download itself.
  let copyFailed = false;
  const copy = partPath === undefined ? undefined : await createPrivateWriteStream(partPath).catch(() => {
    copyFailed = true;
    return undefined;
  });
  copy?.on('error', () => {
    copyFailed = true;
  });
  let delivered = 0;
  let finished = false;
  try {
    for (let retry = 0; ; retry += 1) {
      // Statuses are retried inside sendWithRetry; this loop retries a body that breaks mid-stream.
      const response = await sendWithRetry(url, { method: 'GET', headers: { accept: 'application/fhir+ndjson' } }, transport, {}, policy, options.onRetry);
      if (!response.ok || response.body === null) {
        const error = errorFromResponse(response.status, await readJsonQuietly(response));
        throw new FhirError({
          kind: error.kind,
          status: response.status,
          message: `download of ${options.name} failed (HTTP ${response.status})`,
          userMessage: `The FHIR server would not give ${options.name} of the export (HTTP ${response.status}).`,
        });
      }
      try {
        let seen = 0;
        for await (const line of ndjsonLines(response.body as ByteSource, options.onBytes)) {
          seen += 1;
          if (seen <= delivered) continue;
          delivered += 1;
          if (copy && !copyFailed) await writeLine(copy, line.text).catch(() => (copyFailed = true));
          yield parseNdjsonLine(line, options.name);
        }
        finished = true;
        break;
      } catch (error) {
        if (error instanceof NdjsonLineTooLongError) {
          // Not retried: the same file would bring the same endless line.
          throw new FhirError({ kind: 'invalid-response', cause: error, message: `${options.name}: ${error.message}`, userMessage: error.describe(options.name) });
        }
        const normalized = normalizeFhirError(error);
        const retryable = normalized.kind === 'network' || normalized.kind === 'timeout';
        if (transport.signal?.aborted || !retryable || retry >= policy.maxRetries) throw normalized;
        const wait = retryDelay(retry, policy, undefined, transport);
        options.onRetry?.(`${options.name} interrupted (${normalized.kind})`, wait);
        await transport.sleep(wait, transport.signal);
      }
    }
  } finally {
    if (copy) {
      if (!copy.closed) {
        copy.end();
        await once(copy, 'close').catch(() => undefined);
      }
      if (finished && !copyFailed && options.keepAs !== undefined && partPath !== undefined) await rename(partPath, options.keepAs).catch(() => undefined);
      else if (partPath !== undefined) await rm(partPath, { force: true }).catch(() => undefined);
    }
  }
}

async function writeLine(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(`${text}\n`)) await once(stream, 'drain');
}
