/**
 * A throwaway PostgreSQL cluster: initdb into a temp dir, started on a free loopback port with its
 * unix socket in that dir, stopped and removed by `stop`. For the integration tests (global-setup)
 * and the server bench.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const PG_ROOT = '/usr/lib/postgresql';

export interface PgCluster {
  /** The `postgres` database, as its superuser, over TCP. */
  url: string;
  stop: () => void;
}

/** The bin directory of the newest PostgreSQL server installed, if any. */
export function postgresBin(): string | undefined {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] && join(PG_ROOT, versions[0], 'bin');
}

/** initdb refuses to run as root, so as root every PostgreSQL command runs as `postgres`. */
function runner(dir: string): (cmd: string, args: string[]) => void {
  if (process.getuid?.() !== 0) {
    return (cmd, args) => void execFileSync(cmd, args, { stdio: 'pipe' });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  chownSync(dir, uid, gid);
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  return (cmd, args) =>
    void execFileSync(
      'su',
      ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map(quote).join(' ')],
      {
        stdio: 'pipe',
      },
    );
}

/**
 * Starts a cluster with the binaries in `bin`, the server settings `settings` (`-c` options:
 * `fsync=off`, ...) on top of PostgreSQL's defaults.
 */
export async function startPgCluster(bin: string, settings: string[] = []): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'repertoire-pg-'));
  const run = runner(dir);
  const data = join(dir, 'data');
  const port = await freePort();
  const pgCtl = join(bin, 'pg_ctl');
  try {
    run(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    const options = [`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`];
    for (const setting of settings) options.push(`-c ${setting}`);
    run(pgCtl, ['-D', data, '-l', join(dir, 'log'), '-w', '-o', options.join(' '), 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a throwaway PostgreSQL cluster: ${String(error)}`);
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
