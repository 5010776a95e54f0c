/**
 * The communities this browser joined: memberships, what leaving removes, and the settings and
 * cursor each last pulled. Apart from the sync store so that pages reading who they are in do
 * not load the store that syncs.
 */
import { type CommunitySettings, DEFAULT_SETTINGS } from '../wire';
import { all } from './pages';
import { queueIds } from './search-queue';
import type { Membership, RepertoireDb } from './schema';

export const listMemberships = (db: RepertoireDb): Promise<Membership[]> =>
  db.getAll('memberships');

/** Joining: the membership and the community it makes appear in the picker, together. */
export async function saveMembership(db: RepertoireDb, membership: Membership): Promise<void> {
  const tx = db.transaction(['memberships', 'communities'], 'readwrite');
  void tx.objectStore('memberships').put(membership);
  void tx.objectStore('communities').put({
    id: membership.communityId,
    name: membership.name,
    local: false,
    createdAt: membership.joinedAt,
  });
  await tx.done;
}

/** Leaving: the membership, its sync bookkeeping and its items go; other communities stay. */
export async function forgetCommunity(db: RepertoireDb, community: string): Promise<void> {
  const stores = [
    'memberships',
    'communities',
    'syncState',
    'serverPages',
    'staleCopies',
    'views',
    'outbox',
    'items',
    'searchQueue',
    'privateNotes',
  ] as const;
  const tx = db.transaction([...stores], 'readwrite');
  const [pages, views, local, notes] = await Promise.all([
    tx.objectStore('serverPages').getAll(all(community)),
    tx.objectStore('views').index('by-community').getAllKeys(community),
    tx
      .objectStore('items')
      .index('by-community-updated')
      .getAllKeys(IDBKeyRange.bound([community, -Infinity], [community, Infinity])),
    tx.objectStore('privateNotes').index('by-community').getAllKeys(community),
  ]);
  for (const id of notes) void tx.objectStore('privateNotes').delete(id);
  void tx.objectStore('memberships').delete(community);
  void tx.objectStore('communities').delete(community);
  void tx.objectStore('syncState').delete(community);
  void tx.objectStore('serverPages').delete(all(community));
  void tx.objectStore('staleCopies').delete(all(community));
  void tx.objectStore('outbox').delete(all(community));
  for (const id of views) void tx.objectStore('views').delete(id);
  for (const id of local) void tx.objectStore('items').delete(id);
  queueIds(tx.objectStore('searchQueue'), [
    ...new Set([...pages.flatMap((page) => page.ids), ...views, ...local]),
  ]);
  await tx.done;
}

/**
 * A community's settings as this browser last pulled them; the defaults for Personal and for a
 * community whose server has not sent any yet.
 */
export async function communitySettings(
  db: RepertoireDb,
  community: string,
): Promise<CommunitySettings> {
  return (await db.get('syncState', community))?.settings ?? DEFAULT_SETTINGS;
}

/** The community's sync cursor as last stored (0 before its first pull). */
export async function syncCursor(db: RepertoireDb, community: string): Promise<number> {
  return (await db.get('syncState', community))?.cursor ?? 0;
}
