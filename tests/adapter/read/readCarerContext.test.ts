import { describe, expect, it } from 'vitest';
import { createFhirAdapter } from '../../../adapter/client';
import type { FhirError } from '../../../adapter/errors';
import { faults } from '../support/fakeFhirServer';
import { AskedNoCarersJo, PatientJo, alexRecord, asStored } from '../support/personas';
import { TRANSPORTS, useFhirServer } from '../support/mswServer';

const net = useFhirServer();

describe.each(TRANSPORTS)('readCarerContext over %s', (_name, injectedFetch) => {
  const adapter = (base: string) => createFhirAdapter({ baseUrl: base, ...(injectedFetch ? { fetch: injectedFetch } : {}), testing: { sleep: async () => undefined } });

  it('reads the patient, carers, consents and assessment offers in one _revinclude search', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const { context, raw } = await adapter(fhir.base).readCarerContext('Patient/alex');
    expect(fhir.dataRequests).toHaveLength(1);
    const search = fhir.dataRequests[0]!.url;
    expect(search.pathname).toBe('/R4/Patient');
    expect(search.searchParams.get('_id')).toBe('alex');
    expect(search.searchParams.getAll('_revinclude')).toEqual(['RelatedPerson:patient', 'Consent:patient', 'List:subject']);
    expect(search.searchParams.getAll('_revinclude:iterate')).toEqual(['Task:subject']);
    expect(context.patient.reference).toBe('Patient/alex');
    expect(context.carers.map((c) => c.reference)).toEqual(['RelatedPerson/grace', 'RelatedPerson/sam']);
    const grace = context.carers.find((c) => c.id === 'grace');
    expect(grace?.consent.decision).toBe('permit');
    expect(grace?.assessment.status).toBe('offered');
    expect(raw.get('RelatedPerson/grace')?.extension).toEqual([{ url: 'https://example.org/fhir/StructureDefinition/preferred-contact-time', valueString: 'evenings' }]);
  });

  it('reads the "asked: no carers" answer', async () => {
    const fhir = net.fhir().seed(...asStored(PatientJo, AskedNoCarersJo));
    const { context } = await adapter(fhir.base).readCarerContext('Patient/jo');
    expect(context.askedNoCarers?.list).toBe('List/asked-jo');
    expect(context.carers).toEqual([]);
  });

  it('follows the next link of a paged answer until the last page', async () => {
    const fhir = net.fhir();
    const [patient, grace, sam, consent, task] = alexRecord();
    const bundle = (resources: unknown[], next?: string) =>
      Response.json({ resourceType: 'Bundle', type: 'searchset', link: next ? [{ relation: 'next', url: next }] : [], entry: resources.map((resource) => ({ resource })) });
    fhir.fault({ match: (r) => r.url.searchParams.get('page') === '2', respond: () => bundle([sam, consent, task]) });
    fhir.fault({ match: (r) => r.url.pathname.endsWith('/Patient'), respond: () => bundle([patient, grace], `${fhir.base}/Patient?_id=alex&page=2`) });
    const { context } = await adapter(fhir.base).readCarerContext('Patient/alex');
    expect(fhir.dataRequests).toHaveLength(2);
    expect(context.carers.map((c) => c.id)).toEqual(['grace', 'sam']);
    expect(context.carers[0]?.consent.decision).toBe('permit');
  });

  it('uses a batch of searches when the server does not support _revinclude, and after one refused probe asks no more', async () => {
    const fhir = net.fhir({ revinclude: false }).seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    const { context } = await fhirAdapter.readCarerContext('Patient/alex');
    const batches = fhir.dataRequests.filter((r) => r.method === 'POST');
    expect(batches).toHaveLength(1);
    expect(batches[0]!.body).toMatchObject({ resourceType: 'Bundle', type: 'batch' });
    expect(fhir.dataRequests.filter((r) => r.url.searchParams.has('_revinclude'))).toHaveLength(1);
    expect(context.carers.find((c) => c.id === 'grace')?.assessment.status).toBe('offered');
    expect(context.carers.find((c) => c.id === 'grace')?.consent.decision).toBe('permit');

    const before = fhir.dataRequests.length;
    await fhirAdapter.readCarerContext('Patient/alex');
    const second = fhir.dataRequests.slice(before);
    expect(second.some((r) => r.url.searchParams.has('_revinclude'))).toBe(false);
    expect(second.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('probes a server that supports _revinclude without declaring it once, then reads each patient in one search', async () => {
    const fhir = net.fhir({ revinclude: false, undeclaredRevinclude: 'supported' }).seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    const first = await fhirAdapter.readCarerContext('Patient/alex');
    expect(fhir.dataRequests.filter((r) => r.url.searchParams.has('_revinclude'))).toHaveLength(1);
    const before = fhir.dataRequests.length;
    const second = await fhirAdapter.readCarerContext('Patient/alex');
    const requests = fhir.dataRequests.slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url.searchParams.getAll('_revinclude:iterate')).toEqual(['Task:subject']);
    expect(second.context).toEqual(first.context);
  });

  it('remembers "no" for a server that silently ignores _revinclude, and never shows its incomplete answer', async () => {
    const fhir = net.fhir({ revinclude: false, undeclaredRevinclude: 'ignored' }).seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    const { context } = await fhirAdapter.readCarerContext('Patient/alex');
    expect(context.carers.map((c) => c.id)).toEqual(['grace', 'sam']);
    const before = fhir.dataRequests.length;
    await fhirAdapter.readCarerContext('Patient/alex');
    expect(fhir.dataRequests.slice(before).some((r) => r.url.searchParams.has('_revinclude'))).toBe(false);
  });

  it('sends the searches side by side when the server takes neither _revinclude nor batch', async () => {
    const fhir = net.fhir({ revinclude: false, batch: false }).seed(...alexRecord());
    const { context } = await adapter(fhir.base).readCarerContext('Patient/alex');
    expect(fhir.dataRequests.every((r) => r.method === 'GET')).toBe(true);
    expect(context.carers).toHaveLength(2);
    expect(context.carers.find((c) => c.id === 'grace')?.assessment.status).toBe('offered');
  });

  it('says the patient was not found', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const error = (await adapter(fhir.base).readCarerContext('Patient/nobody').catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('not-found');
  });

  it('refuses a reference that is not a patient before sending anything', async () => {
    const fhir = net.fhir();
    const error = (await adapter(fhir.base).readCarerContext('Patient/../../admin').catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('bad-request');
    expect(fhir.requests).toHaveLength(0);
  });

  it('reports a malformed search answer as an invalid response', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    fhir.fault({ match: (r) => r.url.pathname.endsWith('/Patient'), respond: faults.malformed() });
    const error = (await adapter(fhir.base).readCarerContext('Patient/alex').catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('invalid-response');
  });

  it('reports a search answer that is not a Bundle as an invalid response', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    fhir.fault({ match: (r) => r.url.pathname.endsWith('/Patient'), respond: () => Response.json({ resourceType: 'Patient', id: 'alex' }) });
    const error = (await adapter(fhir.base).readCarerContext('Patient/alex').catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('invalid-response');
  });

  it('surfaces an OperationOutcome error with its issues', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    fhir.fault({
      match: (r) => r.url.pathname.endsWith('/Patient'),
      respond: () => Response.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'Access denied by policy' }] }, { status: 403 }),
    });
    const error = (await adapter(fhir.base).readCarerContext('Patient/alex').catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('forbidden');
    expect(error.issues).toEqual(['error forbidden: Access denied by policy']);
    expect(error.userMessage).toBe('You do not have permission to see this patient record. Ask your system administrator for access.');
  });
});
