import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullPopulation, type PullEvent, type PullOptions } from '../../adapter/audit/pull';
import { abortableSleep } from '../../adapter/http/signal';
import { startSandbox, type Sandbox } from '../../sandbox/server';

/**
 * Both pull paths end to end against the sandbox: its real async $export and its paged search must
 * give the audit exactly the same population.
 */
const AUDIT_TYPES = ['Patient', 'RelatedPerson', 'Consent', 'Task', 'List', 'EpisodeOfCare', 'CarePlan', 'Communication'];

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 150, seed: 11, now: new Date('2026-11-23T09:00:00Z') });
});
afterAll(async () => {
  await sandbox.close();
});

/** The sandbox asks for Retry-After: 1; the test honours it, shortened, to stay quick. */
const quickSleep = (ms: number, signal?: AbortSignal) => abortableSleep(Math.min(ms, 20), signal);

async function pull(options: Partial<PullOptions>): Promise<{ ids: string[]; events: PullEvent[] }> {
  const events: PullEvent[] = [];
  for await (const event of pullPopulation({ fhirBase: sandbox.fhirBase, mode: 'auto', sleep: quickSleep, ...options })) events.push(event);
  const ids = events.flatMap((e) => (e.type === 'resource' ? [`${(e.resource as { resourceType: string }).resourceType}/${(e.resource as { id: string }).id}`] : []));
  return { ids: ids.sort(), events };
}

function repoIds(types: readonly string[]): string[] {
  return types.flatMap((type) => [...sandbox.repo.resourcesOfType(type)].map((r) => `${type}/${r.id ?? ''}`)).sort();
}

describe('population pull against the sandbox', () => {
  it('gives the same whole population by bulk export and by paged search', async () => {
    const bulk = await pull({ mode: 'bulk', concurrency: 3 });
    const search = await pull({ mode: 'search', pageSize: 37 });
    expect(bulk.events.at(-1)).toEqual({ type: 'complete', complete: true });
    expect(search.events.at(-1)).toEqual({ type: 'complete', complete: true });
    expect(bulk.ids).toEqual(repoIds(AUDIT_TYPES));
    expect(search.ids).toEqual(bulk.ids);
    expect(new Set(bulk.ids).size).toBe(bulk.ids.length);
    expect(search.events.filter((e) => e.type === 'warning')).toEqual([]);
    expect(bulk.events.filter((e) => e.type === 'warning')).toEqual([]);
  });

  it("gives the same team caseload by the Group's export and by paged search of its members", async () => {
    const group = sandbox.repo.resourcesOfType('Group').next().value as { id: string; member?: unknown[] };
    expect(group.member?.length ?? 0).toBeGreaterThan(0);
    const bulk = await pull({ mode: 'bulk', group: group.id });
    const search = await pull({ mode: 'search', group: group.id });
    expect(bulk.events.at(-1)).toEqual({ type: 'complete', complete: true });
    expect(search.events.at(-1)).toEqual({ type: 'complete', complete: true });
    expect(bulk.ids.filter((id) => id.startsWith('Patient/'))).toHaveLength(group.member?.length ?? -1);
    expect(search.ids).toEqual(bulk.ids);
  });

  it('pulls only the types asked for', async () => {
    const bulk = await pull({ mode: 'bulk', types: ['Patient', 'Consent'] });
    expect(bulk.ids).toEqual(repoIds(['Consent', 'Patient']));
  });

  it('leaves no checkpoint behind in --out once the export is complete', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'bulk-pull-'));
    try {
      const bulk = await pull({ mode: 'bulk', outDir });
      expect(bulk.events.at(-1)).toEqual({ type: 'complete', complete: true });
      expect(await readdir(outDir)).toEqual([]);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
