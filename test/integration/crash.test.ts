/**
 * A server child process is SIGKILLed while a batch is half written, then restarted on the same
 * database: none of the batch may be visible, and the client's retry must then apply all of it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { PushResponse } from '../../lib/wire/sync';
import { stewardInvite } from '../../server/bootstrap';
import { BACKENDS, freshDatabase, joinWith, newTip, type Database } from './harness';

const root = new URL('../..', import.meta.url).pathname;

interface Child {
  process: ChildProcess;
  url: string;
  stderr: () => string;
}

async function startChild(db: Database, env: Record<string, string> = {}): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', '0', ...db.args],
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

describe.each(BACKENDS)('crash mid-batch on %s', (backend) => {
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
});
