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
import type { Item, TipItem } from '../../lib/wire/schemas';
import { mayChange } from '../../lib/wire/authz';
import type { ConflictRevision, Endorsement, Role } from '../../lib/wire/sync';
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
  | { type: 'edit'; client: number; item: number; field: 'title' | 'body' | 'tags' }
  | { type: 'delete'; client: number; item: number }
  | { type: 'endorse'; client: number; item: number; endorsed: boolean }
  | { type: 'resolve'; client: number; item: number }
  | { type: 'sync'; client: number }
  /** The background restarts (MV3 stops it when idle): a new engine and store, same database. */
  | { type: 'restart'; client: number };

const client = fc.nat({ max: CLIENTS - 1 });
const item = fc.nat({ max: 20 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('create' as const), client }), weight: 2 },
  {
    arbitrary: fc.record({
      type: fc.constant('edit' as const),
      client,
      item,
      field: fc.constantFrom('title' as const, 'body' as const, 'tags' as const),
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
}

/** What a member sees of an item, as the extension reads it. */
interface Seen {
  item: Item;
  endorsements: Endorsement[];
  conflicts: ConflictRevision[];
}

/** Every item of the replica, tombstones too, by id, read through lib/db as the popup does. */
async function seen(db: RepertoireDb): Promise<Seen[]> {
  const ids = new Set<string>();
  for (const page of await db.getAll('serverPages')) for (const id of page.ids) ids.add(id);
  for (const view of await db.getAll('views')) ids.add(view.item.id);
  const sorted = [...ids].sort();
  const [items, metas] = await Promise.all([
    getItems(db, sorted),
    Promise.all(sorted.map((id) => getItemMeta(db, id))),
  ]);
  return sorted.map((id, i) => ({
    item: items[i]!,
    endorsements: metas[i]?.endorsements ?? [],
    conflicts: metas[i]?.conflicts ?? [],
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
        // Syncs happen only when the property says so.
        const open = () => memberEngine(member, `Member ${i}`, store());
        return { engine: await open(), open, store, db, memberId: member.memberId, role };
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
        const key = (id: string, field: string, value: unknown) =>
          `${id}|${field}|${String(value)}`;

        for (const o of ops) {
          const replica = all[o.client]!;
          const { engine, db, memberId, role } = replica;
          const visible = await seen(db);
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
          const target = visible[o.item % Math.max(1, visible.length)];
          if (!target) continue;
          const id = target.item.id;
          // The server refuses it: nothing is written, nothing is superseded.
          const refused = !mayChange({ memberId, role }, target.item.authorId ?? null);
          if (refused && o.type !== 'endorse') {
            if (o.type === 'delete') await engine.remove(id, 'tip');
            else if (o.type === 'edit') {
              const value = o.field === 'tags' ? [fresh()] : fresh();
              await engine.edit(id, 'tip', { [o.field]: value });
            }
            continue;
          }
          if (o.type === 'edit' && o.field === 'tags') {
            const tag = fresh();
            for (const t of target.item.tags) superseded.add(key(id, 'tags', t));
            written.add(key(id, 'tags', tag));
            await engine.edit(id, 'tip', { tags: [tag] });
          } else if (o.type === 'edit') {
            const value = fresh();
            superseded.add(key(id, o.field, fieldOf(target, o.field)));
            written.add(key(id, o.field, value));
            await engine.edit(id, 'tip', { [o.field]: value });
          } else if (o.type === 'delete') {
            await engine.remove(id, 'tip');
          } else if (o.type === 'endorse') {
            lastEndorsement.set(`${id}|${memberId}`, o.endorsed);
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

        const snapshots = await Promise.all([...all, late].map((r) => seen(r.db)));
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

/** A text field holds a value by being it; tags, by including it. */
const holds = (now: unknown, value: string): boolean =>
  Array.isArray(now) ? now.includes(value) : now === value;

function fieldOf(s: Seen, field: string): unknown {
  return (s.item as unknown as Record<string, unknown>)[field];
}
