import type { Bundle, BundleEntry, Consent, Provenance, RelatedPerson } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { TEST_NOW, entryRefs, fhirFetch } from './support/fhirFetch';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 10, seed: 5, now: TEST_NOW });
});
afterAll(async () => {
  await sandbox.close();
});

const patientId = PERSONAS.amiraKhan.patientId;
const carerUuid = 'urn:uuid:6f1c7c1e-3f2a-4c55-9a51-0c2b1d9e7a10';

const carer = (given: string): RelatedPerson => ({
  resourceType: 'RelatedPerson',
  patient: { reference: `Patient/${patientId}` },
  name: [{ given: [given], family: 'Khan' }],
});

const provenanceFor = (target: string): Provenance => ({
  resourceType: 'Provenance',
  target: [{ reference: target }],
  recorded: '2026-03-15T10:00:00Z',
  agent: [{ who: { display: 'Sandbox test' } }],
});

describe('batch', () => {
  it('processes each entry on its own: reads, a search and a create succeed, a bad entry fails alone', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Patient/${patientId}` } },
        { request: { method: 'GET', url: `RelatedPerson?patient=Patient/${patientId}` } },
        { request: { method: 'GET', url: 'Patient/not-there' } },
        { request: { method: 'POST', url: 'RelatedPerson' }, resource: carer('Batch') },
      ],
    };
    const reply = await fhirFetch<Bundle>(sandbox.fhirBase, { method: 'POST', json: bundle });
    expect(reply.status).toBe(200);
    expect(reply.body?.type).toBe('batch-response');
    const statuses = reply.body?.entry?.map((e) => e.response?.status);
    expect(statuses).toEqual(['200', '200', '404', '201']);
    const search = reply.body?.entry?.[1]?.resource as Bundle;
    expect(search.type).toBe('searchset');
    expect(entryRefs(search)).toContain(`RelatedPerson/${PERSONAS.amiraKhan.relatedPersonIds[0]}`);
    const created = reply.body?.entry?.[3] as BundleEntry;
    expect(created.response?.etag).toBe(`W/"${created.resource?.meta?.versionId}"`);
    expect(created.response?.location).toBe(`RelatedPerson/${created.resource?.id}/_history/${created.resource?.meta?.versionId}`);
    expect(reply.body?.entry?.[2]?.response?.outcome?.resourceType).toBe('OperationOutcome');
  });

  it('validates resources inside a batch like any other create', async () => {
    const reply = await fhirFetch<Bundle>(sandbox.fhirBase, {
      method: 'POST',
      json: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'POST', url: 'RelatedPerson' }, resource: { ...carer('Bad'), birthDate: 'yesterday' } }] },
    });
    expect(reply.body?.entry?.[0]?.response?.status).toBe('400');
  });
});

describe('transaction', () => {
  it('creates a carer, a consent naming them by urn:uuid and a Provenance, all or nothing', async () => {
    const consent: Consent = {
      resourceType: 'Consent',
      status: 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: `Patient/${patientId}` },
      policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
      provision: { type: 'permit', actor: [{ role: { text: 'information recipient' }, reference: { reference: carerUuid } }] },
    };
    const reply = await fhirFetch<Bundle>(sandbox.fhirBase, {
      method: 'POST',
      json: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { fullUrl: carerUuid, request: { method: 'POST', url: 'RelatedPerson' }, resource: carer('Transaction') },
          { request: { method: 'POST', url: 'Consent' }, resource: consent },
          { request: { method: 'POST', url: 'Provenance' }, resource: provenanceFor(carerUuid) },
        ],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body?.type).toBe('transaction-response');
    const [rp, c] = (reply.body?.entry ?? []).map((e) => e.resource);
    expect((c as Consent).provision?.actor?.[0]?.reference?.reference).toBe(`RelatedPerson/${rp?.id}`);
    const stored = await fhirFetch<Consent>(`${sandbox.fhirBase}/Consent/${c?.id}`);
    expect(stored.status).toBe(200);
  });

  it('rolls everything back when one entry fails (stale If-Match → 412), leaving no partial write', async () => {
    const rpId = PERSONAS.amiraKhan.relatedPersonIds[0] as string;
    const current = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${rpId}`);
    const before = sandbox.repo.count('RelatedPerson');
    const reply = await fhirFetch<Bundle>(sandbox.fhirBase, {
      method: 'POST',
      json: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { request: { method: 'POST', url: 'RelatedPerson' }, resource: carer('ShouldVanish') },
          { request: { method: 'PUT', url: `RelatedPerson/${rpId}`, ifMatch: 'W/"stale-version"' }, resource: { ...current.body, active: false } },
        ],
      },
    });
    expect(reply.status).toBe(412);
    expect(reply.body?.resourceType).toBe('OperationOutcome');
    expect(sandbox.repo.count('RelatedPerson')).toBe(before);
    const search = await fhirFetch<Bundle>(`${sandbox.fhirBase}/RelatedPerson?name=ShouldVanish`);
    expect(search.body?.total).toBe(0);
    const after = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${rpId}`);
    expect(after.body?.meta?.versionId).toBe(current.body?.meta?.versionId);
    expect(after.body?.active).toBe(true);
  });

  it('rolls back an update made earlier in the same failing transaction, history included', async () => {
    const rpId = PERSONAS.amiraKhan.relatedPersonIds[0] as string;
    const current = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${rpId}`);
    const other = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${PERSONAS.danielOkafor.relatedPersonIds[0]}`);
    const historyBefore = await fhirFetch<Bundle>(`${sandbox.fhirBase}/RelatedPerson/${rpId}/_history`);
    const reply = await fhirFetch<Bundle>(sandbox.fhirBase, {
      method: 'POST',
      json: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          // Updates run in Bundle order, after creates: the first succeeds, then the second fails.
          { request: { method: 'PUT', url: `RelatedPerson/${rpId}` }, resource: { ...current.body, gender: 'female' } },
          { request: { method: 'PUT', url: `RelatedPerson/${other.body?.id}`, ifMatch: 'W/"stale"' }, resource: { ...other.body, active: false } },
        ],
      },
    });
    expect(reply.status).toBe(412);
    const after = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${rpId}`);
    expect(after.body).toEqual(current.body);
    const historyAfter = await fhirFetch<Bundle>(`${sandbox.fhirBase}/RelatedPerson/${rpId}/_history`);
    expect(historyAfter.body?.entry?.length).toBe(historyBefore.body?.entry?.length);
  });

  it('resolves a reference to a resource created later in the same transaction', async () => {
    const uuid = 'urn:uuid:0b8f3c52-6f0e-4a8c-9d4e-2f1a7c9b3e11';
    const reply = await fhirFetch<Bundle>(sandbox.fhirBase, {
      method: 'POST',
      json: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { request: { method: 'POST', url: 'Provenance' }, resource: provenanceFor(uuid) },
          { fullUrl: uuid, request: { method: 'POST', url: 'RelatedPerson' }, resource: carer('Later') },
        ],
      },
    });
    expect(reply.status).toBe(200);
  });

  it('fails the whole transaction with 422 when an entry references a resource nobody holds', async () => {
    const before = sandbox.repo.count('RelatedPerson');
    const reply = await fhirFetch<Bundle>(sandbox.fhirBase, {
      method: 'POST',
      json: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { request: { method: 'POST', url: 'RelatedPerson' }, resource: carer('Orphaned') },
          { request: { method: 'POST', url: 'Provenance' }, resource: provenanceFor('RelatedPerson/does-not-exist') },
        ],
      },
    });
    expect(reply.status).toBe(422);
    expect(sandbox.repo.count('RelatedPerson')).toBe(before);
  });

  it('rejects a Bundle of another type with 400', async () => {
    const reply = await fhirFetch(sandbox.fhirBase, { method: 'POST', json: { resourceType: 'Bundle', type: 'collection', entry: [] } });
    expect(reply.status).toBe(400);
  });
});
