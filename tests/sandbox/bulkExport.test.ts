import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';

/** The sandbox's own $export, exercised over HTTP as any Bulk Data client would. */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 40, seed: 7, now: new Date('2026-11-23T09:00:00Z') });
});
afterAll(async () => {
  await sandbox.close();
});

const kickOffHeaders = { accept: 'application/fhir+json', prefer: 'respond-async' };

async function kickOff(path: string): Promise<string> {
  const response = await fetch(`${sandbox.fhirBase}/${path}`, { headers: kickOffHeaders });
  expect(response.status).toBe(202);
  const location = response.headers.get('content-location');
  expect(location).toMatch(new RegExp(`^${sandbox.fhirBase.replace(/[.]/g, '\\.')}/\\$export-status/`));
  return location ?? '';
}

interface Manifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: boolean;
  output: Array<{ type: string; url: string; count: number }>;
  error: unknown[];
}

async function waitForManifest(statusUrl: string): Promise<{ manifest: Manifest; inProgress: Response[] }> {
  const inProgress: Response[] = [];
  for (let poll = 0; poll < 200; poll += 1) {
    const response = await fetch(statusUrl);
    if (response.status === 200) return { manifest: (await response.json()) as Manifest, inProgress };
    expect(response.status).toBe(202);
    inProgress.push(response);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('export never finished');
}

async function download(manifest: Manifest): Promise<Array<{ resourceType: string; id: string; [key: string]: unknown }>> {
  const resources = [];
  for (const file of manifest.output) {
    const response = await fetch(file.url);
    expect(response.headers.get('content-type')).toBe('application/fhir+ndjson');
    const lines = (await response.text()).split('\n').filter(Boolean);
    expect(lines).toHaveLength(file.count);
    resources.push(...lines.map((line) => JSON.parse(line) as { resourceType: string; id: string }));
  }
  return resources;
}

describe('sandbox $export', () => {
  it('answers the kick-off with 202, reports progress with Retry-After until the NDJSON is ready, then lists the files', async () => {
    const status = await kickOff('$export?_type=Patient,RelatedPerson,Consent,Task,List');
    const { manifest, inProgress } = await waitForManifest(status);
    expect(inProgress.length).toBeGreaterThan(0);
    expect(inProgress[0]?.headers.get('retry-after')).toBe('1');
    expect(inProgress[0]?.headers.get('x-progress')).toMatch(/% done/);
    expect(new Set(manifest.output.map((file) => file.type))).toEqual(new Set(['Patient', 'RelatedPerson', 'Consent', 'Task', 'List']));
    const resources = await download(manifest);
    expect(resources.filter((r) => r.resourceType === 'Patient')).toHaveLength(sandbox.repo.count('Patient'));
    expect(resources.filter((r) => r.resourceType === 'Consent')).toHaveLength(sandbox.repo.count('Consent'));
    expect(resources.some((r) => r.resourceType === 'Organization')).toBe(false);
  });

  it('exports a Group as its members’ Patient compartments: their carers, consents and lists, and no Task whose `for` is not a Patient', async () => {
    const group = sandbox.repo.resourcesOfType('Group').next().value as { id: string; member: Array<{ entity: { reference: string } }> };
    const members = new Set(group.member.map((m) => m.entity.reference));
    const { manifest } = await waitForManifest(await kickOff(`Group/${group.id}/$export?_type=Patient,RelatedPerson,Consent,Task,List`));
    const resources = await download(manifest);
    const patients = resources.filter((r) => r.resourceType === 'Patient').map((r) => `Patient/${r.id}`);
    expect(new Set(patients)).toEqual(members);
    for (const r of resources) {
      if (r.resourceType === 'RelatedPerson' || r.resourceType === 'Consent') expect(members).toContain((r.patient as { reference: string }).reference);
      if (r.resourceType === 'List') expect(members).toContain((r.subject as { reference: string }).reference);
    }
    const carers = new Set(resources.filter((r) => r.resourceType === 'RelatedPerson').map((r) => `RelatedPerson/${r.id}`));
    const carerTasks = [...sandbox.repo.resourcesOfType('Task')].filter((t) => carers.has((t as { for?: { reference?: string } }).for?.reference ?? ''));
    expect(carerTasks.length).toBeGreaterThan(0);
    const exportedTasks = resources.filter((r) => r.resourceType === 'Task');
    expect(exportedTasks.filter((t) => !(t.for as { reference?: string } | undefined)?.reference?.startsWith('Patient/'))).toEqual([]);
  });

  it('exports only what changed since _since', async () => {
    const { manifest } = await waitForManifest(await kickOff('$export?_type=Patient&_since=2100-01-01T00:00:00Z'));
    expect(manifest.output).toEqual([]);
    const all = await waitForManifest(await kickOff('$export?_type=Patient&_since=2000-01-01T00:00:00Z'));
    expect(all.manifest.output.reduce((sum, file) => sum + file.count, 0)).toBe(sandbox.repo.count('Patient'));
  });

  it('cancels and removes a job on DELETE', async () => {
    const status = await kickOff('Patient/$export');
    const deleted = await fetch(status, { method: 'DELETE' });
    expect(deleted.status).toBe(202);
    const after = await fetch(status);
    expect(after.status).toBe(404);
    expect(((await after.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it.each([
    ['without Prefer: respond-async', '$export', { accept: 'application/fhir+json' }, 400],
    ['with an unsupported parameter', '$export?_typeFilter=Patient%3Factive%3Dtrue', kickOffHeaders, 400],
    ['for a type it cannot export', 'Group/x/$export?_type=Observation', kickOffHeaders, 400],
    ['for a Group that does not exist', 'Group/no-such-team/$export', kickOffHeaders, 404],
    ['for an output format it cannot write', '$export?_outputFormat=text/csv', kickOffHeaders, 400],
  ])('refuses a kick-off %s with an OperationOutcome', async (_, path, headers, status) => {
    const response = await fetch(`${sandbox.fhirBase}/${path}`, { headers });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('answers 404 for a file of an unknown job', async () => {
    const response = await fetch(`${sandbox.fhirBase}/$export-file/nope/Patient-1.ndjson`);
    expect(response.status).toBe(404);
  });
});
