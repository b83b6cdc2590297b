import { describe, expect, it } from 'vitest';
import { MAX_WARNINGS, toCarerContext } from '../../../adapter/mapping/carerContext';
import { buildCarerActionTask } from '../../../adapter/writes/build';
import type { CarerContext } from '../../../shared/domain/types';
import { READ_OPTIONS,
  CarerGrace,
  ConsentGracePartial,
  ConsentGracePermit,
  ContactHenry,
  ListAskedNoCarers,
  PatientAlex,
  TaskGraceCompleted,
  TaskGraceOffered,
  alexRecord,
  asJson,
} from '../../fixtures/fhir/personas';

type Json = Record<string, unknown>;
const json = (value: unknown): Json => asJson(value) as Json;
const options = { ...READ_OPTIONS };

function contextOf(resources: readonly unknown[], patient?: string): CarerContext {
  const result = toCarerContext(resources, patient === undefined ? options : { ...options, patient });
  if (!result.ok) throw new Error(`expected a context: ${result.reason}`);
  return result.context;
}

const searchset = (resources: readonly unknown[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: resources.map((resource) => ({ fullUrl: `https://fhir.example/R4/${(resource as Json).resourceType}/${(resource as Json).id}`, resource })),
});

describe('toCarerContext on a whole record', () => {
  const context = contextOf([searchset(alexRecord.map(json))]);
  const carer = (id: string) => context.carers.find((c) => c.id === id);

  it('picks the single patient and reads the service start and team from the current episode of care', () => {
    expect(context.patient).toMatchObject({ reference: 'Patient/alex', nhsNumber: '9990000018', serviceStart: '2026-06-01', team: 'North Community Mental Health Team' });
  });

  it('lists every RelatedPerson of the patient in record order, active or not', () => {
    expect(context.carers.map((c) => c.id)).toEqual(['grace', 'henry', 'sam', 'ivy', 'pat']);
  });

  it('attaches the most recent Consent naming each carer', () => {
    expect(carer('grace')?.consent).toMatchObject({ decision: 'partial', consent: 'Consent/grace-partial' });
    expect(carer('henry')?.consent).toMatchObject({ decision: 'deny' });
    expect(carer('sam')?.consent).toMatchObject({ decision: 'withdrawn' });
    expect(carer('ivy')?.consent).toMatchObject({ decision: 'unknown' });
    expect(carer('pat')?.consent).toEqual({ decision: 'none' });
  });

  it('attaches the most recent assessment offer by authoredOn', () => {
    expect(carer('grace')?.assessment).toMatchObject({ status: 'completed', task: 'Task/grace-offer-2' });
    expect(carer('sam')?.assessment).toMatchObject({ status: 'declined' });
    expect(carer('henry')?.assessment).toEqual({ status: 'not-offered' });
  });

  it('reports a privacy consent naming no RelatedPerson of the patient as an orphan', () => {
    expect(context.orphanConsents).toEqual([{ consent: 'Consent/orphan', decision: 'permit', recordedOn: '2026-05-01', actorReference: 'RelatedPerson/someone-else' }]);
  });

  it('still reports the "asked: no carers" answer when carers were recorded since', () => {
    expect(context.askedNoCarers).toEqual({ list: 'List/asked-none', askedOn: '2026-06-01T11:00:00Z', askedBy: 'Dr Rivers' });
  });

  it('has no warnings for a clean record', () => {
    expect(context.warnings).toEqual([]);
    expect(context.unreadableRelatedPersons).toBeUndefined();
  });

  it('counts the patient\'s RelatedPersons it could not read, so no one claims there is no carer', () => {
    const broken = { ...json(CarerGrace), relationship: 'carer' };
    const other = { ...json(CarerGrace), id: 'someone-else', patient: { reference: 'Patient/other' }, relationship: 'carer' };
    const read = contextOf([json(PatientAlex), broken, other]);
    expect(read.carers).toEqual([]);
    expect(read.unreadableRelatedPersons).toBe(1);
    expect(read.warnings).toHaveLength(1);
  });

  it("reads a young carer's transition assessment request (a completed carer-action Task) onto the carer", () => {
    const task = { ...buildCarerActionTask({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', action: 'transition-assessment-requested', items: [{ type: 'Requested from', value: 'Adult social care' }], on: '2026-10-01T09:00:00Z', extensionBase: options.policy.extensionBase }), id: 'tr1' };
    const withTask = contextOf([searchset([...alexRecord.map(json), task])]);
    expect(withTask.carers.find((c) => c.id === 'grace')?.transitionAssessmentRequestedOn).toBe('2026-10-01T09:00:00Z');
    expect(carer('grace')?.transitionAssessmentRequestedOn).toBeUndefined();
  });

  it('keeps every resource as received in the raw store', () => {
    const result = toCarerContext([searchset(alexRecord.map(json))], options);
    expect(result.ok && result.raw.get('Consent/grace-partial')).toEqual(json(ConsentGracePartial));
    expect(result.ok && result.raw.size).toBe(alexRecord.length);
  });
});

describe('toCarerContext choosing records', () => {
  it('orders Consents by dateTime whatever order the server returns them in', () => {
    const reversed = contextOf([json(PatientAlex), json(CarerGrace), json(ConsentGracePartial), json(ConsentGracePermit)]);
    expect(reversed.carers[0]?.consent.consent).toBe('Consent/grace-partial');
  });

  it('never settles a same-day tie by meta.lastUpdated or record order: the decisions conflict', () => {
    const older = { ...json(ConsentGracePermit), id: 'older', dateTime: '2026-08-01', meta: { lastUpdated: '2026-08-01T09:00:00Z' } };
    const newer = { ...json(ConsentGracePermit), id: 'newer', dateTime: '2026-08-01', status: 'inactive', meta: { lastUpdated: '2026-08-01T12:00:00Z' } };
    for (const order of [[newer, older], [older, newer]]) {
      const context = contextOf([json(PatientAlex), json(CarerGrace), ...order]);
      expect(context.carers[0]?.consent).toMatchObject({ decision: 'conflict', conflicting: ['Consent/newer', 'Consent/older'] });
    }
  });

  it('reads a withdrawal on a later day as the decision in force, dated by its last update', () => {
    const permit = { ...json(ConsentGracePermit), id: 'permit', dateTime: '2026-08-01', meta: { lastUpdated: '2026-08-01T09:00:00Z' } };
    const withdrawn = { ...json(ConsentGracePermit), id: 'withdrawn', dateTime: '2026-07-01', status: 'inactive', meta: { lastUpdated: '2026-08-03T12:00:00Z' } };
    expect(contextOf([json(PatientAlex), json(CarerGrace), withdrawn, permit]).carers[0]?.consent).toMatchObject({ consent: 'Consent/withdrawn', decision: 'withdrawn', withdrawnOn: '2026-08-03T12:00:00Z', previously: 'permit' });
  });

  it('compares dateTimes in different time zones as instants', () => {
    const a = { ...json(ConsentGracePermit), id: 'a', dateTime: '2026-08-01T10:00:00+01:00' }; // 09:00Z
    const b = { ...json(ConsentGracePermit), id: 'b', dateTime: '2026-08-01T09:30:00Z', status: 'inactive' };
    expect(contextOf([json(PatientAlex), json(CarerGrace), b, a]).carers[0]?.consent.consent).toBe('Consent/b');
  });

  it('skips a Consent entered in error and falls back to the one before', () => {
    const error = { ...json(ConsentGracePartial), status: 'entered-in-error' };
    const context = contextOf([json(PatientAlex), json(CarerGrace), json(ConsentGracePermit), error]);
    expect(context.carers[0]?.consent.consent).toBe('Consent/grace-permit');
    expect(context.warnings).toEqual([]);
  });

  it('skips a cancelled offer and uses the earlier one', () => {
    const cancelled = { ...json(TaskGraceCompleted), status: 'cancelled' };
    const context = contextOf([json(PatientAlex), json(CarerGrace), json(TaskGraceOffered), cancelled]);
    expect(context.carers[0]?.assessment).toMatchObject({ status: 'offered', task: 'Task/grace-offer-1' });
  });

  it('builds the context for the patient asked for when the data holds several', () => {
    const other = { ...json(PatientAlex), id: 'other', identifier: [] };
    const otherCarer = { ...json(CarerGrace), id: 'other-carer', patient: { reference: 'Patient/other' } };
    const resources = [json(PatientAlex), other, json(CarerGrace), otherCarer];
    expect(toCarerContext(resources, options)).toEqual({ ok: false, reason: 'the FHIR data holds 2 patients; say which one to read' });
    const context = contextOf(resources, 'Patient/other');
    expect(context.carers.map((c) => c.id)).toEqual(['other-carer']);
  });

  it('ignores another patient’s Consents and Lists', () => {
    const foreign = { ...json(ConsentGracePermit), id: 'foreign', patient: { reference: 'Patient/other' }, dateTime: '2030-01-01' };
    const foreignList = { ...json(ListAskedNoCarers), id: 'foreign-list', subject: { reference: 'Patient/other' } };
    const context = contextOf([json(PatientAlex), json(CarerGrace), json(ConsentGracePermit), foreign, foreignList]);
    expect(context.carers[0]?.consent.consent).toBe('Consent/grace-permit');
    expect(context.askedNoCarers).toBeUndefined();
    expect(context.orphanConsents).toEqual([]);
  });

  it('keeps the most recent "asked: no carers" answer', () => {
    const later = { ...json(ListAskedNoCarers), id: 'later', date: '2026-09-01T10:00:00Z' };
    expect(contextOf([json(PatientAlex), later, json(ListAskedNoCarers)]).askedNoCarers?.list).toBe('List/later');
  });

  it('reads a resource listed twice (overlapping pages) once', () => {
    const context = contextOf([json(PatientAlex), json(CarerGrace), json(CarerGrace)]);
    expect(context.carers).toHaveLength(1);
  });

  it('resolves urn:uuid references in a transaction-style Bundle', () => {
    const uuid = 'urn:uuid:5b1f3a52-7c39-4ad4-9a0e-3f0e6b6a6d11';
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: uuid, resource: json(PatientAlex) },
        { resource: { ...json(CarerGrace), patient: { reference: uuid } } },
      ],
    };
    expect(contextOf([bundle]).carers.map((c) => c.id)).toEqual(['grace']);
  });

  it('reads a batch response whose entries are searchset Bundles', () => {
    const batch = {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [
        { resource: searchset([json(PatientAlex)]), response: { status: '200' } },
        { resource: searchset([json(CarerGrace), json(ConsentGracePermit)]), response: { status: '200' } },
        { response: { status: '403' } },
      ],
    };
    const context = contextOf([batch]);
    expect(context.carers[0]?.consent.decision).toBe('permit');
  });

  it('warns when the server put an OperationOutcome among the results', () => {
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'incomplete' }] };
    expect(contextOf([json(PatientAlex), outcome]).warnings).toEqual(['the server returned 1 OperationOutcome(s) with the data: some records may be missing']);
  });
});

describe('toCarerContext with bad data', () => {
  it('turns a malformed RelatedPerson of the patient into a warning naming only its id', () => {
    const broken = { ...json(CarerGrace), id: 'broken', relationship: 'daughter', name: [{ text: 'Secret Name' }] };
    const context = contextOf([json(PatientAlex), broken, json(ContactHenry)]);
    expect(context.carers.map((c) => c.id)).toEqual(['henry']);
    expect(context.warnings).toEqual(['RelatedPerson/broken could not be read (relationship: Invalid input: expected array, received string)']);
    expect(JSON.stringify(context.warnings)).not.toContain('Secret');
  });

  it('does not warn about malformed resources of another patient', () => {
    const foreign = { ...json(CarerGrace), id: 'foreign', patient: { reference: 'Patient/other' }, birthDate: 'x' };
    expect(contextOf([json(PatientAlex), foreign]).warnings).toEqual([]);
  });

  it('fails clearly when the patient asked for is not in the data', () => {
    expect(toCarerContext([json(PatientAlex)], { ...options, patient: 'Patient/nobody' })).toEqual({ ok: false, reason: 'Patient/nobody is not in the FHIR data' });
  });

  it('fails clearly when the patient reference is malformed', () => {
    expect(toCarerContext([json(PatientAlex)], { ...options, patient: 'alex' })).toEqual({ ok: false, reason: 'the patient to read must be given as Patient/<id>' });
  });

  it('fails clearly when there is no patient', () => {
    expect(toCarerContext([json(CarerGrace)], options)).toEqual({ ok: false, reason: 'the FHIR data holds no Patient' });
  });

  it('fails clearly when the Patient itself cannot be read', () => {
    const result = toCarerContext([{ ...json(PatientAlex), meta: { lastUpdated: 'yesterday' } }], options);
    expect(result).toEqual({ ok: false, reason: 'Patient/alex could not be read (meta.lastUpdated: not a FHIR dateTime)' });
  });

  it('still builds the context when a Patient or carer detail is malformed, leaving it out with a warning', () => {
    const context = contextOf([{ ...json(PatientAlex), birthDate: '2 April 1990' }, { ...json(CarerGrace), telecom: 'phone' }]);
    expect(context.patient.birthDate).toBeUndefined();
    expect(context.carers[0]).toMatchObject({ id: 'grace', carerStatus: 'carer', telecom: [] });
    expect(context.warnings).toEqual([
      'Patient/alex: birthDate could not be read and was left out (birthDate: not a FHIR date)',
      'RelatedPerson/grace: telecom could not be read and was left out (telecom: Invalid input: expected array, received string)',
    ]);
  });

  it(`summarises more than ${MAX_WARNINGS} warnings`, () => {
    const broken = Array.from({ length: 120 }, (_, i) => ({ ...json(CarerGrace), id: `b${i}`, birthDate: 'bad' }));
    const context = contextOf([json(PatientAlex), ...broken]);
    expect(context.warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(context.warnings.at(-1)).toBe('…and 70 more problems with the FHIR data');
  });
});
