import { describe, expect, it } from 'vitest';
import { createFhirAdapter, type FhirAdapterOptions } from '../../../adapter/client';
import type { FhirError } from '../../../adapter/errors';
import { carerStatusExtensionUrl, DEFAULT_EXTENSION_BASE } from '../../../shared/terminology';
import { validateR4 } from '../../support/validateR4';
import { faults, type Resource } from '../support/fakeFhirServer';
import { alexRecord, asStored, ContactSam, PatientAlex } from '../support/personas';
import { TRANSPORTS, useFhirServer } from '../support/mswServer';

const net = useFhirServer();
const NOW = new Date('2026-11-23T10:15:00Z');

/** Sam as a real server might hold him: an extension and a `_primitive` element this code does not know. */
const samAsStored = (): Resource => ({
  ...asStored(ContactSam)[0]!,
  extension: [{ url: 'https://example.org/fhir/StructureDefinition/interpreter-needed', valueBoolean: true }],
  birthDate: '1975-02',
  _birthDate: { extension: [{ url: 'https://example.org/fhir/StructureDefinition/birth-date-source', valueString: 'patient-reported' }] },
});

describe.each(TRANSPORTS)('updating records over %s', (_name, injectedFetch) => {
  const adapter = (base: string, extra: Partial<FhirAdapterOptions> = {}) =>
    createFhirAdapter({ baseUrl: base, ...(injectedFetch ? { fetch: injectedFetch } : {}), testing: { sleep: async () => undefined, clock: () => NOW }, ...extra });

  it('marks a contact as not a carer with If-Match, sending the raw resource with nothing lost', async () => {
    const fhir = net.fhir({ transaction: false }).seed(...asStored(PatientAlex), samAsStored());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    const result = await fhirAdapter.markCarerStatus('RelatedPerson/sam', false, { withProvenance: true });
    const put = fhir.dataRequests.find((r) => r.method === 'PUT')!;
    expect(put.url.pathname).toBe('/R4/RelatedPerson/sam');
    expect(put.headers.get('if-match')).toBe('W/"1"');
    const sent = put.body as Resource;
    expect(sent._birthDate).toEqual(samAsStored()._birthDate);
    expect(sent.extension).toEqual([
      { url: 'https://example.org/fhir/StructureDefinition/interpreter-needed', valueBoolean: true },
      { url: carerStatusExtensionUrl(DEFAULT_EXTENSION_BASE), extension: [{ url: 'isCarer', valueBoolean: false }, { url: 'askedOn', valueDateTime: NOW.toISOString() }] },
    ]);
    expect(validateR4(sent)).toEqual([]);
    expect(result.written.versionId).toBe('2');
    expect(result.record?.context.carers.find((c) => c.id === 'sam')?.carerStatus).toBe('not-carer');
  });

  it('completes a carer’s contact details with If-Match, adding to the raw resource and losing nothing', async () => {
    const fhir = net.fhir({ transaction: false }).seed(...asStored(PatientAlex), samAsStored());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    const result = await fhirAdapter.editCarerDetails('RelatedPerson/sam', { email: 'sam@example.org' }, { withProvenance: true });
    const put = fhir.dataRequests.find((r) => r.method === 'PUT')!;
    expect(put.url.pathname).toBe('/R4/RelatedPerson/sam');
    expect(put.headers.get('if-match')).toBe('W/"1"');
    const sent = put.body as Resource;
    expect(sent._birthDate).toEqual(samAsStored()._birthDate);
    expect(sent.extension).toEqual(samAsStored().extension);
    expect(sent.telecom).toEqual([...((samAsStored().telecom as unknown[]) ?? []), { system: 'email', value: 'sam@example.org' }]);
    expect(validateR4(sent)).toEqual([]);
    expect(result.record?.context.carers.find((c) => c.id === 'sam')?.telecom).toContainEqual({ system: 'email', value: 'sam@example.org' });
  });

  it('sends a RelatedPerson change in a transaction with a Provenance recording the version it revised', async () => {
    const fhir = net.fhir().seed(...asStored(PatientAlex), samAsStored());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    await fhirAdapter.markCarerStatus('RelatedPerson/sam', true, { withProvenance: true });
    const bundle = fhir.dataRequests.find((r) => r.method === 'POST')!.body as { type: string; entry: Array<{ resource: Resource; request: Record<string, string> }> };
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry[0]!.request).toEqual({ method: 'PUT', url: 'RelatedPerson/sam', ifMatch: 'W/"1"' });
    const provenance = bundle.entry[1]!.resource;
    expect(provenance).toMatchObject({ resourceType: 'Provenance', target: [{ reference: 'RelatedPerson/sam' }], entity: [{ role: 'revision', what: { reference: 'RelatedPerson/sam/_history/1' } }] });
    expect(validateR4(provenance)).toEqual([]);
    expect(fhir.current('RelatedPerson/sam')?.meta?.versionId).toBe('2');
  });

  it.each([412, 409] as const)('turns a stale If-Match answered %i into a conflict carrying the newer version', async (staleStatus) => {
    const fhir = net.fhir({ staleStatus, transaction: false }).seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    fhir.editBehindTheScenes('Consent/consent-grace', (consent) => {
      consent.dateTime = '2026-11-22T16:00:00Z';
    });
    const error = (await fhirAdapter.withdrawConsent('Consent/consent-grace', { withProvenance: true }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('conflict');
    expect(error.status).toBe(staleStatus);
    expect(error.userMessage).toBe('Someone else changed this consent record since you opened it. Compare their version with yours before saving again.');
    expect(error.current?.versionId).toBe('2');
    expect(error.current?.resource).toMatchObject({ resourceType: 'Consent', id: 'consent-grace', dateTime: '2026-11-22T16:00:00Z', status: 'active' });
    expect(fhir.current('Consent/consent-grace')?.status).toBe('active');
  });

  it('reports a conflict inside a transaction the same way', async () => {
    const fhir = net.fhir({ staleStatus: 409 }).seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    fhir.editBehindTheScenes('Consent/consent-grace', () => undefined);
    const error = (await fhirAdapter.withdrawConsent('Consent/consent-grace', { withProvenance: true }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('conflict');
    expect(error.current?.versionId).toBe('2');
    expect(fhir.all('Provenance')).toEqual([]);
  });

  it('leaves one Provenance when the same change is resent to a server that keeps the entries of a failed transaction', async () => {
    const fhir = net.fhir({ failedTransaction: 'entries' }).seed(...asStored(PatientAlex), samAsStored());
    const fhirAdapter = adapter(fhir.base);
    const record = await fhirAdapter.readCarerContext('Patient/alex');
    const raw = record.raw.get('RelatedPerson/sam')!;
    await fhirAdapter.markCarerStatus('RelatedPerson/sam', true, { withProvenance: true, raw });
    const resend = (await fhirAdapter.markCarerStatus('RelatedPerson/sam', true, { withProvenance: true, raw }).catch((e: unknown) => e)) as FhirError;
    expect(resend.kind).toBe('conflict');
    const provenance = fhir.all('Provenance');
    expect(provenance).toHaveLength(1);
    expect(provenance[0]?.meta).toMatchObject({ tag: [{ system: 'urn:ietf:rfc:3986', code: `${fhir.base}/RelatedPerson/sam/_history/1` }] });
  });

  it('withdraws a consent, and the re-read shows it withdrawn', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    const result = await fhirAdapter.withdrawConsent('Consent/consent-grace', { withProvenance: true });
    expect(fhir.current('Consent/consent-grace')?.status).toBe('inactive');
    expect(result.record?.context.carers.find((c) => c.id === 'grace')?.consent.decision).toBe('withdrawn');
  });

  it('retries an update with If-Match when the server is briefly unavailable', async () => {
    const fhir = net.fhir({ transaction: false }).seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    fhir.fault({ match: (r) => r.method === 'PUT', afterProcessing: false, respond: faults.unavailable('1') });
    await fhirAdapter.recordAssessmentOutcome('Task/task-grace', { status: 'declined', on: '2026-11-23T10:00:00Z', reason: 'Has support already' });
    expect(fhir.dataRequests.filter((r) => r.method === 'PUT')).toHaveLength(2);
    expect(fhir.current('Task/task-grace')).toMatchObject({ status: 'rejected', statusReason: { text: 'Has support already' } });
  });

  it('records an assessment outcome with If-Match and re-reads the carer as declined', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    const result = await fhirAdapter.recordAssessmentOutcome('Task/task-grace', { status: 'declined', on: '2026-11-23T10:00:00Z' });
    // Tasks are not Consent or RelatedPerson changes: a plain versioned update.
    expect(fhir.dataRequests.find((r) => r.method === 'PUT')?.headers.get('if-match')).toBe('W/"1"');
    expect(result.record?.context.carers.find((c) => c.id === 'grace')?.assessment.status).toBe('declined');
  });

  it('updates from a raw resource the caller holds, with If-Match on its version', async () => {
    const fhir = net.fhir({ transaction: false }).seed(...alexRecord());
    const record = await adapter(fhir.base).readCarerContext('Patient/alex');
    const raw = record.raw.get('Consent/consent-grace')!;
    fhir.editBehindTheScenes('Consent/consent-grace', () => undefined);
    // A second adapter (another worker) that never read the record: the caller's raw decides the version.
    const error = (await adapter(fhir.base).withdrawConsent('Consent/consent-grace', { withProvenance: true, raw }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('conflict');
  });

  it('refuses to update a record it has not read, sending nothing', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const error = (await adapter(fhir.base).withdrawConsent('Consent/consent-grace', { withProvenance: true }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('bad-request');
    expect(error.userMessage).toMatch(/Refresh the patient's record/);
    expect(fhir.dataRequests).toHaveLength(0);
  });

  it('turns off updates a read-only API does not offer', async () => {
    const fhir = net.fhir({ readOnly: ['Consent'] }).seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    const error = (await fhirAdapter.withdrawConsent('Consent/consent-grace', { withProvenance: true }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('unsupported');
    expect(error.userMessage).toBe('This server does not allow changes to Consent records (read-only API) — record the decision in the EHR.');
    expect(fhir.dataRequests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });
});
