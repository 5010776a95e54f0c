/**
 * Starts a throwaway PostgreSQL cluster for the integration tests (initdb into a temp dir, a free
 * loopback port, its unix socket in that dir) and removes it afterwards. Tests read its URL with
 * `inject('pgUrl')`; each test file creates its own database in it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

const PG_ROOT = '/usr/lib/postgresql';

function postgresBin(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) {
    throw new Error(
      `PostgreSQL server binaries not found (${PG_ROOT}/*/bin/initdb). ` +
        'The integration tests need them: run `apt-get install -y postgresql`.',
    );
  }
  return join(PG_ROOT, versions[0], 'bin');
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

export default async function setup(project: TestProject): Promise<() => void> {
  const bin = postgresBin();
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
    run(pgCtl, [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      'start',
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a throwaway PostgreSQL cluster: ${String(error)}`);
  }
  project.provide('pgUrl', `postgresql://postgres@127.0.0.1:${port}/postgres`);
  return () => {
    try {
      run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
