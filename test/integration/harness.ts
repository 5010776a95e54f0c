/**
 * Shared by the integration tests: a fresh database per backend, the server over real HTTP,
 * a tiny client, and item builders.
 */
import SqliteDatabase from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { httpTransport, SyncEngine, type SyncEngineOptions, type SyncStore } from '../../lib/sync';
import {
  type FieldWrite,
  type ItemKind,
  type Mutation,
  type Role,
  type SyncedItem,
  type SyncedSettings,
  writableFields,
} from '../../lib/wire';
import { stewardInvite } from '../../server/bootstrap';
import { listen, type RunningServer } from '../../server/serve';
import { startPushPool } from '../../server/push-pool';
import { openStore, type Storage } from '../../server/store/open';
import type { SqlStoreOptions } from '../../server/store/sql-store';
import type { SqliteOptions } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import type { AppOptions } from '../../server/app';
import { sampleItem } from '../support/items';

export { sampleItem };

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

/**
 * Each backend with pushes applied on the HTTP thread and on a pool of worker threads (what
 * `npm run server` runs by default), for the suites that pin the protocol down.
 */
export const SETUPS = BACKENDS.flatMap((backend) => [
  { name: `${backend}, pushes on the HTTP thread`, backend, workers: 0 },
  { name: `${backend}, pushes on 2 worker threads`, backend, workers: 2 },
]);

/** A fresh, empty database: a SQLite file, or a new database in the throwaway cluster. */
export interface Database {
  backend: Backend;
  /** How a server child process is pointed at it. */
  args: string[];
  env: Record<string, string>;
  storage: Storage;
  open(options?: SqlStoreOptions & SqliteOptions): Promise<Store>;
  /** Runs SQL on the database directly, beside the server: what an operator's tools would do. */
  exec(sql: string): Promise<void>;
  drop(): Promise<void>;
}

export async function freshDatabase(backend: Backend): Promise<Database> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'repertoire-sqlite-'));
    const file = join(dir, 'test.sqlite');
    return {
      backend,
      args: ['--db', file],
      env: {},
      storage: { kind: 'sqlite', path: file },
      open: (options) => openStore({ kind: 'sqlite', path: file }, options),
      exec: async (sql) => {
        const raw = new SqliteDatabase(file);
        raw.pragma('busy_timeout = 5000');
        try {
          raw.exec(sql);
        } finally {
          raw.close();
        }
      },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = inject('pgUrl');
  const name = `rt_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  const url = admin.replace(/\/postgres$/, `/${name}`);
  return {
    backend,
    args: [],
    env: { DATABASE_URL: url },
    storage: { kind: 'postgres', url },
    open: (options) => openStore({ kind: 'postgres', url }, options),
    exec: (sql) => adminQuery(url, sql),
    drop: () => adminQuery(admin, `DROP DATABASE ${name} WITH (FORCE)`),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestServer extends RunningServer {
  store: Store;
  db: Database;
  /** A community with a steward; `join` adds members. */
  community(name?: string): Promise<TestCommunity>;
  stop(): Promise<void>;
}

export interface TestCommunity {
  id: string;
  steward: Client;
  /** Joins with an invite the steward makes, as a member unless `role` says otherwise. */
  join(displayName: string, role?: Role, team?: string): Promise<Client>;
}

export async function startServer(
  backend: Backend,
  options: Partial<Omit<AppOptions, 'store'>> = {},
  storeOptions: SqlStoreOptions = {},
  workers = 0,
): Promise<TestServer> {
  const db = await freshDatabase(backend);
  const writeLock = workers > 0 && backend === 'sqlite' ? new SharedArrayBuffer(4) : undefined;
  const store = await db.open({ ...storeOptions, writeLock });
  const pool = workers > 0 ? await startPushPool(workers, db.storage, writeLock) : undefined;
  const server = await listen({
    ...(pool ? { pusher: pool.push, pushWorkers: () => pool.stats() } : {}),
    store,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 4 * 1_048_576,
    rateLimit: { perMinute: 100_000, burst: 10_000 },
    ...options,
  });
  const community = async (name = `c-${Math.random()}`): Promise<TestCommunity> => {
    const { communityId, stewardInvite: invite } = await stewardInvite(store, name);
    const steward = await joinWith(server.url, invite.code, 'Steward');
    return {
      id: communityId,
      steward,
      join: async (displayName, role = 'member', team) => {
        const res = await steward.post('/invites', { role });
        return joinWith(server.url, (res.body as { code: string }).code, displayName, team);
      },
    };
  };
  return {
    ...server,
    store,
    db,
    community,
    stop: async () => {
      await server.close();
      await pool?.close();
      await store.close();
      await db.drop();
    },
  };
}

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = unknown>(
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Response<T>> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    ...(json === undefined ? {} : { body: JSON.stringify(json), method: rest.method ?? 'POST' }),
    headers: { 'Content-Type': 'application/json', ...rest.headers },
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

export async function joinWith(
  base: string,
  code: string,
  displayName: string,
  team?: string,
): Promise<Client> {
  const res = await request<{ token: string; community: { id: string; memberId: string } }>(
    `${base}/v1/join`,
    { json: { code, displayName, ...(team === undefined ? {} : { team }) } },
  );
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new Client(base, res.body.community.id, res.body.token, res.body.community.memberId);
}

/**
 * The extension's sync engine for a member, over HTTP to the member's server. It syncs only when
 * told unless `debounceMs` says otherwise; `fetch` stands in for the network (lost answers).
 */
export function memberEngine(
  member: Client,
  displayName: string,
  store: SyncStore,
  options: Partial<Pick<SyncEngineOptions, 'debounceMs' | 'backoff'>> & {
    fetch?: typeof fetch;
  } = {},
): Promise<SyncEngine> {
  const { fetch, ...engine } = options;
  return SyncEngine.open({
    store,
    transport: httpTransport({
      serverUrl: member.base,
      communityId: member.communityId,
      token: member.token,
      ...(fetch ? { fetch } : {}),
    }),
    me: { communityId: member.communityId, memberId: member.memberId, displayName },
    debounceMs: 1_000_000_000,
    ...engine,
  });
}

interface PullPage {
  changes: SyncedItem[];
  settings?: SyncedSettings;
  cursor: number;
  hasMore: boolean;
}

/** A member's view of the API, with its own client id and seq counter. */
export class Client {
  readonly clientId = `client-${Math.random().toString(36).slice(2, 12)}`;
  private seq = 0;
  private clock = 0;

  constructor(
    readonly base: string,
    readonly communityId: string,
    readonly token: string,
    readonly memberId: string,
  ) {}

  url(path: string): string {
    return `${this.base}/v1/communities/${this.communityId}${path}`;
  }

  get<T = unknown>(path: string): Promise<Response<T>> {
    return request<T>(this.url(path), { headers: { Authorization: `Bearer ${this.token}` } });
  }

  post<T = unknown>(path: string, json: unknown): Promise<Response<T>> {
    return request<T>(this.url(path), { json, headers: { Authorization: `Bearer ${this.token}` } });
  }

  /** Mutations with fresh seqs and increasing stamps; `at` may be forced to order writers. */
  mutations(...ms: DistributiveOmit<Mutation, 'seq' | 'at'>[]): Mutation[] {
    return ms.map((m) => ({ ...m, seq: ++this.seq, at: ++this.clock }) as Mutation);
  }

  push(mutations: Mutation[]) {
    return this.post<{ results: { seq: number; status: string; version?: number }[] }>('/push', {
      clientId: this.clientId,
      mutations,
    });
  }

  pull(cursor = 0, limit?: number) {
    return this.get<PullPage>(`/pull?cursor=${cursor}${limit ? `&limit=${limit}` : ''}`);
  }

  /** Pulls every page from `cursor` on; returns the latest state of each item. */
  async pullAll(
    cursor = 0,
    limit?: number,
  ): Promise<{ items: Map<string, SyncedItem>; cursor: number }> {
    const items = new Map<string, SyncedItem>();
    for (;;) {
      const page = await this.pull(cursor, limit);
      if (page.status !== 200) throw new Error(`pull: ${page.status} ${JSON.stringify(page.body)}`);
      for (const change of page.body.changes) items.set(change.item.id, change);
      cursor = page.body.cursor;
      if (!page.body.hasMore) return { items, cursor };
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Every writable field of a new item, as first-write field writes (base 0). */
export function newItem(
  kind: ItemKind,
  values: Record<string, unknown> = {},
): { itemId: string; kind: ItemKind; fields: Record<string, FieldWrite> } {
  const item = sampleItem(kind, values) as unknown as Record<string, unknown>;
  const fields = Object.fromEntries(writableFields(kind).map((f) => [f, item[f]]));
  return { itemId: String(item['id']), kind, fields: writes(fields, 0) };
}

export function newTip(values: Record<string, unknown> = {}) {
  return newItem('tip', values);
}

/** Field writes of `values`, each based on `base` (a number, or the item's field versions). */
export function writes(
  values: Record<string, unknown>,
  base: number | SyncedItem,
): Record<string, FieldWrite> {
  return Object.fromEntries(
    Object.entries(values).map(([k, value]) => [
      k,
      { value, base: typeof base === 'number' ? base : (base.fieldVersions[k] ?? 0) },
    ]),
  );
}
