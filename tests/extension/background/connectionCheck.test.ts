// @vitest-environment node
/**
 * "Test connection" tells the truth: only a FHIR R4 CapabilityStatement is a FHIR server, and a
 * real one is summarised as what clinicians can and cannot do. The servers are played by msw.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCapabilityStatement } from '../../../sandbox/capability';
import { NOT_FHIR_R4, checkConnection, summariseServer } from '../../../extension/background/connectionCheck';

const BASE = 'https://fhir.trust.example/R4';
const SandboxStatement = buildCapabilityStatement({ fhirBase: BASE, date: new Date('2026-01-01T00:00:00Z') });
const SmartDiscovery = {
  authorization_endpoint: 'https://auth.trust.example/authorize',
  token_endpoint: 'https://auth.trust.example/token',
  code_challenge_methods_supported: ['S256'],
  capabilities: ['launch-standalone', 'client-public', 'permission-v2'],
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const check = () => checkConnection(BASE, (input, init) => fetch(input, init), 5_000);

describe('Test connection', () => {
  it('says an HTML page that answers 200 is not a FHIR R4 server (it used to say "Connected")', async () => {
    server.use(http.get(`${BASE}/metadata`, () => new HttpResponse('<!doctype html><title>EHR</title><p>Welcome', { headers: { 'content-type': 'text/html' } })));
    expect(await check()).toEqual({ ok: false, message: NOT_FHIR_R4, notes: [] });
  });

  it('says JSON that is not a CapabilityStatement, or a 404, is not a FHIR R4 server', async () => {
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.json({ status: 'ok' })));
    expect(await check()).toMatchObject({ ok: false, message: NOT_FHIR_R4 });
    server.use(http.get(`${BASE}/metadata`, () => new HttpResponse('not found', { status: 404 })));
    expect(await check()).toMatchObject({ ok: false, message: NOT_FHIR_R4 });
  });

  it('says a FHIR server of another version is not FHIR R4, naming its version', async () => {
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.json({ ...SandboxStatement, fhirVersion: '3.0.2' })));
    const result = await check();
    expect(result.ok).toBe(false);
    expect(result.message).toContain('FHIR version 3.0.2');
  });

  it('summarises a real R4 server: version, carer record reads and writes, _revinclude, bulk export and SMART sign-in', async () => {
    server.use(
      http.get(`${BASE}/metadata`, () => HttpResponse.json(SandboxStatement)),
      http.get(`${BASE}/.well-known/smart-configuration`, () => HttpResponse.json(SmartDiscovery)),
    );
    const result = await check();
    expect(result.ok).toBe(true);
    expect(result.notes).toEqual([
      'FHIR version 4.0.1 (R4).',
      'Reads: carers, consent decisions, assessment offers, “asked: no carers” answers.',
      'Writes: every change Carer Prompts makes (carers, consent decisions, assessment offers, “asked: no carers”).',
      '_revinclude: yes — a patient’s carers, decisions and tasks are read in one request.',
      'Bulk export ($export): yes — the audit can pull the caseload in one export.',
      'SMART on FHIR: yes — clinician sign-in beside the EHR (standalone launch); public client with PKCE S256 (what Carer Prompts uses). Choose “SMART on FHIR sign-in” below and register the redirect address.',
    ]);
  });

  it('says what each missing capability means for clinicians', () => {
    const readOnlyConsent = {
      ...SandboxStatement,
      instantiates: [],
      rest: SandboxStatement.rest?.map((rest) => ({
        ...rest,
        operation: [],
        resource: rest.resource
          ?.filter((r) => r.type !== 'List')
          .map((r) => ({ ...r, operation: [], searchRevInclude: [], interaction: r.type === 'Consent' ? [{ code: 'read' as const }, { code: 'search-type' as const }] : r.interaction })),
      })),
    };
    const { ok, notes } = summariseServer(readOnlyConsent, undefined);
    expect(ok).toBe(true);
    expect(notes).toContain('✗ Cannot search List: the panel would ask again about patients already asked.');
    expect(notes.some((n) => n.startsWith('✗ This server does not accept new Consent records'))).toBe(true);
    expect(notes.some((n) => n.startsWith('✗ _revinclude: not declared'))).toBe(true);
    expect(notes.some((n) => n.startsWith('✗ Bulk export ($export): not offered'))).toBe(true);
    expect(notes.some((n) => n.startsWith('✗ SMART on FHIR: not offered'))).toBe(true);
  });

  it('says an address it cannot reach is unreachable, not "not FHIR"', async () => {
    server.use(http.get(`${BASE}/metadata`, () => HttpResponse.error()));
    expect(await check()).toMatchObject({ ok: false, message: expect.stringContaining('could not be reached') });
  });
});
