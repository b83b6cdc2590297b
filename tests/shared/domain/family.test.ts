import { describe, expect, it } from 'vitest';
import { isPatientsChild, isPatientsParent } from '../../../shared/domain/family';

describe('who a related person is to the patient', () => {
  it.each(['CHILD', 'DAUC', 'SONC', 'DAU', 'SON', 'NCHILD', 'CHLDADOPT', 'DAUADOPT', 'SONADOPT', 'CHLDFOST', 'DAUFOST', 'SONFOST', 'STPCHLD', 'STPDAU', 'STPSON'])('%s is the patient’s child', (code) => {
    expect(isPatientsChild({ familyCodes: [code] })).toBe(true);
    expect(isPatientsParent({ familyCodes: [code] })).toBe(false);
  });

  it.each(['GRNDCHILD', 'CHLDINLAW', 'SIB', 'FRND'])('%s is not the patient’s child', (code) => {
    expect(isPatientsChild({ familyCodes: [code] })).toBe(false);
  });

  it.each(['PRN', 'MTH', 'FTH', 'STPPRN', 'GUARD'])('%s is the patient’s parent or guardian', (code) => {
    expect(isPatientsParent({ familyCodes: [code] })).toBe(true);
  });

  it('nothing recorded: neither', () => {
    expect(isPatientsChild({})).toBe(false);
    expect(isPatientsParent({})).toBe(false);
  });
});
