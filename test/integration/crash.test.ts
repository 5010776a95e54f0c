/**
 * Server child processes that die: SIGKILLed while a batch is half written, then restarted on the
 * same database, none of the batch may be visible and the client's retry must apply all of it;
 * while the server is down, the sync engine keeps every write and catches up on its own; and a
 * push whose answer is lost after the commit is retried without applying anything twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorBody, PushResponse } from '../../lib/wire';
import { stewardInvite } from '../../server/bootstrap';
import { MemorySyncStore } from '../support/memory-sync-store';
import { kill, startChild } from './child';
import { freePort } from './free-port';
import {
  BACKENDS,
  freshDatabase,
  joinWith,
  memberEngine,
  newTip,
  sampleItem,
  writes,
} from './harness';

describe.each(BACKENDS)('server faults on %s', (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('leaves all or nothing, and the retried batch then applies once', async () => {
    const db = await freshDatabase(backend);
    cleanup.push(() => db.drop());
    const store = await db.open();
    const { stewardInvite: invite } = await stewardInvite(store, 'crashy');
    await store.close();

    const first = await startChild(db, { env: { REPERTOIRE_FAILPOINT: 'pause-mid-push' } });
    cleanup.push(() => kill(first, 'SIGKILL'));
    const client = await joinWith(first.url, invite.code, 'Ann');
    const batch = client.mutations(
      ...Array.from({ length: 10 }, () => ({ op: 'set' as const, ...newTip() })),
    );
    const lost = client.push(batch).then(
      () => 'answered',
      () => 'connection lost',
    );
    await expect.poll(first.output, { timeout: 10_000 }).toContain('failpoint: paused mid-push');
    await kill(first, 'SIGKILL');
    expect(await lost).toBe('connection lost');

    const second = await startChild(db);
    cleanup.push(() => kill(second, 'SIGTERM'));
    const after = Object.assign(Object.create(Object.getPrototypeOf(client)), client, {
      base: second.url,
    }) as typeof client;
    expect((await after.pullAll()).items.size).toBe(0);

    const retry = PushResponse.parse((await after.push(batch)).body);
    expect(retry.results.map((r) => r.status)).toEqual(Array(10).fill('applied'));
    const { items } = await after.pullAll();
    expect([...items.keys()].sort()).toEqual(batch.map((m) => m.itemId).sort());
    expect(PushResponse.parse((await after.push(batch)).body).results[0]?.status).toBe('duplicate');
  });

  it('survives a push worker dying mid-batch: all or nothing, a clear 500, a fresh worker', async () => {
    const db = await freshDatabase(backend);
    cleanup.push(() => db.drop());
    const store = await db.open();
    const { stewardInvite: invite } = await stewardInvite(store, 'worker crash');
    await store.close();

    // One worker, so the retry is sure to meet its replacement.
    const server = await startChild(db, {
      env: { REPERTOIRE_FAILPOINT: 'exit-worker-mid-push' },
      args: ['--workers', '1'],
    });
    cleanup.push(() => kill(server, 'SIGTERM'));
    const client = await joinWith(server.url, invite.code, 'Ann');
    const batch = client.mutations(
      ...Array.from({ length: 10 }, () => ({ op: 'set' as const, ...newTip() })),
    );
    const failed = await client.push(batch);
    expect(failed.status).toBe(500);
    expect(ErrorBody.parse(failed.body).error.message).toMatch(/retry later/i);
    expect(server.output()).toContain('failpoint: push worker exits mid-push');
    expect((await client.pullAll()).items.size).toBe(0);

    // The replacement takes a moment to start; until then pushes are refused with a 503.
    await expect
      .poll(async () => (await client.push(batch)).status, { timeout: 20_000, interval: 200 })
      .toBe(200);
    const { items } = await client.pullAll();
    expect([...items.keys()].sort()).toEqual(batch.map((m) => m.itemId).sort());
    expect(PushResponse.parse((await client.push(batch)).body).results[0]?.status).toBe(
      'duplicate',
    );
  });

  it.each([
    ['on the HTTP thread', '0'],
    ['on a worker thread', '1'],
  ])(
    'answers duplicate to every retried mutation of a batch committed %s just before a crash',
    async (_where, workers) => {
      const db = await freshDatabase(backend);
      cleanup.push(() => db.drop());
      const store = await db.open();
      const { stewardInvite: invite } = await stewardInvite(store, 'committed');
      await store.close();

      const first = await startChild(db, {
        env: { REPERTOIRE_FAILPOINT: 'exit-after-commit' },
        args: ['--workers', workers],
      });
      cleanup.push(() => kill(first, 'SIGKILL'));
      const client = await joinWith(first.url, invite.code, 'Ann');
      const tips = Array.from({ length: 6 }, (_, i) => newTip({ title: `tip ${i}` }));
      const [edited] = tips;
      const batch = client.mutations(
        ...tips.map((t) => ({ op: 'set' as const, ...t })),
        // Touching an item twice in one batch: the retry must not apply the second write again.
        { op: 'set', itemId: edited!.itemId, kind: 'tip', fields: writes({ title: 'edited' }, 1) },
      );
      const lost = await client.push(batch).then(
        () => 'answered',
        () => 'connection lost',
      );
      expect(lost).toBe('connection lost');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(first.output()).toContain('failpoint: process dies after the commit');

      const second = await startChild(db, { args: ['--workers', workers] });
      cleanup.push(() => kill(second, 'SIGTERM'));
      const after = Object.assign(Object.create(Object.getPrototypeOf(client)), client, {
        base: second.url,
      }) as typeof client;
      const retry = PushResponse.parse((await after.push(batch)).body);
      expect(retry.results).toEqual(batch.map((m) => ({ seq: m.seq, status: 'duplicate' })));

      // Applied once: seven mutations, seven versions, each item once at its last version.
      const page = await after.pull();
      expect(page.body.cursor).toBe(7);
      expect(page.body.changes.map((c) => [c.item.id, c.item.title, c.version])).toEqual([
        ...tips.slice(1).map((t, i) => [t.itemId, `tip ${i + 1}`, i + 2]),
        [edited!.itemId, 'edited', 7],
      ]);
    },
  );

  it('keeps writes while the server is down and catches up when it is back', async () => {
    const db = await freshDatabase(backend);
    cleanup.push(() => db.drop());
    const store = await db.open();
    const { stewardInvite: invite } = await stewardInvite(store, 'flaky');
    await store.close();
    const port = await freePort();

    const first = await startChild(db, { port });
    cleanup.push(() => kill(first, 'SIGKILL'));
    const ann = await joinWith(first.url, invite.code, 'Ann');
    const local = new MemorySyncStore();
    const engine = await memberEngine(ann, 'Ann', local, {
      debounceMs: 10,
      backoff: { initialMs: 100, maxMs: 400 },
    });
    cleanup.push(async () => engine.close());
    const before = sampleItem('tip', { title: 'before the outage' });
    await engine.create(before);
    expect((await engine.sync()).phase).toBe('idle');

    await kill(first, 'SIGKILL');
    const during = sampleItem('tip', { title: 'during the outage' });
    await engine.create(during);
    await engine.edit(before.id, 'tip', { title: 'edited during the outage' });
    // One look at the whole status: between two looks, a retry may have started.
    await expect
      .poll(() => engine.getStatus(), { timeout: 10_000 })
      .toMatchObject({ phase: 'offline', pending: 2, lastError: { code: 'network' } });
    expect(await local.outbox()).toHaveLength(2);

    const second = await startChild(db, { port });
    cleanup.push(() => kill(second, 'SIGTERM'));
    await expect.poll(() => engine.getStatus().phase, { timeout: 20_000 }).toBe('idle');
    expect(engine.getStatus().pending).toBe(0);
    const { items } = await ann.pullAll();
    expect(items.get(before.id)?.item.title).toBe('edited during the outage');
    expect(items.get(during.id)?.item.title).toBe('during the outage');
  });

  it('retries a push whose answer was lost after the commit without duplicating anything', async () => {
    const db = await freshDatabase(backend);
    cleanup.push(() => db.drop());
    const store = await db.open();
    const { stewardInvite: invite } = await stewardInvite(store, 'lossy');
    await store.close();
    const server = await startChild(db);
    cleanup.push(() => kill(server, 'SIGTERM'));
    const ann = await joinWith(server.url, invite.code, 'Ann');

    // The first push reaches the server and commits; its answer never reaches the client.
    let losses = 1;
    const lossyFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/push') && losses-- > 0) throw new TypeError('connection reset');
      return res;
    };
    const local = new MemorySyncStore();
    const engine = await memberEngine(ann, 'Ann', local, {
      debounceMs: 1_000_000,
      fetch: lossyFetch,
    });
    cleanup.push(async () => engine.close());
    const tip = sampleItem('tip', { title: 'sent once' });
    await engine.create(tip);
    await engine.endorse(tip.id, true);

    expect((await engine.sync()).phase).toBe('offline');
    expect(await local.outbox()).toHaveLength(2);
    expect((await engine.retry()).phase).toBe('idle');
    expect(await local.outbox()).toEqual([]);

    const page = await ann.pull();
    expect(page.body.changes.map((c) => c.item.id)).toEqual([tip.id]);
    // Two mutations, two versions: the retry was recognised, not applied again.
    expect(page.body.cursor).toBe(2);
    expect(page.body.changes[0]?.endorsements.map((e) => e.memberId)).toEqual([ann.memberId]);
  });
});
