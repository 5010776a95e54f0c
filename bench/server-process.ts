/**
 * The sync server in its own process, as deployed, for the benches that load it over loopback:
 * started on a fresh SQLite file, or on a PostgreSQL database (DATABASE_URL, as the server reads
 * it), with a steward invite the CLI makes, and joined over HTTP.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Storage } from '../server/store/open';

const root = new URL('..', import.meta.url).pathname;

export interface Server {
  name: string;
  url: string;
  invite: string;
  storage: Storage;
  pid: number;
  stop: () => void;
  /** Settles when the process has exited (after `stop`: once it has closed its database). */
  exited: Promise<void>;
  /**
   * While true, the time each request spent in the server's handlers (its log line's `ms`: from
   * the first middleware to the answer's body, gzip included), by request id, lands in `handlerMs`.
   */
  timing: boolean;
  handlerMs: Map<string, number>;
}

/**
 * A server on `databaseUrl` if given (a database of its own: the server migrates it), else on
 * `dir`/`name`.sqlite.
 */
export async function startServer(
  dir: string,
  name: string,
  args: string[],
  databaseUrl?: string,
): Promise<Server> {
  const storage: Storage = databaseUrl
    ? { kind: 'postgres', url: databaseUrl }
    : { kind: 'sqlite', path: join(dir, `${name}.sqlite`) };
  const server = ['--import', 'tsx', 'server/main.ts'];
  if (storage.kind === 'sqlite') server.push('--db', storage.path);
  // The bench's own DATABASE_URL, if it has one, must not turn a SQLite server into another.
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  if (databaseUrl) env['DATABASE_URL'] = databaseUrl;
  // Invite codes are never in the server's output: the CLI makes one.
  const made = execFileSync(process.execPath, [...server, '--invite', 'Bench'], {
    cwd: root,
    encoding: 'utf8',
    env,
  });
  const invite = /Steward invite code[^:]*:\s+(\S+)/.exec(made)?.[1];
  if (!invite) throw new Error(`no invite code in: ${made}`);
  const child = spawn(
    process.execPath,
    [...server, '--port', '0', '--rate-limit', '1000000', ...args],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  return new Promise((resolve, reject) => {
    const read = (d: Buffer) => {
      out += d.toString();
      const url = /"url":"([^"]+)".*"msg":"listening"/.exec(out)?.[1];
      if (!url) return;
      // Past its first lines the server logs a line per request: read, and dropped unless timed,
      // as a service's log collector would take them. Warnings and errors are shown.
      child.stdout.off('data', read);
      const server: Server = {
        name,
        url,
        invite,
        storage,
        pid: child.pid!,
        stop: () => child.kill('SIGTERM'),
        exited,
        timing: false,
        handlerMs: new Map(),
      };
      let partial = '';
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop()!;
        for (const line of lines) {
          if (/"level":[456]0/.test(line)) console.error(`server ${name}: ${line}`);
          else if (server.timing && line.includes('"msg":"request"')) {
            const { reqId, ms } = JSON.parse(line) as { reqId: string; ms: number };
            server.handlerMs.set(reqId, ms);
          }
        }
      });
      resolve(server);
    };
    child.stdout.on('data', read);
    child.once('exit', (code, signal) => {
      if (code !== 0) console.error(`server ${name} exited (${code ?? signal})`);
      reject(new Error(`server exited with ${code}`));
    });
  });
}

export interface Member {
  base: string;
  headers: Record<string, string>;
}

export async function joinCommunity(url: string, code: string, name: string): Promise<Member> {
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

/** An invite for `maxUses` people, made by a steward. */
export async function invite(steward: Member, maxUses: number): Promise<string> {
  const res = await fetch(`${steward.base}/invites`, {
    method: 'POST',
    headers: steward.headers,
    body: JSON.stringify({ maxUses }),
  });
  return ((await res.json()) as { code: string }).code;
}
