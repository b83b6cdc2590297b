import { describe, expect, it } from 'vitest';
import { PathwayTally } from '../../../shared/audit/pathway';
import { rateOf } from '../../../shared/audit/finalise';
import { POLICY } from '../fixtures';

describe('pathway measures (issue 11 items 5 and 8)', () => {
  it('days from the service start to the first carer identified: median, distribution and the share within 28 days, rated', () => {
    const tally = new PathwayTally();
    tally.addPatient('a', '2026-01-01', [{ id: 'c1', identifiedOn: '2025-12-01' }]); // identified before: at first contact
    tally.addPatient('b', '2026-01-01', [{ id: 'c2', identifiedOn: '2026-01-08' }, { id: 'c3', identifiedOn: '2026-03-01' }]); // the first carer counts: 7
    tally.addPatient('c', '2026-01-01', [{ id: 'c4', identifiedOn: '2026-01-29' }]); // 28: the boundary, within
    tally.addPatient('d', '2026-01-01', [{ id: 'c5', identifiedOn: '2026-01-30' }]); // 29
    tally.addPatient('e', undefined, [{ id: 'c6', identifiedOn: '2026-01-30' }]); // no service start: not in the sample
    tally.addPatient('f', '2026-01-01', [{ id: 'c7', identifiedOn: undefined }]);
    const { identification } = tally.finish(new Map(), [], POLICY, rateOf);
    expect(identification).toEqual({
      sampleSize: 4,
      medianDays: 17.5,
      distribution: { atFirstContact: 1, days1to7: 1, days8to28: 1, days29to91: 1, over91: 0 },
      within28: { numerator: 3, denominator: 4, percent: 75, rag: 'amber' },
    });
  });

  it('inpatient episodes of patients with a carer, and those whose carer was involved in that episode’s discharge planning', () => {
    const tally = new PathwayTally();
    tally.addPatient('a', undefined, [{ id: 'c1', identifiedOn: undefined }]);
    tally.addPatient('b', undefined, [{ id: 'c2', identifiedOn: undefined }]);
    tally.addPatient('n', undefined, []);
    const ward = (patient: string, inpatient = true) => ({ patient, inpatient });
    const episodes = new Map([
      ['ward-a', ward('a')],
      ['ward-b', ward('b')],
      ['ward-n', ward('n')], // no carer: not counted
      ['ward-x', ward('not-audited')],
      ['community-a', ward('a', false)], // not an inpatient episode
    ]);
    const actions = [
      { kind: 'carerAction' as const, id: 't1', carer: 'c1', action: 'discharge-planning-involved' as const, episode: 'ward-a' },
      { kind: 'carerAction' as const, id: 't2', carer: 'c2', action: 'discharge-planning-involved' as const, episode: 'an-earlier-ward' },
    ];
    expect(tally.finish(episodes, actions, POLICY, rateOf).discharge).toEqual({ inpatientEpisodesWithCarer: 2, carerInvolved: 1, rate: { numerator: 1, denominator: 2, percent: 50, rag: 'amber' } });
  });
});
