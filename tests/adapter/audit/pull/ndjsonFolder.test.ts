import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Patient, RelatedPerson } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullPopulation, type PullEvent } from '../../../../adapter/audit/pull';

const PatientAda: Patient = { resourceType: 'Patient', id: 'ada' };
const PatientBen: Patient = { resourceType: 'Patient', id: 'ben' };
const CarerGrace: RelatedPerson = { resourceType: 'RelatedPerson', id: 'grace', patient: { reference: 'Patient/ada' } };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ndjson-folder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function pull(ndjsonDir: string, extra: { progressEvery?: number; maxWarnings?: number } = {}): Promise<PullEvent[]> {
  const events: PullEvent[] = [];
  for await (const event of pullPopulation({ mode: 'ndjson', ndjsonDir, ...extra })) events.push(event);
  return events;
}

const ids = (events: PullEvent[]) => events.flatMap((e) => (e.type === 'resource' ? [(e.resource as { id: string }).id] : [])).sort();

describe('--from-ndjson', () => {
  it('reads a small gzip file holding one 128 MiB line up to the line limit only, and marks the pull INCOMPLETE naming the line', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(`${JSON.stringify(PatientAda)}\n`), Buffer.alloc(128 * 1024 * 1024, 'a'), Buffer.from(`\n${JSON.stringify(PatientBen)}\n`)]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await writeFile(join(dir, 'Patient.ndjson.gz'), bomb);
    const events = await pull(dir);
    expect(ids(events)).toEqual(['ada']);
    expect(events.at(-1)).toEqual({ type: 'complete', complete: false, reason: 'Patient.ndjson.gz line 2 is longer than 16 MiB; the file was not read past it, so some resources may be missing.' });
  });

  it('reads every .ndjson file in the folder (gzipped too) and ignores other files', async () => {
    await writeFile(join(dir, 'Patient.ndjson'), `${JSON.stringify(PatientAda)}\r\n${JSON.stringify(PatientBen)}`);
    await writeFile(join(dir, 'RelatedPerson.ndjson.gz'), gzipSync(`${JSON.stringify(CarerGrace)}\n`));
    await writeFile(join(dir, 'notes.txt'), 'not an export');
    const events = await pull(dir);
    expect(ids(events)).toEqual(['ada', 'ben', 'grace']);
    expect(events.at(-1)).toEqual({ type: 'complete', complete: true });
    expect(events.at(-2)).toEqual({ type: 'progress', resources: 3, files: { done: 2, total: 2 }, bytes: expect.any(Number) });
  });

  it('reports progress every so many resources', async () => {
    await writeFile(join(dir, 'Patient.ndjson'), [PatientAda, PatientBen, PatientAda].map((p) => JSON.stringify(p)).join('\n'));
    const events = await pull(dir, { progressEvery: 2 });
    expect(events.filter((e) => e.type === 'progress').map((e) => (e.type === 'progress' ? e.resources : -1))).toEqual([0, 2, 3, 3]);
  });

  it('reads on past a malformed line, names it, and marks the pull incomplete naming the file', async () => {
    await writeFile(join(dir, 'Patient.ndjson'), `${JSON.stringify(PatientAda)}\n{oops\n${JSON.stringify(PatientBen)}\n`);
    const events = await pull(dir);
    expect(ids(events)).toEqual(['ada', 'ben']);
    expect(events).toContainEqual({ type: 'warning', message: 'Patient.ndjson line 2: not valid JSON; line skipped' });
    expect(events.at(-1)).toEqual({ type: 'complete', complete: false, reason: 'the data read did not check out: Patient.ndjson: 1 unreadable line' });
  });

  it('shows only the first warnings of a broken file and counts the rest', async () => {
    await writeFile(join(dir, 'Patient.ndjson'), Array.from({ length: 5 }, () => '{oops').join('\n'));
    const events = await pull(dir, { maxWarnings: 2 });
    const warnings = events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
    expect(warnings).toEqual(['Patient.ndjson line 1: not valid JSON; line skipped', 'Patient.ndjson line 2: not valid JSON; line skipped', '3 more warning(s) like these were not shown.']);
  });

  it('is incomplete, with a reason, for a missing folder or one without .ndjson files', async () => {
    expect((await pull(join(dir, 'missing'))).at(-1)).toMatchObject({ type: 'complete', complete: false, reason: expect.stringContaining('could not be read') });
    expect((await pull(dir)).at(-1)).toMatchObject({ type: 'complete', complete: false, reason: expect.stringContaining('no .ndjson files') });
  });

  it('is incomplete when no folder is given', async () => {
    const events: PullEvent[] = [];
    for await (const event of pullPopulation({ mode: 'ndjson' })) events.push(event);
    expect(events.at(-1)).toEqual({ type: 'complete', complete: false, reason: 'Reading an export from files needs a folder (--from-ndjson DIR).' });
  });
});
