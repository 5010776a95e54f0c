import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SETTINGS,
  fieldWrites,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SyncedItem,
  type TipItem,
  uuidv7,
} from '../wire';
import { SyncEngine } from './engine';
import { SyncHttpError, SyncUnreachableError, type SyncTransport } from './http';
import { MemorySyncStore } from '../../test/support/memory-sync-store';

const me = { communityId: 'c1', memberId: 'm-ann', displayName: 'Ann' };

function tip(values: Partial<TipItem> = {}): TipItem {
  return {
    id: uuidv7(),
    community: 'c1',
    kind: 'tip',
    title: 'A tip',
    url: null,
    canonicalUrl: null,
    siteName: null,
    byline: null,
    publishedTime: null,
    excerpt: null,
    tags: [],
    author: 'Ann',
    createdAt: 1,
    updatedAt: 1,
    deletedAt: null,
    body: 'body',
    tool: null,
    appliesTo: [],
    ...values,
  };
}

function synced(item: TipItem, version: number, extra: Partial<SyncedItem> = {}): SyncedItem {
  const fieldVersions = Object.fromEntries(Object.keys(item).map((k) => [k, version]));
  return { item, version, fieldVersions, endorsements: [], conflicts: [], ...extra };
}

/** Answers pushes as applied and pulls from a queue of pages; failures are queued per call. */
class FakeTransport implements SyncTransport {
  readonly pushes: PushRequest[] = [];
  readonly pulls: number[] = [];
  pushFailures: unknown[] = [];
  pullFailures: unknown[] = [];
  pages: PullResponse[] = [];
  rejectLargerThan = Infinity;
  /** Mutations the server refuses, by seq, with its reason. */
  refuse = new Map<number, string>();

  async push(request: PushRequest): Promise<PushResponse> {
    this.pushes.push(request);
    const failure = this.pushFailures.shift();
    if (failure) throw failure;
    if (request.mutations.length > this.rejectLargerThan) {
      throw new SyncHttpError(413, 'body_too_large', 'split', null);
    }
    return {
      results: request.mutations.map((m) => {
        const reason = this.refuse.get(m.seq);
        return reason
          ? { seq: m.seq, status: 'rejected', reason }
          : { seq: m.seq, status: 'applied' };
      }),
    };
  }

  async pull(cursor: number): Promise<PullResponse> {
    this.pulls.push(cursor);
    const failure = this.pullFailures.shift();
    if (failure) throw failure;
    return this.pages.shift() ?? { changes: [], cursor, hasMore: false };
  }
}

describe('SyncEngine', () => {
  let store: MemorySyncStore;
  let transport: FakeTransport;
  let engine: SyncEngine;

  beforeEach(async () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    store = new MemorySyncStore();
    transport = new FakeTransport();
    engine = await SyncEngine.open({ store, transport, me, debounceMs: 2_000 });
  });
  afterEach(() => {
    engine.close();
    vi.useRealTimers();
  });

  it('keeps local writes in the outbox and shows them at once', async () => {
    const item = tip({ title: 'mine' });
    await engine.create(item);
    await engine.edit(item.id, 'tip', { title: 'mine, edited' });
    await engine.endorse(item.id, true);

    const outbox = await store.outbox();
    expect(outbox.map((m) => [m.seq, m.op])).toEqual([
      [1, 'set'],
      [2, 'set'],
      [3, 'endorse'],
    ]);
    const first = outbox[0]!;
    expect(first.op === 'set' && fieldWrites(first).every(([, f]) => f.base === 0)).toBe(true);
    expect(first.op === 'set' && Object.keys(first.fields)).not.toContain('author');
    const view = store.items().get(item.id)!;
    expect(view.item.title).toBe('mine, edited');
    expect(view.endorsements.map((e) => e.memberId)).toEqual(['m-ann']);
    expect(engine.getStatus().pending).toBe(3);
    expect(transport.pushes).toHaveLength(0);
  });

  it('creates items in bulk as one by one: the same writes in order, shown at once, pushed together', async () => {
    const first = tip({ title: 'before' });
    await engine.create(first);
    const many = ['a', 'b', 'c'].map((title) => tip({ title }));
    await engine.createMany(many);
    const outbox = await store.outbox();
    expect(outbox.map((m) => [m.seq, m.itemId])).toEqual([
      [1, first.id],
      ...many.map((item, i) => [i + 2, item.id]),
    ]);
    // Each one as `create` would have written it, and stamped after the one before.
    await engine.create(tip());
    const alone = (await store.outbox()).at(-1)!;
    for (const m of outbox.slice(1)) {
      expect(m.op === 'set' && Object.keys(m.fields).sort()).toEqual(
        alone.op === 'set' && Object.keys(alone.fields).sort(),
      );
    }
    const stamps = (await store.outbox()).map((m) => m.at);
    expect([...stamps].sort((x, y) => x - y)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(many.map((item) => store.items().get(item.id)?.item.title)).toEqual(['a', 'b', 'c']);
    expect(engine.getStatus().pending).toBe(5);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(transport.pushes).toHaveLength(1);
    expect(transport.pushes[0]!.mutations).toHaveLength(5);
  });

  it('shows the member’s marks at once, “This answered it” as a “Helped me” too', async () => {
    const item = tip();
    await engine.create(item);
    await engine.mark(item.id, 'vouch', true);
    await engine.mark(item.id, 'answered', true, 'saved my deploy');
    await engine.mark(item.id, 'vouch', false);
    const view = store.items().get(item.id)!;
    expect(view.marks?.map((m) => [m.kind, m.on, m.note])).toEqual([
      ['helped', true, 'saved my deploy'],
      ['vouch', false, undefined],
      ['answered', true, 'saved my deploy'],
    ]);
    expect(view.marks?.every((m) => m.memberId === 'm-ann' && m.name === 'Ann')).toBe(true);
    expect(view.endorsements.map((e) => e.memberId)).toEqual(['m-ann']);
  });

  it('stamps writes with a clock that never goes back', async () => {
    const item = tip();
    await engine.create(item);
    vi.setSystemTime(500);
    await engine.edit(item.id, 'tip', { title: 'later' });
    const [a, b] = await store.outbox();
    expect(b!.at).toBeGreaterThan(a!.at);
  });

  it('refuses a write the server would refuse, storing nothing', async () => {
    const item = tip();
    await expect(engine.edit(item.id, 'tip', { title: 'x'.repeat(1_001) })).rejects.toThrow();
    await expect(engine.edit(item.id, 'tip', { author: 'someone else' })).rejects.toThrow();
    expect(await store.outbox()).toEqual([]);
    expect((await store.loadState())?.nextSeq).toBe(1);
  });

  it('pushes a burst of writes in one batch after the debounce, then pulls', async () => {
    const item = tip();
    await engine.create(item);
    await engine.edit(item.id, 'tip', { title: 'two' });
    await engine.edit(item.id, 'tip', { title: 'three' });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(transport.pushes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport.pushes.map((p) => p.mutations.length)).toEqual([3]);
    expect(transport.pulls).toEqual([0]);
    expect(await store.outbox()).toEqual([]);
    expect(engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, lastError: null });
    expect(engine.getStatus().lastSyncedAt).toBe(Date.now());
  });

  it('keeps everything while the server is down, backs off, then catches up', async () => {
    const down = () => new SyncUnreachableError('https://sync.example');
    transport.pushFailures = [down(), down(), down()];
    await engine.create(tip());
    const delays: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt === 0) await engine.sync();
      else await vi.advanceTimersByTimeAsync(engine.getStatus().retryAt! - Date.now());
      const status = engine.getStatus();
      expect(status).toMatchObject({ phase: 'offline', pending: 1 });
      expect(status.lastError?.code).toBe('network');
      expect(status.lastError?.message).toMatch(/^The server at sync.example can't be reached/);
      delays.push(status.retryAt! - Date.now());
    }
    // Exponential with jitter: attempt n waits between 0.5 and 1 times 1 s * 2^n.
    delays.forEach((d, n) => {
      expect(d).toBeGreaterThanOrEqual(500 * 2 ** n);
      expect(d).toBeLessThanOrEqual(1_000 * 2 ** n);
    });
    expect(await store.outbox()).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(engine.getStatus().retryAt! - Date.now());
    expect(engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0, retryAt: null });
    expect(transport.pushes).toHaveLength(4);
  });

  it('waits at least Retry-After when rate limited', async () => {
    transport.pushFailures = [new SyncHttpError(429, 'rate_limited', 'slow down', 30_000)];
    await engine.create(tip());
    await engine.sync();
    expect(engine.getStatus().phase).toBe('error');
    expect(engine.getStatus().retryAt! - Date.now()).toBeGreaterThanOrEqual(30_000);
  });

  it('stops retrying on 401 until the user acts', async () => {
    transport.pushFailures = [new SyncHttpError(401, 'invalid_token', 'join again', null)];
    await engine.create(tip());
    await engine.sync();
    expect(engine.getStatus()).toMatchObject({ phase: 'unauthorized', retryAt: null });
    await engine.create(tip());
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(transport.pushes).toHaveLength(1);
    expect(await store.outbox()).toHaveLength(2);

    await engine.retry();
    expect(engine.getStatus()).toMatchObject({ phase: 'idle', pending: 0 });
  });

  it('halves a batch the server finds too large until it fits', async () => {
    transport.rejectLargerThan = 2;
    for (let i = 0; i < 5; i++) await engine.create(tip());
    await engine.sync();
    expect(transport.pushes.map((p) => p.mutations.length)).toEqual([5, 3, 2, 2, 1]);
    expect(await store.outbox()).toEqual([]);
  });

  it('follows the cursor page by page', async () => {
    const a = tip();
    const b = tip();
    transport.pages = [
      { changes: [synced(a, 1)], cursor: 1, hasMore: true },
      { changes: [synced(b, 2)], cursor: 2, hasMore: false },
    ];
    await engine.sync();
    expect(transport.pulls).toEqual([0, 1]);
    expect([...store.items().keys()]).toEqual([a.id, b.id]);
    await engine.sync();
    expect(transport.pulls).toEqual([0, 1, 2]);
  });

  it('keeps the community’s settings as last pulled', async () => {
    const settings = { ...DEFAULT_SETTINGS, reviewIntervalDays: 30, version: 4 };
    transport.pages = [{ changes: [], settings, cursor: 4, hasMore: false }];
    await engine.sync();
    expect((await store.loadState())?.settings).toEqual(settings);
    // A pull that brings no settings keeps the ones known.
    await engine.sync();
    expect((await store.loadState())?.settings).toEqual(settings);
  });

  it('resyncs from scratch when the server purged past its cursor', async () => {
    const gone = tip();
    const kept = tip();
    transport.pages = [{ changes: [synced(gone, 4), synced(kept, 5)], cursor: 5, hasMore: false }];
    await engine.sync();
    transport.pullFailures = [new SyncHttpError(410, 'resync_required', 'from 0', null)];
    transport.pages = [{ changes: [synced(kept, 5)], cursor: 9, hasMore: false }];
    await engine.sync();
    expect(transport.pulls).toEqual([0, 5, 0]);
    expect([...store.items().keys()]).toEqual([kept.id]);
    expect((await store.loadState())?.cursor).toBe(9);
  });

  it('keeps pending edits on top of pulled copies, based on the pulled version', async () => {
    const item = tip({ title: 'server' });
    transport.pages = [{ changes: [synced(item, 3)], cursor: 3, hasMore: false }];
    await engine.sync();

    transport.pushFailures = [new SyncUnreachableError('https://sync.example')];
    await engine.edit(item.id, 'tip', { title: 'mine' });
    const [edit] = await store.outbox();
    expect(edit?.op === 'set' && edit.fields['title']).toEqual({ value: 'mine', base: 3 });
    await engine.sync();
    expect(engine.getStatus().phase).toBe('offline');

    // Someone else's change arrives while ours is still queued: ours stays visible.
    const theirs = { ...item, title: 'theirs', tags: ['new'] };
    transport.pages = [{ changes: [synced(theirs, 7)], cursor: 7, hasMore: false }];
    transport.pushFailures = [new SyncUnreachableError('https://sync.example')];
    await engine.retry();
    expect(store.items().get(item.id)?.item).toMatchObject({ title: 'mine', tags: ['new'] });
    expect((await store.getSynced(item.id))?.item.title).toBe('theirs');
  });

  it('records new items as this member’s, and restores a deleted one by clearing deletedAt', async () => {
    const item = tip({ title: 'mine' });
    expect((await engine.create(item))?.item.authorId).toBe('m-ann');
    const gone = { ...item, deletedAt: 5 };
    transport.pages = [{ changes: [synced(gone, 4)], cursor: 4, hasMore: false }];
    await engine.sync();
    const back = await engine.restore(item.id, 'tip');
    expect(back?.item.deletedAt).toBeNull();
    const restore = (await store.outbox()).at(-1);
    expect(restore?.op === 'set' && restore.fields).toEqual({
      deletedAt: { value: null, base: 4 },
    });
  });

  it('says so when the server refuses a change, and shows the item as the server has it', async () => {
    const item = tip({ title: 'shared' });
    await store.applyPulled([{ synced: synced(item, 3) }], (await store.loadState())!);
    await engine.edit(item.id, 'tip', { title: 'refused edit' });
    await engine.endorse(item.id, true);
    transport.refuse.set(1, 'item is a page, not a tip');
    await engine.sync();
    expect(engine.getStatus()).toMatchObject({
      phase: 'idle',
      pending: 0,
      refused: { count: 1, reason: 'item is a page, not a tip' },
    });
    // The endorsement was applied; the refused title is gone from what the member sees.
    expect(store.items().get(item.id)?.item.title).toBe('shared');
    engine.dismissRefused();
    expect(engine.getStatus().refused).toBeNull();
  });

  it('keeps what is still queued on top when a refused change is dropped', async () => {
    const item = tip({ title: 'shared', body: 'shared body' });
    await store.applyPulled([{ synced: synced(item, 3) }], (await store.loadState())!);
    await engine.edit(item.id, 'tip', { title: 'refused edit' });
    await engine.edit(item.id, 'tip', { body: 'still queued' });
    // One mutation per push: the first is refused, then the server is unreachable.
    transport.refuse.set(1, 'no');
    transport.rejectLargerThan = 1;
    transport.pushFailures = [
      undefined,
      undefined,
      new SyncUnreachableError('https://sync.example'),
    ];
    await engine.sync();
    expect(engine.getStatus()).toMatchObject({ phase: 'offline', pending: 1 });
    const view = store.items().get(item.id)!.item;
    expect([view.title, view.kind === 'tip' && view.body]).toEqual(['shared', 'still queued']);
    expect(engine.getStatus().refused?.count).toBe(1);
  });

  it('resolves a conflict by writing the value and dismissing the revisions shown', async () => {
    const item = tip({ title: 'winner' });
    const conflict = {
      field: 'title',
      value: 'loser',
      author: 'Bob',
      clientId: 'b',
      at: 1,
      version: 4,
    };
    transport.pages = [
      { changes: [synced(item, 5, { conflicts: [conflict] })], cursor: 5, hasMore: false },
    ];
    await engine.sync();
    const view = await engine.resolve(item.id, 'tip', 'title', 'winner + loser', [4]);
    expect(view?.item.title).toBe('winner + loser');
    expect(view?.conflicts).toEqual([]);
    const [m] = await store.outbox();
    expect(m?.op === 'set' && m.fields['title']).toEqual({
      value: 'winner + loser',
      base: 5,
      dismiss: [4],
    });
  });
});
