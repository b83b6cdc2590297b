/**
 * One meaning, one place (../shared/CONVENTIONS.md 1b): over generated caseloads full of awkward
 * Consents — ties, undated and date-only decisions, withdrawals, validity periods, typos in the
 * future, refusals for one carer nested in a permit for everyone, decisions by someone else — each
 * patient's carers get the same decisions from the audit as from `carers explain` (the panel's
 * reading), whatever order the records arrive in.
 */
import { describe, expect, it } from 'vitest';
import type { PullEvent } from '../../../adapter/audit/pull/events';
import { runAudit } from '../../../adapter/audit/run';
import { toCarerContext } from '../../../adapter/mapping/carerContext';
import { isActiveCarer } from '../../../shared/domain/derive';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { DEFAULT_EXTENSION_BASE } from '../../../shared/terminology';
import { random } from '../../shared/audit/population';

const NOW = new Date('2026-11-23T12:00:00Z');
type Json = Record<string, unknown>;

const DATES = [undefined, '2026-10-01', '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z', '2026-10-01T15:30:00+01:00', '2026-06-15', '2025-12-31T23:30:00Z', '2062-05-01', '2026-11-23'];
const UPDATED = [undefined, '2026-09-01T10:00:00Z', '2026-10-01T12:00:00Z', '2026-11-20T08:00:00Z'];
const PERIODS = [undefined, undefined, { end: '2026-06-01' }, { start: '2027-01-01' }, { start: '2026-01-01', end: '2027-01-01' }];

function caseload(seed: number, patients: number): Json[] {
  const r = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
  const out: Json[] = [];
  for (let p = 0; p < patients; p += 1) {
    const pid = `p${p}`;
    out.push({ resourceType: 'Patient', id: pid, ...(r() < 0.05 ? { deceasedBoolean: true } : {}) });
    const carers = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, c) => `${pid}-c${c}`);
    for (const id of carers) {
      out.push({
        resourceType: 'RelatedPerson',
        id,
        patient: { reference: `Patient/${pid}` },
        active: r() < 0.95,
        relationship: [{ coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole', code: 'Carer' }] }],
        ...(r() < 0.1 ? { period: { start: '2020-01-01', end: '2026-01-31' } } : {}),
      });
    }
    const consents = Math.floor(r() * 5);
    for (let k = 0; k < consents; k += 1) {
      const named = pick(carers);
      const other = pick(carers);
      const type = pick(['permit', 'deny'] as const);
      const shape = r();
      const provision: Json =
        shape < 0.6
          ? { type, actor: [{ reference: { reference: `RelatedPerson/${named}` } }] }
          : shape < 0.8
            ? { type: 'permit', provision: [{ type: 'deny', actor: [{ reference: { reference: `RelatedPerson/${named}` } }] }] }
            : { type, actor: [{ reference: { reference: `RelatedPerson/${named}` } }, { reference: { reference: `RelatedPerson/${other}` } }], provision: [{ type: type === 'permit' ? 'deny' : 'permit', code: [{ text: pick(['Diagnosis', 'Appointments']) }] }] };
      const period = pick(PERIODS);
      if (period) provision.period = period;
      const status = pick(['active', 'active', 'active', 'inactive', 'proposed', 'entered-in-error'] as const);
      const dateTime = pick(DATES);
      const lastUpdated = pick(UPDATED);
      out.push({
        resourceType: 'Consent',
        id: `${pid}-k${k}`,
        ...(lastUpdated ? { meta: { lastUpdated } } : {}),
        status,
        ...(status === 'proposed' && r() < 0.7 ? { extension: [{ url: `${DEFAULT_EXTENSION_BASE}/consent-basis`, valueCode: 'lacks-capacity' }] } : {}),
        scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: r() < 0.9 ? 'patient-privacy' : 'research' }] },
        category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
        ...(r() < 0.92 ? { patient: { reference: `Patient/${pid}` } } : {}),
        ...(dateTime ? { dateTime } : {}),
        ...(r() < 0.15 ? { performer: [{ reference: `RelatedPerson/${named}` }] } : {}),
        policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
        provision,
      });
    }
  }
  return out;
}

async function* events(resources: readonly Json[]): AsyncGenerator<PullEvent> {
  for (const resource of resources) yield { type: 'resource', resource };
  yield { type: 'complete', complete: true };
}

/** The decisions the clinician's view shows for every current carer, counted by kind. */
function panelCounts(resources: readonly Json[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const patient of resources.filter((r) => r.resourceType === 'Patient')) {
    if (patient.deceasedBoolean === true) continue;
    const mine = resources.filter((r) => r === patient || r.resourceType !== 'Patient');
    const read = toCarerContext(mine, { patient: `Patient/${String(patient.id)}`, policy: DEFAULT_POLICY, now: NOW });
    if (!read.ok) throw new Error(read.reason);
    for (const carer of read.context.carers.filter((c) => isActiveCarer(c, DEFAULT_POLICY, NOW))) counts[carer.consent.decision] = (counts[carer.consent.decision] ?? 0) + 1;
  }
  return counts;
}

async function auditCounts(resources: readonly Json[]): Promise<Record<string, number>> {
  const { coverage } = await runAudit({ events: events(resources), policy: DEFAULT_POLICY, now: NOW });
  return Object.fromEntries(Object.entries(coverage.carers.consent).filter(([, n]) => n > 0));
}

describe('one meaning of a carer’s consent record', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('gives each carer the same decision in the audit as in carers explain (caseload %i, in both orders)', async (seed) => {
    const resources = caseload(seed, 40);
    const expected = panelCounts(resources);
    expect(await auditCounts(resources)).toEqual(expected);
    expect(await auditCounts([...resources].reverse())).toEqual(expected);
  });

  it('generates every kind of decision, so the agreement is not tested on easy cases', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 8; seed += 1) for (const kind of Object.keys(panelCounts(caseload(seed, 40)))) seen.add(kind);
    expect([...seen].sort()).toEqual(['conflict', 'deny', 'expired', 'lacks-capacity', 'none', 'partial', 'permit', 'unknown', 'withdrawn']);
  });
});
