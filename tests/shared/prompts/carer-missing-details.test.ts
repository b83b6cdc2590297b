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

  it('serves the identification commitment', () => {
    expect(COMMITMENT).toMatch(/^Triangle of Care standard 1/);
  });
});
