/**
 * The change since the last audit (`--compare previous/coverage.json`): each headline rate then and
 * now, and the change in percentage points. Pure: the previous coverage is read and validated by the
 * adapter (CoverageSchema), and whether a change can be shown at all is the report's to say.
 */
import { RATE_IDS, type Coverage, type Rate, type RateId } from './coverage';

export interface RateChange {
  id: RateId;
  previous: Rate;
  current: Rate;
  /** Percentage points, to one decimal place; null when either audit had nobody to count. */
  points: number | null;
}

export interface Comparison {
  previousAsOf: string;
  previousComplete: boolean;
  /** Why the two audits may not be like for like (policy, time zone, order, completeness), in words. */
  cautions: string[];
  patients: { previous: number; current: number };
  carers: { previous: number; current: number };
  rates: RateChange[];
}

export function compareCoverage(current: Coverage, previous: Coverage): Comparison {
  const cautions: string[] = [];
  if (previous.asOf >= current.asOf) cautions.push(`the previous audit (${previous.asOf}) is not earlier than this one (${current.asOf})`);
  if (!previous.complete) cautions.push('the previous audit was INCOMPLETE: its counts were a lower bound');
  if (JSON.stringify(previous.policy) !== JSON.stringify(current.policy)) cautions.push('the two audits used different policy settings (intervals, ages, thresholds or time zone)');
  const caseloadOf = (c: Coverage): string => JSON.stringify(c.population.caseload?.basis ?? 'every-patient-read');
  if (caseloadOf(previous) !== caseloadOf(current)) cautions.push('the two audits counted different populations (one from episodes of care, one every patient read)');
  return {
    previousAsOf: previous.asOf,
    previousComplete: previous.complete,
    cautions,
    patients: { previous: previous.patients.total, current: current.patients.total },
    carers: { previous: previous.carers.total, current: current.carers.total },
    rates: RATE_IDS.map((id) => {
      const before = previous.rates[id];
      const now = current.rates[id];
      const points = before.percent === null || now.percent === null ? null : Math.round((now.percent - before.percent) * 10) / 10;
      return { id, previous: before, current: now, points };
    }),
  };
}
