/**
 * Remembers the results of a pure function of one key, up to `limit` keys; past that it starts
 * again empty. Used where the audit converts the same few thousand dates millions of times
 * (issue 12 item 5): the answers are the function's own, and memory stays bounded whatever the
 * caseload size. Only for pure functions (no clock, no I/O): a cached answer must be the answer.
 */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K, compute: (key: K) => V): V {
    const known = this.entries.get(key);
    if (known !== undefined || this.entries.has(key)) return known as V;
    const value = compute(key);
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
