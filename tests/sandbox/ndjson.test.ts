import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCaseload } from '../../sandbox/generate/caseload';
import { writeNdjson } from '../../sandbox/ndjson';
import { TEST_NOW } from './support/fhirFetch';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-ndjson-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeNdjson', () => {
  it('writes one file per resource type holding exactly the generated caseload, one resource per line', async () => {
    const options = { patients: 300, seed: 21, now: TEST_NOW };
    const files = await writeNdjson(dir, generateCaseload(options));
    const expected = [...generateCaseload(options)];
    expect((await readdir(dir)).sort()).toEqual([...new Set(expected.map((r) => `${r.resourceType}.ndjson`))].sort());
    for (const file of files) {
      const lines = (await readFile(file.path, 'utf8')).split('\n');
      expect(lines.pop()).toBe('');
      const want = expected.filter((r) => r.resourceType === file.resourceType).map((r) => JSON.stringify(r));
      expect(lines).toEqual(want);
      expect(file.count).toBe(want.length);
    }
  });

  it('writes a large caseload completely, well beyond a file stream\'s buffer', async () => {
    // 5,000 patients ≈ 14,000 resources: writes outrun the disk, so the writer must wait for drain.
    const files = await writeNdjson(dir, generateCaseload({ patients: 5000, seed: 1, now: TEST_NOW }));
    const patients = files.find((f) => f.resourceType === 'Patient');
    const lines = (await readFile(patients?.path ?? '', 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(patients?.count ?? -1);
    expect(() => lines.map((l) => JSON.parse(l) as unknown)).not.toThrow();
  });
});
