/**
 * The server as a child process (`server/main.ts`, as `npm run server` runs it), for the tests
 * that kill it, signal it or read its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Database } from './harness';

export const root = new URL('../..', import.meta.url).pathname;

export interface Child {
  process: ChildProcess;
  url: string;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  /** Its log lines so far (stdout lines that are JSON objects). */
  logs: () => Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ChildOptions {
  env?: Record<string, string>;
  port?: number;
  args?: string[];
  /** How to start it: node with tsx on server/main.ts in this tree unless given. */
  command?: { file: string; args: string[]; cwd: string };
}

export async function startChild(db: Database, options: ChildOptions = {}): Promise<Child> {
  const { env = {}, port = 0, args = [] } = options;
  const command = options.command ?? {
    file: process.execPath,
    args: ['--import', 'tsx', 'server/main.ts'],
    cwd: root,
  };
  const child = spawn(
    command.file,
    [...command.args, '--port', String(port), ...db.args, ...args],
    {
      cwd: command.cwd,
      env: { ...childEnv(), REPERTOIRE_LOG_LEVEL: 'info', ...db.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let all = '';
  child.stderr.on('data', (d: Buffer) => (all += d.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const logs = () =>
    out
      .split('\n')
      // The last piece is a line still being written.
      .slice(0, -1)
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      all += d.toString();
      const listening = logs().find((line) => line['msg'] === 'listening');
      if (listening) resolve(String(listening['url']));
    });
    void exited.then(({ code }) => reject(new Error(`server exited (${code}): ${all}`)));
  });
  return { process: child, url, output: () => all, logs, exited };
}

/** This process's environment less what an `npm test` run passes down to its children. */
export function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

/** Sends `signal` unless the child has exited already; resolves once it has. */
export async function kill(child: Child, signal: NodeJS.Signals): Promise<void> {
  if (child.process.exitCode === null && child.process.signalCode === null) {
    child.process.kill(signal);
  }
  await child.exited;
}
