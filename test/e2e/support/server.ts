/** A loopback HTTP server for the pages the tests visit: corpus pages and small fixtures. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve } from 'node:path';
import { readabilityPagesDir } from '../../support/corpus';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * `/corpus/<name>` serves a Readability corpus page; `/fixtures/<file>` a fixture; any other path
 * the single-page app shell (fixtures/app.html), as a tool like GitHub or Jira would.
 */
export async function startPageServer(options: { tls?: boolean } = {}): Promise<PageServer> {
  const server: Server = options.tls
    ? createTlsServer(selfSignedCertificate(), serve)
    : createServer(serve);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/**
 * Hosts like github.com are on browsers' HSTS preload list, so they are only ever visited over
 * HTTPS; the browser is started with --ignore-certificate-errors for this throwaway certificate.
 */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'repertoire-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function serve(req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const [, area, name] = path.split('/');
  try {
    if (name?.includes('..')) throw new Error('bad path');
    const file =
      area === 'corpus' && name
        ? join(readabilityPagesDir(), normalize(name), 'source.html')
        : area === 'fixtures' && name
          ? join(FIXTURES, normalize(name))
          : join(FIXTURES, 'app.html');
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}
