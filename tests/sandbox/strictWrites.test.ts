/**
 * The sandbox as strict as a production FHIR server: every write validated against the R4
 * invariants and required bindings, If-Match honoured inside transactions with a real rollback,
 * and transaction entries answered as the specification says.
 */
import type { Bundle, Provenance, RelatedPerson, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { TEST_NOW, fhirFetch, outcomeText } from './support/fhirFetch';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 5, seed: 3, now: TEST_NOW });
});
afterAll(async () => {
  await sandbox.close();
});

const carer = `RelatedPerson/${PERSONAS.amiraKhan.relatedPersonIds[0]}`;
const offer = (extra: Partial<Task> = {}): Task => ({
  resourceType: 'Task',
  status: 'requested',
  intent: 'proposal',
  for: { reference: carer },
  authoredOn: '2026-03-15T10:15:00Z',
  ...extra,
});

describe('writes validated as a production server validates them', () => {
  it('refuses a Task answered on the day of the offer with a date only (R4 Task inv-1) with 422 and an OperationOutcome', async () => {
    const created = await fhirFetch<Task>(`${sandbox.fhirBase}/Task`, { method: 'POST', json: offer() });
    expect(created.status).toBe(201);
    const answered = { ...created.body, status: 'accepted', lastModified: '2026-03-15' } as Task;
    const reply = await fhirFetch(`${sandbox.fhirBase}/Task/${created.body?.id}`, { method: 'PUT', json: answered });
    expect(reply.status).toBe(422);
    expect((reply.body as { resourceType?: string }).resourceType).toBe('OperationOutcome');
    expect(outcomeText(reply.body)).toMatch(/inv-1/);
    const dated = await fhirFetch(`${sandbox.fhirBase}/Task/${created.body?.id}`, { method: 'PUT', json: { ...answered, lastModified: '2026-03-15T14:00:00Z' } });
    expect(dated.status).toBe(200);
  });

  it('refuses a code outside a required value set with 400, naming the element', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/Task`, { method: 'POST', json: offer({ status: 'offered' as Task['status'] }) });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('Task.status');
    const phone = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, {
      method: 'POST',
      json: { resourceType: 'RelatedPerson', patient: { reference: `Patient/${PERSONAS.amiraKhan.patientId}` }, telecom: [{ system: 'mobile', value: '07700 900000' }] },
    });
    expect(phone.status).toBe(400);
  });

  it('validates the entries of a transaction the same way, and keeps nothing of it', async () => {
    const provenancesBefore = sandbox.repo.count('Provenance');
    const reply = await fhirFetch<Bundle>(sandbox.fhirBase, {
      method: 'POST',
      json: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { fullUrl: 'urn:uuid:0c0b7d3a-55d4-4e7f-9b0a-2f6e1c3d4b5a', request: { method: 'POST', url: 'Task' }, resource: offer({ lastModified: '2026-03-14' }) },
          { request: { method: 'POST', url: 'Provenance' }, resource: { resourceType: 'Provenance', target: [{ reference: 'urn:uuid:0c0b7d3a-55d4-4e7f-9b0a-2f6e1c3d4b5a' }], recorded: '2026-03-15T10:15:00Z', agent: [{ who: { display: 'test' } }] } },
        ],
      },
    });
    expect(reply.status).toBe(422);
    expect(sandbox.repo.count('Provenance')).toBe(provenancesBefore);
  });
});

describe('transactions answered as the specification says', () => {
  it('fails a transaction whose If-Match is stale with one 412 OperationOutcome, and rolls back its Provenance', async () => {
    const rpId = PERSONAS.danielOkafor.relatedPersonIds[0] as string;
    const current = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${rpId}`);
    const provenancesBefore = sandbox.repo.count('Provenance');
    const reply = await fhirFetch<Bundle>(sandbox.fhirBase, {
      method: 'POST',
      json: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { request: { method: 'POST', url: 'Provenance' }, resource: { resourceType: 'Provenance', target: [{ reference: `RelatedPerson/${rpId}` }], recorded: '2026-03-15T10:15:00Z', agent: [{ who: { display: 'test' } }] } satisfies Provenance },
          { request: { method: 'PUT', url: `RelatedPerson/${rpId}`, ifMatch: 'W/"0"' }, resource: { ...current.body, active: false } },
        ],
      },
    });
    expect(reply.status).toBe(412);
    expect(reply.body?.resourceType).toBe('OperationOutcome');
    expect(sandbox.repo.count('Provenance')).toBe(provenancesBefore);
    expect((await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${rpId}`)).body).toEqual(current.body);
  });

  it('answers each entry with its status, location and ETag: 201 for a create, 200 for a conditional create that found its match', async () => {
    const transaction = (uuid: string): Bundle => ({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: `urn:uuid:${uuid}`,
          request: { method: 'POST', url: 'Task', ifNoneExist: 'identifier=urn:ietf:rfc:3986|urn:uuid:7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a' },
          resource: offer({ identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a' }] }),
        },
      ],
    });
    const first = await fhirFetch<Bundle>(sandbox.fhirBase, { method: 'POST', json: transaction('5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d') });
    const again = await fhirFetch<Bundle>(sandbox.fhirBase, { method: 'POST', json: transaction('6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e') });
    expect(first.body?.type).toBe('transaction-response');
    const [created] = first.body?.entry ?? [];
    const [found] = again.body?.entry ?? [];
    expect(created?.response?.status).toMatch(/^201\b/);
    expect(found?.response?.status).toMatch(/^200\b/);
    expect(found?.response?.location).toBe(created?.response?.location);
    expect(found?.response?.etag).toBe(created?.response?.etag);
  });
});
