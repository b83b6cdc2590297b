import { describe, expect, it } from 'vitest';
import { withCarerTasks } from '../../../../adapter/audit/pull/carerTasks';
import type { SourceEvent } from '../../../../adapter/bulk/sourceEvents';
import { createFhirHttp } from '../../../../adapter/http/fhirHttp';
import { faults } from '../../support/fakeFhirServer';
import { useFhirServer } from '../../support/mswServer';

const net = useFhirServer();

const carer = (id: string) => ({ resourceType: 'RelatedPerson', id, patient: { reference: 'Patient/p1' } });
const task = (id: string, forRef: string) => ({ resourceType: 'Task', id, status: 'requested', intent: 'proposal', for: { reference: forRef } });

/** What a Patient- or Group-level export gives: the patient's compartment (no Task about a carer). */
async function* exported(...events: SourceEvent[]): AsyncGenerator<SourceEvent> {
  yield* events;
}

async function collect(source: AsyncIterable<SourceEvent>): Promise<SourceEvent[]> {
  const events: SourceEvent[] = [];
  for await (const event of source) events.push(event);
  return events;
}

describe('the carers’ Tasks after a Patient- or Group-level export', () => {
  const resourcesOf = (events: SourceEvent[]) => events.flatMap((e) => (e.type === 'resource' ? [`${e.resource.resourceType}/${String(e.resource.id)}`] : []));

  it('reads the Tasks about the exported carers by batched, paged searches, counting none twice', async () => {
    const fhir = net.fhir({ pageSize: 2 }).seed(...Array.from({ length: 45 }, (_, i) => carer(`c${i}`)), task('t1', 'RelatedPerson/c1'), task('t2', 'RelatedPerson/c44'), task('t3', 'RelatedPerson/c2'), task('t4', 'RelatedPerson/elsewhere'), task('tp', 'Patient/p1'));
    const http = createFhirHttp({ baseUrl: fhir.base, fetch: (input, init) => globalThis.fetch(input, init) });
    const events = await collect(
      withCarerTasks(exported(...Array.from({ length: 45 }, (_, i) => ({ type: 'resource' as const, resource: carer(`c${i}`) })), { type: 'resource', resource: task('t3', 'RelatedPerson/c2') }, { type: 'complete', complete: true }), { http, count: 2 }),
    );
    expect(resourcesOf(events).filter((r) => r.startsWith('Task/')).sort()).toEqual(['Task/t1', 'Task/t2', 'Task/t3']);
    const searches = fhir.dataRequests.filter((r) => r.url.pathname.endsWith('/Task'));
    expect(searches.filter((r) => !r.url.searchParams.has('_offset')).map((r) => r.url.searchParams.get('subject')?.split(',').length)).toEqual([40, 5]);
    expect(events.at(-1)).toEqual({ type: 'complete', complete: true });
  });

  it('marks the pull incomplete, naming the assessment measures, when those Tasks cannot be read: never a silent zero', async () => {
    const fhir = net.fhir().seed(carer('c1'), task('t1', 'RelatedPerson/c1'));
    fhir.fault({ match: (r) => r.url.pathname.endsWith('/Task'), respond: faults.serverError(), times: 5 });
    const http = createFhirHttp({ baseUrl: fhir.base, fetch: (input, init) => globalThis.fetch(input, init), maxRetries: 0 });
    const events = await collect(withCarerTasks(exported({ type: 'resource', resource: carer('c1') }, { type: 'complete', complete: true }), { http, count: 50 }));
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'complete', complete: false });
    expect(last?.type === 'complete' ? last.reason : '').toMatch(/assessment Tasks could not be read .*assessment measures .* could not be computed/);
  });

  it('passes on an export that did not finish as it is, without searching', async () => {
    const fhir = net.fhir();
    const http = createFhirHttp({ baseUrl: fhir.base, fetch: (input, init) => globalThis.fetch(input, init) });
    const events = await collect(withCarerTasks(exported({ type: 'resource', resource: carer('c1') }, { type: 'complete', complete: false, reason: 'stopped' }), { http, count: 50 }));
    expect(events.at(-1)).toEqual({ type: 'complete', complete: false, reason: 'stopped' });
    expect(fhir.dataRequests).toEqual([]);
  });
});
