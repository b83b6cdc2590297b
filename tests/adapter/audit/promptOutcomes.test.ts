/**
 * Prompt outcomes (issue 10 item 3): "Prompt outcomes (acted on, deferred with reason, left) are
 * counted per prompt code and team in the audit: the measure of whether a prompt earns its place."
 *
 * One meaning (../shared/CONVENTIONS.md 1b): over the sandbox's seeded caseload with every persona,
 * deferrals recorded in force and ended, and signposting recorded inside and outside the audit
 * period, the audit's "left" and "deferred" per prompt code and team are what the clinician's panel
 * shows for each patient (toCarerContext → evaluatePrompts → applyDeferrals), for every measured code.
 */
import { describe, expect, it } from 'vitest';
import type { PullEvent } from '../../../adapter/audit/pull/events';
import { runAudit } from '../../../adapter/audit/run';
import { toCarerContext } from '../../../adapter/mapping/carerContext';
import { carerActionOf } from '../../../adapter/mapping/readCarerActionTask';
import { buildCarerActionTask } from '../../../adapter/writes/build/carerActionTask';
import { buildDeferral } from '../../../adapter/writes/build/deferralTask';
import { evaluateVisiblePrompts } from '../../../extension/background/rules';
import { OUTCOMES_NOT_MEASURED, type PromptOutcomeRow } from '../../../shared/audit/promptOutcomes';
import { DEFERRAL_REASONS, type PatientReference, type Prompt } from '../../../shared/domain/types';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { generateCaseload } from '../../../sandbox/generate/caseload';
import { PERSONAS } from '../../../sandbox/personas';

const NOW = new Date('2026-11-23T12:00:00Z');
const BASE = DEFAULT_POLICY.extensionBase;
type Json = Record<string, unknown> & { resourceType: string; id?: string };

async function* events(resources: readonly unknown[]): AsyncGenerator<PullEvent> {
  for (const resource of resources) yield { type: 'resource', resource };
  yield { type: 'complete', complete: true };
}

const patientsOf = (resources: readonly Json[]): Json[] => resources.filter((r) => r.resourceType === 'Patient' && r.deceasedBoolean !== true && r.deceasedDateTime === undefined);

/** What the panel shows for one patient: visible prompts and those a deferral hides. */
function panelFor(resources: readonly Json[], patient: Json): { team: string | null; visible: Prompt[]; deferred: { prompt: Prompt; reason: string }[] } {
  const read = toCarerContext(resources, { patient: `Patient/${String(patient.id)}`, policy: DEFAULT_POLICY, now: NOW });
  if (!read.ok) throw new Error(read.reason);
  const { visible, deferred } = evaluateVisiblePrompts(read.context, DEFAULT_POLICY, NOW);
  return { team: read.context.patient.team ?? null, visible, deferred: deferred.map((d) => ({ prompt: d.prompt, reason: d.deferral.reason })) };
}

/**
 * The seeded caseload (with its episodes of care — admissions, a detention, discharges, new
 * episodes — or without any, when the caseload is every patient read), with, for every third snoozable prompt showing, a
 * deferral in force (reasons in turn), for every seventh an ended one, and signposting recorded for
 * every fourth carer prompted to signpost: half of them before the period.
 */
function caseloadWithOutcomes(options: { episodes: boolean }): Json[] {
  const resources = [...generateCaseload({ patients: 60, seed: 11, now: NOW, personas: true })].map((r) => r as unknown as Json).filter((r) => options.episodes || r.resourceType !== 'EpisodeOfCare');
  const added: Json[] = [];
  let n = 0;
  for (const patient of patientsOf(resources)) {
    const ref = `Patient/${String(patient.id)}` as PatientReference;
    for (const prompt of panelFor(resources, patient).visible) {
      n += 1;
      if (prompt.snoozable && n % 3 === 0) {
        const reason = DEFERRAL_REASONS[n % DEFERRAL_REASONS.length] as (typeof DEFERRAL_REASONS)[number];
        added.push({ ...buildDeferral({ patient: ref, ...(prompt.carer ? { carer: prompt.carer } : {}), code: prompt.code, kind: 'not-now', reason, on: '2026-11-01T10:00:00Z', until: '2027-02-01', extensionBase: BASE }), id: `deferral-${n}` } as Json);
      } else if (prompt.snoozable && n % 7 === 0) {
        added.push({ ...buildDeferral({ patient: ref, ...(prompt.carer ? { carer: prompt.carer } : {}), code: prompt.code, kind: 'not-now', reason: 'patient-declined', on: '2026-08-01T10:00:00Z', until: '2026-11-01', extensionBase: BASE }), id: `ended-${n}` } as Json);
      } else if (prompt.code === 'signpost-support' && prompt.carer && n % 4 === 0) {
        const on = n % 8 === 0 ? '2026-10-15T10:00:00Z' : '2026-03-01T10:00:00Z';
        added.push({ ...buildCarerActionTask({ patient: ref, carer: prompt.carer, action: 'signposted', on, items: [{ type: 'signpost', value: 'carers-centre' }], extensionBase: BASE }), id: `signposted-${n}` } as Json);
      }
    }
  }
  return [...resources, ...added];
}

function panelRows(resources: readonly Json[]): Map<string, { left: number; deferred: Record<string, number> }> {
  const rows = new Map<string, { left: number; deferred: Record<string, number> }>();
  const row = (code: string, team: string | null) => {
    const key = JSON.stringify([code, team]);
    const found = rows.get(key) ?? { left: 0, deferred: {} };
    rows.set(key, found);
    return found;
  };
  for (const patient of patientsOf(resources)) {
    const { team, visible, deferred } = panelFor(resources, patient);
    for (const prompt of visible) if (OUTCOMES_NOT_MEASURED[prompt.code] === undefined) row(prompt.code, team).left += 1;
    for (const { prompt, reason } of deferred) {
      if (OUTCOMES_NOT_MEASURED[prompt.code] !== undefined) continue;
      const r = row(prompt.code, team);
      r.deferred[reason] = (r.deferred[reason] ?? 0) + 1;
    }
  }
  return rows;
}

const auditRows = (rows: readonly PromptOutcomeRow[]) => new Map(rows.map((r) => [JSON.stringify([r.code, r.team]), { left: r.left, deferred: r.deferred }]));

// The panel's side reads each patient's context from the whole caseload: seconds, not milliseconds, on a loaded machine.
describe('prompt outcomes: acted on, deferred with reason, left, per prompt code and team', { timeout: 60_000 }, () => {
  const resources = caseloadWithOutcomes({ episodes: false });
  const withEpisodes = caseloadWithOutcomes({ episodes: true });

  it.each([
    ['without episodes of care', resources],
    ['with every episode of care: admissions, a detention, discharges, new episodes', withEpisodes],
  ])('counts as left and deferred exactly what the panel shows each patient, code by code and team by team (%s)', async (_label, data) => {
    const { coverage } = await runAudit({ events: events(data), policy: DEFAULT_POLICY, now: NOW });
    const expected = panelRows(data);
    const actual = auditRows(coverage.promptOutcomes?.rows ?? []);
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  it('is tested on the prompts episodes of care bring: a review brought forward by an admission, a discharge to plan', () => {
    const codes = new Set([...panelRows(withEpisodes).keys()].map((key) => (JSON.parse(key) as [string])[0]));
    expect(codes).toContain('assessment-review-due');
    expect(codes).toContain('involve-carer-in-discharge');
    expect(codes).toContain('possible-duplicate-carer');
  });

  it('is tested on deferrals of several codes and every reason, so the agreement is not on easy cases', () => {
    const rows = [...panelRows(resources).entries()];
    const codes = new Set(rows.filter(([, r]) => Object.keys(r.deferred).length > 0).map(([key]) => (JSON.parse(key) as [string])[0]));
    const reasons = new Set(rows.flatMap(([, r]) => Object.keys(r.deferred)));
    expect(codes.size).toBeGreaterThanOrEqual(5);
    expect([...reasons].sort()).toEqual([...DEFERRAL_REASONS].sort());
  });

  it('is tested on a parent whose child is recorded only in Patient.contact (H29), so the audit must see the contact child as the panel does', () => {
    const tessa = `Patient/${PERSONAS.tessaContactChild.patientId}`;
    const patient = patientsOf(resources).find((r) => `Patient/${String(r.id)}` === tessa);
    if (patient === undefined) throw new Error('the persona is not in the caseload');
    const { visible, deferred } = panelFor(resources, patient);
    expect([...visible, ...deferred.map((d) => d.prompt)].map((p) => p.code)).toContain('think-family');
    expect(resources.filter((r) => r.resourceType === 'RelatedPerson' && JSON.stringify(r.patient).includes(tessa))).toEqual([]);
  });

  it('counts signposting recorded within the audit period as acted on, by team, and none before it (--since)', async () => {
    const { coverage } = await runAudit({ events: events(resources), policy: DEFAULT_POLICY, now: NOW, caseload: { since: '2026-10-01' } });
    const actedOn = (coverage.promptOutcomes?.rows ?? []).filter((r) => r.code === 'signpost-support').reduce((sum, r) => sum + (r.actedOn ?? 0), 0);
    const signposted = resources.filter((r) => carerActionOf(r, BASE) === 'signposted');
    const within = signposted.filter((r) => String(r.authoredOn) >= '2026-10-01').length;
    expect(within).toBeGreaterThan(0);
    expect(actedOn).toBe(within);
    const all = await runAudit({ events: events(resources), policy: DEFAULT_POLICY, now: NOW });
    expect((all.coverage.promptOutcomes?.rows ?? []).filter((r) => r.code === 'signpost-support').reduce((sum, r) => sum + (r.actedOn ?? 0), 0)).toBe(signposted.length);
    expect(signposted.length).toBeGreaterThan(within);
  });

  it('measures every code, and gives no "acted on" where the audit cannot tell which action wrote a record', async () => {
    const { coverage } = await runAudit({ events: events(resources), policy: DEFAULT_POLICY, now: NOW });
    expect(coverage.promptOutcomes?.notMeasured).toEqual([]);
    expect(coverage.promptOutcomes?.actedOnMeasured).toEqual([
      'young-carer-referral',
      'signpost-support',
      'involve-carer-in-care-plan',
      'carer-contingency-plan',
      'give-crisis-numbers',
      'young-carer-transition',
      'involve-carer-in-discharge',
    ]);
    expect(coverage.promptOutcomes?.rows.find((r) => r.code === 'record-consent')?.actedOn).toBeNull();
    // Measured since the audit compares identity digests as the panel compares the keys themselves.
    expect(coverage.promptOutcomes?.rows.some((r) => r.code === 'possible-duplicate-carer')).toBe(true);
  });
});
