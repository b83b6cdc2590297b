import { describe, expect, it } from 'vitest';
import {
  BundleSchema,
  CapabilityStatementSchema,
  ConsentSchema,
  ListSchema,
  OperationOutcomeSchema,
  PatientSchema,
  RelatedPersonSchema,
  TaskSchema,
} from '../../../adapter/fhir/schemas';
import benedicte from '../../fixtures/fhir/examples/relatedperson-example-benedicte.json';
import notThis from '../../fixtures/fhir/examples/consent-example-notThis.json';
import patientExample from '../../fixtures/fhir/examples/patient-example.json';
import ukConsent from '../../fixtures/fhir/examples/uk-carer-consent.json';
import ukTask from '../../fixtures/fhir/examples/uk-assessment-task.json';
import {
  CarerGrace,
  ConsentGracePartial,
  ListAskedNoCarers,
  PatientAlex,
  TaskGraceCompleted,
  asJson,
} from '../../fixtures/fhir/personas';

const clone = <T>(value: T): T => structuredClone(value);

describe('schemas accept real FHIR, with everything they do not name', () => {
  it.each([
    ['Patient', PatientSchema, patientExample],
    ['RelatedPerson', RelatedPersonSchema, benedicte],
    ['Consent', ConsentSchema, notThis],
    ['Consent (UK)', ConsentSchema, ukConsent],
    ['Task (UK)', TaskSchema, ukTask],
  ] as const)('parses the %s example and keeps unknown elements and _primitive extensions', (_name, schema, example) => {
    const parsed = schema.safeParse(example);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(example);
  });

  it.each([
    ['Patient', PatientSchema, PatientAlex],
    ['RelatedPerson', RelatedPersonSchema, CarerGrace],
    ['Consent', ConsentSchema, ConsentGracePartial],
    ['Task', TaskSchema, TaskGraceCompleted],
    ['List', ListSchema, ListAskedNoCarers],
  ] as const)('parses the %s persona', (_name, schema, persona) => {
    expect(schema.safeParse(asJson(persona)).success).toBe(true);
  });
});

describe('schemas reject what the code would misread', () => {
  it('rejects a relationship that is not a list', () => {
    const bad = { ...clone(CarerGrace), relationship: { coding: [{ code: 'DAU' }] } };
    expect(RelatedPersonSchema.safeParse(bad).success).toBe(false);
  });

  it('rejects a RelatedPerson without a patient', () => {
    const { patient: _patient, ...bad } = clone(CarerGrace);
    expect(RelatedPersonSchema.safeParse(bad).success).toBe(false);
  });

  it.each(['allow', 'PERMIT', '', 1])('rejects provision.type %j', (type) => {
    const bad = { ...clone(ConsentGracePartial), provision: { type } };
    expect(ConsentSchema.safeParse(bad).success).toBe(false);
  });

  it('rejects a nested provision with an unknown type', () => {
    const bad = clone(ConsentGracePartial) as { provision: { provision: { type: string }[] } };
    bad.provision.provision[1]!.type = 'maybe';
    expect(ConsentSchema.safeParse(bad).success).toBe(false);
  });

  it.each(['18/11/2015', '2015-11-18T10:00', 'yesterday', 20151118])('rejects Consent.dateTime %j', (dateTime) => {
    expect(ConsentSchema.safeParse({ ...clone(ConsentGracePartial), dateTime }).success).toBe(false);
  });

  it.each(['not a date', '2012-13-05', '05/05/2012'])('rejects RelatedPerson.birthDate %j', (birthDate) => {
    expect(RelatedPersonSchema.safeParse({ ...clone(CarerGrace), birthDate }).success).toBe(false);
  });

  it.each(['has spaces', 'a/b', '', 'x'.repeat(65), 7])('rejects the id %j', (id) => {
    expect(PatientSchema.safeParse({ ...clone(PatientAlex), id }).success).toBe(false);
  });

  it('rejects an unknown Consent status', () => {
    expect(ConsentSchema.safeParse({ ...clone(ConsentGracePartial), status: 'revoked' }).success).toBe(false);
  });

  it('rejects an unknown Task status', () => {
    expect(TaskSchema.safeParse({ ...clone(TaskGraceCompleted), status: 'done' }).success).toBe(false);
  });

  it('rejects a resource of another type', () => {
    expect(PatientSchema.safeParse({ ...clone(CarerGrace), resourceType: 'RelatedPerson' }).success).toBe(false);
  });

  it('does not reject a resource for a malformed extension another system wrote (extensions are read defensively)', () => {
    expect(RelatedPersonSchema.safeParse({ ...clone(CarerGrace), extension: [{ valueBoolean: true }] }).success).toBe(true);
    expect(PatientSchema.safeParse({ ...clone(PatientAlex), extension: 'odd', modifierExtension: {} }).success).toBe(true);
  });
});

describe('boundary resources', () => {
  it('reads a searchset Bundle with paging links and leaves entries as they are', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      link: [{ relation: 'next', url: 'https://fhir.example/R4/Patient?page=2' }],
      entry: [{ fullUrl: 'https://fhir.example/R4/Patient/alex', resource: asJson(PatientAlex), search: { mode: 'match' } }],
    };
    const parsed = BundleSchema.parse(bundle);
    expect(parsed.entry?.[0]?.resource).toEqual(asJson(PatientAlex));
    expect(parsed.link?.[0]?.relation).toBe('next');
  });

  it('rejects a Bundle whose total is not a count', () => {
    expect(BundleSchema.safeParse({ resourceType: 'Bundle', type: 'searchset', total: -1 }).success).toBe(false);
  });

  it('reads an OperationOutcome and rejects an unknown severity', () => {
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', diagnostics: 'Version mismatch' }] };
    expect(OperationOutcomeSchema.safeParse(outcome).success).toBe(true);
    expect(OperationOutcomeSchema.safeParse({ ...outcome, issue: [{ severity: 'bad', code: 'x' }] }).success).toBe(false);
  });

  it('reads what a CapabilityStatement offers per resource', () => {
    const statement = {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2026-01-01',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [
        {
          mode: 'server',
          resource: [{ type: 'Consent', interaction: [{ code: 'read' }, { code: 'search-type' }], searchRevInclude: ['Consent:patient'], conditionalCreate: true }],
          interaction: [{ code: 'transaction' }],
        },
      ],
    };
    const parsed = CapabilityStatementSchema.parse(statement);
    expect(parsed.rest?.[0]?.resource?.[0]?.interaction?.map((i) => i.code)).toEqual(['read', 'search-type']);
    expect((parsed as Record<string, unknown>).kind).toBe('instance');
  });
});
