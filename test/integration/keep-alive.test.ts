/**
 * Kept-alive connections. The server says how long it keeps an idle one (`Keep-Alive: timeout=N`,
 * 65 s unless told, longer than the proxies in front of it keep theirs), and closes it after
 * that. A client whose event loop is busy when that close arrives does not see it, and sends its
 * next request on the closed connection: a reset, "socket hang up" (ECONNRESET), which is what
 * `npm run bench -- server` once died on. The benches' client sends such a request again on a new
 * connection and is answered. The server here runs as a child process with a 2 s window, and the
 * test waits for the kernel to report the connection closed by the server, not for a duration.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadClient } from '../../bench/http-load';
import { kill, startChild } from './child';
import { freshDatabase, startServer } from './harness';

interface Got {
  status: number;
  keepAlive: string | undefined;
}

function get(url: string, agent: http.Agent): Promise<Got> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            keepAlive: res.headers['keep-alive'] as string | undefined,
          }),
        );
      })
      .on('error', reject);
  });
}

/** Whether this machine's kernel says the server has closed our side's connection on `port`. */
function closedByPeer(port: number): boolean {
  const CLOSE_WAIT = '08';
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .some((line) => {
      const [, local, , state] = line.trim().split(/\s+/);
      return local?.endsWith(`:${hex}`) && state === CLOSE_WAIT;
    });
}

/**
 * Once `agent` puts a connection back idle, holds this process's event loop, as a busy client's
 * is, until the server has closed that connection: its close has arrived and nothing here has
 * read it. What runs once this resolves (before the event loop turns) still sees it open.
 */
function busyOnceIdle(agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    agent.once('free', (socket: Socket) => {
      const nap = new Int32Array(new SharedArrayBuffer(4));
      // A bound to end a hang, not a measure: the server closes after 3 s (2 s and Node's 1 s).
      const giveUp = Date.now() + 120_000;
      while (!closedByPeer(socket.localPort!)) {
        if (Date.now() > giveUp) return reject(new Error('connection never closed by the server'));
        Atomics.wait(nap, 0, 0, 10);
      }
      resolve();
    });
  });
}

describe('kept-alive connections', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('are kept 65 s unless the server is told otherwise, and it says so', async () => {
    const server = await startServer('sqlite');
    cleanup.push(() => server.stop());
    const agent = new http.Agent({ keepAlive: true });
    cleanup.push(async () => agent.destroy());
    expect(await get(`${server.url}/v1/health`, agent)).toEqual({
      status: 200,
      keepAlive: 'timeout=65',
    });
  });

  it.runIf(process.platform === 'linux')(
    'closed by the server while the client was busy, cost the benches’ client a resend, not a failure',
    async () => {
      const db = await freshDatabase('sqlite');
      cleanup.push(() => db.drop());
      const child = await startChild(db, { args: ['--keep-alive-seconds', '2'] });
      cleanup.push(() => kill(child, 'SIGTERM'));
      const health = `${child.url}/v1/health`;

      // The cause: a plain kept-alive client (the bench's before) sends on the closed connection.
      const plain = new http.Agent({ keepAlive: true });
      cleanup.push(async () => plain.destroy());
      const plainIdle = busyOnceIdle(plain);
      expect(await get(health, plain)).toEqual({ status: 200, keepAlive: 'timeout=2' });
      await plainIdle;
      await expect(get(health, plain)).rejects.toMatchObject({ code: 'ECONNRESET' });

      // The benches' client, in the same spot, is answered over a new connection.
      const client = new LoadClient(4);
      cleanup.push(async () => client.close());
      const clientIdle = busyOnceIdle(client.agent);
      expect(await client.send(health)).toMatchObject({ status: 200, newConnection: true });
      await clientIdle;
      expect(await client.send(health)).toMatchObject({ status: 200, newConnection: true });
      expect(client.resent).toBe(1);
    },
  );
});
