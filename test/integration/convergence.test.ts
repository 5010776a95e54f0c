/**
 * Property: simulated members (a steward and plain members), each with the real sync engine, make
 * random creates, edits, deletes, endorsements and conflict resolutions while offline, and sync in
 * random orders against the real server; a plain member's change of another's item is refused. Afterwards every replica is identical, and no write is lost: each text edit is
 * the field's value, a kept conflict revision, or was overwritten by someone who had seen it; each
 * tag added is still there, unless someone who had seen it edited the tags afterwards.
 * More runs: CONVERGENCE_RUNS=500 npx vitest run --project integration convergence
 * Replay a failure: CONVERGENCE_SEED=<seed printed by fast-check> (same command).
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getItemMeta,
  getItems,
  idbSyncStore,
  openRepertoireDb,
  type RepertoireDb,
} from '../../lib/db';
import type { SyncEngine, SyncStore } from '../../lib/sync';
import {
  type ConflictRevision,
  type Endorsement,
  type Item,
  type Mark,
  mayChange,
  type Role,
  type TipItem,
  uuidv7,
} from '../../lib/wire';
import {
  SETUPS,
  memberEngine,
  sampleItem,
  startServer,
  type TestCommunity,
  type TestServer,
} from './harness';

const CLIENTS = 3;
const TEXT_FIELDS = ['title', 'body'] as const;
const RUNS = { sqlite: 30, postgres: 12 };

type Op =
  | { type: 'create'; client: number }
  | { type: 'edit'; client: number; item: number; field: 'title' | 'body' | 'tags' | 'answers' }
  | { type: 'delete'; client: number; item: number }
  | { type: 'endorse'; client: number; item: number; endorsed: boolean }
  | { type: 'mark'; client: number; item: number; mark: TipMark; on: boolean }
  | { type: 'retire'; client: number; item: number; retired: boolean }
  /** A sync whose push reaches the server but whose answer is lost: the next sync retries it. */
  | { type: 'lossy-sync'; client: number }
  | { type: 'resolve'; client: number; item: number }
  | { type: 'sync'; client: number }
  /** The background restarts (MV3 stops it when idle): a new engine and store, same database. */
  | { type: 'restart'; client: number };

/** The marks a tip takes, with the note each needs. */
const TIP_MARKS = ['helped', 'vouch', 'verified', 'needs_update', 'answered'] as const;
type TipMark = (typeof TIP_MARKS)[number];
const NOTES: Partial<Record<TipMark, string>> = { helped: 'saved me', needs_update: 'renamed' };

const client = fc.nat({ max: CLIENTS - 1 });
const item = fc.nat({ max: 20 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('create' as const), client }), weight: 2 },
  {
    arbitrary: fc.record({
      type: fc.constant('edit' as const),
      client,
      item,
      field: fc.constantFrom(
        'title' as const,
        'body' as const,
        'tags' as const,
        'answers' as const,
      ),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ type: fc.constant('delete' as const), client, item }), weight: 1 },
  {
    arbitrary: fc.record({
      type: fc.constant('endorse' as const),
      client,
      item,
      endorsed: fc.boolean(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      type: fc.constant('mark' as const),
      client,
      item,
      mark: fc.constantFrom(...TIP_MARKS),
      on: fc.boolean(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      type: fc.constant('retire' as const),
      client,
      item,
      retired: fc.boolean(),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ type: fc.constant('lossy-sync' as const), client }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('resolve' as const), client, item }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('sync' as const), client }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('restart' as const), client }), weight: 1 },
);

interface Replica {
  engine: SyncEngine;
  /** A new engine over a new store of the same database, as a restarted background makes. */
  open(): Promise<SyncEngine>;
  store: () => SyncStore;
  db: RepertoireDb;
  memberId: string;
  role: Role;
  /** Set for one sync: the server applies the push, its answer never arrives. */
  loseAnswers: boolean;
}

/** What a member sees of an item, as the extension reads it, and the marks it stores. */
interface Seen {
  item: Item;
  endorsements: Endorsement[];
  conflicts: ConflictRevision[];
  marks: Mark[];
}

/** Every item of the replica, tombstones too, by id, read through lib/db as the popup does. */
async function seen(db: RepertoireDb, store: SyncStore): Promise<Seen[]> {
  const ids = new Set<string>();
  for (const page of await db.getAll('serverPages')) for (const id of page.ids) ids.add(id);
  for (const view of await db.getAll('views')) ids.add(view.item.id);
  const sorted = [...ids].sort();
  const [items, metas] = await Promise.all([
    getItems(db, sorted),
    Promise.all(sorted.map((id) => getItemMeta(db, id))),
  ]);
  const copies = await Promise.all(sorted.map((id) => store.getSynced(id)));
  return sorted.map((id, i) => ({
    item: items[i]!,
    endorsements: metas[i]?.endorsements ?? [],
    conflicts: metas[i]?.conflicts ?? [],
    marks: copies[i]?.marks ?? [],
  }));
}

let replicaDbs = 0;

describe.each(SETUPS)('convergence on $name', ({ backend, workers }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, {}, {}, workers);
  });
  afterAll(() => server.stop());

  async function replicas(community: TestCommunity, count: number): Promise<Replica[]> {
    return Promise.all(
      Array.from({ length: count }, async (_, i) => {
        // The first is a steward, who may change anything; the others only their own items.
        const role = i === 0 ? 'steward' : 'member';
        const member = await community.join(`Member ${i}`, role);
        // The extension's own store, over fake-indexeddb: one database per replica.
        const db = await openRepertoireDb(`replica-${++replicaDbs}`);
        const store = () => idbSyncStore(db, member.communityId);
        const replica = { memberId: member.memberId, role, loseAnswers: false } as Replica;
        const lossy: typeof fetch = async (input, init) => {
          const res = await fetch(input, init);
          if (replica.loseAnswers && init?.method === 'POST') throw new TypeError('answer lost');
          return res;
        };
        // Syncs happen only when the property says so: no retry timer fires during a run.
        const never = { initialMs: 1e9, maxMs: 1e9 };
        const open = () =>
          memberEngine(member, `Member ${i}`, store(), { fetch: lossy, backoff: never });
        return Object.assign(replica, { engine: await open(), open, store, db });
      }),
    );
  }

  it('converges without losing a write, whatever the order of offline work and syncs', async () => {
    const runs = Number(process.env['CONVERGENCE_RUNS'] ?? RUNS[backend]);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const community = await server.community();
        const all = await replicas(community, CLIENTS);
        let n = 0;
        const fresh = () => `v${++n}`;
        const written = new Set<string>();
        const superseded = new Set<string>();
        const lastEndorsement = new Map<string, boolean>();
        const lastMark = new Map<string, boolean>();
        const key = (id: string, field: string, value: unknown) =>
          `${id}|${field}|${String(value)}`;

        for (const o of ops) {
          const replica = all[o.client]!;
          const { engine, db, memberId, role } = replica;
          const visible = await seen(db, replica.store());
          if (o.type === 'restart') {
            engine.close();
            replica.engine = await replica.open();
            continue;
          }
          if (o.type === 'create') {
            const tip = sampleItem('tip', { title: fresh(), body: fresh() }) as TipItem;
            for (const f of TEXT_FIELDS) written.add(key(tip.id, f, tip[f]));
            for (const tag of tip.tags) written.add(key(tip.id, 'tags', tag));
            await engine.create(tip);
            continue;
          }
          if (o.type === 'sync') {
            await engine.sync();
            continue;
          }
          if (o.type === 'lossy-sync') {
            replica.loseAnswers = true;
            await engine.sync();
            replica.loseAnswers = false;
            continue;
          }
          const target = visible[o.item % Math.max(1, visible.length)];
          if (!target) continue;
          const id = target.item.id;
          // The server refuses it: nothing is written, nothing is superseded.
          const refused = !mayChange({ memberId, role }, target.item.authorId ?? null);
          if (refused && o.type !== 'endorse' && o.type !== 'mark') {
            if (o.type === 'delete') await engine.remove(id, 'tip');
            else if (o.type === 'retire') await engine.edit(id, 'tip', { retiredAt: 1 });
            else if (o.type === 'edit') {
              const value = SETS.has(o.field) ? [setMember(o.field)] : fresh();
              await engine.edit(id, 'tip', { [o.field]: value });
            }
            continue;
          }
          if (o.type === 'edit' && SETS.has(o.field)) {
            const member = setMember(o.field);
            const before = fieldOf(target, o.field);
            for (const t of Array.isArray(before) ? before : [])
              superseded.add(key(id, o.field, t));
            written.add(key(id, o.field, member));
            await engine.edit(id, 'tip', { [o.field]: [member] });
          } else if (o.type === 'mark') {
            lastMark.set(`${id}|${memberId}|${o.mark}`, o.on);
            if (o.mark === 'answered' && o.on) lastMark.set(`${id}|${memberId}|helped`, true);
            // "Helped me" is also the endorsement clients before marks read.
            const helped = lastMark.get(`${id}|${memberId}|helped`);
            if (helped !== undefined) lastEndorsement.set(`${id}|${memberId}`, helped);
            await engine.mark(id, o.mark, o.on, o.on ? NOTES[o.mark] : undefined);
          } else if (o.type === 'retire') {
            await engine.edit(id, 'tip', { retiredAt: o.retired ? Date.now() : null });
          } else if (o.type === 'edit') {
            const value = fresh();
            superseded.add(key(id, o.field, fieldOf(target, o.field)));
            written.add(key(id, o.field, value));
            await engine.edit(id, 'tip', { [o.field]: value });
          } else if (o.type === 'delete') {
            await engine.remove(id, 'tip');
          } else if (o.type === 'endorse') {
            lastEndorsement.set(`${id}|${memberId}`, o.endorsed);
            lastMark.set(`${id}|${memberId}|helped`, o.endorsed);
            await engine.endorse(id, o.endorsed);
          } else {
            const conflict = target.conflicts[0];
            if (!conflict) continue;
            const value = fresh();
            const shown = target.conflicts.filter((c) => c.field === conflict.field);
            superseded.add(key(id, conflict.field, fieldOf(target, conflict.field)));
            for (const c of shown) superseded.add(key(id, c.field, c.value));
            written.add(key(id, conflict.field, value));
            await engine.resolve(
              id,
              'tip',
              conflict.field,
              value,
              shown.map((c) => c.version),
            );
          }
        }

        // Everyone pushes, then everyone pulls what the others pushed.
        for (let round = 0; round < 2; round++) {
          for (const r of all) expect((await r.engine.sync()).phase).toBe('idle');
        }
        // A member joining afterwards gets the same state from scratch.
        const late = (await replicas(community, 1))[0]!;
        await late.engine.sync();

        const snapshots = await Promise.all([...all, late].map((r) => seen(r.db, r.store())));
        for (const r of all) expect(await r.store().outbox()).toEqual([]);
        for (const s of snapshots.slice(1)) expect(s).toEqual(snapshots[0]);

        const final = new Map(snapshots[0]!.map((s) => [s.item.id, s]));
        for (const w of written) {
          if (superseded.has(w)) continue;
          const [id, field, value] = w.split('|') as [string, string, string];
          const s = final.get(id);
          const kept =
            s !== undefined &&
            (holds(fieldOf(s, field), value) ||
              s.conflicts.some((c) => c.field === field && c.value === value));
          expect(kept, `lost write ${w}`).toBe(true);
        }
        for (const [k, endorsed] of lastEndorsement) {
          const [id, memberId] = k.split('|') as [string, string];
          const members = final.get(id)?.endorsements.map((e) => e.memberId) ?? [];
          expect(members.includes(memberId)).toBe(endorsed);
        }
        for (const [k, on] of lastMark) {
          const [id, memberId, kind] = k.split('|') as [string, string, string];
          const found = final
            .get(id)
            ?.marks.find((m) => m.memberId === memberId && m.kind === kind);
          expect(found?.on ?? false, `mark ${k}`).toBe(on);
        }
        for (const r of [...all, late]) {
          r.engine.close();
          r.db.close();
        }
      }),
      {
        numRuns: runs,
        ...(process.env['CONVERGENCE_SEED']
          ? { seed: Number(process.env['CONVERGENCE_SEED']) }
          : {}),
      },
    );
  }, 600_000);
});

/** Fields that merge as sets: tags, and the questions a tip answers (ids). */
const SETS = new Set<string>(['tags', 'answers']);
const setMember = (field: string): string =>
  field === 'answers' ? uuidv7() : `t${uuidv7().slice(-8)}`;

/** A text field holds a value by being it; tags, by including it. */
const holds = (now: unknown, value: string): boolean =>
  Array.isArray(now) ? now.includes(value) : now === value;

function fieldOf(s: Seen, field: string): unknown {
  return (s.item as unknown as Record<string, unknown>)[field];
}
