/**
 * The sync server in its own process, as deployed, for the benches that load it over loopback:
 * started on a fresh SQLite file with a steward invite the CLI makes, and joined over HTTP.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

export interface Server {
  name: string;
  url: string;
  invite: string;
  file: string;
  pid: number;
  stop: () => void;
  /**
   * While true, the time each request spent in the server's handlers (its log line's `ms`: from
   * the first middleware to the answer's body, gzip included), by request id, lands in `handlerMs`.
   */
  timing: boolean;
  handlerMs: Map<string, number>;
}

export async function startServer(dir: string, name: string, args: string[]): Promise<Server> {
  const file = join(dir, `${name}.sqlite`);
  const server = ['--import', 'tsx', 'server/main.ts', '--db', file];
  // Invite codes are never in the server's output: the CLI makes one.
  const made = execFileSync(process.execPath, [...server, '--invite', 'Bench'], {
    cwd: root,
    encoding: 'utf8',
  });
  const invite = /Steward invite code[^:]*:\s+(\S+)/.exec(made)?.[1];
  if (!invite) throw new Error(`no invite code in: ${made}`);
  const child = spawn(
    process.execPath,
    [...server, '--port', '0', '--rate-limit', '1000000', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
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
        file,
        pid: child.pid!,
        stop: () => child.kill('SIGTERM'),
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
