/**
 * The sandbox as a server that offers only some resource types (`types`), and the audit against
 * it: the audit reads the CapabilityStatement, asks only for what the server has (in the bulk
 * kick-off, the searches and the Backend Services scopes), completes, and says plainly what a
 * missing optional type costs the report.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseAuditTypes, withinSupportedScopes } from '../../adapter/audit/pull/serverTypes';
import { AUDIT_EXIT, auditMain } from '../../adapter/cli/auditMain';
import { abortableSleep } from '../../adapter/http/signal';
import { CoverageSchema } from '../../shared/audit/coverage';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { fhirFetch, outcomeText } from './support/fhirFetch';
import { faultyExport, type FaultyExport } from './support/faultyExport';

const NOW = '2026-11-23T12:00:00Z';
const quickSleep = (ms: number, signal?: AbortSignal) => abortableSleep(Math.min(ms, 20), signal);
let noEpisodes: Sandbox;
let noLists: Sandbox;
let proxy: FaultyExport;
let work: string;

beforeAll(async () => {
  proxy = faultyExport();
  noEpisodes = await startSandbox({ port: 0, patients: 30, seed: 3, now: new Date(NOW), types: ['Patient', 'RelatedPerson', 'Consent', 'Task', 'List', 'Group'], handlers: [proxy.handler] });
  noLists = await startSandbox({ port: 0, patients: 30, seed: 3, now: new Date(NOW), types: ['Patient', 'RelatedPerson', 'Consent', 'Task', 'EpisodeOfCare', 'Group'] });
  work = await mkdtemp(join(tmpdir(), 'offered-types-'));
});
afterAll(async () => {
  await noEpisodes.close();
  await noLists.close();
  await rm(work, { recursive: true, force: true });
});

async function audit(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await auditMain([...argv, '--now', NOW], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), sleep: quickSleep });
  return { code, stdout, stderr };
}

describe('a sandbox that offers only some types', () => {
  it('leaves the other types out of its CapabilityStatement, its REST interactions and its $export', async () => {
    const metadata = await fhirFetch<{ rest: Array<{ resource: Array<{ type: string }> }> }>(`${noEpisodes.fhirBase}/metadata`);
    const types = metadata.body?.rest[0]?.resource.map((r) => r.type) ?? [];
    expect(types).toContain('Consent');
    expect(types).not.toContain('EpisodeOfCare');
    const search = await fhirFetch(`${noEpisodes.fhirBase}/EpisodeOfCare?_count=1`);
    expect(search.status).toBe(404);
    expect(outcomeText(search.body)).toMatch(/EpisodeOfCare" is not supported/);
    const kickOff = await fhirFetch(`${noEpisodes.fhirBase}/$export?_type=Patient,EpisodeOfCare`, { headers: { prefer: 'respond-async', accept: 'application/fhir+json' } });
    expect(kickOff.status).toBe(400);
  });
});

describe('the audit against a server without some optional types', () => {
  it('completes a bulk export without EpisodeOfCare, never asks for it, and says what that costs', async () => {
    proxy.log.length = 0;
    const out = join(work, 'no-episodes');
    const run = await audit(['--fhir', noEpisodes.fhirBase, '--bulk', '--out', out]);
    expect(run.stderr).not.toMatch(/unexpected/);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    expect(proxy.log).toContain('kick-off');
    expect(run.stdout).toMatch(/no EpisodeOfCare on this server: teams and service start come from managingOrganization/);
    expect(await readFile(join(out, 'warnings.txt'), 'utf8')).toMatch(/no EpisodeOfCare on this server/);
    const coverage = CoverageSchema.parse(JSON.parse(await readFile(join(out, 'coverage.json'), 'utf8')));
    expect(coverage.complete).toBe(true);
    expect(coverage.patients.total).toBeGreaterThan(20);
    // The manager reads report.html, not stderr: what the server does not hold is said there too, and kept in coverage.json.
    // This server offers none of the optional types: each is said, in the carer record's order.
    expect(coverage.notOnServer).toEqual([
      expect.stringMatching(/^no EpisodeOfCare on this server: teams and service start come from managingOrganization/),
      expect.stringMatching(/^no CarePlan on this server: /),
      expect.stringMatching(/^no Communication on this server: /),
    ]);
    const report = await readFile(join(out, 'report.html'), 'utf8');
    expect(report).toMatch(/What this server does not hold/);
    expect(report).toMatch(/no EpisodeOfCare on this server: teams and service start come from managingOrganization/);
  });

  it('completes a paged search without List, and says that patients without carers then count as never asked', async () => {
    const run = await audit(['--fhir', noLists.fhirBase, '--search', '--out', join(work, 'no-lists')]);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    expect(run.stdout).toMatch(/no List on this server: .*never asked/);
  });

  it('asks for exactly --types when given, against the CapabilityStatement', async () => {
    const run = await audit(['--fhir', noLists.fhirBase, '--search', '--types', 'Patient,RelatedPerson,Consent', '--out', join(work, 'narrowed')]);
    expect(run.code).toBe(AUDIT_EXIT.ok);
    expect(run.stdout).toMatch(/Task left out by --types/);
  });

  it('refuses --types without a type the audit cannot do without', async () => {
    const run = await audit(['--fhir', noLists.fhirBase, '--types', 'Patient,RelatedPerson']);
    expect(run.code).toBe(AUDIT_EXIT.usage);
    expect(run.stderr).toMatch(/--types must include Patient, RelatedPerson, Consent/);
  });
});

describe('chooseAuditTypes', () => {
  const statement = (types: string[]) => ({ resourceType: 'CapabilityStatement', rest: [{ mode: 'server', resource: types.map((type) => ({ type, interaction: [{ code: 'search-type' }] })) }] });

  it('names a missing required type, so there is no audit of a server without Consent', () => {
    expect(chooseAuditTypes(statement(['Patient', 'RelatedPerson', 'Task'])).missingRequired).toEqual(['Consent']);
  });

  it("leaves out a type the SMART configuration's scopes_supported cannot grant, and says so", () => {
    const narrowed = withinSupportedScopes(chooseAuditTypes(undefined), ['openid', 'system/Patient.rs', 'system/RelatedPerson.read', 'system/Consent.rs', 'system/Task.rs', 'system/List.rs', 'system/Group.rs']);
    expect(narrowed.types).toEqual(['Patient', 'RelatedPerson', 'Consent', 'List', 'Task']);
    expect(narrowed.notes).toEqual([
      expect.stringMatching(/^no system\/EpisodeOfCare\.rs in this server's SMART scopes_supported: teams and service start come from managingOrganization/),
      expect.stringMatching(/^no system\/CarePlan\.rs in this server's SMART scopes_supported: care plans could not be read/),
      expect.stringMatching(/^no system\/Communication\.rs in this server's SMART scopes_supported: carers heard when the patient refused consent/),
    ]);
    expect(withinSupportedScopes(chooseAuditTypes(undefined), ['system/*.rs']).types).toHaveLength(8);
    expect(withinSupportedScopes(chooseAuditTypes(undefined), ['system/Patient.rs', 'system/RelatedPerson.rs']).missingRequired).toEqual(['Consent']);
  });

  it('keeps every type when the CapabilityStatement cannot be read', () => {
    expect(chooseAuditTypes(undefined)).toEqual({ types: ['Patient', 'RelatedPerson', 'Consent', 'List', 'Task', 'EpisodeOfCare', 'CarePlan', 'Communication'], notes: [], missingRequired: [] });
  });
});
