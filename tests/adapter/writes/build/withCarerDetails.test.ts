import { describe, expect, it } from 'vitest';
import { withCarerDetails, WriteInputError } from '../../../../adapter/writes/build';
import type { RawResource } from '../../../../adapter/fhir/rawStore';
import { validateR4 } from '../../../support/validateR4';

const carer: RawResource = {
  resourceType: 'RelatedPerson',
  id: 'grace',
  meta: { versionId: '2' },
  patient: { reference: 'Patient/alex' },
  relationship: [{ coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole', code: 'Carer' }] }],
  telecom: [{ system: 'phone', value: '01234 567890' }],
  extension: [{ url: 'https://example.org/unknown', valueString: 'kept' }],
};

describe('withCarerDetails', () => {
  it('adds the relationship and an email beside what is recorded, and removes nothing', () => {
    const changed = withCarerDetails(carer, { relationship: 'DAU', email: 'grace@example.org', phone: '01234 567890' });
    expect(validateR4(changed)).toEqual([]);
    expect(changed.relationship).toEqual([...(carer.relationship as unknown[]), { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DAU', display: 'Daughter' }] }]);
    expect(changed.telecom).toEqual([{ system: 'phone', value: '01234 567890' }, { system: 'email', value: 'grace@example.org' }]);
    expect(changed.extension).toEqual(carer.extension);
    expect(carer.telecom).toHaveLength(1);
  });

  it('refuses an unknown relationship code and an empty change', () => {
    expect(() => withCarerDetails(carer, { relationship: 'NOPE' })).toThrow(WriteInputError);
    expect(() => withCarerDetails(carer, {})).toThrow(WriteInputError);
  });

  it("sets a child carer's date of birth where none is recorded, and removes nothing", () => {
    const changed = withCarerDetails(carer, { birthDate: '2010-02-03' });
    expect(validateR4(changed)).toEqual([]);
    expect(changed.birthDate).toBe('2010-02-03');
    expect(changed.telecom).toEqual(carer.telecom);
    expect(changed.relationship).toEqual(carer.relationship);
    expect(carer.birthDate).toBeUndefined();
  });

  it('keeps the same date of birth, and refuses a different one or a date that does not exist', () => {
    expect(withCarerDetails({ ...carer, birthDate: '2010-02-03' }, { birthDate: '2010-02-03' }).birthDate).toBe('2010-02-03');
    expect(() => withCarerDetails({ ...carer, birthDate: '2010-02-03' }, { birthDate: '2011-02-03' })).toThrow(/already recorded/);
    expect(() => withCarerDetails(carer, { birthDate: '2010-02-30' })).toThrow(WriteInputError);
    expect(() => withCarerDetails(carer, { birthDate: '3 Feb 2010' })).toThrow(WriteInputError);
  });
});
