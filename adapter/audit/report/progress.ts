/**
 * Progress of an audit as it runs, for a person watching: on a terminal, one line redrawn in place
 * (resources read, files done, rate, ETA); otherwise plain log lines, a few seconds apart, that read
 * well in a CI log or a cron mail. It only subscribes to the audit core's events; it never sees a
 * resource, and the pull's messages hold no patient data.
 */
import { oneLine } from '../../../shared/domain/describe';
import type { AuditEvent } from '../run';
import { formatCount } from './format';

export interface ProgressOptions {
  write: (text: string) => void;
  /** A terminal gets a redrawn bar; anything else gets log lines. */
  isTTY: boolean;
  /** Milliseconds since some fixed point; injected so tests control time. */
  clock?: () => number;
  /** Least time between two log lines (non-terminal), in ms. Default 5000. */
  logEveryMs?: number;
  /** Least time between two redraws of the bar, in ms. Default 100. */
  redrawEveryMs?: number;
  /** Terminal width, to keep the bar on one line. Default 100. */
  columns?: number;
}

export interface ProgressReporter {
  onEvent: (event: AuditEvent) => void;
}

export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const logEvery = options.logEveryMs ?? 5000;
  const redrawEvery = options.redrawEveryMs ?? 100;
  const columns = Math.max(40, options.columns ?? 100);
  let last: Extract<AuditEvent, { type: 'progress' }> | undefined;
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let lastStatus: string | undefined;
  let barShown = false;

  const clearBar = (): void => {
    if (barShown) options.write('\r\u001b[2K');
    barShown = false;
  };
  const line = (text: string): void => {
    clearBar();
    options.write(`${text}\n`);
  };

  return {
    onEvent(event) {
      const now = clock();
      switch (event.type) {
        case 'progress': {
          last = event;
          const status = event.status === undefined ? undefined : oneLine(event.status);
          const statusChanged = status !== undefined && status !== lastStatus;
          if (statusChanged) lastStatus = status;
          if (options.isTTY) {
            if (statusChanged) line(`audit: ${status}`);
            if (statusChanged || now - lastDrawn >= redrawEvery) {
              options.write(`\r\u001b[2K${describe(event, now - started).slice(0, columns - 1)}`);
              barShown = true;
              lastDrawn = now;
            }
          } else if (statusChanged || now - lastDrawn >= logEvery) {
            if (statusChanged) line(`audit: ${status}`);
            else line(`audit: ${describe(event, now - started)}`);
            lastDrawn = now;
          }
          break;
        }
        case 'warning':
          line(`audit: warning: ${oneLine(event.message)}`);
          break;
        case 'done': {
          const seconds = (now - started) / 1000;
          const rate = seconds > 0 ? ` (${formatCount(event.resources / seconds)}/s)` : '';
          line(`audit: read ${formatCount(event.resources)} resources in ${seconds.toFixed(1)} s${rate}${last?.files ? `, ${last.files.done}/${last.files.total} files` : ''}${event.complete ? '' : ` — INCOMPLETE: ${oneLine(event.reason ?? 'the pull did not finish')}`}`);
          break;
        }
      }
    },
  };
}

/** "12,345 resources · files 3/7 · 4,210/s · ETA 0:12" */
export function describe(event: Extract<AuditEvent, { type: 'progress' }>, elapsedMs: number): string {
  const parts = [`${formatCount(event.resources)} resources`];
  if (event.files) parts.push(`files ${event.files.done}/${event.files.total}`);
  const seconds = elapsedMs / 1000;
  if (seconds >= 1) parts.push(`${formatCount(event.resources / seconds)}/s`);
  const eta = etaSeconds(event, seconds);
  if (eta !== undefined) parts.push(`ETA ${clockTime(eta)}`);
  return parts.join(' · ');
}

/** From the share of files done; unknown until one file is finished (resource totals are never trusted). */
function etaSeconds(event: Extract<AuditEvent, { type: 'progress' }>, elapsed: number): number | undefined {
  const files = event.files;
  if (!files || files.done === 0 || files.total === 0 || elapsed < 1) return undefined;
  return (elapsed / files.done) * Math.max(0, files.total - files.done);
}

function clockTime(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
