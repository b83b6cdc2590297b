import { describe, expect, it } from 'vitest';
import type { PullEvent } from '../../../adapter/audit/pull/events';
import { runAudit, type AuditEvent } from '../../../adapter/audit/run';
import { toCarerContext } from '../../../adapter/mapping/carerContext';
import { isActiveCarer } from '../../../shared/domain/derive';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { READ_OPTIONS, PatientAlex, alexRecord, asJson } from '../../fixtures/fhir/personas';

const NOW = new Date('2026-11-23T12:00:00Z');

async function* pull(resources: readonly unknown[], end: PullEvent | null = { type: 'complete', complete: true }): AsyncGenerator<PullEvent> {
  let n = 0;
  for (const resource of resources) {
    yield { type: 'resource', resource: asJson(resource) };
    n += 1;
    if (n % 5 === 0) yield { type: 'progress', resources: n, files: { done: 0, total: 1 } };
  }
  if (end) yield end;
}

describe('runAudit', () => {
  it('counts exactly what the clinician’s view shows for the same record', async () => {
    const context = toCarerContext(alexRecord.map(asJson), { ...READ_OPTIONS });
    if (!context.ok) throw new Error(context.reason);
    const carers = context.context.carers.filter((c) => isActiveCarer(c, DEFAULT_POLICY, NOW));
    const { coverage, complete } = await runAudit({ events: pull([...alexRecord].reverse()), policy: DEFAULT_POLICY, now: NOW });

    expect(complete).toBe(true);
    expect(coverage.carers.total).toBe(carers.length);
    for (const decision of ['permit', 'deny', 'partial', 'withdrawn', 'none', 'unknown'] as const) {
      expect(coverage.carers.consent[decision]).toBe(carers.filter((c) => c.consent.decision === decision).length);
    }
    const statusKey = { 'not-offered': 'notOffered', offered: 'offered', accepted: 'accepted', declined: 'declined', completed: 'completed' } as const;
    for (const [status, key] of Object.entries(statusKey)) {
      expect(coverage.carers.assessment[key]).toBe(carers.filter((c) => c.assessment.status === status).length);
    }
    expect(coverage.dataQuality.consentWithoutCarer).toBe(context.context.orphanConsents.length);
    expect(coverage.byTeam.map((t) => t.team)).toEqual([context.context.patient.team]);
  });

  it('reports the persona caseload’s counts', async () => {
    const { coverage } = await runAudit({ events: pull(alexRecord), policy: DEFAULT_POLICY, now: NOW });
    expect(coverage.patients).toEqual({ total: 1, withCarer: 1, askedNoCarers: 0, neverAsked: 0, askedNoCarersStale: 0, childrenAsked: 0, childrenAskedChildHelps: 0 });
    expect(coverage.carers).toMatchObject({ total: 2, young: 1, consent: { partial: 1, withdrawn: 1 }, assessment: { completed: 1, declined: 1 } });
    expect(coverage.dataQuality.consentWithoutCarer).toBe(1);
    expect(coverage.byMonth.map((m) => m.month)).toEqual(['2026-06']);
  });

  it('emits progress, warnings and one done event, and renders nothing itself', async () => {
    const events: AuditEvent[] = [];
    const result = await runAudit({
      events: pull([PatientAlex, { resourceType: 'Consent', id: 'bad', status: 'nonsense' }, ...alexRecord.slice(1)]),
      policy: DEFAULT_POLICY,
      now: NOW,
      onEvent: (e) => events.push(e),
    });
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'warning')).toEqual([{ type: 'warning', message: expect.stringContaining('Consent/bad') }]);
    expect(events.at(-1)).toEqual({ type: 'done', complete: true, resources: alexRecord.length + 1 });
    expect(result.coverage.population.unreadable).toEqual({ Consent: 1 });
    expect(result.warnings).toHaveLength(1);
  });

  it('never presents a pull that ended early as complete', async () => {
    const result = await runAudit({ events: pull(alexRecord, { type: 'complete', complete: false, reason: 'File 2 of 4 failed.' }), policy: DEFAULT_POLICY, now: NOW });
    expect(result.complete).toBe(false);
    expect(result.coverage).toMatchObject({ complete: false, incompleteReason: 'File 2 of 4 failed.' });
  });

  it('treats a pull that stops without a complete event as incomplete', async () => {
    const result = await runAudit({ events: pull(alexRecord, null), policy: DEFAULT_POLICY, now: NOW });
    expect(result.complete).toBe(false);
    expect(result.coverage.incompleteReason).toMatch(/without saying it had read everything/);
  });

  it('keeps what was read when the pull throws, marked incomplete, with the error', async () => {
    async function* failing(): AsyncGenerator<PullEvent> {
      yield { type: 'resource', resource: asJson(PatientAlex) };
      throw new Error('connection reset');
    }
    const events: AuditEvent[] = [];
    const result = await runAudit({ events: failing(), policy: DEFAULT_POLICY, now: NOW, onEvent: (e) => events.push(e) });
    expect(result).toMatchObject({ complete: false, resources: 1, coverage: { patients: { total: 1 }, incompleteReason: 'the pull failed: connection reset' } });
    expect(result.error).toBeInstanceOf(Error);
    expect(events.at(-1)).toMatchObject({ type: 'done', complete: false });
  });

  it('audits several pulls at once and merges them into exactly the audit of the whole', async () => {
    const whole = await runAudit({ events: pull(alexRecord), policy: DEFAULT_POLICY, now: NOW });
    const resources = [...alexRecord];
    const first = resources.filter((_, i) => i % 2 === 0);
    const second = resources.filter((_, i) => i % 2 === 1);
    const events: AuditEvent[] = [];
    const parts = await runAudit({ events: [pull(first), pull(second)], policy: DEFAULT_POLICY, now: NOW, onEvent: (e) => events.push(e) });
    expect(parts.coverage).toEqual(whole.coverage);
    expect(parts.resources).toBe(alexRecord.length);
    const progress = events.filter((e): e is Extract<AuditEvent, { type: 'progress' }> => e.type === 'progress');
    // Each part reports after 5 resources: the totals add both parts' latest counts.
    expect(progress.at(-1)).toMatchObject({ resources: 10, files: { done: 0, total: 2 } });
  });

  it('is incomplete, with every part’s reason, when any part did not finish', async () => {
    const result = await runAudit({
      events: [pull(alexRecord), pull([], { type: 'complete', complete: false, reason: 'Group team-south: export failed.' })],
      policy: DEFAULT_POLICY,
      now: NOW,
    });
    expect(result).toMatchObject({ complete: false, coverage: { incompleteReason: 'Group team-south: export failed.', patients: { total: 1 } } });
  });

  it('keeps at most 100 distinct warnings and counts the rest', async () => {
    const bad = Array.from({ length: 250 }, (_, i) => ({ resourceType: 'Task', id: `t${i}` }));
    const shown: AuditEvent[] = [];
    const result = await runAudit({ events: pull(bad), policy: DEFAULT_POLICY, now: NOW, onEvent: (e) => e.type === 'warning' && shown.push(e) });
    expect(shown).toHaveLength(101);
    expect(shown.at(-1)).toEqual({ type: 'warning', message: 'more than 100 warnings: the rest are counted, not shown' });
    expect(result.warnings).toHaveLength(101);
    expect(result.warnings.at(-1)).toBe('…and 150 more warnings');
    expect(result.coverage.population.unreadableTotal).toBe(250);
  });
});
