import { describe, expect, it } from 'vitest';
import { createFhirAdapter, type FhirAdapterOptions, type RecordCarerInput } from '../../../adapter/client';
import type { FhirError } from '../../../adapter/errors';
import { validateR4 } from '../../support/validateR4';
import { faults, type FakeFhirServer } from '../support/fakeFhirServer';
import { alexRecord, asStored, PatientJo } from '../support/personas';
import { TRANSPORTS, useFhirServer } from '../support/mswServer';

const net = useFhirServer();
const REQUEST_ID = '0b0f2c4e-3f55-4a3e-9a43-1d5f8f1f0c11';
const NOW = new Date('2026-11-23T10:15:00Z');
const recorder = { reference: 'Practitioner/dr-okafor', display: 'Dr Okafor' } as const;

/** Every resource a request carried: the body, or each entry of a transaction. */
function sentResources(fhir: FakeFhirServer): Array<Record<string, unknown>> {
  return fhir.requests.flatMap((r) => {
    const body = r.body as { resourceType?: string; type?: string; entry?: Array<{ resource: Record<string, unknown> }> } | undefined;
    if (r.method === 'GET' || !body) return [];
    if (body.resourceType === 'Bundle' && body.type === 'transaction') return (body.entry ?? []).map((e) => e.resource);
    return [body as Record<string, unknown>];
  });
}

describe.each(TRANSPORTS)('creating records over %s', (_name, injectedFetch) => {
  let uuid = 0;
  const adapter = (base: string, extra: Partial<FhirAdapterOptions> = {}) =>
    createFhirAdapter({
      baseUrl: base,
      recorder,
      ...(injectedFetch ? { fetch: injectedFetch } : {}),
      testing: { sleep: async () => undefined, clock: () => NOW, newUuid: () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}` },
      ...extra,
    });
  const grace2: RecordCarerInput = { patient: 'Patient/alex', name: { given: ['Ruth'], family: 'Rivers' }, relationship: 'SIS', requestId: REQUEST_ID };

  it('records a carer in one transaction with a Provenance naming it by its urn:uuid', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const result = await adapter(fhir.base).recordCarer(grace2, { withProvenance: true });
    const post = fhir.dataRequests.find((r) => r.method === 'POST')!;
    const bundle = post.body as { type: string; entry: Array<{ fullUrl: string; resource: Record<string, unknown>; request: Record<string, string> }> };
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry[0]!.request).toEqual({ method: 'POST', url: 'RelatedPerson', ifNoneExist: `identifier=urn:ietf:rfc:3986|urn:uuid:${REQUEST_ID}` });
    expect(bundle.entry[1]!.resource).toMatchObject({ resourceType: 'Provenance', target: [{ reference: bundle.entry[0]!.fullUrl }], recorded: NOW.toISOString(), agent: [{ who: recorder }] });
    expect(result.written.reference).toMatch(/^RelatedPerson\//);
    expect(result.record?.context.carers.map((c) => c.name)).toContain('Ruth Rivers');
    const provenance = fhir.all('Provenance')[0];
    expect(provenance?.target).toEqual([{ reference: result.written.reference }]);
  });

  it('sends every request of a write and its re-read with keepalive false and cache no-store', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    await adapter(fhir.base).recordCarer(grace2, { withProvenance: true });
    const sent = net.sent();
    expect(sent.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
    for (const request of sent) expect({ keepalive: request.keepalive, cache: request.cache }).toEqual({ keepalive: false, cache: 'no-store' });
  });

  it('sends a plain conditional create with If-None-Exist when the server takes no transactions', async () => {
    const fhir = net.fhir({ transaction: false }).seed(...alexRecord());
    await adapter(fhir.base).recordCarer(grace2, { withProvenance: true });
    const post = fhir.dataRequests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe('/R4/RelatedPerson');
    expect(post.headers.get('if-none-exist')).toBe(`identifier=urn:ietf:rfc:3986|urn:uuid:${REQUEST_ID}`);
    expect(fhir.all('Provenance')).toEqual([]);
  });

  it('never duplicates a carer when the answer to the create is lost and the request is retried', async () => {
    const fhir = net.fhir({ transaction: false }).seed(...alexRecord());
    fhir.fault({ match: (r) => r.method === 'POST', afterProcessing: true, respond: faults.unavailable('0') });
    const result = await adapter(fhir.base).recordCarer(grace2, { withProvenance: true });
    expect(fhir.dataRequests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(fhir.all('RelatedPerson').filter((r) => JSON.stringify(r.identifier ?? []).includes(REQUEST_ID))).toHaveLength(1);
    expect(result.record?.context.carers.filter((c) => c.name === 'Ruth Rivers')).toHaveLength(1);
  });

  it('never duplicates a carer when the clinician saves the same form twice', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    const first = await fhirAdapter.recordCarer(grace2, { withProvenance: true });
    const second = await fhirAdapter.recordCarer(grace2, { withProvenance: true });
    expect(second.written.reference).toBe(first.written.reference);
    expect(fhir.all('RelatedPerson')).toHaveLength(3);
  });

  it('leaves one Provenance when the clinician saves the same form twice (the Provenance is conditional on the request id)', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.recordCarer(grace2, { withProvenance: true });
    await fhirAdapter.recordCarer(grace2, { withProvenance: true });
    const bundle = fhir.dataRequests.find((r) => r.method === 'POST')!.body as { entry: Array<{ resource: Record<string, unknown>; request: Record<string, string> }> };
    expect(bundle.entry[1]!.request).toEqual({ method: 'POST', url: 'Provenance', ifNoneExist: `_tag=${encodeURIComponent(`urn:ietf:rfc:3986|urn:uuid:${REQUEST_ID}`)}` });
    expect(bundle.entry[1]!.resource.meta).toEqual({ tag: [{ system: 'urn:ietf:rfc:3986', code: `urn:uuid:${REQUEST_ID}` }] });
    expect(validateR4(bundle.entry[1]!.resource)).toEqual([]);
    expect(fhir.all('Provenance')).toHaveLength(1);
  });

  it('resends a transaction whose every entry is conditional when the server is briefly unavailable after saving it: one carer, one Provenance', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    fhir.fault({ match: (r) => r.method === 'POST', afterProcessing: true, respond: faults.unavailable('0') });
    const result = await adapter(fhir.base).recordCarer(grace2, { withProvenance: true });
    expect(fhir.dataRequests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(result.record?.context.carers.filter((c) => c.name === 'Ruth Rivers')).toHaveLength(1);
    expect(fhir.all('Provenance')).toHaveLength(1);
  });

  it('does not retry a create the server cannot make conditional', async () => {
    const fhir = net.fhir({ transaction: false, conditionalCreate: false }).seed(...alexRecord());
    fhir.fault({ match: (r) => r.method === 'POST', respond: faults.unavailable('0') });
    const error = (await adapter(fhir.base).recordCarer(grace2, { withProvenance: true }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('unavailable');
    const posts = fhir.dataRequests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers.has('if-none-exist')).toBe(false);
  });

  it('records a consent decision and shows it after re-reading', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const result = await adapter(fhir.base).recordConsent({
      patient: 'Patient/alex',
      carer: 'RelatedPerson/sam',
      decision: 'partial',
      mayShare: ['Appointments'],
      mayNotShare: ['Diagnosis'],
      decidedOn: '2026-11-23T10:00:00Z',
      reviewDue: '2027-11-23',
    }, { withProvenance: true });
    expect(result.record?.context.carers.find((c) => c.id === 'sam')?.consent.decision).toBe('partial');
  });

  it('records that the patient was asked and named no carers, as the recorder', async () => {
    const fhir = net.fhir().seed(...asStored(PatientJo));
    const result = await adapter(fhir.base).recordAskedNoCarers({ patient: 'Patient/jo' });
    expect(result.record?.context.askedNoCarers?.askedOn).toBe(NOW.toISOString());
    expect(fhir.all('List')[0]?.source).toEqual(recorder);
    // Recording no carers is not audited (shared/actions/record-no-carers.ts): no transaction, no Provenance.
    expect(fhir.dataRequests.find((r) => r.method === 'POST')?.url.pathname).toBe('/R4/List');
  });

  it('offers a carer a needs assessment', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const result = await adapter(fhir.base).offerAssessment({ patient: 'Patient/alex', carer: 'RelatedPerson/sam' });
    expect(result.record?.context.carers.find((c) => c.id === 'sam')?.assessment).toMatchObject({ status: 'offered', offeredOn: NOW.toISOString() });
  });

  it('writes only valid FHIR R4', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.recordCarer({ ...grace2, birthDate: '2010-01-02', telecom: [{ system: 'phone', value: '07700 900456' }] }, { withProvenance: true });
    await fhirAdapter.recordConsent({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', decision: 'deny', decidedOn: '2026-11-23T10:00:00Z', reviewDue: '2027-11-23' }, { withProvenance: true });
    await fhirAdapter.recordAskedNoCarers({ patient: 'Patient/alex' });
    await fhirAdapter.offerAssessment({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', note: 'Offered by phone' });
    const resources = sentResources(fhir);
    expect(resources.map((r) => r.resourceType).sort()).toEqual(['Consent', 'List', 'Provenance', 'Provenance', 'RelatedPerson', 'Task']);
    for (const resource of resources) expect(validateR4(resource), String(resource.resourceType)).toEqual([]);
  });

  it('turns off a write the CapabilityStatement does not offer, with its reason, sending nothing', async () => {
    const fhir = net.fhir({ readOnly: ['Consent', 'RelatedPerson'] }).seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    const caps = await fhirAdapter.capabilities();
    expect(caps.canWrite.Consent.create).toBe(false);
    const error = (await fhirAdapter
      .recordConsent({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', decision: 'permit', decidedOn: '2026-11-23T10:00:00Z', reviewDue: '2027-11-23' }, { withProvenance: true })
      .catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('unsupported');
    expect(error.userMessage).toBe('This server does not accept new Consent records (read-only API) — record the decision in the EHR.');
    expect(fhir.dataRequests).toHaveLength(0);
  });

  it('refuses invalid input with a clear error, sending nothing', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const error = (await adapter(fhir.base)
      .recordConsent({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', decision: 'partial', decidedOn: '2026-11-23T10:00:00Z', reviewDue: '2027-11-23' }, { withProvenance: true })
      .catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('bad-request');
    expect(error.userMessage).toMatch(/^Nothing was saved: a partial decision must say what may, or may not, be shared/);
    expect(fhir.dataRequests).toHaveLength(0);
  });

  it('reports a saved change whose re-read failed, so it is not sent again', async () => {
    const fhir = net.fhir({ transaction: false }).seed(...alexRecord());
    fhir.fault({ match: (r) => r.method === 'GET' && r.url.pathname.endsWith('/Patient'), times: 5, respond: faults.unavailable('0') });
    const result = await adapter(fhir.base).recordAskedNoCarers({ patient: 'Patient/alex' });
    expect(result.written.reference).toMatch(/^List\//);
    expect(result.record).toBeUndefined();
    expect(result.rereadError?.kind).toBe('unavailable');
  });
});
