/**
 * The extension's sync engine for one community: local writes go to an outbox first, always; a
 * debounced push sends them; a pull with the stored cursor brings everyone else's changes.
 * Failures back off exponentially and show in the status. Protocol: docs/sync-protocol.md.
 */
import {
  type Item,
  type ItemKind,
  type MarkKind,
  Mutation,
  SYNC_LIMITS,
  type SyncedItem,
  writableFields,
} from '../wire';
import { t } from '../i18n';
import { SyncHttpError, SyncUnreachableError, type SyncTransport } from './http';
import { overlay, type Me } from './overlay';
import { refusalSentence } from './refusal';
import type { SyncState, SyncStore } from './store-interface';

/** The write that creates `item`: every field it has (fields a kind gained later are optional). */
function creation(item: Item) {
  const values = item as unknown as Record<string, unknown>;
  const all = Object.fromEntries(
    writableFields(item.kind).flatMap((f) => (values[f] === undefined ? [] : [[f, values[f]]])),
  );
  return { op: 'set' as const, itemId: item.id, kind: item.kind, fields: baseOn(all, {}) };
}

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'unauthorized';

export interface SyncStatus {
  phase: SyncPhase;
  /** Local mutations not yet acknowledged by the server. */
  pending: number;
  lastSyncedAt: number | null;
  lastError: { code: string; message: string } | null;
  /** When the next automatic attempt is due after a failure. */
  retryAt: number | null;
  /**
   * Changes the server refused (it never will apply them) since the member last dismissed this,
   * with the first reason of the latest refusal. The items affected show the server's version.
   */
  refused: { count: number; reason: string } | null;
}

export interface SyncEngineOptions {
  store: SyncStore;
  transport: SyncTransport;
  me: Me;
  /** Quiet time after a local write before pushing, so bursts of edits go in one batch. */
  debounceMs?: number;
  backoff?: { initialMs: number; maxMs: number };
}

/** A mutation before the engine numbers and stamps it. */
type Write = Mutation extends infer M
  ? M extends Mutation
    ? Omit<M, 'seq' | 'at'>
    : never
  : never;

const DEFAULT_BACKOFF = { initialMs: 1_000, maxMs: 5 * 60_000 };

export class SyncEngine {
  private status: SyncStatus;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private lock: Promise<unknown> = Promise.resolve();
  private running: Promise<SyncStatus> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private closed = false;

  private constructor(
    private readonly options: SyncEngineOptions,
    private state: SyncState,
    pending: number,
  ) {
    this.status = {
      phase: 'idle',
      pending,
      lastSyncedAt: state.lastSyncedAt,
      lastError: null,
      retryAt: null,
      refused: null,
    };
  }

  static async open(options: SyncEngineOptions): Promise<SyncEngine> {
    let state = await options.store.loadState();
    if (!state) {
      state = { clientId: newClientId(), nextSeq: 1, clock: 0, cursor: 0, lastSyncedAt: null };
      await options.store.saveState(state);
    }
    const engine = new SyncEngine(options, state, (await options.store.outbox()).length);
    if (engine.status.pending > 0) engine.schedule(0);
    return engine;
  }

  /** The member's team changed: marks written from now on carry the new one. */
  setTeam(team: string | null): void {
    this.options.me = { ...this.options.me, team };
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  /** Calls the listener on every status change; returns the unsubscribe function. */
  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new item, made on this device: every field goes to the server. */
  create(item: Item): Promise<SyncedItem | undefined> {
    return this.record(item.id, () => creation(item));
  }

  /**
   * New items in bulk (an import): as `create` for each, but their sequence numbers are taken
   * at once and the outbox is not read per item, so 10,000 cost one state write, not 10,000
   * outbox reads. Items are new, so none has a server copy or a pending write to overlay.
   */
  async createMany(items: readonly Item[]): Promise<void> {
    if (items.length === 0) return;
    await this.exclusive(async () => {
      const { store, me } = this.options;
      const first = this.state.nextSeq;
      const at = Math.max(Date.now() * 1000, this.state.clock + 1);
      // Refuses what the server would refuse, before anything is stored.
      const mutations = items.map((item, i) =>
        Mutation.parse({ ...creation(item), seq: first + i, at: at + i }),
      );
      this.state = { ...this.state, nextSeq: first + items.length, clock: at + items.length - 1 };
      await store.saveState(this.state);
      for (const mutation of mutations)
        await store.enqueue(mutation, overlay(undefined, [mutation], me));
    });
    this.queued(items.length);
  }

  /** Changed fields of an item, each based on the server version it was edited from. */
  edit(
    itemId: string,
    kind: ItemKind,
    changes: Record<string, unknown>,
  ): Promise<SyncedItem | undefined> {
    return this.record(itemId, (synced) => ({
      op: 'set',
      itemId,
      kind,
      fields: baseOn(changes, synced?.fieldVersions ?? {}),
    }));
  }

  /** Deletion is an edit of `deletedAt`: the item becomes a tombstone that syncs. */
  remove(itemId: string, kind: ItemKind, deletedAt = Date.now()): Promise<SyncedItem | undefined> {
    return this.edit(itemId, kind, { deletedAt });
  }

  /** Undoing a deletion is clearing `deletedAt`, a write like any other (author or steward). */
  restore(itemId: string, kind: ItemKind): Promise<SyncedItem | undefined> {
    return this.edit(itemId, kind, { deletedAt: null });
  }

  endorse(itemId: string, endorsed: boolean): Promise<SyncedItem | undefined> {
    return this.record(itemId, () => ({ op: 'endorse', itemId, endorsed }));
  }

  /**
   * The member's own mark of that kind, added (with its note, if it carries one) or taken back.
   * `markedAt` is the clock community rules read (lib/repertoire/settings.ts, communityNow).
   */
  mark(
    itemId: string,
    mark: MarkKind,
    on: boolean,
    note?: string,
    markedAt = Date.now(),
  ): Promise<SyncedItem | undefined> {
    const noted = note === undefined ? {} : { note };
    return this.record(itemId, () => ({
      op: 'mark',
      itemId,
      mark,
      on,
      markedAt,
      ...noted,
    }));
  }

  /** Settles a field's conflict: writes the chosen value and dismisses the revisions shown. */
  resolve(
    itemId: string,
    kind: ItemKind,
    field: string,
    value: unknown,
    dismiss: number[],
  ): Promise<SyncedItem | undefined> {
    return this.record(itemId, (synced) => {
      const base = synced?.fieldVersions[field] ?? 0;
      return { op: 'set', itemId, kind, fields: { [field]: { value, base, dismiss } } };
    });
  }

  /** Pushes the whole outbox, then pulls until up to date. One run at a time. */
  sync(): Promise<SyncStatus> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clearTimer();
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        void this.sync();
      }
    });
    return this.running;
  }

  /** The status's retry button: forget the backoff and sync now. */
  retry(): Promise<SyncStatus> {
    this.failures = 0;
    return this.sync();
  }

  /** The member has read the notice about refused changes. */
  dismissRefused(): void {
    this.update({ refused: null });
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
    this.listeners.clear();
  }

  private async run(): Promise<SyncStatus> {
    this.update({ phase: 'syncing' });
    try {
      // A stuck outbox must not keep others' changes away: pull even when the push failed.
      const pushed = await this.push().then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
      await this.pull();
      if (pushed) throw pushed.error;
      this.failures = 0;
      const lastSyncedAt = Date.now();
      await this.exclusive(async () => {
        this.state = { ...this.state, lastSyncedAt };
        await this.options.store.saveState(this.state);
      });
      this.update({ phase: 'idle', lastSyncedAt, lastError: null, retryAt: null });
    } catch (error) {
      this.fail(error);
    }
    this.update({ pending: (await this.options.store.outbox()).length });
    return this.status;
  }

  private async push(): Promise<void> {
    let limit: number = SYNC_LIMITS.mutationsPerPush;
    for (;;) {
      const batch = await this.options.store.outbox(limit);
      const last = batch.at(-1);
      if (!last) return;
      let response;
      try {
        response = await this.options.transport.push({
          clientId: this.state.clientId,
          mutations: batch,
        });
      } catch (error) {
        // Too large: halve the batch until it fits (a single huge item still fails).
        if (error instanceof SyncHttpError && error.status === 413 && limit > 1) {
          limit = Math.ceil(batch.length / 2);
          continue;
        }
        throw error;
      }
      // Applied, duplicate or rejected: every mutation of an answered push is settled.
      const refused = response.results.filter((r) => r.status === 'rejected');
      // A duplicate was answered before, maybe refused, in an answer that was lost: its item is
      // shown from the server's copy too, or a refused change would stay on screen for good.
      const settled = response.results.filter((r) => r.status !== 'applied');
      await this.exclusive(async () => {
        await this.options.store.acknowledge(last.seq);
        await this.showWithout(settled.flatMap((r) => batch.find((m) => m.seq === r.seq) ?? []));
      });
      this.update({ pending: Math.max(0, this.status.pending - batch.length) });
      const [first] = refused;
      if (first) {
        const count = (this.status.refused?.count ?? 0) + refused.length;
        this.update({ refused: { count, reason: refusalSentence(first) } });
      }
    }
  }

  /**
   * Refused mutations will never apply, so the items they changed are shown as the server has
   * them, with the still-queued mutations on top: they kept showing the refused change before.
   */
  private async showWithout(refused: readonly Mutation[]): Promise<void> {
    const { store, me } = this.options;
    const outbox = await store.outbox();
    for (const itemId of new Set(refused.map((m) => m.itemId))) {
      const pending = outbox.filter((m) => m.itemId === itemId);
      const synced = await store.getSynced(itemId);
      await store.setView(itemId, pending.length > 0 ? overlay(synced, pending, me) : undefined);
    }
  }

  private async pull(): Promise<void> {
    // The next page is asked for as soon as this one's cursor is known, so the network and the
    // server work while this page is stored: a first sync of a large repertoire is mostly that.
    let next = this.options.transport.pull(this.state.cursor);
    for (;;) {
      let page;
      try {
        page = await next;
      } catch (error) {
        if (error instanceof SyncHttpError && error.status === 410 && this.state.cursor > 0) {
          await this.exclusive(async () => {
            this.state = { ...this.state, cursor: 0 };
            await this.options.store.resetSynced(this.state);
          });
          next = this.options.transport.pull(0);
          continue;
        }
        throw error;
      }
      const { changes, cursor, hasMore, settings } = page;
      if (hasMore) {
        next = this.options.transport.pull(cursor);
        // Failures surface when the page is awaited, above; not before, as unhandled.
        next.catch(() => undefined);
      }
      await this.exclusive(async () => {
        const outbox = await this.options.store.outbox();
        const pulled = changes.map((synced) => {
          const pending = outbox.filter((m) => m.itemId === synced.item.id);
          if (pending.length === 0) return { synced };
          return { synced, view: overlay(synced, pending, this.options.me) ?? synced };
        });
        this.state = { ...this.state, cursor, ...(settings ? { settings } : {}) };
        await this.options.store.applyPulled(pulled, this.state);
      });
      if (!hasMore) return;
    }
  }

  private fail(error: unknown): void {
    if (error instanceof SyncHttpError) {
      const lastError = { code: error.code, message: error.message };
      if (error.status === 401) {
        this.update({ phase: 'unauthorized', lastError, retryAt: null });
        return;
      }
      if (error.status !== 429 && error.status < 500) {
        // The request itself is wrong; repeating it cannot help. The retry button still can.
        this.update({ phase: 'error', lastError, retryAt: null });
        return;
      }
      this.backOff('error', lastError, error.retryAfterMs ?? 0);
      return;
    }
    if (error instanceof SyncUnreachableError) {
      this.backOff('offline', { code: 'network', message: error.message }, 0);
      return;
    }
    // An answer that does not follow the protocol (or a bug): said as such, retried like an outage.
    const detail = error instanceof Error ? error.message : String(error);
    const message = t('background_syncUnexpected', { detail: detail.slice(0, 200) });
    this.backOff('error', { code: 'unexpected', message }, 0);
  }

  private backOff(phase: SyncPhase, lastError: SyncStatus['lastError'], atLeastMs: number): void {
    const { initialMs, maxMs } = this.options.backoff ?? DEFAULT_BACKOFF;
    const exponential = Math.min(maxMs, initialMs * 2 ** this.failures);
    this.failures++;
    // Jitter spreads the retries of many clients after an outage.
    const delay = Math.max(atLeastMs, exponential * (0.5 + Math.random() / 2));
    this.update({ phase, lastError, retryAt: Date.now() + delay });
    this.schedule(delay);
  }

  /**
   * Numbers, stamps, validates and queues a write. The write is built under the lock from the
   * server copy, so a pull landing meanwhile cannot leave it based on a stale version.
   */
  private async record(
    itemId: string,
    build: (synced: SyncedItem | undefined) => Write,
  ): Promise<SyncedItem | undefined> {
    const view = await this.exclusive(async () => {
      const { store, me } = this.options;
      const synced = await store.getSynced(itemId);
      const seq = this.state.nextSeq;
      const at = Math.max(Date.now() * 1000, this.state.clock + 1);
      // Refuses what the server would refuse, before anything is stored.
      const mutation = Mutation.parse({ ...build(synced), seq, at });
      this.state = { ...this.state, nextSeq: seq + 1, clock: at };
      await store.saveState(this.state);
      const pending = (await store.outbox()).filter((m) => m.itemId === mutation.itemId);
      const next = overlay(synced, [...pending, mutation], me);
      await store.enqueue(mutation, next);
      return next;
    });
    this.queued(1);
    return view;
  }

  /** `count` writes more wait in the outbox: push them after the quiet time. */
  private queued(count: number): void {
    this.update({ pending: this.status.pending + count });
    // After a failure the backoff timer decides; without a valid token only the user can.
    const waiting = this.status.retryAt !== null || this.status.phase === 'unauthorized';
    if (!waiting) this.schedule(this.options.debounceMs ?? 2_000);
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    this.clearTimer();
    this.timer = setTimeout(() => void this.sync(), delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Serialises store updates that read then write (seq allocation, views over the outbox). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private update(change: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...change };
    for (const listener of this.listeners) listener(this.status);
  }
}

/** Field writes of `values`, each based on the field's server version (0 if none yet). */
function baseOn(
  values: Record<string, unknown>,
  versions: Record<string, number>,
): Record<string, { value: unknown; base: number }> {
  return Object.fromEntries(
    Object.entries(values).map(([k, value]) => [k, { value, base: versions[k] ?? 0 }]),
  );
}

function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
