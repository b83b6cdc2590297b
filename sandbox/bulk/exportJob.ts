import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Resource } from '@medplum/fhirtypes';
import type { SandboxRepository } from '../http/sandboxRepository';
import type { PopulationFilter } from './population';

export interface ExportFile {
  name: string;
  type: string;
  lines: string[];
}

export interface ExportJobOptions {
  /** Resources per NDJSON file before a new file of the same type is started. */
  resourcesPerFile: number;
  /** Resources written between yields to the event loop (the server keeps answering meanwhile). */
  chunkSize: number;
  /** The job reports "in progress" at least this long, so clients meet a real 202 and Retry-After. */
  minDurationMs: number;
}

/**
 * One `$export` job: generated in the background, chunk by chunk, after the kick-off has been
 * answered. The NDJSON lines are held in memory (the sandbox's store is in memory too).
 */
export class ExportJob {
  readonly id = randomUUID();
  readonly transactionTime = new Date().toISOString();
  readonly files: ExportFile[] = [];
  state: 'in-progress' | 'complete' | 'failed' | 'cancelled' = 'in-progress';
  /** Resources written so far, and the total the job will look at, for X-Progress. */
  written = 0;
  examined = 0;
  total = 0;
  currentType: string | undefined;

  constructor(
    readonly request: string,
    readonly types: readonly string[],
    private readonly filter: PopulationFilter,
    private readonly since: string | undefined,
  ) {}

  /** Runs the export; resolves when it has finished, failed or been cancelled. Never rejects. */
  async run(repo: SandboxRepository, options: ExportJobOptions): Promise<void> {
    const started = Date.now();
    this.total = this.types.reduce((sum, type) => sum + repo.count(type), 0);
    try {
      await yieldToEventLoop();
      for (const type of this.types) {
        this.currentType = type;
        let file: ExportFile | undefined;
        for (const resource of repo.resourcesOfType(type)) {
          if (this.state === 'cancelled') return;
          this.examined += 1;
          if (this.examined % options.chunkSize === 0) await yieldToEventLoop();
          if (!this.wanted(resource)) continue;
          if (file === undefined || file.lines.length >= options.resourcesPerFile) {
            file = { name: `${type}-${this.files.filter((f) => f.type === type).length + 1}.ndjson`, type, lines: [] };
            this.files.push(file);
          }
          file.lines.push(JSON.stringify(resource));
          this.written += 1;
        }
      }
      const remaining = options.minDurationMs - (Date.now() - started);
      if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
      if (this.state === 'in-progress') this.state = 'complete';
    } catch {
      if (this.state === 'in-progress') this.state = 'failed';
    }
  }

  cancel(): void {
    if (this.state === 'in-progress' || this.state === 'complete') this.state = 'cancelled';
    this.files.length = 0;
  }

  /** The X-Progress text: how far along, never any data. */
  progress(): string {
    const percent = this.total === 0 ? 100 : Math.min(99, Math.floor((this.examined / this.total) * 100));
    return `${percent}% done${this.currentType ? ` (exporting ${this.currentType})` : ''}`;
  }

  private wanted(resource: Resource): boolean {
    if (!this.filter.includes(resource)) return false;
    if (this.since === undefined) return true;
    const updated = resource.meta?.lastUpdated;
    return updated === undefined || Date.parse(updated) >= Date.parse(this.since);
  }
}
