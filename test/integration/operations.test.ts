/**
 * Running the server for real: graceful shutdown with a push in progress, JSON logs that never
 * hold a secret, /metrics, online SQLite backup and restore, and several processes starting on
 * one database at once.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorBody, PushResponse } from '../../lib/wire';
import { stewardInvite } from '../../server/bootstrap';
import { kill, root, startChild, type Child } from './child';
import {
  BACKENDS,
  freshDatabase,
  joinWith,
  newTip,
  request,
  startServer,
  type Client,
  type Database,
} from './harness';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function database(backend: (typeof BACKENDS)[number]): Promise<Database> {
  const db = await freshDatabase(backend);
  cleanup.push(() => db.drop());
  return db;
}

async function inviteCode(db: Database, community = 'ops'): Promise<string> {
  const store = await db.open();
  try {
    return (await stewardInvite(store, community)).stewardInvite.code;
  } finally {
    await store.close();
  }
}

/** The same member, talking to another server on the same database. */
function via(client: Client, base: string): Client {
  return Object.assign(Object.create(Object.getPrototypeOf(client)), client, { base }) as Client;
}

function tips(client: Client, count: number) {
  return client.mutations(
    ...Array.from({ length: count }, () => ({ op: 'set' as const, ...newTip() })),
  );
}

/** Whether a new TCP connection to the server's port is refused. */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe.each(BACKENDS)('operating the server on %s', (backend) => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s stops accepting, finishes the push in progress, closes the database and exits 0',
    async (signal) => {
      const db = await database(backend);
      const code = await inviteCode(db);
      const dir = mkdtempSync(join(tmpdir(), 'repertoire-release-'));
      cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
      const release = join(dir, 'release');
      const server = await startChild(db, {
        env: { REPERTOIRE_FAILPOINT: 'hold-mid-push', REPERTOIRE_FAILPOINT_RELEASE: release },
        // The grace period must not end before the test releases the push, however slow it is.
        args: ['--workers', '1', '--grace-seconds', '3600'],
      });
      cleanup.push(() => kill(server, 'SIGKILL'));
      const ann = await joinWith(server.url, code, 'Ann');
      const batch = tips(ann, 8);
      const pushing = ann.push(batch);
      // The push is held halfway through its transaction until the test releases it.
      await expect.poll(server.output, { timeout: 15_000 }).toContain('holding a push mid-way');

      server.process.kill(signal);
      await expect
        .poll(() => server.logs().some((l) => String(l['msg']).startsWith('shutting down')), {
          timeout: 15_000,
        })
        .toBe(true);
      // Stopped listening while the push is still held: new connections are refused.
      await expect.poll(() => refused(server.url), { timeout: 15_000 }).toBe(true);
      expect(server.process.exitCode).toBeNull();

      writeFileSync(release, '');
      const answer = await pushing;
      expect(answer.status).toBe(200);
      expect(PushResponse.parse(answer.body).results.map((r) => r.status)).toEqual(
        Array(8).fill('applied'),
      );
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.logs().at(-1)?.['msg']).toBe('stopped');

      const again = await startChild(db);
      cleanup.push(() => kill(again, 'SIGTERM'));
      const { items } = await via(ann, again.url).pullAll();
      expect([...items.keys()].sort()).toEqual(batch.map((m) => m.itemId).sort());
    },
  );

  it('logs one JSON object per line, a request id each, never a token or an invite code', async () => {
    const db = await database(backend);
    const code = await inviteCode(db);
    const server = await startChild(db, {
      env: { REPERTOIRE_FAILPOINT: 'exit-worker-mid-push' },
      args: ['--workers', '1'],
    });
    cleanup.push(() => kill(server, 'SIGTERM'));
    const ann = await joinWith(server.url, code, 'Ann');
    const invite = await ann.post<{ code: string }>('/invites', { role: 'member' });
    const ben = await joinWith(server.url, invite.body.code, 'Ben');

    // The first push meets the failpoint: its worker dies, the client gets a 500.
    const failed = await ann.push(tips(ann, 3));
    expect(failed.status).toBe(500);
    const failedId = failed.headers.get('x-request-id');
    expect(failedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ErrorBody.parse(failed.body).error.message).toContain(failedId);
    await expect
      .poll(async () => (await ben.push(tips(ben, 2))).status, { timeout: 20_000, interval: 200 })
      .toBe(200);
    const pulled = await ben.pull();
    expect(pulled.status).toBe(200);
    const given = await request(`${server.url}/v1/health`, {
      headers: { 'x-request-id': 'lb-42' },
    });
    expect(given.headers.get('x-request-id')).toBe('lb-42');
    await kill(server, 'SIGTERM');

    const output = server.output();
    for (const secret of [code, invite.body.code, ann.token, ben.token]) {
      expect(output).not.toContain(secret);
    }
    const lines = output.trim().split('\n');
    const logs = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs.length).toBe(lines.length);
    const requests = logs.filter((l) => l['msg'] === 'request');
    expect(requests.every((l) => typeof l['reqId'] === 'string')).toBe(true);
    expect(requests.find((l) => l['reqId'] === pulled.headers.get('x-request-id'))).toMatchObject({
      method: 'GET',
      route: '/v1/communities/:cid/pull',
      status: 200,
    });
    expect(requests.find((l) => l['reqId'] === 'lb-42')).toMatchObject({ status: 200 });
    // The 500's cause, under the id its client was given.
    const cause = logs.find((l) => l['level'] === 50 && l['reqId'] === failedId);
    expect(cause?.['err']).toMatchObject({
      message: expect.stringContaining('push worker exited'),
    });
  });

  it('serves /metrics to the operator token only, and its counters follow requests', async () => {
    const token = 'operator-secret-0123456789';
    const server = await startServer(backend, { metricsToken: token }, {}, 0);
    cleanup.push(() => server.stop());
    const scrape = async () => {
      const res = await fetch(`${server.url}/metrics`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      return res.text();
    };
    const value = (text: string, series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : 0;
    };
    const pulls200 =
      'repertoire_http_requests_total{method="GET",route="/v1/communities/:cid/pull",status="200"}';

    const none = await request(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    expect(ErrorBody.parse(none.body).error.message).toContain('Authorization: Bearer');
    const wrong = await request(`${server.url}/metrics`, {
      headers: { Authorization: 'Bearer not-the-operator-token' },
    });
    expect(wrong.status).toBe(403);
    expect(ErrorBody.parse(wrong.body).error.code).toBe('wrong_metrics_token');

    const c = await server.community();
    const before = await scrape();
    await c.steward.push(tips(c.steward, 2));
    await c.steward.pull();
    await c.steward.pull();
    expect((await c.steward.get('/pull?cursor=-1')).status).toBe(400);
    const after = await scrape();
    expect(value(after, pulls200) - value(before, pulls200)).toBe(2);
    const pulls400 = pulls200.replace('status="200"', 'status="400"');
    expect(value(after, pulls400) - value(before, pulls400)).toBe(1);
    const pushes = 'repertoire_push_duration_seconds_count';
    expect(value(after, pushes) - value(before, pushes)).toBe(1);
    expect(value(after, 'repertoire_pull_duration_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(after).toContain('repertoire_push_workers{state="live"} 0');
  });

  it('says how to turn /metrics on when it is off', async () => {
    const server = await startServer(backend, {}, {}, 2);
    cleanup.push(() => server.stop());
    const off = await request(`${server.url}/metrics`, {
      headers: { Authorization: 'Bearer anything-at-all-here' },
    });
    expect(off.status).toBe(404);
    expect(ErrorBody.parse(off.body).error.message).toContain('--metrics-token');
  });
});

describe('push workers in /metrics', () => {
  it('reports the live workers', async () => {
    const server = await startServer('sqlite', { metricsToken: 'x'.repeat(16) }, {}, 2);
    cleanup.push(() => server.stop());
    const res = await fetch(`${server.url}/metrics`, {
      headers: { Authorization: `Bearer ${'x'.repeat(16)}` },
    });
    expect(await res.text()).toContain('repertoire_push_workers{state="live"} 2');
  });
});

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return once(child, 'exit').then(([code]) => ({ code: code as number | null, out }));
}

describe('SQLite backup and restore', () => {
  it('copies a consistent snapshot while the server takes pushes, and a server restored from it serves the same data', async () => {
    const db = await database('sqlite');
    const file = db.storage.kind === 'sqlite' ? db.storage.path : '';
    const code = await inviteCode(db);
    const server = await startChild(db);
    cleanup.push(() => kill(server, 'SIGTERM'));
    const ann = await joinWith(server.url, code, 'Ann');
    await ann.push(tips(ann, 20));

    const dir = mkdtempSync(join(tmpdir(), 'repertoire-backup-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    // Pushes go on while the copy is made: it holds the state of one moment, whole.
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 200 && writing; i++) await ann.push(tips(ann, 3));
    })();
    const during = await run(['--db', file, '--backup', join(dir, 'during.sqlite')]);
    writing = false;
    await writer;
    expect(during.code).toBe(0);
    expect(during.out).toContain('Backed up');
    const refusedOverwrite = await run(['--db', file, '--backup', join(dir, 'during.sqlite')]);
    expect(refusedOverwrite.code).toBe(1);
    expect(refusedOverwrite.out).toContain('never overwrites');

    const after = await run(['--db', file, '--backup', join(dir, 'after.sqlite')]);
    expect(after.code).toBe(0);
    const original = await ann.pullAll();

    // Restore: the copy, put where a server's --db points.
    const restore = async (name: string) => {
      const target = join(dir, `restored-${name}`);
      copyFileSync(join(dir, name), target);
      const child: Child = await startChild({ ...db, args: ['--db', target] });
      cleanup.push(() => kill(child, 'SIGTERM'));
      return via(ann, child.url).pullAll();
    };
    const full = await restore('after.sqlite');
    expect(full.cursor).toBe(original.cursor);
    expect(full.items).toEqual(original.items);

    const snapshot = await restore('during.sqlite');
    // Every version up to its cursor, none after: a prefix of the history, nothing torn.
    const versions = [...snapshot.items.values()].map((i) => i.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: snapshot.cursor }, (_, i) => i + 1));
    expect(snapshot.cursor).toBeGreaterThanOrEqual(20);
    for (const [id, item] of snapshot.items) expect(original.items.get(id)).toEqual(item);
  });

  it('refuses to back up PostgreSQL, pointing at pg_dump', async () => {
    const db = await database('postgres');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/main.ts', '--backup', '/tmp/never.sqlite'],
      { cwd: root, env: { ...process.env, ...db.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const [status] = await once(child, 'exit');
    expect(status).toBe(2);
    expect(out).toContain('pg_dump');
  });
});

describe.each(BACKENDS)('server processes starting at once on one fresh %s database', (backend) => {
  it('each serves joins and pushes from its first request', async () => {
    const db = await database(backend);
    const servers = await Promise.all(
      Array.from({ length: 3 }, () => startChild(db, { args: ['--workers', '2'] })),
    );
    for (const s of servers) cleanup.push(() => kill(s, 'SIGTERM'));
    const store = await db.open();
    cleanup.push(() => store.close());
    const { communityId } = await stewardInvite(store, 'together');
    const codes = await Promise.all(
      servers.map(() =>
        store.createInvite(communityId, { role: 'member', maxUses: 1, expiresInHours: 1 }),
      ),
    );
    const members = await Promise.all(
      servers.map((s, i) => joinWith(s.url, codes[i]!.code, `member ${i}`)),
    );
    const answers = await Promise.all(members.map((m) => m.push(tips(m, 2))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await members[0]!.pullAll()).items.size).toBe(6);
  });
});
