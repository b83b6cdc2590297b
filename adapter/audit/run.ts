/**
 * The audit core: pull events in, coverage out. Each resource becomes a compact fact
 * (./facts.ts) added to the streaming reducer (shared/audit); when the pull ends the state is
 * finalised into coverage.json's shape.
 *
 * The core renders nothing: it emits typed events (progress, warning, done) that reporters — a
 * progress bar, log lines, a test — subscribe to. Partial results are never presented as complete:
 * unless the pull ends with `complete: true`, the coverage says `complete: false` and why.
 */
import { addFact, emptyAuditState, mergeAuditStates, type AuditState } from '../../shared/audit/state';
import { finaliseAudit, type CaseloadChoice } from '../../shared/audit/finalise';
import type { WorklistItem } from '../../shared/audit/worklist';
import type { Completeness, Coverage } from '../../shared/audit/coverage';
import type { Policy } from '../../shared/policy';
import type { PullEvent } from './pull/events';
import { toAuditFact, type ToAuditFactOptions } from './facts';

export type AuditEvent =
  | Extract<PullEvent, { type: 'progress' }>
  | { type: 'warning'; message: string }
  | { type: 'done'; complete: boolean; reason?: string; resources: number };

export interface RunAuditOptions {
  /**
   * The pull's events; or several pulls (two Groups, two halves of an export) read at the same time,
   * each into its own state, then merged — exactly the audit of the whole.
   */
  events: AsyncIterable<PullEvent> | readonly AsyncIterable<PullEvent>[];
  policy: Policy;
  /** The instant the audit is taken "as at" (`--now`); the core never reads the clock. */
  now: Date;
  /** Who the measures are about (`--since`); by default the caseload on the audit date. */
  caseload?: CaseloadChoice;
  /** Also list who has something overdue, with NHS numbers (`--worklist`; patient-identifiable). */
  worklist?: boolean;
  onEvent?: (event: AuditEvent) => void;
}

export interface AuditResult {
  coverage: Coverage;
  /** Only when asked for (`worklist: true`): who has something overdue. Patient-identifiable. */
  worklist?: WorklistItem[];
  complete: boolean;
  /** Distinct warnings, at most MAX_KEPT_WARNINGS, then one line saying how many more there were. */
  warnings: string[];
  /** Resources read from the pull(s). */
  resources: number;
  /** What stopped a pull, when one failed (the coverage is then incomplete). */
  error?: unknown;
}

/** A million unreadable lines must not mean a million strings in memory or on screen. */
export const MAX_KEPT_WARNINGS = 100;

export async function runAudit(options: RunAuditOptions): Promise<AuditResult> {
  const { policy, now, onEvent } = options;
  const parts = isSinglePull(options.events) ? [options.events] : [...options.events];
  const warnings = new WarningLog(MAX_KEPT_WARNINGS);
  // Each distinct warning is shown once, and only the first MAX_KEPT_WARNINGS: a broken export must not flood the terminal.
  const warn = (message: string): void => {
    const outcome = warnings.add(message);
    if (outcome === 'kept') onEvent?.({ type: 'warning', message });
    else if (outcome === 'first-dropped') onEvent?.({ type: 'warning', message: `more than ${MAX_KEPT_WARNINGS} warnings: the rest are counted, not shown` });
  };
  const progress = new ProgressTotals(parts.length, (event) => onEvent?.(event));

  const factOptions: ToAuditFactOptions = { extensionBase: policy.extensionBase, keepNhsNumber: options.worklist === true };
  const collected = await Promise.all(parts.map((events, index) => collect(events, factOptions, warn, (event) => progress.update(index, event))));
  // One pull's state is the audit itself (merging it with the empty state would only copy it).
  const [first = emptyAuditState(), ...others] = collected.map((c) => c.state);
  const state = others.reduce(mergeAuditStates, first);
  const resources = collected.reduce((n, c) => n + c.resources, 0);
  const incomplete = collected.filter((c) => !c.completeness.complete);
  const final: Completeness =
    incomplete.length === 0
      ? { complete: true }
      : { complete: false, reason: [...new Set(incomplete.map((c) => c.completeness.reason ?? 'the pull did not finish'))].join('; ') };

  const { coverage, worklist } = finaliseAudit(state, policy, now, final, options.caseload, { worklist: options.worklist === true });
  const done: AuditEvent = { type: 'done', complete: final.complete, resources };
  if (final.reason !== undefined) done.reason = final.reason;
  onEvent?.(done);
  const result: AuditResult = { coverage, complete: final.complete, warnings: warnings.lines(), resources };
  if (worklist !== undefined) result.worklist = worklist;
  const error = collected.find((c) => c.error !== undefined)?.error;
  if (error !== undefined) result.error = error;
  return result;
}

interface Collected {
  state: AuditState;
  resources: number;
  completeness: Completeness;
  error?: unknown;
}

/** One pull into its own state: facts added as resources arrive; never throws. */
async function collect(
  events: AsyncIterable<PullEvent>,
  factOptions: ToAuditFactOptions,
  warn: (message: string) => void,
  onProgress: (event: Extract<PullEvent, { type: 'progress' }>) => void,
): Promise<Collected> {
  const state = emptyAuditState();
  let resources = 0;
  let completeness: Completeness | undefined;
  try {
    for await (const event of events) {
      switch (event.type) {
        case 'resource': {
          resources += 1;
          const fact = toAuditFact(event.resource, factOptions);
          if (!('warning' in fact)) addFact(state, fact);
          else if (!fact.ignored) {
            addFact(state, fact.malformed);
            warn(fact.warning);
          }
          break;
        }
        case 'progress':
          onProgress(event);
          break;
        case 'warning':
          warn(event.message);
          break;
        case 'complete':
          completeness = event.complete ? { complete: true } : { complete: false, reason: event.reason ?? 'the pull did not finish' };
          break;
      }
    }
  } catch (thrown) {
    return { state, resources, completeness: { complete: false, reason: `the pull failed: ${messageOf(thrown)}` }, error: thrown };
  }
  return { state, resources, completeness: completeness ?? { complete: false, reason: 'the pull ended without saying it had read everything' } };
}

function isSinglePull(events: RunAuditOptions['events']): events is AsyncIterable<PullEvent> {
  return !Array.isArray(events);
}

/** Progress of several pulls at once, reported as their sum (a status line is passed on as it comes). */
class ProgressTotals {
  private readonly latest: (Extract<PullEvent, { type: 'progress' }> | undefined)[];

  constructor(
    parts: number,
    private readonly emit: (event: Extract<PullEvent, { type: 'progress' }>) => void,
  ) {
    this.latest = Array.from({ length: parts }, () => undefined);
  }

  update(part: number, event: Extract<PullEvent, { type: 'progress' }>): void {
    if (this.latest.length === 1) {
      this.emit(event);
      return;
    }
    this.latest[part] = event;
    const seen = this.latest.filter((e): e is Extract<PullEvent, { type: 'progress' }> => e !== undefined);
    const total: Extract<PullEvent, { type: 'progress' }> = { type: 'progress', resources: seen.reduce((n, e) => n + e.resources, 0) };
    const withFiles = seen.filter((e) => e.files !== undefined);
    // Files are summed only once every part has said how many it has: an ETA from half the parts would mislead.
    if (withFiles.length === this.latest.length) {
      total.files = { done: withFiles.reduce((n, e) => n + (e.files?.done ?? 0), 0), total: withFiles.reduce((n, e) => n + (e.files?.total ?? 0), 0) };
    }
    const withBytes = seen.filter((e) => e.bytes !== undefined);
    if (withBytes.length > 0) total.bytes = withBytes.reduce((n, e) => n + (e.bytes ?? 0), 0);
    if (event.status !== undefined) total.status = `part ${part + 1} of ${this.latest.length}: ${event.status}`;
    this.emit(total);
  }
}

function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/** Keeps the first `limit` distinct warnings and counts the rest. */
class WarningLog {
  private readonly kept = new Set<string>();
  private more = 0;

  constructor(private readonly limit: number) {}

  add(message: string): 'kept' | 'duplicate' | 'first-dropped' | 'dropped' {
    if (this.kept.has(message)) return 'duplicate';
    if (this.kept.size < this.limit) {
      this.kept.add(message);
      return 'kept';
    }
    this.more += 1;
    return this.more === 1 ? 'first-dropped' : 'dropped';
  }

  lines(): string[] {
    const lines = [...this.kept];
    if (this.more > 0) lines.push(`…and ${this.more} more warnings`);
    return lines;
  }
}
