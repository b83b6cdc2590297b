/**
 * Issue 11 items 5 and 8 in the audit: when carers are identified against the service start ("at
 * first contact"), and inpatient episodes whose carers were involved in discharge planning. A
 * streaming part of the audit state (inpatient episodes, keyed by id, merged exactly), finished in
 * ./finalise.ts with the same readings the panel uses (shared/domain/episodes.ts).
 */
import type { Policy } from '../policy';
import { compareDates, daysBetween, type CalendarDate } from '../domain/dates';
import type { CarerActionFact } from './recordedActions';
import type { PathwayMeasures, Rate } from './coverage';
import type { EpisodeRecord } from './state';
import { median } from './median';

/* The measures' schema is ./coverage.ts PathwaySchema (one place with the other coverage.json fields). */

/** Collects, patient by patient, what ./finalise.ts knows about the audited caseload. */
export class PathwayTally {
  private readonly days: number[] = [];
  private readonly carersOf = new Map<string, readonly string[]>();

  /** An audited patient: their service start, and the current carers (ids) with when each was identified. */
  addPatient(patientId: string, serviceStart: CalendarDate | undefined, carers: readonly { id: string; identifiedOn: CalendarDate | undefined }[]): void {
    this.carersOf.set(patientId, carers.map((c) => c.id));
    if (serviceStart === undefined) return;
    const identified = carers.map((c) => c.identifiedOn).filter((d): d is CalendarDate => d !== undefined);
    if (identified.length === 0) return;
    const first = identified.reduce((a, b) => (compareDates(a, b) <= 0 ? a : b));
    this.days.push(Math.max(0, daysBetween(serviceStart, first)));
  }

  finish(episodes: ReadonlyMap<string, Pick<EpisodeRecord, 'patient' | 'inpatient'>>, actions: Iterable<CarerActionFact>, policy: Pick<Policy, 'rag'>, rateOf: (n: number, d: number, p: Pick<Policy, 'rag'>) => Rate): PathwayMeasures {
    const distribution = { atFirstContact: 0, days1to7: 0, days8to28: 0, days29to91: 0, over91: 0 };
    for (const d of this.days) {
      if (d === 0) distribution.atFirstContact += 1;
      else if (d <= 7) distribution.days1to7 += 1;
      else if (d <= 28) distribution.days8to28 += 1;
      else if (d <= 91) distribution.days29to91 += 1;
      else distribution.over91 += 1;
    }
    const within = this.days.filter((d) => d <= 28).length;
    const involved = new Set<string>();
    for (const action of actions) if (action.action === 'discharge-planning-involved' && action.episode !== undefined) involved.add(`${action.carer}|${action.episode}`);
    let withCarer = 0;
    let carerInvolved = 0;
    for (const [id, episode] of episodes) {
      if (!episode.inpatient) continue;
      const carers = this.carersOf.get(episode.patient);
      if (carers === undefined || carers.length === 0) continue;
      withCarer += 1;
      if (carers.some((carer) => involved.has(`${carer}|${id}`))) carerInvolved += 1;
    }
    return {
      identification: { sampleSize: this.days.length, medianDays: median(this.days), distribution, within28: rateOf(within, this.days.length, policy) },
      discharge: { inpatientEpisodesWithCarer: withCarer, carerInvolved, rate: rateOf(carerInvolved, withCarer, policy) },
    };
  }
}
