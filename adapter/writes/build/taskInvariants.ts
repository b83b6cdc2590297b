/**
 * R4 Task inv-1, "Last modified date must be greater than or equal to authored-on date"
 * (`lastModified >= authoredOn`), checked before a Task is sent: a server refuses a Task that breaks
 * it with HTTP 422, which would reach the clinician as "tell your IT service desk".
 *
 * Compared as FHIRPath compares dateTimes, and as strictly as a server's validator: values of
 * different precision that agree as far as both go ("2026-11-23" against "2026-11-23T10:15:00Z")
 * cannot be ordered, so the invariant is not met.
 * @see https://hl7.org/fhir/R4/task.html#invs  @see https://hl7.org/fhirpath/#comparison
 */
import type { RawResource } from '../../fhir/rawStore';
import { WriteInputError } from './inputs';

/** True when `later >= earlier` is certainly true; false when it is false or cannot be decided. */
export function isNotBefore(later: string, earlier: string): boolean {
  const laterHasTime = later.includes('T');
  const earlierHasTime = earlier.includes('T');
  if (laterHasTime && earlierHasTime) return Date.parse(later) >= Date.parse(earlier);
  // At least one is a date (YYYY, YYYY-MM or YYYY-MM-DD): compare the calendar parts both have.
  const laterDate = later.split('T')[0] ?? later;
  const earlierDate = earlier.split('T')[0] ?? earlier;
  const common = Math.min(laterDate.length, earlierDate.length);
  const a = laterDate.slice(0, common);
  const b = earlierDate.slice(0, common);
  if (a !== b) return a > b;
  return later === earlier;
}

const INV_1 = 'the date of the answer (Task.lastModified) must not be before the offer was made (Task.authoredOn), R4 Task inv-1';

/** The Task invariants the resource breaks (inv-1), in words (writeInvariants.ts checks every write). */
export function taskInvariantProblems(task: RawResource): string[] {
  const { lastModified, authoredOn } = task;
  if (typeof lastModified !== 'string' || typeof authoredOn !== 'string') return [];
  return isNotBefore(lastModified, authoredOn) ? [] : [INV_1];
}

/** Throws a WriteInputError naming the rule when the Task breaks inv-1. */
export function requireTaskInvariants(task: RawResource): void {
  const [problem] = taskInvariantProblems(task);
  if (problem !== undefined) throw new WriteInputError(problem);
}
