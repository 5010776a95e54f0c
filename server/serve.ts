/** Listens with @hono/node-server; used by the CLI and by in-process tests and benches. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function listen(
  options: AppOptions & { host: string; port: number },
): Promise<RunningServer> {
  const app = createApp(options);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host, port: options.port },
      (info) => {
        const { address, port } = info as AddressInfo;
        const host = address.includes(':') ? `[${address}]` : address;
        resolve({
          url: `http://${host}:${port}`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              // Keep-alive sockets would hold close() open until they time out.
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
