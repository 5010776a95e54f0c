/**
 * Several server processes' worth of connections push into one community at once while a reader
 * follows with `version > cursor`: the reader must end up with every item, having never re-read.
 * With versions from a sequence, a transaction committing after a later one would be skipped.
 * With worker threads, each server also writes from several threads of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../lib/wire';
import { stewardInvite } from '../../server/bootstrap';
import { startPushPool, type PushPool } from '../../server/push-pool';
import { listen, type RunningServer } from '../../server/serve';
import type { Store } from '../../server/store/store';
import { SETUPS, freshDatabase, joinWith, newTip, type Client, type Database } from './harness';

const SERVERS = 3;
const WRITERS = 6;
const BATCHES = 25;

describe.each(SETUPS)('concurrent pushes on $name', ({ backend, workers }) => {
  let db: Database;
  const stores: Store[] = [];
  const pools: PushPool[] = [];
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    db = await freshDatabase(backend);
    for (let i = 0; i < SERVERS; i++) {
      // One write lock per server, as in one process; the servers contend through SQLite itself.
      const writeLock = backend === 'sqlite' && workers > 0 ? new SharedArrayBuffer(4) : undefined;
      const store = await db.open({ writeLock });
      stores.push(store);
      const pool = workers > 0 ? await startPushPool(workers, db.storage, writeLock) : undefined;
      if (pool) pools.push(pool);
      servers.push(
        await listen({
          ...(pool ? { pusher: pool.push } : {}),
          store,
          host: '127.0.0.1',
          port: 0,
          maxBodyBytes: 1_048_576,
          rateLimit: { perMinute: 100_000, burst: 10_000 },
        }),
      );
    }
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const pool of pools) await pool.close();
    for (const store of stores) await store.close();
    await db.drop();
  });

  it('never lets a cursor reader skip a change', async () => {
    const { stewardInvite: invite, communityId } = await stewardInvite(stores[0]!, 'busy');
    const steward = await joinWith(servers[0]!.url, invite.code, 'Steward');
    const clients: Client[] = [];
    for (let i = 0; i < WRITERS + 1; i++) {
      const code = (await steward.post<{ code: string }>('/invites', {})).body.code;
      clients.push(await joinWith(servers[i % SERVERS]!.url, code, `member ${i}`));
    }
    const reader = clients.pop()!;
    expect(reader.communityId).toBe(communityId);

    const pushed = new Set<string>();
    const seen = new Set<string>();
    let cursor = 0;
    let lastVersion = 0;
    const follow = async () => {
      const page = PullResponse.parse((await reader.pull(cursor, 50)).body);
      for (const change of page.changes) {
        expect(change.version).toBeGreaterThan(lastVersion);
        lastVersion = change.version;
        seen.add(change.item.id);
      }
      cursor = page.cursor;
      return page.hasMore;
    };

    // Round by round, every writer pushes a batch while the reader pulls: each of the reader's
    // pulls is sent alongside a round of pushes by construction, not by how fast the machine
    // happens to be, and what is checked (no change skipped) holds whatever the interleaving.
    for (let b = 0; b < BATCHES; b++) {
      await Promise.all([
        ...clients.map(async (client, w) => {
          const tips = Array.from({ length: 1 + ((w + b) % 4) }, () => newTip());
          const res = await client.push(
            client.mutations(...tips.map((t) => ({ op: 'set' as const, ...t }))),
          );
          expect(res.status).toBe(200);
          for (const t of tips) pushed.add(t.itemId);
        }),
        follow(),
      ]);
    }
    while (await follow());

    expect([...pushed].filter((id) => !seen.has(id))).toEqual([]);
    expect(seen.size).toBe(pushed.size);
  });
});
