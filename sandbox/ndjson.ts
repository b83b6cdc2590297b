import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';

export interface NdjsonFile {
  resourceType: string;
  path: string;
  count: number;
}

/**
 * Streams resources to one NDJSON file per resource type (`Patient.ndjson`, `RelatedPerson.ndjson`,
 * …) in `dir`, the layout of a FHIR Bulk Data export. Waits for `drain` whenever a file's buffer is
 * full, so a 100,000-patient caseload never piles up in memory. Existing files are overwritten.
 * @see https://hl7.org/fhir/uv/bulkdata/export.html#file-format
 */
export async function writeNdjson(dir: string, resources: Iterable<Resource>): Promise<NdjsonFile[]> {
  await mkdir(dir, { recursive: true });
  const streams = new Map<string, { stream: WriteStream; file: NdjsonFile }>();
  try {
    for (const resource of resources) {
      let entry = streams.get(resource.resourceType);
      if (!entry) {
        const path = join(dir, `${resource.resourceType}.ndjson`);
        const stream = createWriteStream(path, { encoding: 'utf8' });
        entry = { stream, file: { resourceType: resource.resourceType, path, count: 0 } };
        streams.set(resource.resourceType, entry);
      }
      entry.file.count += 1;
      if (!entry.stream.write(`${JSON.stringify(resource)}\n`)) {
        // events.once rejects on the stream's 'error' by itself; a second listener per wait would pile up.
        await once(entry.stream, 'drain');
      }
    }
  } finally {
    await Promise.all(
      [...streams.values()].map(
        ({ stream }) =>
          new Promise<void>((resolve, reject) => {
            stream.once('error', reject);
            stream.end(() => resolve());
          }),
      ),
    );
  }
  return [...streams.values()].map((e) => e.file);
}
