import { describe, expect, it } from 'vitest';
import notThis from '../../fixtures/fhir/examples/consent-example-notThis.json';
import ukConsent from '../../fixtures/fhir/examples/uk-carer-consent.json';
import benedicte from '../../fixtures/fhir/examples/relatedperson-example-benedicte.json';
import { CarerGrace, ConsentGracePartial, ListAskedNoCarers, TaskGraceCompleted } from '../../fixtures/fhir/personas';
import { validateR4 } from '../../support/validateR4';

describe('validateR4 (the check every builder test relies on)', () => {
  it.each([
    ['the official Consent example', notThis],
    ['the official RelatedPerson example', benedicte],
    ['a persona RelatedPerson', CarerGrace],
    ['a persona partial Consent', ConsentGracePartial],
    ['a persona Task', TaskGraceCompleted],
    ['a persona List', ListAskedNoCarers],
  ])('accepts %s', (_name, resource) => {
    expect(validateR4(resource)).toEqual([]);
  });

  it('rejects a RelatedPerson without its required patient', () => {
    const { patient: _patient, ...bad } = structuredClone(CarerGrace);
    expect(validateR4(bad)).toEqual([expect.stringContaining('RelatedPerson.patient')]);
  });

  it('rejects an element R4 does not define', () => {
    expect(validateR4({ ...structuredClone(CarerGrace), carerStatus: 'yes' })).toEqual([expect.stringContaining('carerStatus')]);
  });

  it('rejects a code outside a required value set', () => {
    expect(validateR4({ ...structuredClone(ConsentGracePartial), status: 'revoked' }).join()).toMatch(/status/);
  });

  it('rejects a Task intent and a ContactPoint system outside their required value sets', () => {
    expect(validateR4({ ...structuredClone(TaskGraceCompleted), intent: 'suggestion' }).join()).toMatch(/task-intent/);
    expect(validateR4({ ...structuredClone(CarerGrace), telecom: [{ system: 'pigeon', value: 'x' }] }).join()).toMatch(/contact-point-system/);
  });

  it('checks a status that carries a _status extension too', () => {
    expect(validateR4({ ...structuredClone(ukConsent), status: 'revoked' }).join()).toMatch(/consent-state-codes/);
    expect(validateR4(ukConsent)).toEqual([]);
  });

  it('rejects a Consent with neither policy nor policyRule (invariant ppc-1)', () => {
    const { policyRule: _rule, ...bad } = structuredClone(ConsentGracePartial);
    expect(validateR4(bad).join()).toMatch(/ppc-1/);
  });

  it('rejects a malformed date', () => {
    expect(validateR4({ ...structuredClone(CarerGrace), birthDate: '10/02/1988' }).join()).toMatch(/birthDate/);
  });

  it('rejects a List with entries and an emptyReason (invariant lst-1)', () => {
    const bad = { ...structuredClone(ListAskedNoCarers), entry: [{ item: { reference: 'RelatedPerson/grace' } }] };
    expect(validateR4(bad).join()).toMatch(/lst-1/);
  });
});
