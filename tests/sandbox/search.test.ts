import type { Bundle, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { TEST_NOW, entryRefs, fhirFetch, outcomeText } from './support/fhirFetch';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 60, seed: 3, now: TEST_NOW });
});
afterAll(async () => {
  await sandbox.close();
});

/** The adapter's one-round-trip read of a patient's carer context. */
const carerContextQuery = (patientId: string) =>
  `Patient?_id=${patientId}&_revinclude=RelatedPerson:patient&_revinclude=Consent:patient&_revinclude:iterate=Task:subject` +
  '&_revinclude=List:subject&_revinclude=EpisodeOfCare:patient';

describe('paging', () => {
  it('walks every Patient by following absolute next links on the sandbox origin', async () => {
    const seen = new Set<string>();
    let url: string | undefined = `${sandbox.fhirBase}/Patient?_count=7`;
    let pages = 0;
    while (url) {
      expect(url.startsWith(`${sandbox.fhirBase}/`)).toBe(true);
      const reply: { body: Bundle | undefined } = await fhirFetch<Bundle>(url);
      pages += 1;
      for (const ref of entryRefs(reply.body)) {
        expect(seen.has(ref)).toBe(false);
        seen.add(ref);
      }
      expect(reply.body?.entry?.length ?? 0).toBeLessThanOrEqual(7);
      url = reply.body?.link?.find((l) => l.relation === 'next')?.url;
    }
    expect(seen.size).toBe(sandbox.repo.count('Patient'));
    expect(pages).toBe(Math.ceil(sandbox.repo.count('Patient') / 7));
  });

  it('serves 20 matches a page when no _count is given, and gives self, first and previous links', async () => {
    const first = await fhirFetch<Bundle>(`${sandbox.fhirBase}/Patient`);
    expect(first.body?.entry).toHaveLength(20);
    const next = first.body?.link?.find((l) => l.relation === 'next')?.url ?? '';
    const second = await fhirFetch<Bundle>(next);
    expect(second.body?.link?.map((l) => l.relation)).toEqual(expect.arrayContaining(['self', 'first', 'previous']));
    expect(entryRefs(second.body)).not.toContain(entryRefs(first.body)[0]);
  });

  it('gives every searchset entry an absolute fullUrl', async () => {
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/Patient?_count=3`);
    for (const entry of reply.body?.entry ?? []) {
      expect(entry.fullUrl).toBe(`${sandbox.fhirBase}/Patient/${entry.resource?.id}`);
    }
  });

  it('keeps filters in next links', async () => {
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/RelatedPerson?active=true&_count=2`);
    const next = new URL(reply.body?.link?.find((l) => l.relation === 'next')?.url ?? '');
    expect(next.searchParams.get('active')).toBe('true');
    expect(next.searchParams.get('_offset')).toBe('2');
  });

  it('rejects a _count that is not a whole number with 400', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/Patient?_count=ten`);
    expect(reply.status).toBe(400);
    expect(outcomeText(reply.body)).toContain('_count');
  });
});

describe('_revinclude: a patient and their carer records in one round trip', () => {
  it('returns the patient, carers, consents, assessment Tasks (via :iterate on the carers) and the episode', async () => {
    const lucy = PERSONAS.lucyBrennan;
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/${carerContextQuery(lucy.patientId)}`);
    expect(reply.status).toBe(200);
    expect(new Set(entryRefs(reply.body))).toEqual(
      new Set([
        `Patient/${lucy.patientId}`,
        `RelatedPerson/${lucy.relatedPersonIds[0]}`,
        'Consent/demo-lucy-brennan-consent',
        'Task/demo-lucy-brennan-assessment',
        'EpisodeOfCare/demo-lucy-brennan-episode',
      ]),
    );
    expect(reply.body?.entry?.[0]?.search?.mode).toBe('match');
    expect(reply.body?.entry?.slice(1).every((e) => e.search?.mode === 'include')).toBe(true);
  });

  it('includes the "asked: no carers" List', async () => {
    const fatima = PERSONAS.fatimaBegum;
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/${carerContextQuery(fatima.patientId)}`);
    expect(entryRefs(reply.body)).toContain(`List/${fatima.patientId}-asked-no-carers`);
  });

  it('includes a Consent that names no carer', async () => {
    const samuel = PERSONAS.samuelAdeyemi;
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/${carerContextQuery(samuel.patientId)}`);
    expect(entryRefs(reply.body)).toContain('Consent/demo-samuel-adeyemi-consent-no-carer');
  });

  it('returns nothing of other patients', async () => {
    const amira = PERSONAS.amiraKhan;
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/${carerContextQuery(amira.patientId)}`);
    for (const entry of reply.body?.entry ?? []) expect(JSON.stringify(entry.resource)).toContain(amira.patientId);
  });

  it('finds Tasks by Task:patient only when Task.for is the Patient (carer Tasks point at the RelatedPerson)', async () => {
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/Patient?_id=${PERSONAS.lucyBrennan.patientId}&_revinclude=Task:patient`);
    expect(entryRefs(reply.body)).toEqual([`Patient/${PERSONAS.lucyBrennan.patientId}`]);
  });

  it('refuses an include the server does not declare with 400', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/Patient?_revinclude=Observation:patient`);
    expect(reply.status).toBe(400);
  });
});

describe('search parameters', () => {
  it('finds a patient by NHS number', async () => {
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${PERSONAS.thomasReid.nhsNumber}`);
    expect(entryRefs(reply.body)).toEqual([`Patient/${PERSONAS.thomasReid.patientId}`]);
  });

  it('rejects an unknown search parameter with 400 instead of ignoring it (strict handling)', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson?nickname=Jo`);
    expect(reply.status).toBe(400);
    expect(outcomeText(reply.body)).toContain('nickname');
  });

  it('rejects chained search with 400', async () => {
    const reply = await fhirFetch(`${sandbox.fhirBase}/RelatedPerson?patient.name=Khan`);
    expect(reply.status).toBe(400);
  });

  it('sorts by a declared parameter', async () => {
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/Patient?_sort=-birthdate&_count=50`);
    const dates = (reply.body?.entry ?? []).map((e) => (e.resource as Patient).birthDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('finds the same resources through the search indexes as a full scan would', async () => {
    // `active=true` has no index; `patient=` has one. Both must agree on who belongs to whom.
    const all = await fhirFetch<Bundle>(`${sandbox.fhirBase}/RelatedPerson?active=true,false&_count=1000`);
    const byPatient = new Map<string, string[]>();
    for (const entry of all.body?.entry ?? []) {
      const patient = (entry.resource as { patient?: { reference?: string } }).patient?.reference ?? '';
      byPatient.set(patient, [...(byPatient.get(patient) ?? []), `RelatedPerson/${entry.resource?.id}`]);
    }
    for (const [patient, expected] of [...byPatient].slice(0, 15)) {
      const indexed = await fhirFetch<Bundle>(`${sandbox.fhirBase}/RelatedPerson?patient=${patient}&_count=1000`);
      expect(entryRefs(indexed.body)).toEqual(expected);
    }
  });

  it('sees a write immediately in indexed searches', async () => {
    const created = await fhirFetch<{ id: string }>(`${sandbox.fhirBase}/RelatedPerson`, {
      method: 'POST',
      json: { resourceType: 'RelatedPerson', patient: { reference: `Patient/${PERSONAS.georgeWilson.patientId}` }, name: [{ family: 'New' }] },
    });
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/RelatedPerson?patient=Patient/${PERSONAS.georgeWilson.patientId}`);
    expect(entryRefs(reply.body)).toEqual([`RelatedPerson/${created.body?.id}`]);
  });

  it('searches by form POST to _search', async () => {
    const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/Patient/_search`, {
      method: 'POST',
      body: `identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${PERSONAS.amiraKhan.nhsNumber}`)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(entryRefs(reply.body)).toEqual([`Patient/${PERSONAS.amiraKhan.patientId}`]);
  });
});
