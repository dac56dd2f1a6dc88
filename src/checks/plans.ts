import type { EntryHeader } from '../read/entry.js';

/**
 * What a content check planned for each header in `wants`, kept until `take` uses it.
 * The pass keeps every header to the end of the package (its records), so a plan left
 * in a WeakMap lives as long: each is dropped once used, or forgotten when the bytes go
 * to another thread.
 */
export class Plans<T> {
  private readonly byHeader = new WeakMap<EntryHeader, T>();

  set(header: EntryHeader, plan: T): void {
    this.byHeader.set(header, plan);
  }

  /** The plan, kept (for `wantsTail`, asked before the bytes come). */
  peek(header: EntryHeader): T | undefined {
    return this.byHeader.get(header);
  }

  /** The plan, dropped (for `take`). */
  use(header: EntryHeader): T | undefined {
    const plan = this.byHeader.get(header);
    this.byHeader.delete(header);
    return plan;
  }

  forget(header: EntryHeader): void {
    this.byHeader.delete(header);
  }
}
