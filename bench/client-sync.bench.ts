/**
 * Initial sync of 50,000 items into a fresh client, through the real engine and server (SQLite,
 * loopback HTTP): how long a new member waits before the whole repertoire is on their device.
 * Side by side in the same run: the same pull with nothing stored (transport and validation
 * only), the engine into the in-memory reference store, and into the extension's IndexedDB store
 * — here fake-indexeddb in Node, much slower than a browser's IndexedDB, so an upper bound.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openRepertoireDb } from '../lib/db';
import { idbSyncStore } from '../lib/db/sync-store';
import { uuidv7 } from '../lib/repertoire/ids';
import { SyncEngine } from '../lib/sync/engine';
import { httpTransport } from '../lib/sync/http';
import { MemorySyncStore } from '../lib/sync/memory-store';
import type { SyncStore } from '../lib/sync/sync-store';
import { writableFields, type Mutation } from '../lib/wire/sync';
import { stewardInvite } from '../server/bootstrap';
import { listen } from '../server/serve';
import { openSqliteStore } from '../server/store/sqlite';

const ITEMS = Number(process.env.CLIENT_SYNC_ITEMS ?? 50_000);
const BATCH = 500;

const dir = mkdtempSync(join(tmpdir(), 'repertoire-client-sync-'));
const store = await openSqliteStore(join(dir, 'server.sqlite'));
const boot = await stewardInvite(store, 'Bench guild');
const seeding = await store.redeemInvite(boot.stewardInvite.code, 'Seeder');
if (!seeding.ok) throw new Error('could not join the bench community');
const seeder = await store.authenticate(seeding.token);
if (!seeder) throw new Error('the seeding token does not authenticate');

// Seeded through the store directly: what is measured is the pull, not the push.
const now = Date.now();
for (let from = 0; from < ITEMS; from += BATCH) {
  const mutations: Mutation[] = [];
  for (let i = from; i < Math.min(from + BATCH, ITEMS); i++) {
    const values: Record<string, unknown> = {
      title: `Tip ${i}: keep shell scripts strict`,
      url: null,
      canonicalUrl: null,
      siteName: null,
      byline: null,
      publishedTime: null,
      excerpt: null,
      tags: ['shell', `t${i % 50}`],
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      body: `Start every script with set -euo pipefail (${i}). `.repeat(4),
      tool: null,
      appliesTo: [],
    };
    const fields = Object.fromEntries(
      writableFields('tip').map((f) => [f, { value: values[f], base: 0 }]),
    );
    mutations.push({ op: 'set', seq: i + 1, itemId: uuidv7(), kind: 'tip', at: i + 1, fields });
  }
  await store.push(seeder, 'seed-client', mutations);
}

const server = await listen({
  store,
  host: '127.0.0.1',
  port: 0,
  maxBodyBytes: 8 * 1_048_576,
  rateLimit: { perMinute: 100_000, burst: 10_000 },
});

async function member(name: string) {
  const invite = await store.createInvite(boot.communityId, {
    role: 'member',
    maxUses: 1,
    expiresInHours: 1,
  });
  const joined = await store.redeemInvite(invite.code, name);
  if (!joined.ok) throw new Error('could not join');
  const transport = httpTransport({
    serverUrl: server.url,
    communityId: boot.communityId,
    token: joined.token,
  });
  return { transport, me: { communityId: boot.communityId, memberId: name, displayName: name } };
}

async function timed(label: string, run: () => Promise<number>): Promise<number> {
  const start = performance.now();
  const count = await run();
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s   ${count.toLocaleString('en')} items`,
  );
  return seconds;
}

async function engineInto(store: SyncStore, name: string): Promise<number> {
  const { transport, me } = await member(name);
  const engine = await SyncEngine.open({ store, transport, me });
  const status = await engine.sync();
  engine.close();
  if (status.phase !== 'idle')
    throw new Error(`sync ended ${status.phase}: ${status.lastError?.message}`);
  return ITEMS;
}

/** Every page from cursor 0, with the engine's page size, keeping nothing. */
async function pullOnly(): Promise<number> {
  const { transport } = await member(`pull-${uuidv7()}`);
  let cursor = 0;
  let count = 0;
  for (;;) {
    const page = await transport.pull(cursor);
    count += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) return count;
  }
}

console.log(`initial sync of ${ITEMS.toLocaleString('en')} items, server on SQLite over loopback`);
await pullOnly(); // warm-up: JIT and the server's caches, so the first timed run is not penalised
const baseline = await timed('pull only (HTTP + validation, nothing kept)', pullOnly);
const memory = await timed('engine → in-memory store', () =>
  engineInto(new MemorySyncStore(), 'memory'),
);
const db = await openRepertoireDb('bench-client-sync');
const idb = await timed('engine → IndexedDB store (fake-indexeddb)', () =>
  engineInto(idbSyncStore(db, boot.communityId), 'idb'),
);
db.close();
console.log(`ratio engine+memory / pull only: ${(memory / baseline).toFixed(2)}x`);
console.log(
  `ratio engine+fake-indexeddb / pull only: ${(idb / baseline).toFixed(2)}x (goal ≤ 5 s in the browser)`,
);

await server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
