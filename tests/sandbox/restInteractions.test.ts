import type { Bundle, OperationOutcome, Patient, RelatedPerson } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { TEST_NOW, fhirFetch, outcomeText } from './support/fhirFetch';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 20, seed: 7, now: TEST_NOW });
});
afterAll(async () => {
  await sandbox.close();
});

const amira = PERSONAS.amiraKhan;

const newCarer = (patientId: string, given = 'Jo'): RelatedPerson => ({
  resourceType: 'RelatedPerson',
  patient: { reference: `Patient/${patientId}` },
  name: [{ given: [given], family: 'Tester' }],
  identifier: [{ system: 'https://carer-prompts.example.org/fhir/Id/test-carer', value: `${patientId}-${given}` }],
});

describe('read and vread', () => {
  it('reads a persona Patient with a weak ETag, Last-Modified and no-store', async () => {
    const reply = await fhirFetch<Patient>(`${sandbox.fhirBase}/Patient/${amira.patientId}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(reply.headers.get('etag')).toBe(`W/"${reply.body?.meta?.versionId}"`);
    expect(reply.headers.get('last-modified')).toBe(TEST_NOW.toUTCString());
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.body?.identifier?.[0]?.value).toBe(amira.nhsNumber);
  });

  it('reads an earlier version by vread after an update', async () => {
    const first = await fhirFetch<Patient>(`${sandbox.fhirBase}/Patient/${PERSONAS.georgeWilson.patientId}`);
    const updated = await fhirFetch<Patient>(`${sandbox.fhirBase}/Patient/${PERSONAS.georgeWilson.patientId}`, {
      method: 'PUT',
      json: { ...first.body, gender: 'other' },
    });
    expect(updated.status).toBe(200);
    const old = await fhirFetch<Patient>(`${sandbox.fhirBase}/Patient/${PERSONAS.georgeWilson.patientId}/_history/${first.body?.meta?.versionId}`);
    expect(old.status).toBe(200);
    expect(old.body?.gender).toBe(first.body?.gender);
    // Newest first, and the same on every call (MemoryRepository's own readHistory flips its stored order each time).
    for (let call = 0; call < 3; call += 1) {
      const history = await fhirFetch<Bundle>(`${sandbox.fhirBase}/Patient/${PERSONAS.georgeWilson.patientId}/_history`);
      expect(history.body?.entry?.map((e) => e.resource?.meta?.versionId)).toEqual([updated.body?.meta?.versionId, first.body?.meta?.versionId]);
    }
  });

  it('answers an unknown id with 404 and an OperationOutcome', async () => {
    const reply = await fhirFetch<OperationOutcome>(`${sandbox.fhirBase}/Patient/no-such-patient`);
    expect(reply.status).toBe(404);
    expect(reply.body?.resourceType).toBe('OperationOutcome');
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an unsupported resource type with 404 naming the type', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/Observation/1`);
    expect(reply.status).toBe(404);
    expect(outcomeText(reply.body)).toContain('Observation');
  });

  it('answers 406 when the client accepts only XML', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/Patient/${amira.patientId}`, { headers: { accept: 'application/fhir+xml' } });
    expect(reply.status).toBe(406);
    expect(reply.body?.resourceType).toBe('OperationOutcome');
  });
});

describe('create', () => {
  it('creates with 201, a server-assigned id, Location, ETag and Last-Modified', async () => {
    const reply = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson`, {
      method: 'POST',
      json: { ...newCarer(amira.patientId, 'Create'), id: 'client-chosen-id' },
    });
    expect(reply.status).toBe(201);
    const id = reply.body?.id;
    expect(id).toBeDefined();
    expect(id).not.toBe('client-chosen-id');
    const versionId = reply.body?.meta?.versionId;
    expect(reply.headers.get('location')).toBe(`${sandbox.fhirBase}/RelatedPerson/${id}/_history/${versionId}`);
    expect(reply.headers.get('etag')).toBe(`W/"${versionId}"`);
    expect(reply.headers.get('last-modified')).toBeTruthy();
  });

  it('honours Prefer: return=minimal with an empty body', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, {
      method: 'POST',
      json: newCarer(amira.patientId, 'Minimal'),
      headers: { prefer: 'return=minimal' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toBeUndefined();
    expect(reply.headers.get('location')).toMatch(/\/RelatedPerson\/[^/]+\/_history\/[^/]+$/);
  });

  it('returns the existing resource with 200 for a repeated conditional create, never a duplicate', async () => {
    const carer = newCarer(amira.patientId, 'Conditional');
    const ifNoneExist = `identifier=https://carer-prompts.example.org/fhir/Id/test-carer|${amira.patientId}-Conditional`;
    const first = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson`, { method: 'POST', json: carer, headers: { 'if-none-exist': ifNoneExist } });
    const second = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson`, { method: 'POST', json: carer, headers: { 'if-none-exist': ifNoneExist } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body?.id).toBe(first.body?.id);
    const search = await fhirFetch<Bundle>(`${sandbox.fhirBase}/RelatedPerson?${ifNoneExist}`);
    expect(search.body?.total).toBe(1);
  });

  it('refuses If-None-Exist criteria it cannot evaluate (400) rather than creating a duplicate', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, {
      method: 'POST',
      json: newCarer(amira.patientId, 'Unknown'),
      headers: { 'if-none-exist': 'nickname=Jo' },
    });
    expect(reply.status).toBe(400);
    expect(outcomeText(reply.body)).toContain('nickname');
  });

  it('creates exactly one resource when the same conditional create arrives many times at once', async () => {
    const ifNoneExist = `identifier=https://carer-prompts.example.org/fhir/Id/test-carer|${amira.patientId}-Concurrent`;
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson`, { method: 'POST', json: newCarer(amira.patientId, 'Concurrent'), headers: { 'if-none-exist': ifNoneExist } }),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(replies.map((r) => r.body?.id)).size).toBe(1);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, { method: 'POST', body: '{not json', headers: { 'content-type': 'application/fhir+json' } });
    expect(reply.status).toBe(400);
    expect(outcomeText(reply.body)).toMatch(/not valid JSON/);
  });

  it('rejects a resource of the wrong type for the URL with 400', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/Consent`, { method: 'POST', json: newCarer(amira.patientId) });
    expect(reply.status).toBe(400);
    expect(outcomeText(reply.body)).toContain('Consent');
  });

  it('rejects structurally invalid FHIR with 400 naming the element', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, {
      method: 'POST',
      json: { ...newCarer(amira.patientId), birthDate: '14/03/2001', favouriteColour: 'blue' },
    });
    expect(reply.status).toBe(400);
    const issues = (reply.body as OperationOutcome).issue.flatMap((i) => i.expression ?? []);
    expect(issues).toEqual(expect.arrayContaining(['RelatedPerson.birthDate', 'RelatedPerson.favouriteColour']));
  });

  it('rejects a resource that breaks an R4 invariant with 422 (Consent without policy or policyRule)', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/Consent`, {
      method: 'POST',
      json: {
        resourceType: 'Consent',
        status: 'active',
        scope: { text: 'privacy' },
        category: [{ text: 'consent' }],
        patient: { reference: `Patient/${amira.patientId}` },
      },
    });
    expect(reply.status).toBe(422);
    expect(outcomeText(reply.body)).toMatch(/ppc-1/);
  });

  it('rejects a carer for a patient the server does not hold with 422 naming the element', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, { method: 'POST', json: newCarer('no-such-patient') });
    expect(reply.status).toBe(422);
    expect(outcomeText(reply.body)).toContain('RelatedPerson.patient.reference refers to Patient/no-such-patient');
  });

  it('accepts references written as absolute URLs on this server', async () => {
    const carer = { ...newCarer(amira.patientId, 'Absolute'), patient: { reference: `${sandbox.fhirBase}/Patient/${amira.patientId}` } };
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, { method: 'POST', json: carer });
    expect(reply.status).toBe(201);
  });

  it('rejects a media type other than JSON with 415', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson`, { method: 'POST', body: '<RelatedPerson/>', headers: { 'content-type': 'application/fhir+xml' } });
    expect(reply.status).toBe(415);
  });
});

describe('update', () => {
  it('updates with a matching If-Match and returns the new version', async () => {
    const current = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${amira.relatedPersonIds[0]}`);
    const etag = current.headers.get('etag') ?? '';
    const reply = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${amira.relatedPersonIds[0]}`, {
      method: 'PUT',
      json: { ...current.body, active: true, gender: 'female' },
      headers: { 'if-match': etag },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).not.toBe(etag);
    expect(reply.headers.get('location')).toContain(`/RelatedPerson/${amira.relatedPersonIds[0]}/_history/`);
  });

  it('refuses a stale If-Match with 412 and an OperationOutcome, leaving the resource unchanged', async () => {
    const id = PERSONAS.danielOkafor.relatedPersonIds[0] as string;
    const original = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${id}`);
    const staleEtag = original.headers.get('etag') ?? '';
    const first = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson/${id}`, { method: 'PUT', json: { ...original.body, gender: 'male' }, headers: { 'if-match': staleEtag } });
    expect(first.status).toBe(200);
    const second = await fhirFetch<OperationOutcome>(`${sandbox.fhirBase}/RelatedPerson/${id}`, {
      method: 'PUT',
      json: { ...original.body, active: false },
      headers: { 'if-match': staleEtag },
    });
    expect(second.status).toBe(412);
    expect(second.body?.resourceType).toBe('OperationOutcome');
    const now = await fhirFetch<RelatedPerson>(`${sandbox.fhirBase}/RelatedPerson/${id}`);
    expect(now.body?.active).toBe(true);
  });

  it('creates on update (PUT to a new id) with 201', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson/test-upsert-carer`, {
      method: 'PUT',
      json: { ...newCarer(amira.patientId, 'Upsert'), id: 'test-upsert-carer' },
    });
    expect(reply.status).toBe(201);
  });

  it('rejects an update whose body id differs from the URL with 400', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson/${amira.relatedPersonIds[0]}`, {
      method: 'PUT',
      json: { ...newCarer(amira.patientId), id: 'someone-else' },
    });
    expect(reply.status).toBe(400);
  });
});

describe('interactions the server does not offer', () => {
  it.each([
    ['DELETE', `/Patient/${amira.patientId}`],
    ['PATCH', `/Patient/${amira.patientId}`],
    ['POST', `/Patient/${amira.patientId}`],
    ['PUT', '/metadata'],
    ['PUT', '/Provenance/some-provenance'],
  ])('answers %s %s with 405 and an OperationOutcome', async (method, path) => {
    const reply = await fhirFetch<OperationOutcome>(`${sandbox.fhirBase}${path}`, {
      method,
      json: method === 'PATCH' ? [] : { resourceType: path.split('/')[1] ?? 'Patient', id: path.split('/')[2] },
      ...(method === 'PATCH' ? { headers: { 'content-type': 'application/json-patch+json' } } : {}),
    });
    expect(reply.status).toBe(405);
    expect(reply.body?.resourceType).toBe('OperationOutcome');
    for (const allowed of (reply.headers.get('allow') ?? '').split(', ').filter(Boolean)) expect(allowed).not.toBe(method);
  });

  it('answers a path with no FHIR interaction with 404', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/Patient/${amira.patientId}/extra/segments`);
    expect(reply.status).toBe(404);
    expect(reply.body?.resourceType).toBe('OperationOutcome');
  });
});
