import { describe, expect, it } from 'vitest';
import type { FhirError } from '../../../adapter/errors';
import { createFhirHttp } from '../../../adapter/http/fhirHttp';
import { searchResources } from '../../../adapter/read/paging';
import { asStored, CarerGrace, ContactSam, PatientAlex } from '../support/personas';
import { useFhirServer } from '../support/mswServer';

const net = useFhirServer();

const page = (base: string, ids: string[], next?: string) =>
  Response.json({
    resourceType: 'Bundle',
    type: 'searchset',
    link: next ? [{ relation: 'next', url: next }] : [],
    entry: ids.map((id) => ({ resource: { resourceType: 'RelatedPerson', id, patient: { reference: 'Patient/alex' } } })),
  });

describe('searchResources', () => {
  it('reads every page of a search, in order', async () => {
    const fhir = net.fhir({ pageSize: 1 }).seed(...asStored(PatientAlex, CarerGrace, ContactSam));
    const resources = await searchResources(createFhirHttp({ baseUrl: fhir.base }), { path: 'RelatedPerson?patient=Patient/alex' });
    expect(resources.map((r) => r.id)).toEqual(['grace', 'sam']);
    expect(fhir.requests).toHaveLength(2);
    expect(fhir.requests[1]!.url.searchParams.get('_offset')).toBe('1');
  });

  it('refuses a next link on another origin, and reads nothing from it', async () => {
    const fhir = net.fhir();
    fhir.fault({ respond: () => page(fhir.base, ['grace'], 'https://attacker.example/R4/RelatedPerson?page=2') });
    const error = (await searchResources(createFhirHttp({ baseUrl: fhir.base }), { path: 'RelatedPerson?patient=Patient/alex' }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/another origin/);
    expect(fhir.requests).toHaveLength(1);
  });

  it('stops a next link that loops back to a page already read', async () => {
    const fhir = net.fhir();
    const again = `${fhir.base}/RelatedPerson?patient=Patient/alex`;
    fhir.fault({ times: 2, respond: () => page(fhir.base, ['grace'], again) });
    const error = (await searchResources(createFhirHttp({ baseUrl: fhir.base }), { path: 'RelatedPerson?patient=Patient/alex' }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/already read/);
    expect(fhir.requests).toHaveLength(1);
  });

  it('stops after the maximum number of pages', async () => {
    const fhir = net.fhir();
    let n = 0;
    fhir.fault({ times: 10, respond: () => page(fhir.base, [`p${n}`], `${fhir.base}/RelatedPerson?page=${++n}`) });
    const error = (await searchResources(createFhirHttp({ baseUrl: fhir.base }), { path: 'RelatedPerson' }, { maxPages: 3 }).catch((e: unknown) => e)) as FhirError;
    expect(error.message).toMatch(/more than 3 pages/);
    expect(fhir.requests).toHaveLength(3);
  });

  it('leaves out OperationOutcome entries of a search', async () => {
    const fhir = net.fhir();
    fhir.fault({
      respond: () =>
        Response.json({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [
            { resource: { resourceType: 'RelatedPerson', id: 'grace' }, search: { mode: 'match' } },
            { resource: { resourceType: 'OperationOutcome', issue: [] }, search: { mode: 'outcome' } },
          ],
        }),
    });
    const resources = await searchResources(createFhirHttp({ baseUrl: fhir.base }), { path: 'RelatedPerson' });
    expect(resources.map((r) => r.resourceType)).toEqual(['RelatedPerson']);
  });
});
