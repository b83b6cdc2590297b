/**
 * Runs writes one at a time. A transaction's rollback restores what it touched; if another write
 * could run between its steps, the rollback could undo that write too.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
