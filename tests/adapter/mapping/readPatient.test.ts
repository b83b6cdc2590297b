import { describe, expect, it } from 'vitest';
import { readPatient } from '../../../adapter/mapping/readPatient';
import patientExample from '../../fixtures/fhir/examples/patient-example.json';
import { ALEX_NHS_NUMBER, PatientAlex, asJson } from '../../fixtures/fhir/personas';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';

describe('readPatient', () => {
  it('reads the NHS number, name, birth date, address and managing organisation as team', () => {
    const read = readPatient(asJson(PatientAlex));
    expect(read).toEqual({
      patient: {
        reference: 'Patient/alex',
        id: 'alex',
        versionId: '4',
        nhsNumber: ALEX_NHS_NUMBER,
        name: 'Alex Example',
        birthDate: '1990-04-02',
        address: '1 Test Street, Leeds, LS1 1AA',
        team: 'Example NHS Foundation Trust',
      },
      warnings: [],
    });
  });

  it('leaves serviceStart undefined: the Patient resource has no element for it', () => {
    const read = readPatient(asJson(PatientAlex));
    expect('patient' in read && read.patient.serviceStart).toBeUndefined();
  });

  it('reads the official R4 example: official name over usual and maiden, address text', () => {
    const read = readPatient(patientExample);
    expect('patient' in read && read.patient).toMatchObject({
      reference: 'Patient/example',
      name: 'Peter James Chalmers',
      address: '534 Erewhon St PeasantVille, Rainbow, Vic  3999',
      birthDate: '1974-12-25',
    });
    // managingOrganization has no display, and generalPractitioner is never used as the team.
    expect('patient' in read && read.patient.team).toBeUndefined();
  });

  it('normalises a spaced NHS number', () => {
    const read = readPatient({ ...asJson(PatientAlex) as object, identifier: [{ system: NHS, value: '999 000 0018' }] });
    expect('patient' in read && read.patient.nhsNumber).toBe(ALEX_NHS_NUMBER);
  });

  it('drops an NHS number that fails the check digit and warns without repeating it', () => {
    const read = readPatient({ ...asJson(PatientAlex) as object, identifier: [{ system: NHS, value: '9990000019' }] });
    expect('patient' in read && read.patient.nhsNumber).toBeUndefined();
    expect('patient' in read && read.warnings).toEqual(['Patient/alex carries an NHS number that fails the check digit; it was not used']);
    expect(JSON.stringify(read)).not.toContain('9990000019');
  });

  it('ignores identifiers of other systems', () => {
    const read = readPatient({ ...asJson(PatientAlex) as object, identifier: [{ system: 'https://example.org/mrn', value: ALEX_NHS_NUMBER }] });
    expect('patient' in read && read.patient.nhsNumber).toBeUndefined();
  });

  it('prefers HumanName.text when present', () => {
    const read = readPatient({ resourceType: 'Patient', id: 'p', name: [{ text: 'A. N. Other', given: ['Ann'] }] });
    expect('patient' in read && read.patient.name).toBe('A. N. Other');
  });

  it.each([
    ['not a Patient', { resourceType: 'RelatedPerson', id: 'x', patient: {} }],
    ['no id', { resourceType: 'Patient' }],
    ['active that is not a boolean', { resourceType: 'Patient', id: 'p', active: 'yes' }],
    ['meta.versionId that is not a string', { resourceType: 'Patient', id: 'p', meta: { versionId: 2 } }],
    ['null', null],
  ])('returns a warning for %s', (_what, raw) => {
    const read = readPatient(raw);
    expect(read).toHaveProperty('warning');
  });

  it('leaves out malformed details with a warning that never repeats patient data', () => {
    const read = readPatient({ resourceType: 'Patient', id: 'p1', name: [{ text: 'Secret Name' }], birthDate: 'Secret-date', address: 'Secret street' });
    expect(read).toEqual({
      patient: { reference: 'Patient/p1', id: 'p1', name: 'Secret Name' },
      warnings: [
        'Patient/p1: birthDate could not be read and was left out (birthDate: not a FHIR date)',
        'Patient/p1: address could not be read and was left out (address: Invalid input: expected array, received string)',
      ],
    });
    expect(JSON.stringify('warnings' in read && read.warnings)).not.toContain('Secret');
  });
});
