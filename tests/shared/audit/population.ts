/**
 * Random populations of audit facts for the reducer's property tests, with every awkward case:
 * orphan Consents, same-day decisions, strangers' records, several episodes, unreadable resources.
 */
import type { AuditFact } from '../../../shared/audit/facts';
import { askedNoCarers, carer, consent, episode, offer, patient } from './personas';

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['North', 'South', 'Older adults', undefined];
const DECISIONS = ['permit', 'deny', 'partial', 'withdrawn', 'lacks-capacity', 'unknown'] as const;
const TASK_STATUSES = ['offered', 'accepted', 'declined', 'completed'] as const;

/** A population with every kind of fact, including the awkward ones: orphans, ties, strangers' records, unreadable lines. */
export function population(seed: number, patients: number, options: { idlessMalformed: boolean }): AuditFact[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const date = (fromYear: number): string => {
    const day = Math.floor(rand() * 365 * 3);
    return new Date(Date.UTC(fromYear, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  };
  const facts: AuditFact[] = [];
  for (let p = 0; p < patients; p += 1) {
    const pid = `p${p}`;
    if (rand() < 0.95) facts.push(patient(pid, pick(TEAMS)));
    if (rand() < 0.7) facts.push(episode(`e${p}`, pid, rand() < 0.9 ? date(2024) : undefined, pick(TEAMS)));
    if (rand() < 0.15) facts.push(episode(`e${p}b`, pid, date(2024), pick(TEAMS)));
    // Admissions and detentions, some finished (discharges): what brings a carer's review forward.
    if (rand() < 0.15) {
      const start = date(2024);
      const ward: AuditFact = { ...episode(`e${p}w`, pid, start, pick(TEAMS)), inpatient: true, ...(rand() < 0.3 ? { detained: true as const } : {}) };
      facts.push(rand() < 0.5 ? { ...ward, ended: true, endedOn: date(2025) } : ward);
    }
    if (rand() < 0.2) facts.push(askedNoCarers(`l${p}`, pid, date(2024)));
    const carers = Math.floor(rand() * 4);
    for (let c = 0; c < carers; c += 1) {
      const cid = `c${p}-${c}`;
      facts.push(
        carer(cid, pid, {
          carerStatus: pick(['carer', 'carer', 'carer', 'not-carer', 'unconfirmed'] as const),
          active: rand() < 0.9,
          hasRelationship: rand() < 0.85,
          hasContact: rand() < 0.85,
          ...(rand() < 0.6 ? { birthDate: date(1950 + Math.floor(rand() * 70)) } : {}),
          ...(rand() < 0.7 ? { identifiedOn: date(2024) } : {}),
        }),
      );
      const consents = Math.floor(rand() * 3);
      for (let k = 0; k < consents; k += 1) {
        // Same-day decisions happen: ties must be broken the same way in every part.
        const recorded = rand() < 0.2 ? '2025-06-01' : date(2024);
        // Some decisions were limited in time and have expired; some carry a review date.
        const extra = rand() < 0.1 ? { validUntil: date(2024) } : rand() < 0.3 ? { reviewDue: date(2025) } : {};
        facts.push(consent(`k${p}-${c}-${k}`, rand() < 0.9 ? pid : undefined, [cid], pick(DECISIONS), recorded, extra));
      }
      const tasks = Math.floor(rand() * 3);
      for (let t = 0; t < tasks; t += 1) {
        const status = pick(TASK_STATUSES);
        facts.push(offer(`t${p}-${c}-${t}`, cid, status, rand() < 0.9 ? date(2024) : undefined, status === 'completed' ? { completedOn: date(2025) } : {}));
      }
    }
    if (rand() < 0.1) facts.push(consent(`orphan${p}`, pid, rand() < 0.5 ? [] : [`stranger${p}`], 'permit', date(2024)));
    if (rand() < 0.05) facts.push(consent(`shared${p}`, pid, [`c${p}-0`, `c${p}-1`], pick(DECISIONS), date(2024)));
    if (rand() < 0.05) facts.push({ kind: 'malformed', resourceType: pick(['Consent', 'Task', 'RelatedPerson']), id: `bad${p}` });
    if (options.idlessMalformed && rand() < 0.05) facts.push({ kind: 'malformed', resourceType: 'unknown' });
  }
  return facts;
}

