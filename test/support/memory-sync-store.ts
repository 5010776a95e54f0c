/** SyncStore in memory: the reference implementation, and the test double of the engine. */
import type { Mutation, SyncedItem } from '../../lib/wire';
import type { PulledChange, SyncState, SyncStore } from '../../lib/sync';

export class MemorySyncStore implements SyncStore {
  private state: SyncState | undefined;
  private readonly synced = new Map<string, SyncedItem>();
  private readonly views = new Map<string, SyncedItem>();
  private queue: Mutation[] = [];

  /** What the user sees, by item id. */
  items(): ReadonlyMap<string, SyncedItem> {
    return this.views;
  }

  async loadState(): Promise<SyncState | undefined> {
    return this.state && { ...this.state };
  }

  async saveState(state: SyncState): Promise<void> {
    this.state = { ...state };
  }

  async getSynced(itemId: string): Promise<SyncedItem | undefined> {
    return this.synced.get(itemId);
  }

  async enqueue(mutation: Mutation, view: SyncedItem | undefined): Promise<void> {
    this.queue.push(mutation);
    if (view) this.views.set(view.item.id, view);
  }

  async outbox(limit = Infinity): Promise<Mutation[]> {
    return this.queue.slice(0, limit);
  }

  async acknowledge(upToSeq: number): Promise<void> {
    this.queue = this.queue.filter((m) => m.seq > upToSeq);
  }

  async setView(itemId: string, view: SyncedItem | undefined): Promise<void> {
    const shown = view ?? this.synced.get(itemId);
    if (shown) this.views.set(itemId, shown);
    else this.views.delete(itemId);
  }

  async applyPulled(changes: readonly PulledChange[], state: SyncState): Promise<void> {
    for (const { synced, view } of changes) {
      this.synced.set(synced.item.id, synced);
      this.views.set(synced.item.id, view ?? synced);
    }
    this.state = { ...state };
  }

  async resetSynced(state: SyncState): Promise<void> {
    const backed = new Set(this.queue.map((m) => m.itemId));
    this.synced.clear();
    for (const id of [...this.views.keys()]) if (!backed.has(id)) this.views.delete(id);
    this.state = { ...state };
  }
}
