/**
 * The FHIR adapter against the real sandbox server (Medplum's FhirRouter over node:http): the reads,
 * writes, transactions, versioning and conflicts the msw tests describe, as a real server does them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFhirAdapter, type FhirAdapter } from '../../adapter/client';
import type { FhirError } from '../../adapter/errors';
import type { RawResource } from '../../adapter/fhir/rawStore';
import { PERSONAS } from '../../sandbox/personas';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { DEFAULT_POLICY } from '../../shared/policy';
import { evaluatePrompts } from '../../shared/prompts/index';
import { validateR4 } from '../support/validateR4';

let sandbox: Sandbox;
const written: RawResource[] = [];
const recorder = { reference: 'Practitioner/integration-test', display: 'Integration Test' } as const;

const adapter = (): FhirAdapter => createFhirAdapter({ baseUrl: sandbox.fhirBase, recorder });
const keep = <T extends { written: { resource: RawResource } }>(result: T): T => {
  written.push(result.written.resource);
  return result;
};

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 5, seed: 7 });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('the adapter against the sandbox FHIR server', () => {
  it('reads what the server offers from its CapabilityStatement', async () => {
    const caps = await adapter().capabilities();
    expect(caps).toMatchObject({ revinclude: true, batch: true, transaction: true, provenanceInTransaction: true });
    expect(caps.reasons).toEqual({});
  });

  it('resolves a patient by NHS number and reads their carers in one round trip', async () => {
    const fhir = adapter();
    const patient = await fhir.resolvePatient(PERSONAS.amiraKhan.nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3'));
    expect(patient.reference).toBe(`Patient/${PERSONAS.amiraKhan.patientId}`);
    const { context } = await fhir.readCarerContext(patient.reference);
    expect(context.carers.map((c) => c.id)).toEqual([...PERSONAS.amiraKhan.relatedPersonIds]);
    expect(context.patient.serviceStart).toBeDefined();
  });

  it('creates a carer once, however often the same request is sent', async () => {
    const fhir = adapter();
    const patient = `Patient/${PERSONAS.georgeWilson.patientId}` as const;
    const input = { patient, name: { given: ['Ruth'], family: 'Wilson' }, relationship: 'SIS', requestId: randomUUID() };
    const first = keep(await fhir.recordCarer(input, { withProvenance: true }));
    const again = await fhir.recordCarer(input, { withProvenance: true });
    expect(again.written.reference).toBe(first.written.reference);
    const carers = again.record?.context.carers.filter((c) => c.name === 'Ruth Wilson') ?? [];
    expect(carers).toHaveLength(1);
    expect(carers[0]?.carerStatus).toBe('carer');
  });

  it('records a consent decision with its Provenance, then withdraws it with If-Match', async () => {
    const fhir = adapter();
    const patient = `Patient/${PERSONAS.amiraKhan.patientId}` as const;
    const carer = `RelatedPerson/${PERSONAS.amiraKhan.relatedPersonIds[0]}` as const;
    const recorded = keep(await fhir.recordConsent({ patient, carer, decision: 'permit', decidedOn: new Date().toISOString(), reviewDue: '2027-11-23' }, { withProvenance: true }));
    expect(recorded.record?.context.carers.find((c) => c.reference === carer)?.consent.decision).toBe('permit');

    const provenance = await fetch(`${sandbox.fhirBase}/Provenance?target=${recorded.written.reference}`).then((r) => r.json() as Promise<{ entry?: Array<{ resource: RawResource }> }>);
    expect(provenance.entry).toHaveLength(1);
    written.push(...(provenance.entry ?? []).map((e) => e.resource));

    const withdrawn = keep(await fhir.withdrawConsent(recorded.written.reference as `Consent/${string}`, { withProvenance: true }));
    expect(withdrawn.written.versionId).not.toBe(recorded.written.versionId);
    expect(withdrawn.record?.context.carers.find((c) => c.reference === carer)?.consent.decision).toBe('withdrawn');
  });

  it('marks a contact as not a carer, keeping everything else in the record', async () => {
    const fhir = adapter();
    const persona = PERSONAS.graceTaylor;
    const before = await fhir.readCarerContext(`Patient/${persona.patientId}`);
    const neighbour = before.context.carers.find((c) => c.id.endsWith('neighbour'));
    expect(neighbour).toBeDefined();
    const raw = before.raw.get(neighbour!.reference)!;
    const result = keep(await fhir.markCarerStatus(neighbour!.reference, false, { withProvenance: true }));
    const { meta: _before, extension: _beforeExtension, relationship: _beforeRel, ...unchangedBefore } = raw;
    const { meta: _after, extension: _afterExtension, relationship: _afterRel, ...unchangedAfter } = result.written.resource;
    expect(unchangedAfter).toEqual(unchangedBefore);
    expect(result.record?.context.carers.find((c) => c.reference === neighbour!.reference)?.carerStatus).toBe('not-carer');
  });

  it('offers an assessment and records its outcome', async () => {
    const fhir = adapter();
    const persona = PERSONAS.danielOkafor;
    const carer = `RelatedPerson/${persona.relatedPersonIds[0]}` as const;
    const offered = keep(await fhir.offerAssessment({ patient: `Patient/${persona.patientId}`, carer }));
    expect(offered.record?.context.carers.find((c) => c.reference === carer)?.assessment.status).toBe('offered');
    const accepted = keep(await fhir.recordAssessmentOutcome(offered.written.reference as `Task/${string}`, { status: 'accepted', on: new Date().toISOString() }));
    expect(accepted.record?.context.carers.find((c) => c.reference === carer)?.assessment.status).toBe('accepted');
  });

  it('offers a carer an assessment and records the carer’s answer dated the same day: it saves (R4 Task inv-1 holds)', async () => {
    const persona = PERSONAS.samuelAdeyemi;
    const carer = `RelatedPerson/${persona.relatedPersonIds[0]}` as const;
    const now = new Date();
    const fhir = createFhirAdapter({ baseUrl: sandbox.fhirBase, recorder, testing: { clock: () => now } });
    const offered = keep(await fhir.offerAssessment({ patient: `Patient/${persona.patientId}`, carer }));
    // The outcome form gives a date (no time): the day the offer was made.
    const answered = keep(await fhir.recordAssessmentOutcome(offered.written.reference as `Task/${string}`, { status: 'accepted', on: now.toISOString().slice(0, 10) }));
    expect(answered.record?.context.carers.find((c) => c.reference === carer)?.assessment.status).toBe('accepted');
    const task = answered.written.resource;
    expect(task.lastModified).toBe(now.toISOString());
    expect(validateR4(task)).toEqual([]);
  });

  it('refuses, before sending anything, an answer dated before the offer', async () => {
    const persona = PERSONAS.kwameMensah;
    const carer = `RelatedPerson/${persona.relatedPersonIds[0]}` as const;
    const fhir = adapter();
    const offered = keep(await fhir.offerAssessment({ patient: `Patient/${persona.patientId}`, carer }));
    const error = (await fhir.recordAssessmentOutcome(offered.written.reference as `Task/${string}`, { status: 'declined', on: '2020-01-01' }).catch((e: unknown) => e)) as FhirError;
    expect(error.kind).toBe('bad-request');
    expect(error.status).toBeUndefined();
    expect(error.userMessage).toMatch(/^Nothing was saved: the answer cannot be dated before the assessment was offered/);
  });

  it('leaves one Provenance when the same carer is sent twice', async () => {
    const fhir = adapter();
    const input = { patient: `Patient/${PERSONAS.oliviaNowak.patientId}` as const, name: { given: ['Ada'], family: 'Nowak' }, requestId: randomUUID() };
    const first = keep(await fhir.recordCarer(input, { withProvenance: true }));
    await fhir.recordCarer(input, { withProvenance: true });
    const provenance = await fetch(`${sandbox.fhirBase}/Provenance?target=${first.written.reference}`).then((r) => r.json() as Promise<{ entry?: unknown[] }>);
    expect(provenance.entry).toHaveLength(1);
  });

  it('records "yes, a carer" about a next of kin kept only in Patient.contact: one RelatedPerson, also when sent again, and her carer prompts follow', async () => {
    const fhir = adapter();
    const patient = `Patient/${PERSONAS.ruthContactOnly.patientId}` as const;
    const before = await fhir.readCarerContext(patient);
    const contact = before.context.contacts?.[0];
    expect(contact?.name).toBe('Margaret Ellison');
    const first = keep(await fhir.recordContactAnswer({ patient, contact: contact!.key, isCarer: true }, { withProvenance: true }));
    const again = await fhir.recordContactAnswer({ patient, contact: contact!.key, isCarer: true }, { withProvenance: true });
    expect(again.written.reference).toBe(first.written.reference);
    const search = await fetch(`${sandbox.fhirBase}/RelatedPerson?patient=${patient}`).then((r) => r.json() as Promise<{ entry?: unknown[] }>);
    expect(search.entry).toHaveLength(1);
    const after = again.record!;
    expect(after.context.carers.map((c) => [c.name, c.carerStatus])).toEqual([['Margaret Ellison', 'carer']]);
    expect(after.context.contacts?.[0]?.recordedAs).toBe(first.written.reference);
    const codes = evaluatePrompts(after.context, DEFAULT_POLICY, new Date()).map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['record-consent', 'offer-assessment']));
    expect(codes).not.toContain('identify-carers');
    expect(codes).not.toContain('confirm-carer-status');
  });

  it('records that a patient was asked and named no carers', async () => {
    const result = keep(await adapter().recordAskedNoCarers({ patient: `Patient/${PERSONAS.georgeWilson.patientId}` }));
    expect(result.record?.context.askedNoCarers?.list).toBe(result.written.reference);
  });

  it('turns a concurrent edit into a conflict carrying the newer version, and saves nothing', async () => {
    const persona = PERSONAS.helenPrice;
    const patient = `Patient/${persona.patientId}`;
    const clinicianA = adapter();
    const clinicianB = adapter();
    const seenByA = await clinicianA.readCarerContext(patient);
    await clinicianB.readCarerContext(patient);
    const consent = seenByA.context.carers[0]?.consent.consent;
    expect(consent).toBeDefined();

    const byB = keep(await clinicianB.withdrawConsent(consent!, { withProvenance: true }));
    // A still holds the version read before B's change.
    const conflict = (await clinicianA.withdrawConsent(consent!, { withProvenance: true }).catch((e: unknown) => e)) as FhirError;
    expect(conflict.kind).toBe('conflict');
    expect([409, 412]).toContain(conflict.status);
    expect(conflict.current?.versionId).toBe(byB.written.versionId);
    expect(conflict.current?.resource.status).toBe('inactive');
    const onServer = (await fetch(`${sandbox.fhirBase}/${consent!}`).then((r) => r.json())) as RawResource;
    expect((onServer.meta as { versionId?: string }).versionId).toBe(byB.written.versionId);
  });

  it('wrote only valid FHIR R4', () => {
    expect(written.length).toBeGreaterThanOrEqual(9);
    for (const resource of written) expect(validateR4(resource), `${resource.resourceType}/${String(resource.id)}`).toEqual([]);
  });
});
