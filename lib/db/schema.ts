/**
 * The database's shape and its migrations: the schema lives in the type system
 * (RepertoireSchema) and every migration lives in the one `upgrade` switch below.
 */
import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import type { RelatedRecord } from '../related';
import type { SearchRecord } from '../search/store';
import type { SyncState } from '../sync';
import type {
  Community,
  ConflictRevision,
  Endorsement,
  Item,
  Mark,
  Mutation,
  Role,
  SyncedItem,
} from '../wire';
import { migrateSyncedToPages, type PageKey, type ServerPage, type StaleCopies } from './pages';
import type { PrivateNote } from './notes';
import { buildRelated } from './related';

export const DB_NAME = 'repertoire';
export const DB_VERSION = 6;

export interface RepertoireSchema extends DBSchema {
  communities: { key: string; value: Community };
  /** Items of local communities (Personal). Shared communities' items live in the next two. */
  items: {
    key: string;
    value: Item;
    indexes: {
      /** Newest first within a community: [community, updatedAt]. */
      'by-community-updated': [string, number];
      /** Pages and snippets by the URL they were clipped from, to spot "already clipped". */
      'by-canonical-url': string;
    };
  };
  /**
   * The server's copies of shared items, as pulled: one record per pulled page. A first sync brings tens of thousands of items, and every IndexedDB
   * request costs ~0.1 ms in Chromium; a page costs about what ten items would (its index
   * entries are cheap). The indexes are multiEntry over the page's own lists. Since v4.
   */
  serverPages: {
    key: PageKey;
    value: ServerPage;
    indexes: {
      'by-item': string;
      /** Live copies: [community, updatedAt, itemId]. */
      'by-community-updated': [string, number, string];
      /** Canonical URLs of live copies. */
      'by-canonical-url': string;
    };
  };
  /**
   * Per page: how many copies it holds, and which of them a later page supersedes. A superseded
   * copy stays until half the page is superseded, then the page is rewritten once: taking one
   * item out of a 500-copy page at each change made catching up on 5,000 scattered changes take
   * ~1,000 page rewrites (17 s in Chromium, with a replica of that scheme). Reads take an item's
   * copy from the newest page holding it. Since v4.
   */
  staleCopies: { key: PageKey; value: StaleCopies };
  /**
   * A shared item as the member sees it while their queued mutations change it (a pending edit,
   * an endorsement not yet acknowledged): it hides the server copy until a pull settles it.
   * Since v4.
   */
  views: { key: string; value: SyncedItem; indexes: { 'by-community': string } };
  /** The persisted search index (lib/search): a few thousand small records. Since v2. */
  search: { key: string; value: SearchRecord };
  /**
   * Ids of items written but not yet indexed, added in the same transaction as the item so a
   * crash between the write and the indexing loses nothing: the queue is drained on restart.
   * An entry is one id, the ids of items written together (since v3), or a pulled page's ids
   * with the page that holds them, read in one request (since v4). Since v2.
   */
  searchQueue: { key: number; value: QueuedIds };
  /** Shared communities this browser joined, with the member token. Since v3. */
  memberships: { key: string; value: Membership };
  /** Sync bookkeeping per community (lib/sync). Since v3. */
  syncState: { key: string; value: SyncState };
  /** Local mutations not yet acknowledged by the server: [community, seq]. Since v3. */
  outbox: { key: [string, number]; value: Mutation };
  /**
   * The related-tips index (lib/related/persisted.ts), by the keys a visited URL looks up: a
   * service worker that wakes up reads a few records to match a page, not every item. Since v5.
   */
  related: { key: string; value: RelatedRecord };
  /**
   * The member's private notes on items, by item id (lib/db/notes.ts): on this browser only,
   * never synced. Since v6.
   */
  privateNotes: { key: string; value: PrivateNote; indexes: { 'by-community': string } };
}

/** One searchQueue entry: an item id, ids written together, or a pulled page's ids. */
export type QueuedIds = string | string[] | { page: PageKey; ids: string[] };

export const idsOf = (entry: QueuedIds): string[] =>
  typeof entry === 'string' ? [entry] : Array.isArray(entry) ? entry : entry.ids;

export interface Membership {
  communityId: string;
  name: string;
  serverUrl: string;
  token: string;
  memberId: string;
  displayName: string;
  role: Role;
  memberCount: number;
  joinedAt: number;
  /** The team the member said they are in; absent before teams, null for none. */
  team?: string | null;
}

/** What the member sees beside a shared item. */
export interface ItemMeta {
  endorsements: Endorsement[];
  /** Every member's latest mark of each kind, taken back ones too (lib/wire/marks.ts). */
  marks: Mark[];
  conflicts: ConflictRevision[];
  /** The member's own note on it, kept on this browser only (lib/db/notes.ts). */
  privateNote?: string;
}

export type RepertoireDb = IDBPDatabase<RepertoireSchema>;
export type Tx = IDBPTransaction<
  RepertoireSchema,
  ArrayLike<StoreNames<RepertoireSchema>>,
  IDBTransactionMode
>;

/** `version` below the latest opens a database as an older release left it (migration tests). */
export function openRepertoireDb(name = DB_NAME, version = DB_VERSION): Promise<RepertoireDb> {
  return openDB<RepertoireSchema>(name, version, {
    upgrade(db, oldVersion, newVersion, transaction) {
      // One step per case, from that version to the next, run in order up to the one asked for.
      // Stores a later version dropped are reached untyped: the schema only knows today's.
      const untyped = db as unknown as IDBPDatabase;
      // Steps that move data run one after another: a later one reads what an earlier one wrote.
      let moved: Promise<void> = Promise.resolve();
      for (let step = oldVersion; step < (newVersion ?? DB_VERSION); step++) {
        switch (step) {
          case 0: {
            db.createObjectStore('communities', { keyPath: 'id' });
            const items = db.createObjectStore('items', { keyPath: 'id' });
            items.createIndex('by-community-updated', ['community', 'updatedAt']);
            items.createIndex('by-canonical-url', 'canonicalUrl');
            break;
          }
          case 1: {
            db.createObjectStore('search');
            const queue = db.createObjectStore('searchQueue', { autoIncrement: true });
            // Items stored before search existed get indexed on the next drain.
            void transaction
              .objectStore('items')
              .getAllKeys()
              .then((ids) => Promise.all(ids.map((id) => queue.add(id))));
            break;
          }
          case 2: {
            db.createObjectStore('memberships', { keyPath: 'communityId' });
            db.createObjectStore('syncState');
            untyped.createObjectStore('synced');
            db.createObjectStore('outbox');
            untyped.createObjectStore('itemMeta');
            break;
          }
          case 3: {
            const pages = db.createObjectStore('serverPages');
            pages.createIndex('by-item', 'ids', { multiEntry: true });
            pages.createIndex('by-community-updated', 'recent', { multiEntry: true });
            pages.createIndex('by-canonical-url', 'urls', { multiEntry: true });
            db.createObjectStore('staleCopies');
            db.createObjectStore('views', { keyPath: 'item.id' }).createIndex(
              'by-community',
              'item.community',
            );
            // v3 kept a server copy per item ('synced'), the view of every shared item in
            // 'items' and its endorsements in 'itemMeta': moved here, then those two go.
            moved = moved.then(() =>
              migrateSyncedToPages(
                untyped,
                transaction as unknown as IDBPTransaction<unknown, string[], 'versionchange'>,
              ),
            );
            break;
          }
          case 4: {
            db.createObjectStore('related');
            // The index of what is already stored; later writes reach it through the queue.
            moved = moved.then(() => buildRelated(transaction));
            break;
          }
          case 5: {
            db.createObjectStore('privateNotes', { keyPath: 'itemId' }).createIndex(
              'by-community',
              'community',
            );
            break;
          }
        }
      }
      // A step that fails leaves the database as it was, at its old version.
      moved.catch(() => transaction.abort());
    },
    blocking(_current, _blocked, event) {
      // A newer version wants to open elsewhere (an updated extension): step aside.
      (event.target as IDBDatabase).close();
    },
  });
}
