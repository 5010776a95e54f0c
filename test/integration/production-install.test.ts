/**
 * A production install, as an operator makes one: this tree's files (what git would ship) in a
 * temporary directory, `npm ci --omit=dev`, then the server on SQLite and on PostgreSQL: an invite
 * made with `npm run server -- --invite`, and the server as a service runs it (node with tsx's
 * loader) serving a join, a push and a pull, then stopping cleanly on SIGTERM.
 *
 * What it proves: every package the server loads at run time is a production dependency (no dev
 * dependency is installed, and the server runs), and the root package's install script works
 * without dev dependencies. What it leaves out: compiling better-sqlite3's native addon, which
 * takes about a minute here (its prebuilt binaries are downloaded from outside the npm registry,
 * which this machine cannot reach). npm's install scripts are skipped and the addon this tree's
 * own `npm ci` compiled is copied in instead, checked to be of the same better-sqlite3 version;
 * that compile is exercised by every `npm ci`, CI's first step included.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse } from '../../lib/wire';
import { childEnv, kill, root, startChild } from './child';
import { BACKENDS, freshDatabase, joinWith, newTip, type Database } from './harness';

const ADDON = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
const DEV_ONLY = ['vitest', 'wxt', 'typescript', 'eslint', 'playwright-core', '@types/node'];

let dir: string;

function npm(args: string[], extraEnv: Record<string, string> = {}): string {
  return execFileSync('npm', args, {
    cwd: dir,
    env: { ...childEnv(), ...extraEnv },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const version = (base: string) =>
  (
    JSON.parse(readFileSync(join(base, 'node_modules/better-sqlite3/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'repertoire-production-'));
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((f) => f && existsSync(join(root, f)));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(root, file), join(dir, file));
  }
  npm(['ci', '--omit=dev', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund']);
  expect(version(dir)).toBe(version(root));
  mkdirSync(dirname(join(dir, ADDON)), { recursive: true });
  copyFileSync(join(root, ADDON), join(dir, ADDON));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a production install (npm ci --omit=dev)', () => {
  it('has no dev dependency, and its install script runs without them', () => {
    for (const name of DEV_ONLY)
      expect(existsSync(join(dir, 'node_modules', name)), name).toBe(false);
    npm(['run', '--silent', 'postinstall']);
  });

  it.each(BACKENDS)('serves on %s: join, push, pull, then stops on SIGTERM', async (backend) => {
    const db: Database = await freshDatabase(backend);
    const args = db.storage.kind === 'sqlite' ? ['--db', join(dir, 'prod.sqlite')] : [];
    try {
      const invite = npm(['run', '--silent', 'server', '--', '--invite', 'Ops', ...args], db.env);
      const code = /Steward invite code[^:]*:\s+(\S+)/.exec(invite)?.[1];
      expect(code).toBeDefined();
      // As a service runs it: node itself, which the signals reach (npm's shell would not pass them on).
      const server = await startChild(
        { ...db, args },
        {
          command: {
            file: process.execPath,
            args: ['--import', 'tsx', 'server/main.ts'],
            cwd: dir,
          },
        },
      );
      try {
        const ann = await joinWith(server.url, code!, 'Ann');
        const batch = ann.mutations({ op: 'set', ...newTip({ title: 'installed' }) });
        expect(PushResponse.parse((await ann.push(batch)).body).results[0]?.status).toBe('applied');
        const { items } = await ann.pullAll();
        expect([...items.values()].map((i) => i.item.title)).toEqual(['installed']);
        await kill(server, 'SIGTERM');
        expect(await server.exited).toEqual({ code: 0, signal: null });
        expect(server.logs().at(-1)?.['msg']).toBe('stopped');
      } finally {
        await kill(server, 'SIGKILL');
      }
    } finally {
      await db.drop();
    }
  });
});
