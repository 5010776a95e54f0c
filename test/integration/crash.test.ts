/**
 * Server child processes that die: SIGKILLed while a batch is half written, then restarted on the
 * same database, none of the batch may be visible and the client's retry must apply all of it;
 * while the server is down, the sync engine keeps every write and catches up on its own; and a
 * push whose answer is lost after the commit is retried without applying anything twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorBody, PushResponse } from '../../lib/wire/sync';
import { stewardInvite } from '../../server/bootstrap';
import { MemorySyncStore } from '../../lib/sync/memory-store';
import { freePort } from './free-port';
import {
  BACKENDS,
  freshDatabase,
  joinWith,
  memberEngine,
  newTip,
  sampleItem,
  type Database,
} from './harness';

const root = new URL('../..', import.meta.url).pathname;

interface Child {
  process: ChildProcess;
  url: string;
  stderr: () => string;
}

async function startChild(
  db: Database,
  env: Record<string, string> = {},
  port = 0,
  args: string[] = [],
): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', String(port), ...db.args, ...args],
    { cwd: root, env: { ...process.env, ...db.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return { process: child, url, stderr: () => err };
}

async function kill(child: Child, signal: NodeJS.Signals): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = once(child.process, 'exit');
  child.process.kill(signal);
  await exited;
}

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

    const first = await startChild(db, { REPERTOIRE_FAILPOINT: 'pause-mid-push' });
    cleanup.push(() => kill(first, 'SIGKILL'));
    const client = await joinWith(first.url, invite.code, 'Ann');
    const batch = client.mutations(
      ...Array.from({ length: 10 }, () => ({ op: 'set' as const, ...newTip() })),
    );
    const lost = client.push(batch).then(
      () => 'answered',
      () => 'connection lost',
    );
    await expect.poll(first.stderr, { timeout: 10_000 }).toContain('failpoint: paused mid-push');
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
    const server = await startChild(db, { REPERTOIRE_FAILPOINT: 'exit-worker-mid-push' }, 0, [
      '--workers',
      '1',
    ]);
    cleanup.push(() => kill(server, 'SIGTERM'));
    const client = await joinWith(server.url, invite.code, 'Ann');
    const batch = client.mutations(
      ...Array.from({ length: 10 }, () => ({ op: 'set' as const, ...newTip() })),
    );
    const failed = await client.push(batch);
    expect(failed.status).toBe(500);
    expect(ErrorBody.parse(failed.body).error.message).toMatch(/retry later/i);
    expect(server.stderr()).toContain('failpoint: push worker exits mid-push');
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

  it('keeps writes while the server is down and catches up when it is back', async () => {
    const db = await freshDatabase(backend);
    cleanup.push(() => db.drop());
    const store = await db.open();
    const { stewardInvite: invite } = await stewardInvite(store, 'flaky');
    await store.close();
    const port = await freePort();

    const first = await startChild(db, {}, port);
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
    await expect.poll(() => engine.getStatus().phase, { timeout: 10_000 }).toBe('offline');
    expect(engine.getStatus()).toMatchObject({ pending: 2, lastError: { code: 'network' } });
    expect(await local.outbox()).toHaveLength(2);

    const second = await startChild(db, {}, port);
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
