/** Listens with @hono/node-server; used by the CLI and by in-process tests and benches. */
import { serve } from '@hono/node-server';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app';
import { ChangeFeed } from './events';

/**
 * How long an idle kept-alive connection stays open, announced to clients as `Keep-Alive:
 * timeout=N`. Node's default, 5 s, is shorter than the idle timeout of the proxies and load
 * balancers a deployment puts in front (60 s for nginx's upstream keepalive and for AWS's ALB):
 * they would send requests on connections the server had just closed, and their clients would
 * see resets. Above theirs, the proxy is always the side that closes an idle connection.
 */
export const KEEP_ALIVE_MS = 65_000;

export interface RunningServer {
  url: string;
  /** Closes now, cutting connections that are still open. */
  close(): Promise<void>;
  /**
   * Stops accepting connections, lets the requests in progress finish (for at most `graceMs`),
   * then closes: what a SIGTERM does.
   */
  drain(graceMs: number): Promise<void>;
}

export async function listen(
  options: AppOptions & { host: string; port: number; keepAliveMs?: number },
): Promise<RunningServer> {
  const feed = options.feed ?? new ChangeFeed(options.store.changes);
  const app = createApp({ ...options, feed });
  // Listening to the other processes before taking requests: no change told is missed.
  await feed.connect();
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        hostname: options.host,
        port: options.port,
        serverOptions: { keepAliveTimeout: options.keepAliveMs ?? KEEP_ALIVE_MS },
      },
      (info) => {
        const { address, port } = info as AddressInfo;
        const host = address.includes(':') ? `[${address}]` : address;
        resolve(running(server as Server, `http://${host}:${port}`, feed));
      },
    );
    server.once('error', reject);
  });
}

function running(server: Server, url: string, feed: ChangeFeed): RunningServer {
  let inProgress = 0;
  const settled = new EventTarget();
  server.on('request', (_req, res) => {
    inProgress++;
    res.once('close', () => {
      if (--inProgress === 0) settled.dispatchEvent(new Event('idle'));
    });
  });
  const close = async () => {
    await new Promise<void>((done) => {
      feed.close();
      server.close(() => done());
      // Keep-alive sockets would hold close() open until they time out.
      server.closeAllConnections();
    });
    await feed.disconnect();
  };
  return {
    url,
    close,
    async drain(graceMs) {
      const stopped = new Promise<void>((done) => server.close(() => done()));
      server.closeIdleConnections();
      // Live streams never finish on their own: ended now, their clients reconnect elsewhere.
      feed.close();
      if (inProgress > 0) {
        await Promise.race([
          once(settled, 'idle'),
          new Promise((timeUp) => setTimeout(timeUp, graceMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await stopped;
      await feed.disconnect();
    },
  };
}
