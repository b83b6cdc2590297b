import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../shared/domain/types';
import { currentInpatientEpisodes, dischargedOn, firstEpisodeStartAfter, isInpatientEpisode } from '../../../shared/domain/episodes';
import { POLICY, noonOn } from '../fixtures';

const community: Episode = { reference: 'EpisodeOfCare/cmht', status: 'current', start: '2025-01-10', inpatient: false, detained: false };
const ward: Episode = { reference: 'EpisodeOfCare/ward', status: 'current', start: '2026-06-01', inpatient: true, detained: false };
const section3: Episode = { reference: 'EpisodeOfCare/s3', status: 'current', start: '2026-06-02', inpatient: false, detained: true };
const discharged: Episode = { reference: 'EpisodeOfCare/old', status: 'finished', start: '2026-03-01', end: '2026-04-20', inpatient: true, detained: false };

describe('episodes of care', () => {
  it('an inpatient episode is one coded inpatient or as a Mental Health Act detention', () => {
    expect([community, ward, section3].map(isInpatientEpisode)).toEqual([false, true, true]);
  });

  it('a discharge is a finished inpatient episode, on its end date', () => {
    expect(dischargedOn(discharged, POLICY)).toBe('2026-04-20');
    expect(dischargedOn({ ...discharged, inpatient: false }, POLICY)).toBeUndefined();
    expect(dischargedOn(ward, POLICY)).toBeUndefined();
    expect(dischargedOn({ ...discharged, end: undefined } as Episode, POLICY)).toBeUndefined();
  });

  it('an inpatient episode is current from its start day, not before', () => {
    expect(currentInpatientEpisodes([community, ward, discharged], POLICY, noonOn('2026-05-31'))).toEqual([]);
    expect(currentInpatientEpisodes([community, ward, discharged], POLICY, noonOn('2026-06-01'))).toEqual([ward]);
    expect(currentInpatientEpisodes(undefined, POLICY, noonOn('2026-06-01'))).toEqual([]);
  });

  it('a new episode starts after the day given: the same day is the same contact', () => {
    expect(firstEpisodeStartAfter([community, ward, section3], '2026-06-01', POLICY)).toBe('2026-06-02');
    expect(firstEpisodeStartAfter([community, ward, section3], '2026-05-31', POLICY)).toBe('2026-06-01');
    expect(firstEpisodeStartAfter([community, ward], '2026-06-01', POLICY)).toBeUndefined();
    expect(firstEpisodeStartAfter(['2026-06-01'], '2026-05-31', POLICY, '2026-05-31')).toBeUndefined();
    expect(firstEpisodeStartAfter([{ ...ward, start: undefined } as Episode], '2020-01-01', POLICY)).toBeUndefined();
  });
});
