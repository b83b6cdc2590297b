/**
 * Ordering records by when they were made, to pick "the most recent" one.
 */

/** Milliseconds for a FHIR date / dateTime / instant (partial dates count from their start, in UTC); -Infinity when absent. */
export function instantOf(value: string | undefined): number {
  if (value === undefined) return Number.NEGATIVE_INFINITY;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/**
 * Compares two records by their primary date, then a tie-breaker (meta.lastUpdated); positive when
 * `a` is more recent. Equal keys compare as 0 so callers keep record order (the later one wins).
 */
export function compareRecency(
  a: { primary?: string | undefined; secondary?: string | undefined },
  b: { primary?: string | undefined; secondary?: string | undefined },
): number {
  const primary = instantOf(a.primary) - instantOf(b.primary);
  if (primary !== 0 && !Number.isNaN(primary)) return primary;
  const secondary = instantOf(a.secondary) - instantOf(b.secondary);
  return Number.isNaN(secondary) ? 0 : secondary;
}
