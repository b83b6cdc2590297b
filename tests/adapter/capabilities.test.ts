import { describe, expect, it } from 'vitest';
import { ASSUMED_CAPABILITIES, capabilitiesLoader, deriveCapabilities } from '../../adapter/capabilities';
import { createFhirHttp } from '../../adapter/http/fhirHttp';
import { FakeFhirServer, faults } from './support/fakeFhirServer';
import { useFhirServer } from './support/mswServer';

const net = useFhirServer();

describe('deriveCapabilities', () => {
  it('reads revinclude, batch, transaction and every write from a full CapabilityStatement', () => {
    const caps = deriveCapabilities(new FakeFhirServer().capabilityStatement());
    expect(caps.revinclude).toBe(true);
    expect(caps.batch).toBe(true);
    expect(caps.transaction).toBe(true);
    expect(caps.provenanceInTransaction).toBe(true);
    expect(caps.canWrite).toEqual({
      RelatedPerson: { create: true, update: true },
      Consent: { create: true, update: true },
      Task: { create: true, update: true },
      List: { create: true },
      // This fake server has no Communication: those writes are off, with a plain reason (below).
      Communication: { create: false },
    });
    expect(caps.reasons).toEqual({ 'Communication.create': expect.stringContaining('not offered by this server') });
    expect(caps.warnings).toEqual([]);
  });

  it('turns off the carer communication writes on a server without Communication, saying where to record instead', () => {
    const caps = deriveCapabilities(new FakeFhirServer().capabilityStatement());
    expect(caps.canWrite.Communication).toEqual({ create: false });
    expect(caps.reasons['Communication.create']).toBe('This server does not accept new carer communication (Communication) records (not offered by this server) — record it in the EHR.');
    expect(caps.optionalRevinclude).not.toContain('Communication');
    expect(caps.optionalSearch).not.toContain('Communication');
  });

  it('falls back to batch when _revinclude is not declared', () => {
    const caps = deriveCapabilities(new FakeFhirServer({ revinclude: false }).capabilityStatement());
    expect(caps.revinclude).toBe(false);
    expect(caps.batch).toBe(true);
  });

  it('turns off writes of a read-only carer and consent API, saying why in plain words', () => {
    const caps = deriveCapabilities(new FakeFhirServer({ readOnly: ['RelatedPerson', 'Consent'] }).capabilityStatement());
    expect(caps.canWrite.Consent).toEqual({ create: false, update: false });
    expect(caps.canWrite.RelatedPerson).toEqual({ create: false, update: false });
    expect(caps.canWrite.Task).toEqual({ create: true, update: true });
    expect(caps.reasons['Consent.create']).toBe('This server does not accept new Consent records (read-only API) — record the decision in the EHR.');
    expect(caps.reasons['RelatedPerson.update']).toMatch(/does not allow changes to carer \(RelatedPerson\) records/);
  });

  it('says a type the server does not list at all is not offered', () => {
    const caps = deriveCapabilities({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', rest: [{ mode: 'server', resource: [] }] });
    expect(caps.canWrite.List.create).toBe(false);
    expect(caps.reasons['List.create']).toMatch(/not offered by this server/);
    expect(caps.revinclude).toBe(false);
  });

  it('warns when the server is not FHIR R4', () => {
    const caps = deriveCapabilities({ resourceType: 'CapabilityStatement', fhirVersion: '5.0.0', rest: [] });
    expect(caps.warnings[0]).toMatch(/FHIR version 5\.0\.0/);
  });

  it('assumes the standard interactions when the statement cannot be read', () => {
    const caps = deriveCapabilities({ resourceType: 'CapabilityStatement', rest: 'nonsense' });
    expect(caps.canWrite).toEqual(ASSUMED_CAPABILITIES.canWrite);
    expect(caps.warnings).toHaveLength(1);
  });
});

describe('capabilitiesLoader', () => {
  it('reads /metadata once and shares the answer', async () => {
    const fhir = net.fhir();
    const load = capabilitiesLoader(createFhirHttp({ baseUrl: fhir.base }));
    await Promise.all([load(), load()]);
    await load();
    expect(fhir.requests.filter((r) => r.url.pathname.endsWith('/metadata'))).toHaveLength(1);
  });

  it('assumes the standard interactions when the server has no /metadata', async () => {
    const fhir = net.fhir({ noMetadata: true });
    const caps = await capabilitiesLoader(createFhirHttp({ baseUrl: fhir.base }))();
    expect(caps).toEqual(ASSUMED_CAPABILITIES);
  });

  it('asks again after a failure that may pass', async () => {
    const fhir = net.fhir();
    fhir.fault({ times: 3, respond: faults.unavailable() });
    const load = capabilitiesLoader(createFhirHttp({ baseUrl: fhir.base, sleep: async () => undefined }));
    await expect(load()).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(load()).resolves.toMatchObject({ revinclude: true });
  });
});
