/** `npm run server -- --help`: the Repertoire sync server. */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { inviteLink } from '../lib/wire';
import { backupSqlite } from './backup';
import { stewardInvite } from './bootstrap';
import { failpoints } from './failpoints';
import { log } from './log';
import { inProcessPusher } from './push';
import { startPushPool, type PushPool } from './push-pool';
import { KEEP_ALIVE_MS, listen } from './serve';
import { describeStorage, openStore, type Storage } from './store/open';
import type { Store } from './store/store';

const LOCAL_COMMUNITY = 'Local community';
/** Past a few threads, writes to one database are the limit, not validation. */
const DEFAULT_WORKERS = Math.min(availableParallelism(), 4);

const HELP = `Repertoire sync server

Usage: npm run server -- [options]
       node --import tsx server/main.ts [options]   (as a service: signals reach the server)

Options:
  --port N             TCP port to listen on (default 8787; 0 picks a free one)
  --host ADDR          address to bind (default 127.0.0.1; 0.0.0.0 to accept other machines)
  --db PATH            SQLite database file (default ./repertoire.sqlite)
  --max-body-mb N      largest accepted request body in MB (default 32)
  --rate-limit N       requests per minute per token, bursts of N/6 (default 1200)
  --token-days N       member tokens expire N days after joining (default 0: never)
  --workers N          threads that validate and apply pushes (default: one per CPU core, at
                       most 4: ${DEFAULT_WORKERS} here; 0 applies them on the HTTP thread)
  --metrics-token T    serve GET /metrics (Prometheus) to "Authorization: Bearer T"; off if unset
  --keep-alive-seconds N
                       keep an idle connection open N s (default ${KEEP_ALIVE_MS / 1000}), longer than
                       the 60 s of common proxies and load balancers: they close idle ones first
  --grace-seconds N    on SIGTERM or SIGINT, wait up to N s for requests in progress (default 30)
  --invite NAME        print a fresh steward invite for community NAME (created if missing), exit
  --backup FILE        copy the SQLite database (--db) to FILE, consistently, while a server may
                       keep serving it; exit. For PostgreSQL use pg_dump (see README).
  -h, --help           show this help

Environment:
  DATABASE_URL         postgres://... to store everything in PostgreSQL instead of SQLite;
                       any number of server processes may share one database.
  REPERTOIRE_METRICS_TOKEN   the metrics token, if not given as --metrics-token
  REPERTOIRE_LOG_LEVEL       fatal, error, warn, info (default), debug or silent

Output: one JSON object per line on stdout (a line per request, with its id, also sent back as
the x-request-id header); tokens and invite codes are never logged.

On first start with SQLite, a community named "${LOCAL_COMMUNITY}" is created; at a terminal,
invite codes to join it from the extension are printed (elsewhere, get one with --invite).`;

function fail(message: string): never {
  console.error(`${message}\nRun with --help for usage.`);
  process.exit(2);
}

function number(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}`);
  return n;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        db: { type: 'string', default: './repertoire.sqlite' },
        'max-body-mb': { type: 'string', default: '32' },
        'rate-limit': { type: 'string', default: '1200' },
        'token-days': { type: 'string', default: '0' },
        workers: { type: 'string', default: String(DEFAULT_WORKERS) },
        'metrics-token': { type: 'string' },
        'grace-seconds': { type: 'string', default: '30' },
        'keep-alive-seconds': { type: 'string', default: String(KEEP_ALIVE_MS / 1000) },
        invite: { type: 'string' },
        backup: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (args.help) {
    console.log(HELP);
    return;
  }
  const port = number(args.port, 'port', 0);
  const maxBodyBytes = number(args['max-body-mb'], 'max-body-mb', 1) * 1_048_576;
  const perMinute = number(args['rate-limit'], 'rate-limit', 1);
  const tokenDays = number(args['token-days'], 'token-days', 0);
  const workers = number(args.workers, 'workers', 0);
  const graceMs = number(args['grace-seconds'], 'grace-seconds', 0) * 1000;
  // Node announces whole seconds and its clients do not reuse a connection announced for 1 s.
  const keepAliveMs = number(args['keep-alive-seconds'], 'keep-alive-seconds', 2) * 1000;
  const metricsToken = args['metrics-token'] ?? process.env['REPERTOIRE_METRICS_TOKEN'];
  if (metricsToken !== undefined && metricsToken.length < 16) {
    fail('--metrics-token must be at least 16 characters: it guards what the server tells');
  }

  const url = process.env['DATABASE_URL'];
  const storage: Storage = url ? { kind: 'postgres', url } : { kind: 'sqlite', path: args.db };
  if (args.backup) {
    if (url) fail('--backup copies a SQLite database; for PostgreSQL use pg_dump (see README).');
    try {
      const { pages } = await backupSqlite(args.db, args.backup);
      console.log(`Backed up ${args.db} to ${args.backup} (${pages} pages).`);
      return;
    } catch (error) {
      console.error(`Backup failed: ${(error as Error).message}`);
      process.exit(1);
    }
  }
  // Every thread writing the SQLite file takes turns through this lock (store/write-lock.ts).
  const writeLock = storage.kind === 'sqlite' && workers > 0 ? new SharedArrayBuffer(4) : undefined;
  const faults = failpoints();
  let store: Store;
  let pool: PushPool | undefined;
  try {
    // The schema is migrated and every worker is ready before the port opens: no request can
    // meet a half-made database or a pool still starting.
    store = await openStore(storage, {
      midPush: faults.midPush,
      ...(tokenDays > 0 ? { tokenTtlMs: tokenDays * 86_400_000 } : {}),
      writeLock,
    });
    if (workers > 0 && !args.invite) pool = await startPushPool(workers, storage, writeLock);
  } catch (error) {
    fail(`Cannot open the database (${describeStorage(storage)}): ${(error as Error).message}`);
  }

  if (args.invite) {
    const made = await stewardInvite(store, args.invite);
    console.log(
      `${made.created ? 'Created' : 'Found'} community "${args.invite}".\n` +
        `Steward invite code (single use, 30 days): ${made.stewardInvite.code}\n` +
        `Give it with the server's address, which the server cannot know from here.`,
    );
    await store.close();
    return;
  }

  const firstStart = !url && !(await store.findCommunity(LOCAL_COMMUNITY));
  const server = await listen({
    store,
    host: args.host,
    port,
    keepAliveMs,
    maxBodyBytes,
    rateLimit: { perMinute, burst: Math.max(10, Math.ceil(perMinute / 6)) },
    pusher: pool ? pool.push : inProcessPusher(store, faults),
    ...(pool ? { pushWorkers: () => pool.stats() } : {}),
    ...(metricsToken ? { metricsToken } : {}),
  });
  log.info(
    { url: server.url, storage: describeStorage(storage), workers, metrics: !!metricsToken },
    'listening',
  );

  if (firstStart) {
    // Invite codes are secrets, never logged: shown only to a person at a terminal.
    if (process.stdout.isTTY) await printWelcome(store, server.url);
    else await store.createCommunity(LOCAL_COMMUNITY);
    log.info(
      { community: LOCAL_COMMUNITY, invite: `npm run server -- --invite "${LOCAL_COMMUNITY}"` },
      'created the local community',
    );
  } else if (process.stdout.isTTY) {
    console.log(
      `\nTo invite someone, a steward creates an invite from the extension, or run:\n` +
        `  npm run server -- --invite "${LOCAL_COMMUNITY}"${url ? '' : ` --db ${args.db}`}\n`,
    );
  }

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'stopping at once: a second signal');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, graceMs }, 'shutting down: no new connections, finishing requests');
    await server.drain(graceMs);
    await pool?.close();
    await store.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** For a person at a terminal: how to join the community a first start made. */
async function printWelcome(store: Store, serverUrl: string): Promise<void> {
  const made = await stewardInvite(store, LOCAL_COMMUNITY);
  const members = await store.createInvite(made.communityId, {
    role: 'member',
    maxUses: 100,
    expiresInHours: 24 * 30,
  });
  console.log(
    `\nCreated "${LOCAL_COMMUNITY}". Join it from the extension (Options → Join a community):\n` +
      `  Server URL:    ${serverUrl}\n` +
      `  Invite code:   ${made.stewardInvite.code}   (steward: the first to join manages it)\n` +
      `  Member invite: ${members.code}   (up to 100 people, 30 days)\n` +
      `Or paste a whole link into "Invite link or code" (it names the server too):\n` +
      `  Steward:       ${inviteLink(serverUrl, made.stewardInvite.code)}\n` +
      `  Members:       ${inviteLink(serverUrl, members.code)}\n` +
      `Stewards invite more people from the extension's settings.\n`,
  );
}

await main();
