/** A loopback HTTP server for the pages the tests visit: corpus pages and small fixtures. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve } from 'node:path';
import { readabilityPagesDir } from '../../support/corpus';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** `/corpus/<name>` serves a Readability corpus page; `/fixtures/<file>` a fixture. */
export async function startPageServer(host = '127.0.0.1'): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [, area, name] = path.split('/');
    try {
      if (!name || name.includes('..')) throw new Error('bad path');
      const file =
        area === 'corpus'
          ? join(readabilityPagesDir(), normalize(name), 'source.html')
          : area === 'fixtures'
            ? join(FIXTURES, normalize(name))
            : '';
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, host, ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
