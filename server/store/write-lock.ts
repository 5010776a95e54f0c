/**
 * One SQLite writer at a time across the threads of a process, in shared memory. SQLite would
 * serialise them anyway, but a thread that finds the database locked sleeps in its busy handler
 * (1, 2, 5, 10… ms), far longer than a push holds the lock; here it wakes as soon as the lock is
 * released. busy_timeout stays as the backstop for other processes.
 */
import { threadId } from 'node:worker_threads';

const FREE = 0;

export class WriteLock {
  private readonly cell: Int32Array;
  /** Nonzero and distinct per thread of this process. */
  private readonly owner = threadId + 1;

  constructor(buffer: SharedArrayBuffer) {
    this.cell = new Int32Array(buffer);
  }

  async acquire(): Promise<void> {
    for (;;) {
      const holder = Atomics.compareExchange(this.cell, 0, FREE, this.owner);
      if (holder === FREE) return;
      const wait = Atomics.waitAsync(this.cell, 0, holder);
      if (wait.async) await wait.value;
    }
  }

  release(): void {
    if (Atomics.compareExchange(this.cell, 0, this.owner, FREE) === this.owner) {
      Atomics.notify(this.cell, 0);
    }
  }

  /** Frees the lock if the thread `deadThreadId` died holding it. */
  static releaseFor(buffer: SharedArrayBuffer, deadThreadId: number): void {
    const cell = new Int32Array(buffer);
    if (Atomics.compareExchange(cell, 0, deadThreadId + 1, FREE) === deadThreadId + 1) {
      Atomics.notify(cell, 0);
    }
  }
}
