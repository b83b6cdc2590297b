import type { IntegrityEvent } from '../../bulk/sourceEvents';

/** Sources named in the reason before the rest are only counted: the reason is one line on every output. */
const NAMED_SOURCES = 5;

/**
 * Collects the pull's integrity problems (what was read does not match what the source said it
 * held) and turns them into the reason the audit is INCOMPLETE, naming each file or search. One
 * problem is enough: a count that is short or padded is a wrong number, not a smaller one.
 */
export class IntegrityLedger {
  private readonly bySource = new Map<string, { unreadable: number; wrongType: number; other: string[] }>();

  add(event: IntegrityEvent): void {
    const entry = this.bySource.get(event.source) ?? { unreadable: 0, wrongType: 0, other: [] };
    if (event.problem === 'unreadable-line') entry.unreadable += 1;
    else if (event.problem === 'wrong-type') entry.wrongType += 1;
    else entry.other.push(event.message);
    this.bySource.set(event.source, entry);
  }

  get empty(): boolean {
    return this.bySource.size === 0;
  }

  /** "the data read did not check out: Consent file 1 held 2409 of the 4823 …; Patient.ndjson: 1 unreadable line" */
  reason(): string {
    const parts: string[] = [];
    for (const [source, entry] of this.bySource) {
      const details = [
        ...entry.other,
        entry.unreadable > 0 ? `${source}: ${entry.unreadable} unreadable line${entry.unreadable === 1 ? '' : 's'}` : undefined,
        entry.wrongType > 0 ? `${source}: ${entry.wrongType} resource${entry.wrongType === 1 ? '' : 's'} of another type` : undefined,
      ].filter((part): part is string => part !== undefined);
      parts.push(details.join(', '));
    }
    const shown = parts.slice(0, NAMED_SOURCES);
    const more = parts.length - shown.length;
    return `the data read did not check out: ${shown.join('; ')}${more > 0 ? `; and ${more} more file(s) or search(es)` : ''}`;
  }
}
