import { describe, expect, it } from 'vitest';
import { COMMITMENT, confirmCarerStatus } from '../../../shared/prompts/confirm-carer-status';
import { FormerFriend, GraceMother, JaneDaughter, NOW, PatNeighbour, POLICY, TomBrother, carerWith, contextWith } from '../fixtures';

describe('confirm-carer-status', () => {
  it('asks whether a next of kin not yet asked about is a carer', () => {
    expect(confirmCarerStatus(contextWith({ carers: [TomBrother] }), POLICY, NOW)).toEqual([
      {
        id: 'confirm-carer-status:RelatedPerson/tom',
        code: 'confirm-carer-status',
        severity: 'warning',
        summary: 'Is Tom Morgan (Brother) a carer? Ask and record the answer',
        detail: expect.stringContaining('They are recorded as next of kin.'),
        commitment: COMMITMENT,
        actions: [
          { kind: 'mark-carer', label: 'Mark as carer' },
          { kind: 'mark-not-carer', label: 'Not a carer' },
        ],
        carer: 'RelatedPerson/tom',
        snoozable: true,
      },
    ]);
  });

  it('is a warning for emergency contacts and family members, and says which roles they hold', () => {
    const emergency = carerWith(TomBrother, { relationships: [], contactRoles: ['emergency-contact', 'contact-person'] });
    const sister = carerWith(TomBrother, { relationships: ['sister '], contactRoles: [] });
    const [first, second] = confirmCarerStatus(contextWith({ carers: [emergency, sister] }), POLICY, NOW);
    expect(first?.severity).toBe('warning');
    expect(first?.detail).toContain('They are recorded as emergency contact and contact person.');
    expect(second?.severity).toBe('warning');
  });

  it('is information only for a friend or neighbour with no contact role', () => {
    for (const relationship of ['Friend', 'Neighbour', 'Roommate']) {
      const friend = carerWith(TomBrother, { relationships: [relationship], contactRoles: [] });
      const [prompt] = confirmCarerStatus(contextWith({ carers: [friend] }), POLICY, NOW);
      expect(prompt?.severity).toBe('info');
      expect(prompt?.detail).not.toContain('recorded as');
    }
  });

  it('is a warning for a contact under 18, who may be a young carer', () => {
    const teenFriend = carerWith(TomBrother, { relationships: ['Friend'], contactRoles: [], birthDate: '2010-09-01' });
    const [prompt] = confirmCarerStatus(contextWith({ carers: [teenFriend] }), POLICY, NOW);
    expect(prompt?.severity).toBe('warning');
    expect(prompt?.detail).toContain('They are 15: if they help care, they are a young carer');
    const [adult] = confirmCarerStatus(contextWith({ carers: [carerWith(teenFriend, { birthDate: '2008-06-15' })] }), POLICY, NOW);
    expect(adult?.severity).toBe('info');
  });

  it('does not ask about confirmed carers, confirmed non-carers or inactive contacts', () => {
    const inactiveContact = carerWith(TomBrother, { active: false });
    expect(confirmCarerStatus(contextWith({ carers: [JaneDaughter, GraceMother, PatNeighbour, FormerFriend, inactiveContact] }), POLICY, NOW)).toEqual([]);
  });

  it('asks about each contact, in record order', () => {
    const second = carerWith(TomBrother, { reference: 'RelatedPerson/tia', id: 'tia', name: 'Tia Morgan', relationships: ['Sister'] });
    const prompts = confirmCarerStatus(contextWith({ carers: [TomBrother, JaneDaughter, second] }), POLICY, NOW);
    expect(prompts.map((p) => p.carer)).toEqual(['RelatedPerson/tom', 'RelatedPerson/tia']);
  });
});

describe('confirm-carer-status for Patient.contact people (issue 14)', () => {
  const mary = { key: 'Patient/alex#contact-0-abc' as const, name: 'Mary Smith', relationships: ['Mother'], contactRoles: ['next-of-kin' as const], telecom: [], identifiers: [] };

  it('asks "Is Mary Smith (mother, next of kin) a carer?" about an unanswered contact, keyed to the contact', () => {
    const prompts = confirmCarerStatus(contextWith({ contacts: [mary] }), POLICY, NOW);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({
      id: 'confirm-carer-status:Patient/alex#contact-0-abc',
      summary: 'Is Mary Smith (mother, next of kin) a carer? Ask and record the answer',
      contact: 'Patient/alex#contact-0-abc',
      actions: [{ kind: 'mark-carer' }, { kind: 'mark-not-carer' }],
    });
    expect(prompts[0]?.carer).toBeUndefined();
  });

  it('does not ask about a contact recorded as a RelatedPerson, or whose period ended', () => {
    expect(confirmCarerStatus(contextWith({ contacts: [{ ...mary, recordedAs: 'RelatedPerson/mum' }] }), POLICY, NOW)).toEqual([]);
    expect(confirmCarerStatus(contextWith({ contacts: [{ ...mary, endedOn: '2020-01-01' }] }), POLICY, NOW)).toEqual([]);
  });
});
