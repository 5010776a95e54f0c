/**
 * Sync server over loopback HTTP, server in its own process (as deployed), SQLite backend:
 * - sustained push throughput, next to a raw batched better-sqlite3 insert of the same rows into
 *   a copy of the same table, in alternating rounds so both see the same machine and table size
 *   (this two-core VM's speed drifts by a third within a minute); once with the push worker
 *   threads (the default) and once with pushes applied on the HTTP thread (`--workers 0`);
 * - pull latency with 100 concurrent clients;
 * - initial pull of 50,000 items into a fresh client;
 * - sustained push throughput on PostgreSQL, on a throwaway cluster (skipped, saying so, where
 *   PostgreSQL's server binaries are not installed), next to a raw multi-row INSERT of the same
 *   rows by `pg` into a copy of the same table on the same cluster, in alternating rounds too.
 *
 * - scaling out: the same pushes through one server process or two on one PostgreSQL.
 *
 * SERVER_BENCH_PARTS picks parts (default sqlite,postgres,scale): sqlite is all of the above but
 * the PostgreSQL ones, postgres the push on PostgreSQL, scale the scale-out.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { type Mutation, PullResponse, uuidv7 } from '../lib/wire';
import { migrate } from '../server/store/migrations';
import { openPostgresDriver } from '../server/store/postgres';
import { postgresBin, startPgCluster } from '../test/integration/pg-cluster';
import { type Answer, LoadClient, Tally } from './http-load';
import { invite, joinCommunity, startServer, type Member, type Server } from './server-process';

const ITEMS = 50_000;
const BATCH = 500;
const PUSHERS = 4;
/** Pushed first and not timed: JIT and caches warm, as in a server that has been up a while. */
const WARMUP_ITEMS = 10_000;
const ROUNDS = 3;
const PULL_CLIENTS = 100;
const PULLS_PER_CLIENT = 20;
const INITIAL_PULL_PAGE = 2_000;
const PUSH_GOAL = 0.8;
/**
 * PostgreSQL's raw side is one multi-row statement per batch; the server also reads the items and
 * the community's counter first, in round trips of their own.
 */
const PG_PUSH_GOAL = 0.5;
const PULL_P99_GOAL_MS = 250;

const dir = mkdtempSync(join(tmpdir(), 'repertoire-bench-'));

function tipValues(i: number): Record<string, unknown> {
  const now = Date.now();
  return {
    title: `Tip ${i}: keep shell scripts strict`,
    url: `https://example.org/tips/${i}`,
    canonicalUrl: null,
    siteName: 'Example',
    byline: null,
    publishedTime: null,
    excerpt: 'Fail early and loudly instead of carrying on with a half-done job.',
    tags: ['shell', 'bash', `t${i % 50}`],
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    body: `Start every script with \`set -euo pipefail\` (${i}). `.repeat(6),
    tool: 'bash',
    appliesTo: ['*.sh'],
  };
}

/** Push bodies, prepared up front so that only the server's work is timed. */
function pushBodies(clientId: string, ids: string[], from: number, to: number): string[] {
  const bodies: string[] = [];
  for (let start = from; start < to; start += BATCH) {
    const mutations: Mutation[] = [];
    for (let i = start; i < Math.min(start + BATCH, to); i++) {
      const entries = Object.entries(tipValues(i)).map(([k, v]) => [k, { value: v, base: 0 }]);
      const fields = Object.fromEntries(entries);
      mutations.push({ op: 'set', seq: i + 1, itemId: ids[i]!, kind: 'tip', at: i + 1, fields });
    }
    bodies.push(JSON.stringify({ clientId, mutations }));
  }
  return bodies;
}

let rawRuns = 0;

/**
 * The raw side of a push measurement, one per backend: reads back the rows the server stored and
 * inserts them, by the storage's plainest batched path, into a copy of the server's items table
 * (same columns, indexes and community rows) that grows as the server's does.
 */
interface RawCopy {
  /** The rows the server stored after `afterVersion`, oldest first, columns as in the table. */
  serverRowsAfter(afterVersion: number): Promise<unknown[][]>;
  /** Rows per second of inserting `rows` into the copy, BATCH rows per transaction. */
  insertRate(rows: unknown[][]): Promise<number>;
  close(): Promise<void>;
}

/** Column 2 of `items` (both backends: the schema is shared) is the version. */
const VERSION_COLUMN = 2;

function rawCopyOf(server: Server): Promise<RawCopy> {
  return server.storage.kind === 'sqlite'
    ? Promise.resolve(sqliteRawCopy(server.storage.path))
    : postgresRawCopy(server.storage.url);
}

function sqliteRawCopy(serverFile: string): RawCopy {
  const raw = sqliteCopyOfServer(serverFile);
  return {
    serverRowsAfter: (afterVersion) => {
      const db = new Database(serverFile, { readonly: true });
      const rows = db
        .prepare('SELECT * FROM items WHERE version > ? ORDER BY version')
        .raw()
        .all(afterVersion) as unknown[][];
      db.close();
      return Promise.resolve(rows);
    },
    insertRate: (rows) => Promise.resolve(rawInsertRate(raw, rows)),
    close: () => Promise.resolve(void raw.close()),
  };
}

/** A fresh database of the server's schema and communities, for inserting its rows raw. */
function sqliteCopyOfServer(serverFile: string): Database.Database {
  const server = new Database(serverFile, { readonly: true });
  const ddl = server
    .prepare(
      "SELECT sql FROM sqlite_master WHERE tbl_name IN ('communities', 'items') AND sql IS NOT NULL",
    )
    .pluck()
    .all() as string[];
  const communities = server.prepare('SELECT * FROM communities').raw().all() as unknown[][];
  server.close();
  const raw = rawDatabase();
  for (const sql of ddl) raw.exec(sql);
  const insert = raw.prepare(
    `INSERT INTO communities VALUES (${communities[0]!.map(() => '?').join(', ')})`,
  );
  for (const row of communities) insert.run(row);
  return raw;
}

function rawDatabase(): Database.Database {
  const db = new Database(join(dir, `raw-${++rawRuns}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Rows inserted by better-sqlite3 alone, in transactions of BATCH rows: the storage's limit. */
function rawInsertRate(db: Database.Database, rows: unknown[][]): number {
  if (rows.length === 0) return NaN;
  const insert = db.prepare(`INSERT INTO items VALUES (${rows[0]!.map(() => '?').join(', ')})`);
  const batch = db.transaction((from: number) => {
    for (const row of rows.slice(from, from + BATCH)) insert.run(row);
  });
  const start = performance.now();
  for (let from = 0; from < rows.length; from += BATCH) batch(from);
  return rows.length / ((performance.now() - start) / 1000);
}

/**
 * A database of its own beside the server's, on the same cluster, brought to the same schema by
 * the server's own migrations (its items table, indexes and foreign key included), with the
 * server's community rows; one connection inserts, as a single writer would.
 */
async function postgresRawCopy(serverUrl: string): Promise<RawCopy> {
  const name = `raw_${++rawRuns}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const rawUrl = new URL(serverUrl);
  rawUrl.pathname = `/${name}`;
  const schema = openPostgresDriver(rawUrl.href, 1);
  await migrate(schema);
  await schema.close();

  const server = new pg.Client(serverUrl);
  const raw = new pg.Client(rawUrl.href);
  await Promise.all([server.connect(), raw.connect()]);
  const rowsOf = async (text: string, values: unknown[] = []) =>
    (await server.query<unknown[]>({ text, values, rowMode: 'array' })).rows;
  const communities = await rowsOf('SELECT * FROM communities');
  await raw.query(multiRowInsert('communities', communities.length, communities[0]!.length), [
    ...communities.flat(),
  ]);
  return {
    serverRowsAfter: (afterVersion) =>
      rowsOf('SELECT * FROM items WHERE version > $1 ORDER BY version', [afterVersion]),
    insertRate: async (rows) => {
      if (rows.length === 0) return NaN;
      const start = performance.now();
      // Each statement commits on its own: a transaction per batch, as the server's pushes.
      for (let from = 0; from < rows.length; from += BATCH) {
        const batch = rows.slice(from, from + BATCH);
        await raw.query(multiRowInsert('items', batch.length, batch[0]!.length), batch.flat());
      }
      return rows.length / ((performance.now() - start) / 1000);
    },
    close: async () => void (await Promise.all([server.end(), raw.end()])),
  };
}

/** `INSERT INTO table VALUES ($1, ...), (...)`, `rows` tuples of `columns` placeholders. */
function multiRowInsert(table: string, rows: number, columns: number): string {
  const tuples = Array.from(
    { length: rows },
    (_, r) =>
      `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`,
  );
  return `INSERT INTO ${table} VALUES ${tuples.join(', ')}`;
}

/** CPU seconds used so far by a process, all its threads (Linux), or NaN elsewhere. */
function cpuSeconds(pid: number): number {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return NaN;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Every request of the bench: kept-alive connections, bodies encoded up front (the load generator
 * shares the two cores with the server, and fetch spent more CPU per push than the server's HTTP
 * thread), failures counted by phase rather than thrown.
 */
const client = new LoadClient(PULL_CLIENTS);
const phases: { name: string; tally: Tally }[] = [];

function phase(name: string): Tally {
  const tally = new Tally();
  phases.push({ name, tally });
  return tally;
}

/** PUSHERS clients (devices) at once, each sending its share of `ids` back to back. */
/** Pushes `ids` in PUSHERS concurrent streams; stream p sends as members[p % length]. */
async function pushAll(m: Member | Member[], ids: string[], tag: string): Promise<number> {
  const members = Array.isArray(m) ? m : [m];
  const tally = phase(`push ${tag}`);
  const share = Math.ceil(ids.length / PUSHERS);
  const streams = Array.from({ length: PUSHERS }, (_, p) =>
    pushBodies(
      `bench-${tag.replace(/[^\w-]/g, '-')}-${p}`,
      ids,
      p * share,
      Math.min(ids.length, (p + 1) * share),
    ).map((b) => Buffer.from(b)),
  );
  const start = performance.now();
  await Promise.all(
    streams.map(async (bodies, p) => {
      const { base, headers } = members[p % members.length]!;
      for (const body of bodies) {
        tally.add(await client.send(`${base}/push`, { method: 'POST', headers, body }));
      }
    }),
  );
  return (performance.now() - start) / 1000;
}

interface PushFigures {
  /** Median over rounds of push rate / raw rate of the same rows, and each round's. */
  ratio: number;
  ratios: number[];
  pushRate: number;
  rawRate: number;
  /** CPU of the whole server process (every thread) per item pushed. */
  cpuUsPerItem: number;
}

/**
 * Warm-up, then ROUNDS rounds of: ITEMS items pushed, then the very rows the server stored for
 * them inserted raw into a table that holds the same rows as the server's at that point.
 */
async function measurePush(server: Server): Promise<PushFigures & { steward: Member }> {
  const steward = await joinCommunity(server.url, server.invite, 'Bench steward');
  const fresh = (n: number) => Array.from({ length: n }, () => uuidv7());
  await pushAll(steward, fresh(WARMUP_ITEMS), `${server.name} warm-up`);
  const raw = await rawCopyOf(server);
  let version = 0;
  const copyRows = async () => {
    const rows = await raw.serverRowsAfter(version);
    version = Number(rows.at(-1)?.[VERSION_COLUMN] ?? version);
    return rows;
  };
  await raw.insertRate(await copyRows());
  const rounds: { push: number; raw: number; cpu: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const cpuBefore = cpuSeconds(server.pid);
    const seconds = await pushAll(steward, fresh(ITEMS), `${server.name} round ${round + 1}`);
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    // Pushes refused or cut (counted by phase) stored fewer rows: rates are of the rows stored.
    const rows = await copyRows();
    if (rows.length === 0) continue;
    rounds.push({
      push: rows.length / seconds,
      raw: await raw.insertRate(rows),
      cpu: cpu / rows.length,
    });
  }
  if (rounds.length === 0) throw new Error(`${server.name}: no push was stored`);
  await raw.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ratios = rounds.map((r) => r.push / r.raw);
  return {
    steward,
    ratio: median(ratios),
    ratios,
    pushRate: median(rounds.map((r) => r.push)),
    rawRate: median(rounds.map((r) => r.raw)),
    cpuUsPerItem: median(rounds.map((r) => r.cpu)) * 1e6,
  };
}

/**
 * Time to the last byte of a gzip'd pull over a kept-alive connection, body left unparsed: the
 * server's latency, not this process's JSON parsing (which shares the same two cores).
 */
async function timedPull(
  m: Member,
  cursor: number,
  limit: number,
  tally: Tally,
): Promise<Timed | undefined> {
  const url = `${m.base}/pull?cursor=${cursor}&limit=${limit}`;
  const id = `bench-${++requests}`;
  const headers = { ...m.headers, 'Accept-Encoding': 'gzip', 'X-Request-Id': id };
  const answer = tally.add(await client.send(url, { headers }));
  return answer && { id, ...answer };
}

let requests = 0;

interface Timed extends Answer {
  id: string;
}

const METRICS_TOKEN = 'bench-metrics-token-0123456789';

/** The server's own metrics (prom-client's text format), by series name with labels. */
async function scrape(server: Server): Promise<Map<string, number>> {
  const outcome = await client.send(`${server.url}/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    text: true,
  });
  const series = new Map<string, number>();
  if ('error' in outcome) return series;
  for (const line of outcome.text.split('\n')) {
    const m = /^(\S+) (\S+)$/.exec(line);
    if (m) series.set(m[1]!, Number(m[2]));
  }
  return series;
}

/**
 * What the slowest 1 % of a pull phase waited on: time in the server's handlers (its log) next
 * to the client's; new connections; the server's event-loop delay and GC (its /metrics, scraped
 * before and after: the delay histogram restarts at each scrape); this process's own.
 */
async function whereTheTailWaits(
  server: Server,
  run: () => Promise<Timed[]>,
): Promise<{ times: number[]; report: string }> {
  const before = await scrape(server);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const gcs: number[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  server.handlerMs.clear();
  server.timing = true;
  loop.enable();
  const timed = await run();
  loop.disable();
  // Log lines trail their answers a little.
  await new Promise((r) => setTimeout(r, 200));
  server.timing = false;
  gcObserver.disconnect();
  const after = await scrape(server);

  const times = timed.map((t) => t.ms).sort((a, b) => a - b);
  const tail = [...timed].sort((a, b) => b.ms - a.ms).slice(0, Math.max(1, timed.length / 100));
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const handler = tail.map((t) => server.handlerMs.get(t.id) ?? NaN).filter((x) => !isNaN(x));
  const gc = (kind: string, what: string) =>
    (after.get(`repertoire_nodejs_gc_duration_seconds_${what}{kind="${kind}"}`) ?? 0) -
    (before.get(`repertoire_nodejs_gc_duration_seconds_${what}{kind="${kind}"}`) ?? 0);
  const serverGcS = ['major', 'minor', 'incremental', 'weakcb'].reduce(
    (sum, kind) => sum + gc(kind, 'sum'),
    0,
  );
  const serverLoopMaxMs = (after.get('repertoire_nodejs_eventloop_lag_max_seconds') ?? NaN) * 1e3;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const report =
    `slowest ${tail.length}: ${ms(mid(tail.map((t) => t.ms)))} median, of which ` +
    `${ms(mid(handler))} in the server's handlers; ${tail.filter((t) => t.newConnection).length} ` +
    `on a new connection, connected after ${ms(mid(tail.map((t) => t.connectedMs)))}, ` +
    `headers after ${ms(mid(tail.map((t) => t.headersMs)))}; server: event loop delayed up to ${ms(serverLoopMaxMs)}, ` +
    `GC ${ms(serverGcS * 1e3)} in all; bench: event loop delayed up to ${ms(loop.max / 1e6)}, ` +
    `GC ${ms(gcs.reduce((a, b) => a + b, 0))} in all, longest pause ${ms(Math.max(0, ...gcs))}`;
  return { times, report };
}

/** A page as the extension gets it (gzip'd), parsed; tried again (up to 5 times) if it fails. */
async function pull(m: Member, cursor: number, limit: number, tally: Tally): Promise<PullResponse> {
  const url = `${m.base}/pull?cursor=${cursor}&limit=${limit}`;
  for (let tries = 1; ; tries++) {
    const headers = { ...m.headers, 'Accept-Encoding': 'gzip' };
    const answer = tally.add(await client.send(url, { headers, text: true }));
    if (answer) return JSON.parse(answer.text) as PullResponse;
    if (tries === 5)
      throw new Error(`pull from ${cursor} failed 5 times: ${tally.describeFailures()}`);
  }
}

const met = (ok: boolean) => (ok ? 'MET' : 'MISSED');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A server under load answers, or refuses with a status; a reset or a cut answer is a failure. */
function reportFailures(): void {
  const failed = phases.reduce((n, { tally }) => n + tally.failed, 0);
  console.log(`\nfailed requests by phase (goal: none: ${met(failed === 0)}):`);
  const wp = Math.max(...phases.map(({ name }) => name.length));
  for (const { name, tally } of phases) {
    console.log(
      `  ${name.padEnd(wp)}  ${tally.describeFailures()} of ${tally.answers.length + tally.failed}`,
    );
  }
  console.log(
    `sent again on a new connection, their kept-alive one closed by the server: ` +
      `${client.resent}; longest a connection sat idle before reuse: ` +
      `${(client.longestIdleMs / 1000).toFixed(1)} s (the server keeps them 65 s)`,
  );
}

/** Push on SQLite with and without workers, then pulls: the servers started go in `servers`. */
async function sqlitePart(servers: Server[]): Promise<void> {
  const pooled = await startServer(dir, 'workers', []);
  servers.push(pooled);
  const withPool = await measurePush(pooled);
  pooled.stop();
  const single = await startServer(dir, 'http-thread', ['--workers', '0']);
  servers.push(single);
  const onHttpThread = await measurePush(single);
  single.stop();

  // For scale: just each item's JSON in a minimal table.
  const ids = Array.from({ length: ITEMS }, () => uuidv7());
  const minimalDb = rawDatabase();
  minimalDb.exec(`CREATE TABLE items (community_id TEXT NOT NULL, id TEXT NOT NULL,
      version INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (community_id, id))`);
  const minimal = rawInsertRate(
    minimalDb,
    ids.map((id, i) => ['c', id, i + 1, JSON.stringify(tipValues(i))]),
  );
  minimalDb.close();

  // Pulls, from a server holding exactly ITEMS items.
  const pullServer = await startServer(dir, 'pull', ['--metrics-token', METRICS_TOKEN]);
  servers.push(pullServer);
  const pullSteward = await joinCommunity(pullServer.url, pullServer.invite, 'Bench steward');
  await pushAll(pullSteward, ids, 'pull');

  // Initial pull of everything into a fresh client, then validation as the client would.
  const fresh = await joinCommunity(pullServer.url, await invite(pullSteward, 1), 'Fresh client');
  const pages: PullResponse[] = [];
  const initialTally = phase('initial pull');
  const pullStart = performance.now();
  for (let cursor = 0, more = true; more;) {
    const page = await pull(fresh, cursor, INITIAL_PULL_PAGE, initialTally);
    pages.push(page);
    cursor = page.cursor;
    more = page.hasMore;
  }
  const initialPullS = (performance.now() - pullStart) / 1000;
  const validateStart = performance.now();
  const pulled = pages.reduce((n, page) => n + PullResponse.parse(page).changes.length, 0);
  const validateS = (performance.now() - validateStart) / 1000;
  if (pulled !== ITEMS) throw new Error(`initial pull got ${pulled} items, expected ${ITEMS}`);

  // Pull latency, 100 clients at once, each pulling back to back: pages of 50 items from
  // random cursors (catching up), then polls at the head (the everyday, nothing-new case).
  const code = await invite(pullSteward, PULL_CLIENTS);
  const clients = await Promise.all(
    Array.from({ length: PULL_CLIENTS }, (_, i) =>
      joinCommunity(pullServer.url, code, `Client ${i}`),
    ),
  );
  const latencies = (name: string, cursor: () => number, limit: number) =>
    whereTheTailWaits(pullServer, async () => {
      const tally = phase(name);
      const timed: Timed[] = [];
      await Promise.all(
        clients.map(async (member) => {
          for (let i = 0; i < PULLS_PER_CLIENT; i++) {
            const t = await timedPull(member, cursor(), limit, tally);
            if (t) timed.push(t);
          }
        }),
      );
      return timed;
    });
  // Every client's first pull opens its connection, all at once: Node 20's libuv accepts one
  // connection per turn of the server's event loop, so the last of a burst waits a turn per
  // connection ahead of it (docs/scaling.md). Timed apart, then pulls on kept-alive connections.
  const firstTally = phase('first pull, new connections');
  const firsts = (
    await Promise.all(clients.map((member) => timedPull(member, ITEMS, 500, firstTally)))
  )
    .filter((t) => t?.newConnection)
    .map((t) => t!.ms)
    .sort((a, b) => a - b);
  const { times: pages50, report: pages50Tail } = await latencies(
    'pull 50 items',
    () => Math.floor(Math.random() * (ITEMS - 50)),
    50,
  );
  const { times: polls, report: pollsTail } = await latencies('poll at head', () => ITEMS, 500);
  const p = (sorted: number[]) =>
    [50, 95, 99].map((q) => percentile(sorted, q).toFixed(1)).join(' / ') + ' ms';
  const p99Goal = (sorted: number[]) =>
    `p99 goal <= ${PULL_P99_GOAL_MS} ms: ${met(percentile(sorted, 99) <= PULL_P99_GOAL_MS)}`;

  const pushRow = (label: string, f: PushFigures): [string, string, string] => [
    label,
    `${Math.round(f.pushRate)} items/s`,
    `${pct(f.ratio)} of raw same rows (goal >= ${pct(PUSH_GOAL)}: ${met(f.ratio >= PUSH_GOAL)}; ` +
      `rounds ${f.ratios.map(pct).join(', ')}), ` +
      `${f.cpuUsPerItem.toFixed(1)} µs CPU/item`,
  ];
  const rows: [string, string, string][] = [
    [
      'raw insert, same rows',
      `${Math.round(withPool.rawRate)} rows/s`,
      `better-sqlite3, one thread, batches of ${BATCH}, beside the rounds below`,
    ],
    pushRow('server push (HTTP, SQLite)', withPool),
    [
      'raw insert, same rows',
      `${Math.round(onHttpThread.rawRate)} rows/s`,
      'beside the rounds below',
    ],
    pushRow('  on the HTTP thread', onHttpThread),
    ['raw insert, item JSON only', `${Math.round(minimal)} rows/s`, 'for scale: no metadata'],
    [
      `initial pull ${ITEMS.toLocaleString('en')} items`,
      `${initialPullS.toFixed(2)} s`,
      `+ ${validateS.toFixed(2)} s zod validation (goal <= 5 s)`,
    ],
    [
      'pull 50 items p50/p95/p99',
      p(pages50),
      `${PULL_CLIENTS} clients pulling back to back, kept-alive connections; ${p99Goal(pages50)}`,
    ],
    [
      'poll at head p50/p95/p99',
      p(polls),
      `${PULL_CLIENTS} clients, nothing new; ${p99Goal(polls)}`,
    ],
    [
      'first pull p50/p95/p99',
      p(firsts),
      `${firsts.length} connections opened at once, before the rows above (no goal: see docs/scaling.md)`,
    ],
  ];
  console.log(
    `push: ${PUSHERS} clients, batches of ${BATCH}, ${WARMUP_ITEMS} items of warm-up, then ` +
      `${ROUNDS} rounds of ${ITEMS} items; ratios are the median round's`,
  );
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  console.log(`\nwhere the pulls' tail waits:\n  pull 50 items: ${pages50Tail}`);
  console.log(`  poll at head: ${pollsTail}`);
}

/**
 * Push on PostgreSQL, the server with its default workers, on a throwaway cluster with
 * PostgreSQL's default (durable) settings, as deployed; the raw copy is on the same cluster.
 */
async function postgresPart(servers: Server[]): Promise<void> {
  const bin = postgresBin();
  if (!bin) {
    console.log(
      '\nPostgreSQL push: skipped, no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb); ' +
        'apt-get install -y postgresql',
    );
    return;
  }
  const cluster = await startPgCluster(bin);
  try {
    const server = await startServer(dir, 'postgres', [], cluster.url);
    servers.push(server);
    const f = await measurePush(server);
    server.stop();
    await server.exited;
    console.log(
      `\nPostgreSQL push: ${pct(f.ratio)} of raw multi-row insert of the same rows ` +
        `(goal >= ${Math.round(PG_PUSH_GOAL * 100)} %: ${met(f.ratio >= PG_PUSH_GOAL)}): ` +
        `${Math.round(f.pushRate)} items/s pushed, ${Math.round(f.rawRate)} rows/s raw ` +
        `(pg, one INSERT of ${BATCH} rows per transaction); rounds ${f.ratios.map(pct).join(', ')}; ` +
        `${f.cpuUsPerItem.toFixed(1)} µs CPU/item in the server process (PostgreSQL's own not counted)`,
    );
  } finally {
    for (const server of servers) server.stop();
    await Promise.all(servers.map((s) => s.exited));
    cluster.stop();
  }
}

/**
 * Scaling out: pushes to two communities, from PUSHERS streams, sent to one server process or
 * spread round-robin over two, both on one PostgreSQL. The same work each time, alternating
 * 1 and 2 processes over the rounds. Two cores hold both servers, PostgreSQL and this load,
 * so this shows the overhead and the headroom of a second process, not a scale-out factor.
 */
async function scalePart(servers: Server[]): Promise<void> {
  const bin = postgresBin();
  if (!bin) {
    console.log(
      '\nScale-out: skipped, no PostgreSQL server binaries; apt-get install -y postgresql',
    );
    return;
  }
  const cluster = await startPgCluster(bin);
  try {
    const a = await startServer(dir, 'scale-a', [], cluster.url);
    servers.push(a);
    const b = await startServer(dir, 'scale-b', [], cluster.url);
    servers.push(b);
    // Each process made a community; a member's token is good on either process.
    const joined = [
      await joinCommunity(a.url, a.invite, 'Scale steward A'),
      await joinCommunity(b.url, b.invite, 'Scale steward B'),
    ];
    const on = (m: Member, server: Server): Member => ({
      ...m,
      base: m.base.replace(/^https?:\/\/[^/]+/, server.url),
    });
    // Stream p: community p % 2; over two processes, process ⌊p / 2⌋ % 2.
    const spread = (processes: Server[]) =>
      Array.from({ length: PUSHERS }, (_, p) =>
        on(joined[p % 2]!, processes[Math.floor(p / 2) % processes.length]!),
      );
    const fresh = (n: number) => Array.from({ length: n }, () => uuidv7());
    await pushAll(spread([a, b]), fresh(WARMUP_ITEMS), 'scale warm-up');
    const rates: Record<1 | 2, number[]> = { 1: [], 2: [] };
    for (let round = 0; round < 2 * ROUNDS; round++) {
      const count = (round % 2 === 0 ? 1 : 2) as 1 | 2;
      const processes = count === 1 ? [a] : [a, b];
      const seconds = await pushAll(
        spread(processes),
        fresh(ITEMS),
        `scale ${count} round ${round}`,
      );
      rates[count].push(ITEMS / seconds);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const [one, two] = [median(rates[1]), median(rates[2])];
    console.log(
      `\nScale-out on one PostgreSQL, ${PUSHERS} push streams over 2 communities, ${ITEMS} items a round:\n` +
        `  1 process:   ${Math.round(one)} items/s (rounds ${rates[1].map(Math.round).join(', ')})\n` +
        `  2 processes: ${Math.round(two)} items/s (rounds ${rates[2].map(Math.round).join(', ')}), ` +
        `${(two / one).toFixed(2)}x one process (no goal: two cores run both, PostgreSQL and the load)`,
    );
  } finally {
    for (const server of servers) server.stop();
    await Promise.all(servers.map((s) => s.exited));
    cluster.stop();
  }
}

const PARTS = ['sqlite', 'postgres', 'scale'];

async function main(): Promise<void> {
  const parts = (process.env['SERVER_BENCH_PARTS'] ?? PARTS.join(',')).split(',');
  const unknown = parts.filter((p) => !PARTS.includes(p));
  if (unknown.length > 0) {
    throw new Error(
      `SERVER_BENCH_PARTS: unknown ${unknown.join(', ')} (known: ${PARTS.join(', ')})`,
    );
  }
  const servers: Server[] = [];
  try {
    if (parts.includes('sqlite')) await sqlitePart(servers);
    if (parts.includes('postgres')) await postgresPart(servers);
    if (parts.includes('scale')) await scalePart(servers);
  } finally {
    for (const server of servers) server.stop();
    client.close();
    reportFailures();
  }
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
