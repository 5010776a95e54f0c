/**
 * Response compression on the libuv thread pool (zlib's async API), so gzip of large pull pages
 * runs beside the event loop instead of on it. Level 1: JSON still shrinks several times, at a
 * fraction of the CPU of the default level.
 */
import type { MiddlewareHandler } from 'hono';
import { promisify } from 'node:util';
import { constants, deflate, gzip } from 'node:zlib';

const encoders = { gzip: promisify(gzip), deflate: promisify(deflate) };
const MIN_BYTES = 1024;

export function compress(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const accepted = c.req.header('Accept-Encoding') ?? '';
    const encoding = /\bgzip\b/.test(accepted)
      ? 'gzip'
      : /\bdeflate\b/.test(accepted)
        ? 'deflate'
        : undefined;
    const res = c.res;
    if (!encoding || !res.body || res.headers.has('Content-Encoding')) return;
    if (!res.headers.get('Content-Type')?.startsWith('application/json')) return;
    const body = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    headers.append('Vary', 'Accept-Encoding');
    if (body.byteLength < MIN_BYTES) {
      c.res = new Response(body, { status: res.status, headers });
      return;
    }
    const compressed = await encoders[encoding](body, { level: constants.Z_BEST_SPEED });
    headers.set('Content-Encoding', encoding);
    headers.delete('Content-Length');
    c.res = new Response(compressed, { status: res.status, headers });
  };
}
