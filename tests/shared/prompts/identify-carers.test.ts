import { describe, expect, it } from 'vitest';
import { COMMITMENT, identifyCarers } from '../../../shared/prompts/identify-carers';
import { FormerFriend, JaneDaughter, NOW, PatNeighbour, PatientAlex, POLICY, TomBrother, contextWith, noonOn } from '../fixtures';
import { noCarersAnswerHolds, noCarersAskAgainOn } from '../../../shared/domain/noCarersAnswer';

describe('identify-carers', () => {
  it('prompts to ask when no carer is recorded and the patient was never asked', () => {
    expect(identifyCarers(contextWith(), POLICY, NOW)).toEqual([
      {
        id: 'identify-carers',
        code: 'identify-carers',
        severity: 'warning',
        summary: 'No carer recorded — ask now whether anyone supports the patient',
        detail: expect.stringContaining('including anyone under 18'),
        commitment: COMMITMENT,
        actions: [
          { kind: 'add-carer', label: 'Add a carer' },
          { kind: 'record-no-carers', label: 'Record: no carers' },
        ],
        snoozable: true,
      },
    ]);
    expect(COMMITMENT).toMatch(/^Triangle of Care standard 1: .*first contact/);
  });

  it('never claims "no carer recorded" when a related person exists but could not be read', () => {
    const prompts = identifyCarers(contextWith({ unreadableRelatedPersons: 2 }), POLICY, NOW);
    expect(prompts.map((p) => [p.id, p.severity])).toEqual([['identify-carers', 'warning']]);
    expect(prompts[0]?.summary).toBe('Some carer or contact records could not be read — check in the EHR whether a carer is recorded');
    expect(prompts[0]?.summary).not.toMatch(/No carer recorded/);
  });

  it('ignores unreadable records once a readable active carer is recorded', () => {
    expect(identifyCarers(contextWith({ carers: [JaneDaughter], unreadableRelatedPersons: 1 }), POLICY, NOW)).toEqual([]);
  });

  it('still prompts when the only related people are a former carer, an unconfirmed contact and a confirmed non-carer', () => {
    const prompts = identifyCarers(contextWith({ carers: [FormerFriend, TomBrother, PatNeighbour] }), POLICY, NOW);
    expect(prompts.map((p) => [p.id, p.severity])).toEqual([['identify-carers', 'warning']]);
  });

  it('does not prompt once an active carer is recorded, even beside a stale "no carers" answer', () => {
    expect(identifyCarers(contextWith({ carers: [JaneDaughter] }), POLICY, NOW)).toEqual([]);
    expect(identifyCarers(contextWith({ carers: [JaneDaughter], askedNoCarers: { list: 'List/old', askedOn: '2020-01-01' } }), POLICY, NOW)).toEqual([]);
  });

  describe('after the patient said they have no carers', () => {
    const asked = contextWith({ askedNoCarers: { list: 'List/asked', askedOn: '2025-06-15', askedBy: 'Dr Example' } });

    it('does not prompt while the answer is less than 12 months old', () => {
      expect(identifyCarers(asked, POLICY, noonOn('2025-06-15'))).toEqual([]);
      expect(identifyCarers(asked, POLICY, noonOn('2026-06-14'))).toEqual([]);
    });

    it('prompts to ask again from the day the answer is 12 months old', () => {
      for (const day of ['2026-06-15', '2026-06-16', '2030-01-01']) {
        const prompts = identifyCarers(asked, POLICY, noonOn(day));
        expect(prompts).toHaveLength(1);
        expect(prompts[0]).toMatchObject({ id: 'identify-carers', severity: 'info', summary: 'Patient said no carers on 15 Jun 2025 — ask again' });
      }
    });

    it('follows the policy interval', () => {
      expect(identifyCarers(asked, { ...POLICY, assessmentReviewMonths: 6 }, noonOn('2025-12-14'))).toEqual([]);
      expect(identifyCarers(asked, { ...POLICY, assessmentReviewMonths: 6 }, noonOn('2025-12-15'))).toHaveLength(1);
    });

    it('counts from 29 February to 28 February a year later', () => {
      const leap = contextWith({ askedNoCarers: { list: 'List/asked', askedOn: '2024-02-29' } });
      expect(identifyCarers(leap, POLICY, noonOn('2025-02-27'))).toEqual([]);
      expect(identifyCarers(leap, POLICY, noonOn('2025-02-28'))).toHaveLength(1);
    });

    it('reads the date the question was asked in the trust\'s zone', () => {
      // 23:30 UTC on 14 June 2025 is 00:30 on 15 June in London.
      const late = contextWith({ askedNoCarers: { list: 'List/asked', askedOn: '2025-06-14T23:30:00Z' } });
      expect(identifyCarers(late, POLICY, noonOn('2026-06-14'))).toEqual([]);
      expect(identifyCarers(late, POLICY, noonOn('2026-06-15'))).toHaveLength(1);
    });

    it('asks again when the answer has no usable date', () => {
      for (const askedOn of [undefined, 'last spring']) {
        const prompts = identifyCarers(contextWith({ askedNoCarers: { list: 'List/asked', askedOn } }), POLICY, NOW);
        expect(prompts).toEqual([expect.objectContaining({ severity: 'info', summary: 'Patient said no carers, but when is not recorded — ask again' })]);
      }
    });
  });
});

describe('identify-carers beside Patient.contact people (issue 14)', () => {
  const mary = { key: 'Patient/alex#contact-0-abc' as const, name: 'Mary Smith', relationships: ['Mother'], contactRoles: ['next-of-kin' as const], telecom: [], identifiers: [] };

  it('never says "no carer recorded" while a contact is unanswered: it asks whether these contacts are carers', () => {
    const prompts = identifyCarers(contextWith({ contacts: [mary] }), POLICY, NOW);
    expect(prompts.map((p) => p.summary)).toEqual(['Ask whether these contacts are carers: Mary Smith (mother, next of kin)']);
  });

  it('says "no carer recorded" again once the contact is answered (recorded as a RelatedPerson who is not a carer)', () => {
    const prompts = identifyCarers(contextWith({ contacts: [{ ...mary, recordedAs: 'RelatedPerson/mum' }] }), POLICY, NOW);
    expect(prompts.map((p) => p.summary)).toEqual(['No carer recorded — ask now whether anyone supports the patient']);
  });
});

describe('identify-carers at each new episode (a new first contact), not only after 12 months', () => {
  const asked = { list: 'List/none' as const, askedOn: '2026-01-15' };
  const episode = (start: string) => ({ reference: 'EpisodeOfCare/new' as const, status: 'current' as const, start, inpatient: false, detained: false });
  const withEpisode = (start: string) => contextWith({ askedNoCarers: asked, patient: { ...PatientAlex, episodes: [episode(start)] } });

  it('asks again from the day a new episode starts after the answer', () => {
    expect(identifyCarers(withEpisode('2026-03-01'), POLICY, noonOn('2026-02-28'))).toEqual([]);
    const [prompt] = identifyCarers(withEpisode('2026-03-01'), POLICY, noonOn('2026-03-01'));
    expect(prompt?.summary).toBe('New episode of care from 1 Mar 2026 — ask again about carers (said none on 15 Jan 2026)');
    expect(prompt?.severity).toBe('warning');
  });

  it('an episode that started on or before the day of the answer is the contact it was given at', () => {
    expect(identifyCarers(withEpisode('2026-01-15'), POLICY, noonOn('2026-06-15'))).toEqual([]);
    expect(identifyCarers(withEpisode('2025-11-01'), POLICY, noonOn('2026-06-15'))).toEqual([]);
  });

  it('the audit uses the same meaning (noCarersAnswerHolds with the episodes or their starts)', () => {
    expect(noCarersAnswerHolds(asked.askedOn, POLICY, noonOn('2026-03-01'), ['2026-03-01'])).toBe(false);
    expect(noCarersAnswerHolds(asked.askedOn, POLICY, noonOn('2026-03-01'), ['2026-01-15'])).toBe(true);
    expect(noCarersAskAgainOn(asked.askedOn, POLICY, ['2026-03-01', '2026-02-10'])).toBe('2026-02-10');
  });
});
