import { describe, expect, it } from 'vitest';
import { afterWrites } from './after-write';

/** A promise settled from outside, to hold a step where the test wants it. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('after a write', () => {
  it('answers once the write is indexed, without waiting for the tabs', async () => {
    const log: string[] = [];
    const drained = deferred();
    const tabs = deferred();
    const { afterWrite } = afterWrites(
      async () => {
        await drained.promise;
        log.push('indexed');
      },
      async () => {
        log.push('tabs started');
        await tabs.promise;
        log.push('tabs shown');
      },
    );
    let answered = false;
    const done = afterWrite().then(() => (answered = true));
    await settle();
    expect(answered).toBe(false);
    drained.resolve();
    await done;
    await settle();
    expect(log).toEqual(['indexed', 'tabs started']);
    tabs.resolve();
    await settle();
    expect(log).toEqual(['indexed', 'tabs started', 'tabs shown']);
  });

  it('never runs two tab refreshes at once, and runs one more after writes during one', async () => {
    const runs: ReturnType<typeof deferred>[] = [];
    let active = 0;
    let most = 0;
    const { refreshTabs } = afterWrites(
      () => Promise.resolve(),
      async () => {
        active++;
        most = Math.max(most, active);
        const run = deferred();
        runs.push(run);
        await run.promise;
        active--;
      },
    );
    const first = refreshTabs();
    await settle();
    const [second, third] = [refreshTabs(), refreshTabs()];
    await settle();
    expect(runs).toHaveLength(1);
    runs[0]!.resolve();
    await first;
    await settle();
    // The writes during the first refresh are shown by a single one after it.
    expect(runs).toHaveLength(2);
    expect(second).toBe(third);
    runs[1]!.resolve();
    await Promise.all([second, third]);
    expect(most).toBe(1);
  });

  it('goes on refreshing after a refresh failed', async () => {
    let calls = 0;
    const { refreshTabs } = afterWrites(
      () => Promise.resolve(),
      async () => {
        calls++;
        if (calls === 1) throw new Error('tab went away');
      },
    );
    await expect(refreshTabs()).rejects.toThrow('tab went away');
    await refreshTabs();
    expect(calls).toBe(2);
  });
});
