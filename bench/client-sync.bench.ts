/**
 * Initial sync of 50,000 items into a fresh client, through the real engine and server (SQLite,
 * loopback HTTP): how long a new member waits before the whole repertoire is on their device.
 * Side by side in the same run: the same pull with nothing stored (transport and validation
 * only), the engine into the in-memory reference store, and into the extension's IndexedDB store
 * — here fake-indexeddb in Node, much slower than a browser's IndexedDB, so an upper bound.
 *
 * Then the real thing: Chromium with the built extension, a member pasting an invite link on the
 * options page, timed from the click on Join to the background reporting the community synced,
 * with every item in the browser's IndexedDB, then to the first batch and to all of them indexed;
 * beside it, in the same page, the same pages fetched and parsed with nothing kept (the
 * browser's transport floor). Then catching up: edits scattered
 * over the whole repertoire while the member was away, pulled by one sync, beside the same pages
 * fetched with nothing kept.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DB_NAME, idbSyncStore, openRepertoireDb } from '../lib/db';
import { inviteLink, type Mutation, SYNC_LIMITS, uuidv7, writableFields } from '../lib/wire';
import { MemorySyncStore } from '../test/support/memory-sync-store';
import { httpTransport, SyncEngine, type SyncStore } from '../lib/sync';
import { stewardInvite } from '../server/bootstrap';
import { listen } from '../server/serve';
import { openSqliteStore } from '../server/store/sqlite';
import { NAME_HELPER, privateE2eBuild, searchQueueLength } from './extension';

const ITEMS = Number(process.env.CLIENT_SYNC_ITEMS ?? 50_000);
const CATCH_UP = Number(process.env.CLIENT_SYNC_CATCH_UP ?? 5_000);
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
const seeded: string[] = [];
let seq = 0;
let head = 0;
const seed = async (mutations: Mutation[]): Promise<void> => {
  for (const r of await store.push(seeder, 'seed-client', mutations)) {
    head = Math.max(head, r.version ?? 0);
  }
};
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
    const itemId = uuidv7();
    seeded.push(itemId);
    mutations.push({ op: 'set', seq: ++seq, itemId, kind: 'tip', at: seq, fields });
  }
  await seed(mutations);
}

/**
 * Re-tags CATCH_UP items picked at random, as others do while a member is away (the member's
 * background is idle meanwhile: everything indexed); returns the cursor before the edits.
 */
async function scatteredEdits(): Promise<number> {
  const before = head;
  const picked = [...seeded].sort(() => Math.random() - 0.5).slice(0, CATCH_UP);
  for (let from = 0; from < picked.length; from += BATCH) {
    await seed(
      picked.slice(from, from + BATCH).map((itemId) => ({
        op: 'set',
        seq: ++seq,
        itemId,
        kind: 'tip',
        at: Date.now() * 1000 + seq,
        fields: { tags: { value: ['shell', `edited-${seq}`], base: 0 } },
      })),
    );
  }
  return before;
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
console.log(`ratio engine+fake-indexeddb / pull only: ${(idb / baseline).toFixed(2)}x`);

// Extension pages' own API, as far as this bench uses it.
declare const chrome: {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    connect(info: { name: string }): {
      onMessage: { addListener(listener: (message: unknown) => void): void };
      disconnect(): void;
    };
  };
};

interface Synced {
  phase: string;
  lastSyncedAt: number | null;
}

/** Runs in the options page: the background's sync status of every joined community, as pushed. */
async function syncPhases(): Promise<Synced[]> {
  const port = chrome.runtime.connect({ name: 'syncStatus' });
  const pushed = await new Promise<unknown>((ok) => port.onMessage.addListener(ok));
  port.disconnect();
  return (pushed as { status: Synced }[]).map((c) => c.status);
}

/**
 * Runs in the options page: from now on, keeps the wall-clock time at which the background first
 * says a batch of indexing is done (what the popup then searches), in `firstIndexedAt`.
 */
function watchFirstBatch(): void {
  const port = chrome.runtime.connect({ name: 'indexing' });
  port.onMessage.addListener((message) => {
    const pushed = message as { indexed: number } | null;
    const seen = globalThis as { firstIndexedAt?: number };
    if (pushed && pushed.indexed > 0 && seen.firstIndexedAt === undefined) {
      seen.firstIndexedAt = Date.now();
    }
  });
}

/** Runs in the options page: shared items in the extension's IndexedDB, superseded copies not counted. */
async function storedItems(name: string): Promise<number> {
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  const tx = db.transaction(['serverPages', 'staleCopies']);
  const count = tx.objectStore('serverPages').index('by-item').count();
  const stale = tx.objectStore('staleCopies').getAll();
  const n = await new Promise<number>((ok) => (count.onsuccess = () => ok(count.result)));
  const superseded = await new Promise<{ ids: string[] }[]>(
    (ok) => (stale.onsuccess = () => ok(stale.result as { ids: string[] }[])),
  );
  db.close();
  return n - superseded.reduce((sum, page) => sum + page.ids.length, 0);
}

/** Runs in the options page: one sync of the community, as the popup's sync button asks. */
async function syncNow(community: string): Promise<string | undefined> {
  const reply = (await chrome.runtime.sendMessage({
    repertoire: 'syncNow',
    data: { community },
  })) as {
    value: { status: Synced }[];
  };
  return reply.value[0]?.status.phase;
}

/** Runs in the options page: every page after `from` as the engine asks for them, kept nowhere. */
async function fetchOnly(a: {
  base: string;
  token: string;
  limit: number;
  from: number;
}): Promise<number> {
  let cursor = a.from;
  let count = 0;
  for (;;) {
    const res = await fetch(`${a.base}/pull?cursor=${cursor}&limit=${a.limit}`, {
      headers: { Authorization: `Bearer ${a.token}` },
    });
    const page = (await res.json()) as { changes: unknown[]; cursor: number; hasMore: boolean };
    count += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) return count;
  }
}

const { launchWithExtension, remove } = await privateE2eBuild();
const rounds: {
  join: number;
  firstSearchable: number;
  searchable: number;
  fetch: number;
  catchUp: number;
  catchUpFetch: number;
}[] = [];
for (let round = 0; round < 3; round++) {
  const ext = await launchWithExtension();
  try {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await page.evaluate(NAME_HELPER);
    const invite = await store.createInvite(boot.communityId, {
      role: 'member',
      maxUses: 2,
      expiresInHours: 1,
    });
    await page.getByLabel('Invite link or code').fill(inviteLink(server.url, invite.code));
    await page.getByLabel('Your name').fill(`Browser member ${round}`);
    await page.evaluate(watchFirstBatch);
    const start = performance.now();
    const startedAt = Date.now();
    await page.getByRole('button', { name: 'Join community' }).click();
    for (;;) {
      const [status] = await page.evaluate(syncPhases);
      if (status?.phase === 'idle' && status.lastSyncedAt !== null) break;
      if (status?.phase === 'error' || status?.phase === 'unauthorized') {
        throw new Error(`sync in the browser ended ${status.phase}`);
      }
      if (performance.now() - start > 120_000) throw new Error('sync in the browser timed out');
      await new Promise((ok) => setTimeout(ok, 20));
    }
    const joinSeconds = (performance.now() - start) / 1000;
    // Searchable: the background has indexed every synced item (it indexes while syncing).
    while ((await searchQueueLength(page)) > 0) {
      if (performance.now() - start > 120_000) throw new Error('indexing in the browser timed out');
      await new Promise((ok) => setTimeout(ok, 20));
    }
    const searchable = (performance.now() - start) / 1000;
    const firstAt = await page.evaluate(
      () => (globalThis as { firstIndexedAt?: number }).firstIndexedAt,
    );
    if (firstAt === undefined) throw new Error('the background never said a batch was indexed');
    const firstSearchable = (firstAt - startedAt) / 1000;
    const stored = await page.evaluate(storedItems, DB_NAME);
    if (stored !== ITEMS) throw new Error(`the browser holds ${stored} items, not ${ITEMS}`);

    const floor = await store.redeemInvite(invite.code, `Floor ${round}`);
    if (!floor.ok) throw new Error('could not join for the floor');
    const fetchStart = performance.now();
    const pages = {
      base: `${server.url}/v1/communities/${boot.communityId}`,
      token: floor.token,
      // The page size the extension asks for (lib/sync/http.ts).
      limit: SYNC_LIMITS.pullMax,
    };
    const fetched = await page.evaluate(fetchOnly, { ...pages, from: 0 });
    if (fetched !== ITEMS) throw new Error(`the page fetched ${fetched} items`);
    const fetchSeconds = (performance.now() - fetchStart) / 1000;

    const from = await scatteredEdits();
    const catchUpStart = performance.now();
    const phase = await page.evaluate(syncNow, boot.communityId);
    const catchUp = (performance.now() - catchUpStart) / 1000;
    if (phase !== 'idle') throw new Error(`catching up ended ${phase}`);
    const after = await page.evaluate(storedItems, DB_NAME);
    if (after !== ITEMS) throw new Error(`after catching up the browser holds ${after} items`);
    const catchUpFetchStart = performance.now();
    const caught = await page.evaluate(fetchOnly, { ...pages, from });
    if (caught !== CATCH_UP) throw new Error(`the page fetched ${caught} changed items`);
    rounds.push({
      join: joinSeconds,
      firstSearchable,
      searchable,
      fetch: fetchSeconds,
      catchUp,
      catchUpFetch: (performance.now() - catchUpFetchStart) / 1000,
    });
  } finally {
    await ext.close();
  }
}
remove();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const joinS = median(rounds.map((r) => r.join));
const fetchS = median(rounds.map((r) => r.fetch));
console.log(
  `${'Chromium: join by link → synced, IndexedDB'.padEnd(44)} ${joinS.toFixed(2).padStart(7)} s   ` +
    `median of ${rounds.map((r) => r.join.toFixed(2)).join(', ')} s (goal ≤ 5 s)`,
);
console.log(
  `${'Chromium: same pages fetched, nothing kept'.padEnd(44)} ${fetchS.toFixed(2).padStart(7)} s   ` +
    `ratio ${(joinS / fetchS).toFixed(2)}x`,
);

const firstS = median(rounds.map((r) => r.firstSearchable));
console.log(
  `${'Chromium: join by link → 10k searchable'.padEnd(44)} ${firstS.toFixed(2).padStart(7)} s   ` +
    `median of ${rounds.map((r) => r.firstSearchable.toFixed(2)).join(', ')} s`,
);
const searchableS = median(rounds.map((r) => r.searchable));
const searchableRatio = searchableS / fetchS;
console.log(
  `${'Chromium: join by link → all searchable'.padEnd(44)} ${searchableS.toFixed(2).padStart(7)} s   ` +
    `median of ${rounds.map((r) => r.searchable.toFixed(2)).join(', ')} s; ` +
    `ratio to the pages fetched ${searchableRatio.toFixed(2)}x ` +
    `(goal ≤ 2.5x: ${searchableRatio <= 2.5 ? 'MET' : 'MISSED'})`,
);
const catchUpS = median(rounds.map((r) => r.catchUp));
const catchUpFetchS = median(rounds.map((r) => r.catchUpFetch));
console.log(
  `${`Chromium: catching up on ${CATCH_UP.toLocaleString('en')} scattered edits`.padEnd(44)} ` +
    `${catchUpS.toFixed(2).padStart(7)} s   median of ${rounds.map((r) => r.catchUp.toFixed(2)).join(', ')} s`,
);
console.log(
  `${'Chromium: same pages fetched, nothing kept'.padEnd(44)} ${catchUpFetchS.toFixed(2).padStart(7)} s   ` +
    `ratio ${(catchUpS / catchUpFetchS).toFixed(2)}x`,
);

await server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
