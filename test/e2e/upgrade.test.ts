/**
 * Updating the extension keeps everything: a profile whose IndexedDB was left by the previous
 * release (schema v3, written here store by store as that release's upgrade made it) is opened by
 * this build after a browser restart, and its upgrade moves shared items into pages. In real
 * Chromium, then, with a real server: the member still sees every item, a pending offline edit
 * still shows and still syncs, search (rebuilt after the update) finds them, and a shared tip's
 * badge shows on the page it applies to (the related index is built by the upgrade).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport } from '../../lib/sync';
import type { Item, Mutation, SyncedItem } from '../../lib/wire';
import { stewardInvite } from '../../server/bootstrap';
import { listen, type RunningServer } from '../../server/serve';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { creationOf, sampleItem } from '../support/items';
import { launchWithExtension, tabIdOf, type ExtensionBrowser } from './support/browser';

// The service worker's API, as far as this test uses it.
declare const chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };

let dir: string;
let store: Store;
let server: RunningServer;
let ext: ExtensionBrowser;
let profile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'repertoire-upgrade-e2e-'));
  profile = join(dir, 'profile');
  store = await openSqliteStore(join(dir, 'server.sqlite'));
  server = await listen({
    store,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 4 * 1_048_576,
    rateLimit: { perMinute: 6_000, burst: 1_000 },
  });
  ext = await launchWithExtension({ profile });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the v3 release kept: its stores, and the records to put in them. */
interface LegacyDb {
  membership: Record<string, unknown>;
  community: { id: string; name: string; local: boolean; createdAt: number };
  syncState: Record<string, unknown>;
  copies: SyncedItem[];
  views: Item[];
  outbox: Mutation[];
  personal: Item;
}

/** Runs in the service worker: replaces the extension's database by a v3 one holding `legacy`. */
async function writeV3(legacy: LegacyDb): Promise<void> {
  const request = <T>(r: IDBRequest<T>) =>
    new Promise<T>((ok, fail) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
  // The background's open connection steps aside when asked (its `blocking` handler).
  await request(indexedDB.deleteDatabase('repertoire'));
  const open = indexedDB.open('repertoire', 3);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('communities', { keyPath: 'id' });
    const items = db.createObjectStore('items', { keyPath: 'id' });
    items.createIndex('by-community-updated', ['community', 'updatedAt']);
    items.createIndex('by-canonical-url', 'canonicalUrl');
    db.createObjectStore('search');
    db.createObjectStore('searchQueue', { autoIncrement: true });
    db.createObjectStore('memberships', { keyPath: 'communityId' });
    db.createObjectStore('syncState');
    db.createObjectStore('synced');
    db.createObjectStore('outbox');
    db.createObjectStore('itemMeta');
  };
  const db = await request(open);
  const c = legacy.community.id;
  const tx = db.transaction(db.objectStoreNames, 'readwrite');
  tx.objectStore('communities').put(legacy.community);
  tx.objectStore('communities').put({
    id: 'personal',
    name: 'Personal',
    local: true,
    createdAt: 1,
  });
  tx.objectStore('memberships').put(legacy.membership);
  tx.objectStore('syncState').put(legacy.syncState, c);
  for (const copy of legacy.copies) tx.objectStore('synced').put(copy, [c, copy.item.id]);
  for (const view of [...legacy.views, legacy.personal]) tx.objectStore('items').put(view);
  for (const m of legacy.outbox) tx.objectStore('outbox').put(m, [c, m.seq]);
  await new Promise((ok, fail) => {
    tx.oncomplete = ok;
    tx.onerror = () => fail(tx.error);
  });
  db.close();
}

describe('updating the extension', () => {
  it('keeps shared and personal items, and a pending offline edit, across the storage upgrade', async () => {
    const { communityId, stewardInvite: invite } = await stewardInvite(store, 'Docs guild');
    const joined = await store.redeemInvite(invite.code, 'Dev');
    if (!joined.ok) throw new Error('could not join');
    const seeder = await store.redeemInvite(
      (await store.createInvite(communityId, { role: 'member', maxUses: 1, expiresInHours: 1 }))
        .code,
      'Cleo',
    );
    const cleo = seeder.ok ? await store.authenticate(seeder.token) : undefined;
    if (!cleo) throw new Error('could not seed');
    const titles = ['Pin the docs build image', 'Preview every docs PR', 'Link the style guide'];
    const tips = titles.map((title, i) =>
      sampleItem('tip', {
        title,
        community: communityId,
        appliesTo: i === 0 ? ['127.0.0.1/docs-build/*'] : [],
      }),
    );
    await store.push(
      cleo,
      'cleo-client-1',
      tips.map((tip, i) => creationOf(tip, i + 1)),
    );
    // What the old release had pulled, exactly as the server sent it.
    const transport = httpTransport({ serverUrl: server.url, communityId, token: joined.token });
    const pulled = await transport.pull(0);
    expect(pulled.changes).toHaveLength(3);
    const edited = pulled.changes[1]!;
    const offlineTitle = 'Preview every docs PR, edited offline before the update';
    const edit: Mutation = {
      op: 'set',
      seq: 1,
      at: Date.now() * 1000,
      itemId: edited.item.id,
      kind: 'tip',
      fields: { title: { value: offlineTitle, base: edited.fieldVersions['title']! } },
    };
    const legacy: LegacyDb = {
      membership: {
        communityId,
        name: 'Docs guild',
        serverUrl: server.url,
        token: joined.token,
        memberId: joined.community.memberId,
        displayName: 'Dev',
        role: 'member',
        memberCount: 2,
        joinedAt: 5,
      },
      community: { id: communityId, name: 'Docs guild', local: false, createdAt: 5 },
      syncState: {
        clientId: 'dev-client-before-update',
        nextSeq: 2,
        clock: edit.at,
        cursor: pulled.cursor,
        lastSyncedAt: 6,
      },
      copies: pulled.changes,
      views: pulled.changes.map((c) =>
        c === edited ? { ...c.item, title: offlineTitle } : c.item,
      ),
      outbox: [edit],
      personal: sampleItem('tip', { title: 'My own shell aliases', community: 'personal' }),
    };

    await ext.worker.evaluate(writeV3, legacy);
    // The browser restarts with this build: its background opens the v3 database and upgrades it.
    await ext.close();
    ext = await launchWithExtension({ profile });

    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await popup.getByLabel('Community').selectOption({ label: 'Docs guild' });
    const recent = popup.getByRole('list', { name: 'Recent items' });
    // The background is busy re-indexing everything after the update: lists may take a moment.
    await expect.poll(() => recent.innerText(), { timeout: 60_000 }).toContain(offlineTitle);
    for (const title of [titles[0]!, titles[2]!]) expect(await recent.innerText()).toContain(title);
    await popup.getByLabel('Community').selectOption({ label: 'Personal' });
    await expect
      .poll(() => popup.getByRole('list', { name: 'Recent items' }).innerText(), {
        timeout: 60_000,
      })
      .toContain('My own shell aliases');

    // The queued edit survived the update and reaches the server.
    await expect
      .poll(
        async () => {
          const page = await transport.pull(pulled.cursor);
          return page.changes.find((c) => c.item.id === edited.item.id)?.item.title;
        },
        { timeout: 60_000 },
      )
      .toBe(offlineTitle);

    // Related tips: the shared tip that applies to this page shows on it.
    const tool = await ext.context.newPage();
    await tool.goto(`${server.url}/docs-build/latest`);
    const tabId = await tabIdOf(ext, tool);
    await expect
      .poll(() => ext.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId))
      .toBe('1');
    await tool.close();

    // Search, rebuilt after the update, finds the shared items.
    await popup.getByLabel('Community').selectOption({ label: 'Docs guild' });
    await popup.getByRole('searchbox', { name: 'Search repertoire' }).fill('style guide');
    await expect
      .poll(() => popup.getByRole('list', { name: 'Search results' }).innerText(), {
        timeout: 60_000,
      })
      .toContain(titles[2]!);
  });
});
