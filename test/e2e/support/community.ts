/** A sync server on SQLite with one community, and joining it from the options page. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stewardInvite } from '../../../server/bootstrap';
import { listen, type RunningServer } from '../../../server/serve';
import { openSqliteStore } from '../../../server/store/sqlite';
import type { Store } from '../../../server/store/store';
import { creationOf, sampleItem } from '../../support/items';
import type { ExtensionBrowser } from './browser';

// The service worker's storage, where the e2e build reads the indexing budget.
declare const chrome: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
};

export interface SyncServer {
  url: string;
  store: Store;
  /** The SQLite file, for tests that read what the server stored. */
  file: string;
  communityId: string;
  /** A steward's invite link (`<url>/join#<code>`). */
  stewardLink: string;
  close(): Promise<void>;
}

export async function startSyncServer(community: string): Promise<SyncServer> {
  const dir = mkdtempSync(join(tmpdir(), 'repertoire-e2e-server-'));
  const file = join(dir, 'server.sqlite');
  const store = await openSqliteStore(file);
  const boot = await stewardInvite(store, community);
  const server: RunningServer = await listen({
    store,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 4 * 1_048_576,
    rateLimit: { perMinute: 6_000, burst: 1_000 },
  });
  return {
    url: server.url,
    store,
    file,
    communityId: boot.communityId,
    stewardLink: `${server.url}/join#${encodeURIComponent(boot.stewardInvite.code)}`,
    async close() {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Joins with an invite link on the options page, and waits for the first sync. */
export async function joinWithLink(
  ext: ExtensionBrowser,
  link: string,
  name: string,
  community: string,
  /** The optional Team field of the join form. */
  team?: string,
): Promise<void> {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.getByLabel('Invite link or code').fill(link);
  await options.getByLabel('Your name').fill(name);
  if (team) await options.getByLabel('Team (optional)').fill(team);
  await options.getByRole('button', { name: 'Join community' }).click();
  // Locator waits, not expect.poll: this runs in beforeAll hooks too.
  await options.getByRole('status').getByText(`You joined “${community}”`).waitFor();
  await options
    .getByRole('list', { name: 'Joined communities' })
    .getByRole('listitem')
    .filter({ hasText: community })
    .getByText(/Synced/)
    .waitFor({ timeout: 60_000 });
  await options.close();
}

/** Tips written on the server by another member (`title(i)` for the i-th, from 0), in order. */
export async function seedTips(
  server: SyncServer,
  count: number,
  title: (i: number) => string,
): Promise<void> {
  const invite = await server.store.createInvite(server.communityId, {
    role: 'member',
    maxUses: 1,
    expiresInHours: 1,
  });
  const joined = await server.store.redeemInvite(invite.code, 'Seeder');
  const seeder = joined.ok ? await server.store.authenticate(joined.token) : undefined;
  if (!seeder) throw new Error('could not seed the community');
  for (let from = 0; from < count; from += 1_000) {
    const tips = Array.from({ length: Math.min(1_000, count - from) }, (_, i) =>
      sampleItem('tip', { community: server.communityId, title: title(from + i) }),
    );
    await server.store.push(
      seeder,
      'seeder-client',
      tips.map((tip, i) => creationOf(tip, from + i + 1)),
    );
  }
}

/**
 * Lets the background index only `items` more items (null: no limit) in the e2e build. Batches
 * take pulled pages whole, so with pages of 2,000 a multiple of 2,000 stops exactly there.
 */
export async function indexingBudget(ext: ExtensionBrowser, items: number | null): Promise<void> {
  await ext.worker.evaluate((value) => chrome.storage.local.set({ indexingBudget: value }), items);
}
