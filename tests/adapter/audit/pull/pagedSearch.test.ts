import type { Bundle, Group, Patient, Resource, Task } from '@medplum/fhirtypes';
import { AUDIT_TYPES } from '../../../../adapter/fhir/carerRecordResources';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pullPopulation, type PullEvent, type PullOptions } from '../../../../adapter/audit/pull';
import { CarerGrace, ConsentAdaGrace, PatientAda, PatientBen } from '../../support/populationPersonas';

const BASE = 'https://fhir.trust.test/r4';

const PatientCal: Patient = { resourceType: 'Patient', id: 'cal' };
const OfferToGrace: Task = { resourceType: 'Task', id: 't1', status: 'requested', intent: 'proposal', for: { reference: 'RelatedPerson/grace' } };
const TeamNorth: Group = {
  resourceType: 'Group',
  id: 'team-north',
  type: 'person',
  actual: true,
  member: [{ entity: { reference: 'Patient/ada' } }, { entity: { reference: 'Patient/ben' }, inactive: true }, { entity: { reference: 'Patient/ada' } }],
};

function searchset(resources: Resource[], next?: string, total?: number): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(total !== undefined ? { total } : {}),
    link: next ? [{ relation: 'self', url: `${BASE}/self` }, { relation: 'next', url: next }] : [{ relation: 'self', url: `${BASE}/self` }],
    entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
  };
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let waits: number[];
beforeEach(() => {
  waits = [];
});

function searchOptions(overrides: Partial<PullOptions> = {}): PullOptions {
  return {
    fhirBase: BASE,
    mode: 'search',
    sleep: async (ms) => {
      waits.push(ms);
    },
    retry: { maxRetries: 3, maxTotalWaitMs: 60_000, baseDelayMs: 1, maxDelayMs: 1 },
    ...overrides,
  };
}

/** Every type answers with one empty page unless a handler for it is given. */
function emptyTypes(except: string[]) {
  return [...AUDIT_TYPES]
    .filter((type) => !except.includes(type))
    .map((type) => http.get(`${BASE}/${type}`, () => HttpResponse.json(searchset([]))));
}

async function pull(options: PullOptions) {
  const events: PullEvent[] = [];
  for await (const event of pullPopulation(options)) events.push(event);
  const resources = events.flatMap((event) => (event.type === 'resource' ? [event.resource as Resource] : []));
  return {
    events,
    ids: resources.map((resource) => `${resource.resourceType}/${resource.id ?? ''}`).sort(),
    warnings: events.flatMap((event) => (event.type === 'warning' ? [event.message] : [])),
    complete: events.at(-1),
  };
}

describe('paged search', () => {
  it('follows next links page by page, asking for _count, and ends complete', async () => {
    const counts: Array<string | null> = [];
    server.use(
      http.get(`${BASE}/Patient`, ({ request }) => {
        const url = new URL(request.url);
        counts.push(url.searchParams.get('_count'));
        const page = url.searchParams.get('page');
        if (page === null) return HttpResponse.json(searchset([PatientAda], `${BASE}/Patient?_count=2&page=2`));
        if (page === '2') return HttpResponse.json(searchset([PatientBen], `${BASE}/Patient?_count=2&page=3`));
        return HttpResponse.json(searchset([PatientCal]));
      }),
      ...emptyTypes(['Patient']),
    );
    const result = await pull(searchOptions({ pageSize: 2 }));
    expect(counts).toEqual(['2', '2', '2']);
    expect(result.ids).toEqual(['Patient/ada', 'Patient/ben', 'Patient/cal']);
    expect(result.complete).toEqual({ type: 'complete', complete: true });
  });

  it('waits as a 429 Retry-After asks and carries on from the same page', async () => {
    let served = 0;
    server.use(
      http.get(`${BASE}/Consent`, () => {
        served += 1;
        return served === 1 ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '4' } }) : HttpResponse.json(searchset([ConsentAdaGrace]));
      }),
      ...emptyTypes(['Consent']),
    );
    const result = await pull(searchOptions());
    expect(waits).toEqual([4000]);
    expect(result.ids).toEqual(['Consent/c1']);
    expect(result.complete).toEqual({ type: 'complete', complete: true });
  });

  it('refuses a next link to another origin and reports the pull as incomplete', async () => {
    let foreign = 0;
    server.use(
      http.get(`${BASE}/Patient`, () => HttpResponse.json(searchset([PatientAda], 'https://elsewhere.test/r4/Patient?page=2'))),
      http.get('https://elsewhere.test/r4/Patient', () => {
        foreign += 1;
        return HttpResponse.json(searchset([PatientBen]));
      }),
      ...emptyTypes(['Patient']),
    );
    const result = await pull(searchOptions());
    expect(foreign).toBe(0);
    expect(result.ids).not.toContain('Patient/ben');
    expect(result.complete).toMatchObject({ type: 'complete', complete: false, reason: expect.stringContaining('https://elsewhere.test') });
  });

  it('stops a next link that loops back to a page already read', async () => {
    server.use(
      http.get(`${BASE}/Patient`, ({ request }) => {
        const page = new URL(request.url).searchParams.get('page');
        return page === '2'
          ? HttpResponse.json(searchset([PatientBen], `${BASE}/Patient?page=1`))
          : HttpResponse.json(searchset([PatientAda], `${BASE}/Patient?page=2`));
      }),
      ...emptyTypes(['Patient']),
    );
    const result = await pull(searchOptions({ pageSize: 500 }));
    expect(result.complete).toMatchObject({ complete: false, reason: expect.stringContaining('links back to a page already read') });
  });

  it('reads past an empty page to the data after it', async () => {
    server.use(
      http.get(`${BASE}/Patient`, ({ request }) =>
        new URL(request.url).searchParams.get('page') === '2'
          ? HttpResponse.json(searchset([PatientBen]))
          : HttpResponse.json(searchset([], `${BASE}/Patient?page=2`)),
      ),
      ...emptyTypes(['Patient']),
    );
    const result = await pull(searchOptions());
    expect(result.ids).toEqual(['Patient/ben']);
    expect(result.complete).toEqual({ type: 'complete', complete: true });
  });

  it('stops when the server keeps sending empty pages', async () => {
    server.use(
      http.get(`${BASE}/Patient`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page') ?? '0');
        return HttpResponse.json(searchset([], `${BASE}/Patient?page=${page + 1}`));
      }),
      ...emptyTypes(['Patient']),
    );
    const result = await pull(searchOptions());
    expect(result.complete).toMatchObject({ complete: false, reason: expect.stringContaining('empty pages in a row') });
  });

  it.each([
    ['404', 404],
    ['405', 405],
    ['501', 501],
  ])("says plainly that a server answering %s to search does not offer it, never the panel's 'check you have the right patient'", async (_, status) => {
    server.use(http.get(`${BASE}/:type`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported' }] }, { status })));
    const result = await pull(searchOptions());
    expect(result.complete).toMatchObject({ complete: false, reason: expect.stringMatching(/^The FHIR server does not offer the (Patient|RelatedPerson|Consent|Task|List) search \(HTTP \d+\), so the caseload cannot be read by paged search/) });
    expect(JSON.stringify(result.complete)).not.toMatch(/right patient/);
  });

  it('is incomplete when a page is cut short in the middle of its JSON, and counts nothing from it', async () => {
    const whole = JSON.stringify(searchset([PatientAda, PatientBen], undefined, 2));
    server.use(
      http.get(`${BASE}/Patient`, () => new HttpResponse(whole.slice(0, Math.floor(whole.length * 0.6)), { status: 200, headers: { 'content-type': 'application/fhir+json' } })),
      ...emptyTypes(['Patient']),
    );
    const result = await pull(searchOptions());
    expect(result.ids).toEqual([]);
    expect(result.complete).toMatchObject({ type: 'complete', complete: false });
  });

  it('is incomplete when a page holds fewer matches than its total says and has no next link', async () => {
    server.use(
      http.get(`${BASE}/Consent`, () => HttpResponse.json(searchset([ConsentAdaGrace], undefined, 2))),
      ...emptyTypes(['Consent']),
    );
    const result = await pull(searchOptions());
    expect(result.complete).toMatchObject({ type: 'complete', complete: false, reason: expect.stringContaining('The Consent search said it had 2 matches but 1 were read') });
  });

  it('is incomplete, naming the search, when Bundle.total disagrees with what was read', async () => {
    server.use(
      http.get(`${BASE}/Patient`, () => HttpResponse.json(searchset([PatientAda, PatientBen], undefined, 5))),
      ...emptyTypes(['Patient']),
    );
    const result = await pull(searchOptions());
    expect(result.ids).toEqual(['Patient/ada', 'Patient/ben']);
    expect(result.warnings).toEqual(['The Patient search said it had 5 matches but 2 were read']);
    expect(result.complete).toEqual({ type: 'complete', complete: false, reason: 'the data read did not check out: The Patient search said it had 5 matches but 2 were read' });
  });

  it('reports a server that keeps failing as an incomplete pull', async () => {
    server.use(http.get(`${BASE}/Patient`, () => new HttpResponse(null, { status: 503 })), ...emptyTypes(['Patient']));
    const result = await pull(searchOptions());
    expect(result.complete).toMatchObject({ complete: false, reason: expect.stringContaining('temporarily unavailable') });
  });

  it('pulls a Group caseload: active members, their carers, consents, lists, and the tasks about their carers', async () => {
    const asked: Record<string, string | null> = {};
    server.use(
      http.get(`${BASE}/Group/team-north`, () => HttpResponse.json(TeamNorth)),
      http.get(`${BASE}/Patient`, ({ request }) => {
        asked.Patient = new URL(request.url).searchParams.get('_id');
        return HttpResponse.json(searchset([PatientAda]));
      }),
      http.get(`${BASE}/RelatedPerson`, ({ request }) => {
        asked.RelatedPerson = new URL(request.url).searchParams.get('patient');
        return HttpResponse.json(searchset([CarerGrace]));
      }),
      http.get(`${BASE}/Consent`, ({ request }) => {
        asked.Consent = new URL(request.url).searchParams.get('patient');
        return HttpResponse.json(searchset([ConsentAdaGrace]));
      }),
      http.get(`${BASE}/List`, ({ request }) => {
        asked.List = new URL(request.url).searchParams.get('subject');
        return HttpResponse.json(searchset([]));
      }),
      http.get(`${BASE}/Task`, ({ request }) => {
        asked.Task = new URL(request.url).searchParams.get('subject');
        return HttpResponse.json(searchset([OfferToGrace]));
      }),
      http.get(`${BASE}/EpisodeOfCare`, ({ request }) => {
        asked.EpisodeOfCare = new URL(request.url).searchParams.get('patient');
        return HttpResponse.json(searchset([]));
      }),
      http.get(`${BASE}/CarePlan`, ({ request }) => {
        asked.CarePlan = new URL(request.url).searchParams.get('subject');
        return HttpResponse.json(searchset([]));
      }),
      http.get(`${BASE}/Communication`, ({ request }) => {
        asked.Communication = new URL(request.url).searchParams.get('subject');
        return HttpResponse.json(searchset([]));
      }),
    );
    const result = await pull(searchOptions({ group: 'team-north' }));
    expect(asked).toEqual({
      Patient: 'ada',
      RelatedPerson: 'Patient/ada',
      Consent: 'Patient/ada',
      List: 'Patient/ada',
      EpisodeOfCare: 'Patient/ada',
      CarePlan: 'Patient/ada',
      Communication: 'Patient/ada',
      Task: 'Patient/ada,RelatedPerson/grace',
    });
    expect(result.ids).toEqual(['Consent/c1', 'Patient/ada', 'RelatedPerson/grace', 'Task/t1']);
    expect(result.complete).toEqual({ type: 'complete', complete: true });
  });

  it('goes on without episodes of care when the server refuses to search them, and says so', async () => {
    server.use(
      http.get(`${BASE}/EpisodeOfCare`, () =>
        HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported' }] }, { status: 400 }),
      ),
      http.get(`${BASE}/Patient`, () => HttpResponse.json(searchset([PatientAda]))),
      ...emptyTypes(['Patient', 'EpisodeOfCare']),
    );
    const result = await pull(searchOptions());
    expect(result.ids).toEqual(['Patient/ada']);
    expect(result.warnings).toEqual(['The server refused the EpisodeOfCare search (bad-request); the audit goes on without EpisodeOfCare details.']);
    expect(result.complete).toEqual({ type: 'complete', complete: true });
  });

  it('reports a Group that does not exist as an incomplete pull', async () => {
    server.use(
      http.get(`${BASE}/Group/nobody`, () =>
        HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }, { status: 404 }),
      ),
    );
    const result = await pull(searchOptions({ group: 'nobody' }));
    expect(result.complete).toMatchObject({ complete: false, reason: expect.stringContaining('not found') });
  });
});
