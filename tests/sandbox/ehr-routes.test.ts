import { describe, expect, it } from 'vitest';
import { parseRoute, patientPath } from '../../sandbox/ehr/app/routes';

describe('record addresses', () => {
  it.each([
    ['/ehr/', { kind: 'caseload' }],
    ['/ehr', { kind: 'caseload' }],
    ['/ehr/patients/pat-1', { kind: 'patient', patientId: 'pat-1', tab: 'summary' }],
    ['/ehr/patients/pat-1/', { kind: 'patient', patientId: 'pat-1', tab: 'summary' }],
    ['/ehr/patients/pat-1/summary', { kind: 'patient', patientId: 'pat-1', tab: 'summary' }],
    ['/ehr/patients/pat-1/assessment', { kind: 'patient', patientId: 'pat-1', tab: 'assessment' }],
    ['/ehr/patients/pat-1/care-plan', { kind: 'patient', patientId: 'pat-1', tab: 'care-plan' }],
    ['/ehr/patients/A.b-9/contacts', { kind: 'patient', patientId: 'A.b-9', tab: 'contacts' }],
  ])('%s shows %j', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it.each(['/ehr/patients/', '/ehr/patients/pat-1/letters', '/ehr/patients/has%20space', '/ehr/patients/%E0%A4%A', '/ehr/other', `/ehr/patients/${'a'.repeat(65)}`])(
    '%s is not a record page',
    (path) => {
      expect(parseRoute(path)).toEqual({ kind: 'not-found' });
    },
  );

  it('link a patient and tab, the summary at the patient’s own address', () => {
    expect(patientPath('pat-1')).toBe('/ehr/patients/pat-1');
    expect(patientPath('pat-1', 'care-plan')).toBe('/ehr/patients/pat-1/care-plan');
  });

  it('round-trip through the parser', () => {
    expect(parseRoute(patientPath('pat-1', 'contacts'))).toEqual({ kind: 'patient', patientId: 'pat-1', tab: 'contacts' });
  });
});
