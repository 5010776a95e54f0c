/**
 * Sync server over loopback HTTP, SQLite backend, server in its own process (as deployed):
 * - sustained push throughput, next to a raw batched better-sqlite3 insert of the same rows;
 * - pull latency with 100 concurrent clients;
 * - initial pull of 50,000 items into a fresh client.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { uuidv7 } from '../lib/repertoire/ids';
import { PullResponse, type Mutation } from '../lib/wire/sync';

const ITEMS = 50_000;
const BATCH = 500;
const PUSHERS = 2;
const PULL_CLIENTS = 100;
const PULLS_PER_CLIENT = 20;
const INITIAL_PULL_PAGE = 2_000;

const root = new URL('..', import.meta.url).pathname;
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

/** Rows inserted by better-sqlite3 alone, in transactions of BATCH rows: the storage's limit. */
function rawInsertRate(setup: (db: Database.Database) => void, rows: unknown[][]): number {
  const db = new Database(join(dir, `raw-${++rawRuns}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  setup(db);
  const insert = db.prepare(`INSERT INTO items VALUES (${rows[0]!.map(() => '?').join(', ')})`);
  const batch = db.transaction((from: number) => {
    for (const row of rows.slice(from, from + BATCH)) insert.run(row);
  });
  const start = performance.now();
  for (let from = 0; from < rows.length; from += BATCH) batch(from);
  const rate = rows.length / ((performance.now() - start) / 1000);
  db.close();
  return rate;
}

/** The rows the server stored for its items, and a copy of its schema and communities. */
function serverRows(): { setup: (db: Database.Database) => void; rows: unknown[][] } {
  const db = new Database(join(dir, 'server.sqlite'), { readonly: true });
  const ddl = db
    .prepare(
      "SELECT sql FROM sqlite_master WHERE tbl_name IN ('communities', 'items') AND sql IS NOT NULL",
    )
    .pluck()
    .all() as string[];
  const communities = db.prepare('SELECT * FROM communities').raw().all() as unknown[][];
  const rows = db.prepare('SELECT * FROM items ORDER BY version').raw().all() as unknown[][];
  db.close();
  const setup = (raw: Database.Database) => {
    for (const sql of ddl) raw.exec(sql);
    const insert = raw.prepare(
      `INSERT INTO communities VALUES (${communities[0]!.map(() => '?').join(', ')})`,
    );
    for (const row of communities) insert.run(row);
  };
  return { setup, rows };
}

async function startServer(): Promise<{ url: string; invite: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--port',
      '0',
      '--db',
      join(dir, 'server.sqlite'),
      '--rate-limit',
      '1000000',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /Server URL:\s+(\S+)/.exec(out)?.[1];
      const invite = /Invite code:\s+(\S+)/.exec(out)?.[1];
      if (url && invite) resolve({ url, invite, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

interface Member {
  base: string;
  headers: Record<string, string>;
}

async function joinCommunity(url: string, code: string, name: string): Promise<Member> {
  const res = await fetch(`${url}/v1/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, displayName: name }),
  });
  const body = (await res.json()) as { token: string; community: { id: string } };
  return {
    base: `${url}/v1/communities/${body.community.id}`,
    headers: { Authorization: `Bearer ${body.token}`, 'Content-Type': 'application/json' },
  };
}

async function pull(m: Member, cursor: number, limit: number): Promise<PullResponse> {
  const res = await fetch(`${m.base}/pull?cursor=${cursor}&limit=${limit}`, { headers: m.headers });
  if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
  return (await res.json()) as PullResponse;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: PULL_CLIENTS });

/**
 * Time to the last byte of a gzip'd pull over a kept-alive connection, body left unparsed: the
 * server's latency, not this process's JSON parsing (which shares the same two cores).
 */
function timedPull(m: Member, cursor: number, limit: number): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${m.base}/pull?cursor=${cursor}&limit=${limit}`,
      { agent, headers: { ...m.headers, 'Accept-Encoding': 'gzip' } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`pull: ${res.statusCode}`));
        res.on('data', () => undefined);
        res.on('end', () => resolve(performance.now() - start));
      },
    );
    req.on('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const ids = Array.from({ length: ITEMS }, () => uuidv7());

  const server = await startServer();
  try {
    const steward = await joinCommunity(server.url, server.invite, 'Bench steward');

    // Push: PUSHERS clients (devices) at once, each sending its batches back to back.
    const share = ITEMS / PUSHERS;
    const streams = Array.from({ length: PUSHERS }, (_, p) =>
      pushBodies(`bench-client-${p}`, ids, p * share, (p + 1) * share),
    );
    const pushStart = performance.now();
    await Promise.all(
      streams.map(async (bodies) => {
        for (const body of bodies) {
          const res = await fetch(`${steward.base}/push`, {
            method: 'POST',
            headers: steward.headers,
            body,
          });
          if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        }
      }),
    );
    const pushRate = ITEMS / ((performance.now() - pushStart) / 1000);

    // The same rows inserted raw; and, for scale, just each item's JSON in a minimal table.
    const stored = serverRows();
    if (stored.rows.length !== ITEMS) throw new Error(`server stored ${stored.rows.length} items`);
    const raw = rawInsertRate(stored.setup, stored.rows);
    const minimal = rawInsertRate(
      (db) =>
        db.exec(`CREATE TABLE items (community_id TEXT NOT NULL, id TEXT NOT NULL,
          version INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (community_id, id))`),
      ids.map((id, i) => ['c', id, i + 1, JSON.stringify(tipValues(i))]),
    );

    // Initial pull of everything into a fresh client, then validation as the client would.
    const fresh = await joinCommunity(server.url, await invite(steward, 1), 'Fresh client');
    const pages: PullResponse[] = [];
    const pullStart = performance.now();
    for (let cursor = 0, more = true; more;) {
      const page = await pull(fresh, cursor, INITIAL_PULL_PAGE);
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
    const code = await invite(steward, PULL_CLIENTS);
    const clients = await Promise.all(
      Array.from({ length: PULL_CLIENTS }, (_, i) =>
        joinCommunity(server.url, code, `Client ${i}`),
      ),
    );
    const latencies = async (cursor: () => number, limit: number): Promise<number[]> => {
      const times: number[] = [];
      await Promise.all(
        clients.map(async (client) => {
          for (let i = 0; i < PULLS_PER_CLIENT; i++)
            times.push(await timedPull(client, cursor(), limit));
        }),
      );
      return times.sort((a, b) => a - b);
    };
    const pages50 = await latencies(() => Math.floor(Math.random() * (ITEMS - 50)), 50);
    const polls = await latencies(() => ITEMS, 500);
    const p = (sorted: number[]) =>
      [50, 95, 99].map((q) => percentile(sorted, q).toFixed(1)).join(' / ') + ' ms';

    const rows: [string, string, string][] = [
      ['raw insert, same rows', `${Math.round(raw)} rows/s`, `better-sqlite3, batches of ${BATCH}`],
      [
        'raw insert, item JSON only',
        `${Math.round(minimal)} rows/s`,
        'for scale: no metadata, one index',
      ],
      [
        'server push (HTTP, SQLite)',
        `${Math.round(pushRate)} items/s`,
        `${((pushRate / raw) * 100).toFixed(1)} % of raw same rows (goal >= 50 %), ${PUSHERS} clients`,
      ],
      [
        'initial pull 50,000 items',
        `${initialPullS.toFixed(2)} s`,
        `+ ${validateS.toFixed(2)} s zod validation (goal <= 5 s)`,
      ],
      ['pull 50 items p50/p95/p99', p(pages50), `${PULL_CLIENTS} clients pulling back to back`],
      ['poll at head p50/p95/p99', p(polls), `${PULL_CLIENTS} clients, nothing new`],
    ];
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  } finally {
    server.stop();
  }
}

async function invite(steward: Member, maxUses: number): Promise<string> {
  const res = await fetch(`${steward.base}/invites`, {
    method: 'POST',
    headers: steward.headers,
    body: JSON.stringify({ maxUses }),
  });
  return ((await res.json()) as { code: string }).code;
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
