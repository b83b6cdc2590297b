import { describe, expect, it } from 'vitest';
import { createProgressReporter, describe as describeProgress } from '../../../../adapter/audit/report/progress';
import type { AuditEvent } from '../../../../adapter/audit/run';

function harness(isTTY: boolean) {
  let time = 0;
  let output = '';
  const reporter = createProgressReporter({ write: (t) => (output += t), isTTY, clock: () => time, logEveryMs: 5000, redrawEveryMs: 100, columns: 80 });
  return {
    at(ms: number, event: AuditEvent) {
      time = ms;
      reporter.onEvent(event);
    },
    output: () => output,
  };
}

describe('progress on a terminal', () => {
  it('redraws one line with resources, files, rate and ETA', () => {
    const h = harness(true);
    h.at(0, { type: 'progress', resources: 0, files: { done: 0, total: 4 } });
    h.at(2000, { type: 'progress', resources: 20_000, files: { done: 1, total: 4 } });
    expect(h.output()).toContain('\r\u001b[2K20,000 resources · files 1/4 · 10,000/s · ETA 0:06');
    expect(h.output()).not.toContain('\n');
  });

  it('does not redraw more often than it needs to', () => {
    const h = harness(true);
    h.at(0, { type: 'progress', resources: 1 });
    h.at(50, { type: 'progress', resources: 2 });
    h.at(150, { type: 'progress', resources: 3 });
    expect(h.output().split('\r').length - 1).toBe(2);
  });

  it('prints warnings and status changes on their own lines, above the bar', () => {
    const h = harness(true);
    h.at(0, { type: 'progress', resources: 5 });
    h.at(10, { type: 'warning', message: 'Task.ndjson line 4: not valid JSON; line skipped' });
    h.at(20, { type: 'progress', resources: 6, status: 'Export in progress: 40%' });
    expect(h.output()).toContain('\r\u001b[2Kaudit: warning: Task.ndjson line 4: not valid JSON; line skipped\n');
    expect(h.output()).toContain('audit: Export in progress: 40%\n');
  });

  it('ends with the totals, and says INCOMPLETE when the pull did not finish', () => {
    const h = harness(true);
    h.at(0, { type: 'progress', resources: 0, files: { done: 0, total: 2 } });
    h.at(4000, { type: 'progress', resources: 8000, files: { done: 1, total: 2 } });
    h.at(4000, { type: 'done', complete: false, reason: 'File 2 of 2 failed.', resources: 8000 });
    expect(h.output()).toMatch(/audit: read 8,000 resources in 4\.0 s \(2,000\/s\), 1\/2 files — INCOMPLETE: File 2 of 2 failed\.\n$/);
  });
});

describe('progress in a log', () => {
  it('writes plain lines a few seconds apart, never control characters', () => {
    const h = harness(false);
    for (let ms = 0; ms <= 12_000; ms += 500) h.at(ms, { type: 'progress', resources: ms });
    h.at(12_000, { type: 'done', complete: true, resources: 12_000 });
    const lines = h.output().trimEnd().split('\n');
    expect(lines).toEqual([
      'audit: 0 resources',
      'audit: 5,000 resources · 1,000/s',
      'audit: 10,000 resources · 1,000/s',
      'audit: read 12,000 resources in 12.0 s (1,000/s)',
    ]);
    expect(/[\u0000-\u0009\u000b-\u001f]/.test(h.output())).toBe(false);
  });

  it('keeps a message from the pull on one line', () => {
    const h = harness(false);
    h.at(0, { type: 'warning', message: 'line one\nline two\u001b[31m' });
    expect(h.output()).toBe('audit: warning: line one line two [31m\n');
  });
});

describe('ETA', () => {
  it('is unknown until a file is finished, and never trusts a resource total', () => {
    expect(describeProgress({ type: 'progress', resources: 100, files: { done: 0, total: 3 } }, 10_000)).toBe('100 resources · files 0/3 · 10/s');
    expect(describeProgress({ type: 'progress', resources: 100 }, 500)).toBe('100 resources');
    expect(describeProgress({ type: 'progress', resources: 100, files: { done: 2, total: 3 } }, 3_600_000)).toContain('ETA 30:00');
    expect(describeProgress({ type: 'progress', resources: 100, files: { done: 1, total: 3 } }, 3_600_000)).toContain('ETA 2:00:00');
  });
});
