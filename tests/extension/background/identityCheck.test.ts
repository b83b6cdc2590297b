import { describe, expect, it } from 'vitest';
import { identityMismatches, parseShownDate } from '../../../extension/background/identityCheck';
import type { PatientSummary } from '../../../shared/domain/types';

const AmiraOnFhir: PatientSummary = { reference: 'Patient/demo-amira-khan', id: 'demo-amira-khan', nhsNumber: '9990011117', name: 'Amira Khan', birthDate: '1979-09-09' };

describe('identityMismatches', () => {
  it('accepts a record that matches everything the page shows', () => {
    expect(identityMismatches({ profileId: 'sandbox-ehr', fhirId: 'demo-amira-khan', nhsNumber: '9990011117', name: 'KHAN, Amira', birthDate: '09-Sep-1979' }, AmiraOnFhir)).toEqual([]);
  });

  it('stops when the NHS number on the page is not the record’s', () => {
    expect(identityMismatches({ profileId: 'x', fhirId: 'demo-amira-khan', nhsNumber: '9434765919' }, AmiraOnFhir)).toEqual(['The NHS number on the page is not the NHS number on the FHIR record.']);
  });

  it('stops when the record has no NHS number but the page shows one', () => {
    const { nhsNumber: _none, ...withoutNhs } = AmiraOnFhir;
    expect(identityMismatches({ profileId: 'x', nhsNumber: '9990011117' }, withoutNhs)).toHaveLength(1);
  });

  it('stops when the date of birth differs', () => {
    expect(identityMismatches({ profileId: 'x', birthDate: '10/09/1979' }, AmiraOnFhir)).toEqual(['The date of birth on the page is not the date of birth on the FHIR record.']);
  });

  it('stops when the name shares no word with the record', () => {
    expect(identityMismatches({ profileId: 'x', name: 'OKAFOR, Daniel' }, AmiraOnFhir)).toEqual(['The name on the page is not the name on the FHIR record.']);
  });

  it('never puts patient data in its reasons', () => {
    const reasons = identityMismatches({ profileId: 'x', fhirId: 'other', nhsNumber: '9434765919', name: 'Zed', birthDate: '1990-01-01' }, AmiraOnFhir).join(' ');
    for (const secret of ['9434765919', '9990011117', 'Zed', 'Amira', '1990', '1979', 'other']) expect(reasons).not.toContain(secret);
  });
});

describe('parseShownDate', () => {
  it.each([
    ['09-Sep-1979', '1979-09-09'],
    ['9 Sep 1979', '1979-09-09'],
    ['09/09/1979', '1979-09-09'],
    ['1979-09-09', '1979-09-09'],
    ['Not recorded', undefined],
    ['31/13/1979', undefined],
  ])('reads %s as %s', (shown, iso) => {
    expect(parseShownDate(shown)).toBe(iso);
  });
});
