import { describe, expect, it } from 'vitest';
import { COMMITMENT, carerMissingDetails } from '../../../shared/prompts/carer-missing-details';
import { FormerFriend, GraceMother, JaneDaughter, NOW, PatNeighbour, POLICY, TomBrother, carerWith, contextWith } from '../fixtures';

function promptsFor(patch: Parameters<typeof carerWith>[1]) {
  return carerMissingDetails(contextWith({ carers: [carerWith(JaneDaughter, patch)] }), POLICY, NOW);
}

describe('carer-missing-details', () => {
  it('warns when a carer has no way to be contacted', () => {
    expect(promptsFor({ telecom: [], address: undefined })).toEqual([
      {
        id: 'carer-missing-details:RelatedPerson/jane',
        code: 'carer-missing-details',
        severity: 'warning',
        summary: 'Jane Smith (Daughter): contact details not recorded',
        detail: expect.stringMatching(/^There is no telephone number, email or address to reach them\. Record/),
        commitment: COMMITMENT,
        actions: [{ kind: 'edit-carer', label: 'Complete carer details' }],
        carer: 'RelatedPerson/jane',
        snoozable: true,
      },
    ]);
  });

  it('notes a carer recorded without a relationship', () => {
    expect(promptsFor({ relationships: [] })).toEqual([
      expect.objectContaining({ severity: 'info', summary: 'Jane Smith: relationship not recorded', detail: expect.stringMatching(/^Their relationship to the patient is not recorded\. Record/) }),
    ]);
  });

  it('names both when both are missing', () => {
    expect(promptsFor({ relationships: [], telecom: [] })).toEqual([
      expect.objectContaining({ severity: 'warning', summary: 'Jane Smith: relationship and contact details not recorded', detail: expect.stringMatching(/^Their relationship .* not recorded\. There is no telephone/) }),
    ]);
  });

  it('treats blank values as missing', () => {
    expect(promptsFor({ relationships: ['  '], telecom: [{ system: 'phone', value: ' ' }], address: ' ' })[0]?.summary).toBe(
      'Jane Smith: relationship and contact details not recorded',
    );
  });

  it('accepts an address, an email or a phone number as a way to make contact', () => {
    expect(promptsFor({ telecom: [], address: '2 Low Road' })).toEqual([]);
    expect(promptsFor({ telecom: [{ system: 'email', value: 'jane@example.org' }] })).toEqual([]);
    expect(carerMissingDetails(contextWith({ carers: [GraceMother, JaneDaughter] }), POLICY, NOW)).toEqual([]);
  });

  it('does not check former carers, unconfirmed contacts or non-carers', () => {
    const bare = { relationships: [], telecom: [], address: undefined };
    const carers = [FormerFriend, TomBrother, PatNeighbour].map((c) => carerWith(c, bare));
    expect(carerMissingDetails(contextWith({ carers }), POLICY, NOW)).toEqual([]);
  });

  it("asks for the date of birth of a carer who is the patient's child (DAUC) and has none", () => {
    expect(promptsFor({ familyCodes: ['DAUC'], birthDate: undefined })).toEqual([
      expect.objectContaining({
        severity: 'warning',
        summary: 'Jane Smith (Daughter): date of birth not recorded',
        detail: expect.stringContaining("They are the patient's child and their date of birth is not recorded"),
        actions: [{ kind: 'edit-carer', label: 'Complete carer details' }],
      }),
    ]);
    expect(promptsFor({ familyCodes: ['DAUC'], birthDate: undefined })[0]?.detail).toContain('Children Act 1989 s.17ZA');
  });

  it.each(['CHILD', 'SONC', 'SON', 'NCHILD', 'STPCHLD', 'CHLDFOST', 'DAUADOPT'])('asks for the birth date of a child carer coded %s', (code) => {
    expect(promptsFor({ familyCodes: [code], birthDate: undefined })[0]?.summary).toContain('date of birth not recorded');
  });

  it('does not ask for the birth date once it is recorded, nor of a carer who is not the patient’s child', () => {
    expect(promptsFor({ familyCodes: ['DAUC'], birthDate: '2010-02-03' })).toEqual([]);
    expect(promptsFor({ familyCodes: ['MTH'], birthDate: undefined })).toEqual([]);
    expect(promptsFor({ familyCodes: ['GRNDCHILD'], birthDate: undefined })).toEqual([]);
  });

  it('lists the birth date with the other missing details', () => {
    expect(promptsFor({ familyCodes: ['SONC'], birthDate: undefined, telecom: [], relationships: [] })[0]?.summary).toBe(
      'Jane Smith: relationship, contact details and date of birth not recorded',
    );
  });

  it('serves the identification commitment', () => {
    expect(COMMITMENT).toMatch(/^Triangle of Care standard 1/);
  });
});
