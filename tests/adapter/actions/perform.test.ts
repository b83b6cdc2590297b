/**
 * H30: a disclosure of the patient's information to a carer without the patient's consent is the
 * most consequential record the panel writes, so who recorded it and when is attested as a consent
 * change is: the Communication goes in one transaction with a Provenance.
 */
import { describe, expect, it } from 'vitest';
import { performWrite } from '../../../adapter/actions/perform';
import { createFhirAdapter } from '../../../adapter/client';
import type { WriteInputOf } from '../../../shared/actions/index';
import { validateR4 } from '../../support/validateR4';
import { performContext } from '../support/performContext';
import { alexRecord } from '../support/personas';
import { useFhirServer } from '../support/mswServer';

const net = useFhirServer();
const REQUEST_ID = '5f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const NOW = new Date('2026-11-23T10:15:00Z');
const recorder = { reference: 'Practitioner/dr-okafor', display: 'Dr Okafor' } as const;
const disclosure: WriteInputOf<'record-disclosure'> = {
  kind: 'record-disclosure',
  carer: 'RelatedPerson/grace',
  basis: 'serious-harm',
  what: 'Risk of self-harm tonight',
  patientTold: 'to-be-told',
};

type Entry = { fullUrl: string; resource: Record<string, unknown>; request: Record<string, string> };

describe('recording a disclosure without consent', () => {
  let uuid = 0;
  const adapter = (base: string) =>
    createFhirAdapter({ baseUrl: base, recorder, testing: { sleep: async () => undefined, clock: () => NOW, newUuid: () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}` } });

  it('writes the Communication in one transaction with a Provenance naming it and the clinician who recorded it', async () => {
    const fhir = net.fhir({ alsoOffers: ['Communication'] }).seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    const result = await performWrite(disclosure, performContext(fhirAdapter, 'Patient/alex', REQUEST_ID, NOW));
    const bundle = fhir.dataRequests.find((r) => r.method === 'POST')!.body as { type: string; entry: Entry[] };
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry[0]!.request).toEqual({ method: 'POST', url: 'Communication', ifNoneExist: `identifier=urn:ietf:rfc:3986|urn:uuid:${REQUEST_ID}` });
    expect(bundle.entry[1]!.resource).toMatchObject({ resourceType: 'Provenance', target: [{ reference: bundle.entry[0]!.fullUrl }], recorded: NOW.toISOString(), agent: [{ who: recorder }] });
    expect(validateR4(bundle.entry[1]!.resource)).toEqual([]);
    expect(result.written.reference).toMatch(/^Communication\//);
    expect(fhir.all('Provenance').map((p) => p.target)).toEqual([[{ reference: result.written.reference }]]);
  });

  it('leaves one Communication and one Provenance when the clinician saves the same disclosure twice (both are conditional on the request id)', async () => {
    const fhir = net.fhir({ alsoOffers: ['Communication'] }).seed(...alexRecord());
    const fhirAdapter = adapter(fhir.base);
    const first = await performWrite(disclosure, performContext(fhirAdapter, 'Patient/alex', REQUEST_ID, NOW));
    const second = await performWrite(disclosure, performContext(fhirAdapter, 'Patient/alex', REQUEST_ID, NOW));
    expect(second.written.reference).toBe(first.written.reference);
    expect(fhir.all('Communication')).toHaveLength(1);
    const bundle = fhir.dataRequests.find((r) => r.method === 'POST')!.body as { entry: Entry[] };
    expect(bundle.entry[1]!.request).toEqual({ method: 'POST', url: 'Provenance', ifNoneExist: `_tag=${encodeURIComponent(`urn:ietf:rfc:3986|urn:uuid:${REQUEST_ID}`)}` });
    expect(fhir.all('Provenance')).toHaveLength(1);
  });

  it('is a plain conditional create, as the other audited creates are, where the server takes no transactions', async () => {
    const fhir = net.fhir({ transaction: false, alsoOffers: ['Communication'] }).seed(...alexRecord());
    await performWrite(disclosure, performContext(adapter(fhir.base), 'Patient/alex', REQUEST_ID, NOW));
    const post = fhir.dataRequests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe('/R4/Communication');
    expect(post.headers.get('if-none-exist')).toBe(`identifier=urn:ietf:rfc:3986|urn:uuid:${REQUEST_ID}`);
    expect(fhir.all('Provenance')).toEqual([]);
  });
});
