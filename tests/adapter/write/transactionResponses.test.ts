import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createFhirAdapter } from '../../../adapter/client';
import type { FhirError } from '../../../adapter/errors';
import { alexRecord } from '../support/personas';
import { TRANSPORTS, useFhirServer } from '../support/mswServer';

const net = useFhirServer();
const NOW = new Date('2026-11-23T10:15:00Z');
const FHIR_JSON = { 'content-type': 'application/fhir+json' };
const outcomeOf = (code: string) => ({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: `entry failed: ${code}` }] });

/** An HTTP 200 transaction-response with these entry statuses, as a server that answers per entry sends. */
const answeredWith = (...entries: Array<{ status: string; outcome?: unknown; location?: string }>) => () =>
  HttpResponse.json({ resourceType: 'Bundle', type: 'transaction-response', entry: entries.map((response) => ({ response })) }, { status: 200, headers: FHIR_JSON });

describe.each(TRANSPORTS)('reading a transaction answer entry by entry over %s', (_name, injectedFetch) => {
  const adapter = (base: string) =>
    createFhirAdapter({ baseUrl: base, ...(injectedFetch ? { fetch: injectedFetch } : {}), testing: { sleep: async () => undefined, clock: () => NOW } });

  it.each([412, 409] as const)('turns a %i entry in an HTTP 200 transaction-response into the conflict carrying the newer version', async (staleStatus) => {
    const fhir = net.fhir({ staleStatus, failedTransaction: 'entries' }).seed(...alexRecord());
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
    expect(error.current?.resource).toMatchObject({ dateTime: '2026-11-22T16:00:00Z', status: 'active' });
  });

  it('turns a 400 entry into the bad-request error with the entry’s OperationOutcome, not "the answer does not say where"', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    fhir.fault({ match: (r) => r.method === 'POST', respond: answeredWith({ status: '400 Bad Request', outcome: outcomeOf('invalid') }, { status: '400 Bad Request' }) });
    const error = (await fhirAdapter.withdrawConsent('Consent/consent-grace', { withProvenance: true }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('bad-request');
    expect(error.status).toBe(400);
    expect(error.issues).toEqual(['error invalid: entry failed: invalid']);
  });

  it('treats an HTTP 200 answer whose Provenance entry failed as a failure of the whole change', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    fhir.fault({
      match: (r) => r.method === 'POST',
      respond: answeredWith({ status: '200 OK', location: 'Consent/consent-grace/_history/2' }, { status: '422 Unprocessable Entity', outcome: outcomeOf('business-rule') }),
    });
    const error = (await fhirAdapter.withdrawConsent('Consent/consent-grace', { withProvenance: true }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('bad-request');
    expect(error.status).toBe(422);
  });

  it('refuses an answer with fewer entries than were sent, or an entry without a status', async () => {
    const fhir = net.fhir().seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    await fhirAdapter.readCarerContext('Patient/alex');
    fhir.fault({ match: (r) => r.method === 'POST', respond: answeredWith({ status: '200 OK', location: 'Consent/consent-grace/_history/2' }) });
    expect(((await fhirAdapter.withdrawConsent('Consent/consent-grace', { withProvenance: true }).catch((e: unknown) => e)) as FhirError).kind).toBe('invalid-response');
    fhir.fault({ match: (r) => r.method === 'POST', respond: () => HttpResponse.json({ resourceType: 'Bundle', type: 'transaction-response', entry: [{ response: { location: 'Consent/consent-grace/_history/2' } }, {}] }, { headers: FHIR_JSON }) });
    expect(((await fhirAdapter.withdrawConsent('Consent/consent-grace', { withProvenance: true }).catch((e: unknown) => e)) as FhirError).kind).toBe('invalid-response');
  });
});
