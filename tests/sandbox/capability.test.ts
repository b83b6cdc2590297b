import type { Bundle, CapabilityStatement, Consent, EpisodeOfCare, List, Patient, Provenance, RelatedPerson, Resource, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_RESOURCES } from '../../sandbox/capability';
import { PERSONAS } from '../../sandbox/personas';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { TEST_NOW, entryRefs, fhirFetch } from './support/fhirFetch';

let sandbox: Sandbox;
let statement: CapabilityStatement;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 5, seed: 2, now: TEST_NOW });
  statement = (await fhirFetch<CapabilityStatement>(`${sandbox.fhirBase}/metadata`)).body as CapabilityStatement;
});
afterAll(async () => {
  await sandbox.close();
});

const restResources = () => statement.rest?.[0]?.resource ?? [];

/** A minimal valid resource of each type, for exercising every declared write. */
const minimal = (type: string): Resource => {
  const patient = { reference: `Patient/${PERSONAS.amiraKhan.patientId}` };
  const examples: Record<string, Resource> = {
    Patient: { resourceType: 'Patient', name: [{ family: 'Minimal' }] },
    RelatedPerson: { resourceType: 'RelatedPerson', patient },
    Consent: {
      resourceType: 'Consent',
      status: 'active',
      scope: { text: 'privacy' },
      category: [{ text: 'consent' }],
      patient,
      policyRule: { text: 'opt-in' },
    },
    Task: { resourceType: 'Task', status: 'requested', intent: 'proposal', for: patient },
    List: { resourceType: 'List', status: 'current', mode: 'snapshot', subject: patient },
    EpisodeOfCare: { resourceType: 'EpisodeOfCare', status: 'active', patient },
    CarePlan: { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: patient },
    Communication: { resourceType: 'Communication', status: 'completed', subject: patient },
    Provenance: {
      resourceType: 'Provenance',
      meta: { tag: [{ system: 'urn:ietf:rfc:3986', code: 'urn:uuid:6b1f7c2a-0d3e-4f5a-8b9c-1d2e3f4a5b6c' }] },
      target: [patient],
      recorded: '2026-03-15T10:00:00Z',
      agent: [{ who: { reference: 'Practitioner/team-eip-staff-1' } }],
    },
    Group: { resourceType: 'Group', type: 'person', actual: true },
    Organization: { resourceType: 'Organization', name: 'Minimal team' },
    Practitioner: { resourceType: 'Practitioner', name: [{ family: 'Minimal' }] },
  };
  const example = examples[type];
  if (!example) throw new Error(`No minimal example for ${type}: add one when declaring a new type`);
  return example;
};

describe('CapabilityStatement', () => {
  it('is served at /metadata as FHIR R4 JSON with batch and transaction', () => {
    expect(statement.resourceType).toBe('CapabilityStatement');
    expect(statement.fhirVersion).toBe('4.0.1');
    expect(statement.kind).toBe('instance');
    expect(statement.format).toContain('application/fhir+json');
    expect(statement.implementation?.url).toBe(sandbox.fhirBase);
    expect(statement.rest?.[0]?.interaction?.map((i) => i.code)).toEqual(['batch', 'transaction']);
  });

  it('declares versioned updates, conditional create and the carer-context revincludes on Patient', () => {
    const patient = restResources().find((r) => r.type === 'Patient');
    expect(patient?.versioning).toBe('versioned-update');
    expect(patient?.conditionalCreate).toBe(true);
    expect(patient?.updateCreate).toBe(true);
    expect(patient?.searchRevInclude).toEqual(
      expect.arrayContaining(['RelatedPerson:patient', 'Consent:patient', 'Task:subject', 'List:subject', 'EpisodeOfCare:patient']),
    );
  });

  it('declares bulk $export at system, Patient and Group level, and the server answers a kick-off', async () => {
    expect(statement.rest?.[0]?.operation?.map((o) => o.name)).toEqual(['export']);
    for (const type of ['Patient', 'Group']) {
      expect(restResources().find((r) => r.type === type)?.operation?.map((o) => o.name)).toEqual(['export']);
    }
    const kickOff = await fetch(`${sandbox.fhirBase}/$export`, { headers: { accept: 'application/fhir+json', prefer: 'respond-async' } });
    expect(kickOff.status).toBe(202);
    expect(kickOff.headers.get('content-location')).toBeTruthy();
  });

  it('lists exactly the resource types the server is built to serve', () => {
    expect(restResources().map((r) => r.type)).toEqual(SUPPORTED_RESOURCES.map((r) => r.type));
  });
});

describe.each(SUPPORTED_RESOURCES.map((r) => [r.type, r] as const))('%s: every declared interaction works, others are refused', (type, declared) => {
  it('create, read, vread, update, history and search as declared', async () => {
    const created = await fhirFetch<Resource>(`${sandbox.fhirBase}/${type}`, { method: 'POST', json: minimal(type) });
    expect(created.status).toBe(declared.interactions.includes('create') ? 201 : 405);
    const id = created.body?.id as string;
    const read = await fhirFetch<Resource>(`${sandbox.fhirBase}/${type}/${id}`);
    expect(read.status).toBe(200);
    const vread = await fhirFetch<Resource>(`${sandbox.fhirBase}/${type}/${id}/_history/${read.body?.meta?.versionId}`);
    expect(vread.status).toBe(200);
    const history = await fhirFetch<Bundle>(`${sandbox.fhirBase}/${type}/${id}/_history`);
    expect(history.status).toBe(200);
    const update = await fhirFetch(`${sandbox.fhirBase}/${type}/${id}`, { method: 'PUT', json: read.body, headers: { 'if-match': read.headers.get('etag') ?? '' } });
    expect(update.status).toBe(declared.interactions.includes('update') ? 200 : 405);
    const search = await fhirFetch<Bundle>(`${sandbox.fhirBase}/${type}?_id=${id}`);
    expect(entryRefs(search.body)).toEqual([`${type}/${id}`]);
  });

  it('accepts every declared _include and _revinclude', async () => {
    for (const value of declared.searchInclude) {
      expect((await fhirFetch(`${sandbox.fhirBase}/${type}?_include=${value}&_count=2`)).status).toBe(200);
    }
    for (const value of declared.searchRevInclude) {
      expect((await fhirFetch(`${sandbox.fhirBase}/${type}?_revinclude=${value}&_count=2`)).status).toBe(200);
    }
  });
});

describe('every declared search parameter finds what it should', () => {
  const amira = PERSONAS.amiraKhan;
  const lucy = PERSONAS.lucyBrennan;
  const fatima = PERSONAS.fatimaBegum;
  const cases = async (): Promise<{ table: [string, string, string][]; written: Record<string, string> }> => {
    const get = async <T extends Resource>(ref: string) => (await fhirFetch<T>(`${sandbox.fhirBase}/${ref}`)).body as T;
    const patient = await get<Patient>(`Patient/${amira.patientId}`);
    const carer = await get<RelatedPerson>(`RelatedPerson/${amira.relatedPersonIds[0]}`);
    const consent = await get<Consent>('Consent/demo-lucy-brennan-consent');
    const task = await get<Task>('Task/demo-lucy-brennan-assessment');
    const list = await get<List>(`List/${fatima.patientId}-asked-no-carers`);
    const episode = await get<EpisodeOfCare>(`EpisodeOfCare/${amira.patientId}-episode`);
    const patientTask = await fhirFetch<Resource>(`${sandbox.fhirBase}/Task`, { method: 'POST', json: minimal('Task') });
    const provenance = await fhirFetch<Provenance>(`${sandbox.fhirBase}/Provenance`, { method: 'POST', json: minimal('Provenance') });
    const day = (dateTime: string | undefined) => (dateTime ?? '').slice(0, 10);
    const lucyCarer = `RelatedPerson/${lucy.relatedPersonIds[0]}`;
    const written = {
      'Task?patient': `Task/${patientTask.body?.id}`,
      Provenance: `Provenance/${provenance.body?.id}`,
      // What goes to the carer is found by recipient and sent; what came from them by sender and received.
      'Communication?recipient': 'Communication/demo-owen-davies-answer-1',
      'Communication?sent': 'Communication/demo-owen-davies-answer-1',
    };
    const owen = PERSONAS.owenDavies;
    const enquiry = await get<Resource & { received?: string }>('Communication/demo-owen-davies-enquiry-2');
    const answer = await get<Resource & { sent?: string }>('Communication/demo-owen-davies-answer-1');
    const table: [string, string, string][] = [
      ['Patient', '_id', amira.patientId],
      ['Patient', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['Patient', 'identifier', `https://fhir.nhs.uk/Id/nhs-number|${amira.nhsNumber}`],
      ['Patient', 'name', 'Amira'],
      ['Patient', 'family', 'Khan'],
      ['Patient', 'given', 'Amira'],
      ['Patient', 'birthdate', patient.birthDate ?? ''],
      ['Patient', 'gender', 'female'],
      ['Patient', 'active', 'true'],
      ['Patient', 'organization', 'Organization/team-cmht-north'],
      ['RelatedPerson', '_id', amira.relatedPersonIds[0] ?? ''],
      ['RelatedPerson', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['RelatedPerson', 'patient', `Patient/${amira.patientId}`],
      ['RelatedPerson', 'identifier', `${carer.identifier?.[0]?.system}|${carer.identifier?.[0]?.value}`],
      ['RelatedPerson', 'relationship', 'http://terminology.hl7.org/CodeSystem/v3-RoleCode|DAU'],
      ['RelatedPerson', 'name', 'Sara'],
      ['RelatedPerson', 'active', 'true'],
      ['RelatedPerson', 'birthdate', carer.birthDate ?? ''],
      ['Consent', '_id', 'demo-lucy-brennan-consent'],
      ['Consent', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['Consent', 'patient', `Patient/${lucy.patientId}`],
      ['Consent', 'identifier', 'https://carer-prompts.example.org/fhir/Id/consent|demo-lucy-brennan-consent'],
      ['Consent', 'actor', lucyCarer],
      ['Consent', 'status', 'active'],
      ['Consent', 'category', 'http://loinc.org|59284-0'],
      ['Consent', 'scope', 'http://terminology.hl7.org/CodeSystem/consentscope|patient-privacy'],
      ['Consent', 'date', day(consent.dateTime)],
      ['Consent', 'period', `ge${consent.provision?.period?.start}`],
      ['Task', '_id', 'demo-lucy-brennan-assessment'],
      ['Task', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['Task', 'identifier', 'https://carer-prompts.example.org/fhir/Id/task|demo-lucy-brennan-assessment'],
      ['Task', 'subject', lucyCarer],
      ['Task', 'patient', `Patient/${amira.patientId}`],
      ['Task', 'focus', lucyCarer],
      ['Task', 'code', 'http://snomed.info/sct|512321000000109'],
      ['Task', 'status', 'requested'],
      ['Task', 'intent', 'proposal'],
      ['Task', 'authored-on', day(task.authoredOn)],
      ['Task', 'requester', task.requester?.reference ?? ''],
      ['List', '_id', list.id ?? ''],
      ['List', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['List', 'identifier', `https://carer-prompts.example.org/fhir/Id/list|${list.id}`],
      ['List', 'subject', `Patient/${fatima.patientId}`],
      ['List', 'patient', `Patient/${fatima.patientId}`],
      ['List', 'code', 'http://snomed.info/sct|184140000'],
      ['List', 'status', 'current'],
      ['List', 'date', day(list.date)],
      ['List', 'empty-reason', 'http://terminology.hl7.org/CodeSystem/list-empty-reason|nilknown'],
      ['EpisodeOfCare', '_id', episode.id ?? ''],
      ['EpisodeOfCare', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['EpisodeOfCare', 'patient', `Patient/${amira.patientId}`],
      ['EpisodeOfCare', 'identifier', `https://carer-prompts.example.org/fhir/Id/episode|${episode.id}`],
      ['EpisodeOfCare', 'status', 'active'],
      ['EpisodeOfCare', 'organization', 'Organization/team-cmht-north'],
      ['EpisodeOfCare', 'date', `ge${episode.period?.start}`],
      ['CarePlan', '_id', 'demo-rosa-alvarez-crisis-plan'],
      ['CarePlan', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['CarePlan', 'subject', `Patient/${PERSONAS.rosaAlvarez.patientId}`],
      ['CarePlan', 'patient', `Patient/${PERSONAS.rosaAlvarez.patientId}`],
      ['CarePlan', 'status', 'active'],
      ['CarePlan', 'category', 'http://snomed.info/sct|401276009'],
      ['Communication', '_id', 'demo-owen-davies-enquiry-2'],
      ['Communication', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['Communication', 'identifier', 'https://carer-prompts.example.org/fhir/Id/communication|demo-owen-davies-enquiry-2'],
      ['Communication', 'subject', `Patient/${owen.patientId}`],
      ['Communication', 'patient', `Patient/${owen.patientId}`],
      ['Communication', 'sender', `RelatedPerson/${owen.relatedPersonIds[0]}`],
      ['Communication', 'recipient', `RelatedPerson/${owen.relatedPersonIds[0]}`],
      ['Communication', 'category', 'https://carer-prompts.example.org/fhir/StructureDefinition/carer-action|carer-enquiry'],
      ['Communication', 'status', 'completed'],
      ['Communication', 'sent', day(answer.sent)],
      ['Communication', 'received', day(enquiry.received)],
      ['Provenance', '_id', provenance.body?.id ?? ''],
      ['Provenance', '_lastUpdated', 'ge2020-01-01'],
      ['Provenance', 'target', `Patient/${amira.patientId}`],
      ['Provenance', 'patient', `Patient/${amira.patientId}`],
      ['Provenance', 'agent', 'Practitioner/team-eip-staff-1'],
      ['Provenance', 'recorded', '2026-03-15'],
      ['Provenance', '_tag', 'urn:ietf:rfc:3986|urn:uuid:6b1f7c2a-0d3e-4f5a-8b9c-1d2e3f4a5b6c'],
      ['Group', '_id', 'team-eip'],
      ['Group', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['Group', 'identifier', 'https://carer-prompts.example.org/fhir/Id/team|team-eip'],
      ['Group', 'type', 'person'],
      ['Group', 'actual', 'true'],
      ['Group', 'member', `Patient/${PERSONAS.rajeshPatel.patientId}`],
      ['Group', 'managing-entity', 'Organization/team-eip'],
      ['Organization', '_id', 'team-eip'],
      ['Organization', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['Organization', 'name', 'Early Intervention'],
      ['Organization', 'identifier', 'https://carer-prompts.example.org/fhir/Id/team|team-eip'],
      ['Practitioner', '_id', 'team-eip-staff-1'],
      ['Practitioner', '_lastUpdated', `ge${day(TEST_NOW.toISOString())}`],
      ['Practitioner', 'name', 'Rachel'],
      ['Practitioner', 'identifier', 'https://carer-prompts.example.org/fhir/Id/staff|team-eip-staff-1'],
    ];
    return { table, written };
  };

  /** What each case must find (the resource the value was taken from). */
  const expectedRef = (type: string, param: string, written: Record<string, string>): string => {
    const known: Record<string, string> = {
      Patient: `Patient/${amira.patientId}`,
      RelatedPerson: `RelatedPerson/${amira.relatedPersonIds[0]}`,
      Consent: 'Consent/demo-lucy-brennan-consent',
      Task: 'Task/demo-lucy-brennan-assessment',
      List: `List/${fatima.patientId}-asked-no-carers`,
      EpisodeOfCare: `EpisodeOfCare/${amira.patientId}-episode`,
      CarePlan: 'CarePlan/demo-rosa-alvarez-crisis-plan',
      Communication: 'Communication/demo-owen-davies-enquiry-2',
      Group: 'Group/team-eip',
      Organization: 'Organization/team-eip',
      Practitioner: 'Practitioner/team-eip-staff-1',
    };
    return written[`${type}?${param}`] ?? written[type] ?? known[type] ?? '';
  };

  it('covers every declared parameter, and each finds its resource', async () => {
    const { table, written } = await cases();
    const declared = SUPPORTED_RESOURCES.flatMap((r) => r.searchParams.map((p) => `${r.type}?${p.name}`));
    expect(table.map(([type, param]) => `${type}?${param}`).sort()).toEqual([...declared].sort());
    for (const [type, param, value] of table) {
      const reply = await fhirFetch<Bundle>(`${sandbox.fhirBase}/${type}?${param}=${encodeURIComponent(value)}&_count=1000`);
      expect(reply.status, `${type}?${param}=${value}`).toBe(200);
      const refs = entryRefs(reply.body);
      expect(refs, `${type}?${param}=${value}`).toContain(expectedRef(type, param, written));
    }
  });
});
