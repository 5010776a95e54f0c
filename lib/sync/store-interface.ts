/**
 * What the sync engine needs from local storage, per community. The extension implements it over
 * IndexedDB (lib/db); test/support/memory-sync-store.ts is the reference implementation. Methods that take several
 * things must store them atomically (one IndexedDB transaction), or a crash could lose a write.
 */
import type { Mutation, SyncedItem, SyncedSettings } from '../wire';

/** Sync bookkeeping of one community on this device. */
export interface SyncState {
  /** Random, chosen once: the server deduplicates pushes by (member, clientId, seq). */
  clientId: string;
  /** Seq of the next local mutation. Saved before that mutation is queued: never reused. */
  nextSeq: number;
  /** Last hybrid-clock stamp handed out (ms * 1000 + counter). */
  clock: number;
  /** Server version up to which changes have been pulled. */
  cursor: number;
  lastSyncedAt: number | null;
  /** The community's settings as last pulled; absent until a server that has them is pulled. */
  settings?: SyncedSettings;
}

/**
 * A pulled server copy, and the item as the user should now see it when queued (not yet
 * acknowledged) mutations change it; without `view`, the server copy is what they see.
 */
export interface PulledChange {
  synced: SyncedItem;
  view?: SyncedItem;
}

export interface SyncStore {
  loadState(): Promise<SyncState | undefined>;
  saveState(state: SyncState): Promise<void>;
  /** The server's copy of an item, as last pulled. */
  getSynced(itemId: string): Promise<SyncedItem | undefined>;
  /** Atomically: appends the mutation to the outbox and stores the item as the user now sees it. */
  enqueue(mutation: Mutation, view: SyncedItem | undefined): Promise<void>;
  /** Queued mutations, oldest (lowest seq) first. */
  outbox(limit?: number): Promise<Mutation[]>;
  /** Removes queued mutations with seq <= upToSeq: the server has settled them. */
  acknowledge(upToSeq: number): Promise<void>;
  /**
   * What the user sees of an item once the mutations changing it are no longer what the server
   * will apply (it refused one): `view` when queued ones still change it, else the server copy
   * (or nothing, if the server never had the item).
   */
  setView(itemId: string, view: SyncedItem | undefined): Promise<void>;
  /** Atomically: stores server copies, the user's views of them, and the state (new cursor). */
  applyPulled(changes: readonly PulledChange[], state: SyncState): Promise<void>;
  /**
   * The server purged history past our cursor: forget every server copy, and every view that no
   * queued mutation backs. A pull from cursor 0 follows and brings back what still exists.
   */
  resetSynced(state: SyncState): Promise<void>;
}
