import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../shared/domain/types';
import { COMMITMENT, involveCarerInDischarge } from '../../../shared/prompts/involve-carer-in-discharge';
import { FormerFriend, JaneDaughter, PatientAlex, POLICY, carerWith, contextWith, noonOn } from '../fixtures';

const ward: Episode = { reference: 'EpisodeOfCare/ward', status: 'current', start: '2026-06-01', inpatient: true, detained: false };
const inpatient = (carers = [JaneDaughter], episodes = [ward]) => contextWith({ patient: { ...PatientAlex, episodes }, carers });

describe('involve-carer-in-discharge', () => {
  it('prompts for each current carer of a patient on an inpatient episode, from its first day', () => {
    expect(involveCarerInDischarge(inpatient(), POLICY, noonOn('2026-05-31'))).toEqual([]);
    expect(involveCarerInDischarge(inpatient([JaneDaughter, FormerFriend]), POLICY, noonOn('2026-06-01'))).toEqual([
      expect.objectContaining({
        id: 'involve-carer-in-discharge:RelatedPerson/jane',
        code: 'involve-carer-in-discharge',
        carer: 'RelatedPerson/jane',
        episode: 'EpisodeOfCare/ward',
        actions: [{ kind: 'record-discharge-involvement', label: 'Record involvement' }],
        commitment: COMMITMENT,
      }),
    ]);
    expect(COMMITMENT).toContain('Care Act 2014 s.74(1)');
    expect(COMMITMENT).toContain('Health and Care Act 2022 s.91');
  });

  it('says what may be shared from the decision in force', () => {
    const [none] = involveCarerInDischarge(inpatient(), POLICY, noonOn('2026-06-15'));
    expect(none?.detail).toContain('general information about discharge arrangements');
    const permit = carerWith(JaneDaughter, { consent: { decision: 'permit', recordedOn: '2026-01-01' } });
    expect(involveCarerInDischarge(inpatient([permit]), POLICY, noonOn('2026-06-15'))[0]?.detail).toContain('involve them fully');
    const partial = carerWith(JaneDaughter, { consent: { decision: 'partial', recordedOn: '2026-01-01', mayShare: ['Discharge date'], mayNotShare: ['Diagnosis'] } });
    expect(involveCarerInDischarge(inpatient([partial]), POLICY, noonOn('2026-06-15'))[0]?.detail).toContain('Share only: Discharge date. Do not share: Diagnosis.');
  });

  it('ends once the carer is recorded as involved for that episode (not another)', () => {
    const involved = carerWith(JaneDaughter, { dischargeInvolvement: [{ episode: 'EpisodeOfCare/ward', on: '2026-06-10' }] });
    expect(involveCarerInDischarge(inpatient([involved]), POLICY, noonOn('2026-06-15'))).toEqual([]);
    const elsewhere = carerWith(JaneDaughter, { dischargeInvolvement: [{ episode: 'EpisodeOfCare/earlier', on: '2025-06-10' }] });
    expect(involveCarerInDischarge(inpatient([elsewhere]), POLICY, noonOn('2026-06-15'))).toHaveLength(1);
  });

  it('is about the inpatient episode that started last when two are open', () => {
    const later = { ...ward, reference: 'EpisodeOfCare/later' as const, start: '2026-06-05' };
    expect(involveCarerInDischarge(inpatient([JaneDaughter], [later, ward]), POLICY, noonOn('2026-06-15')).map((p) => p.episode)).toEqual(['EpisodeOfCare/later']);
  });

  it('not for a community episode, a finished one, or a detention without a carer', () => {
    expect(involveCarerInDischarge(inpatient([JaneDaughter], [{ ...ward, inpatient: false }]), POLICY, noonOn('2026-06-15'))).toEqual([]);
    expect(involveCarerInDischarge(inpatient([JaneDaughter], [{ ...ward, status: 'finished', end: '2026-06-10' }]), POLICY, noonOn('2026-06-15'))).toEqual([]);
    expect(involveCarerInDischarge(inpatient([], [{ ...ward, inpatient: false, detained: true }]), POLICY, noonOn('2026-06-15'))).toEqual([]);
    expect(involveCarerInDischarge(inpatient([JaneDaughter], [{ ...ward, inpatient: false, detained: true }]), POLICY, noonOn('2026-06-15'))[0]?.summary).toContain('Mental Health Act');
  });
});
