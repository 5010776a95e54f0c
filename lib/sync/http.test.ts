import { describe, expect, it } from 'vitest';
import { httpTransport, SyncHttpError, SyncUnreachableError } from './http';

const transport = (fetch: typeof globalThis.fetch, serverUrl = 'http://127.0.0.1:47100') =>
  httpTransport({ serverUrl, communityId: 'c1', token: 't', fetch });

describe('sync errors in words', () => {
  it('says which server cannot be reached and that changes are kept, never "Failed to fetch"', async () => {
    const failing = transport(() => Promise.reject(new TypeError('Failed to fetch')));
    const error: unknown = await failing.pull(0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncUnreachableError);
    expect((error as Error).message).toBe(
      "The server at 127.0.0.1:47100 can't be reached. Your changes are kept on this browser and will be sent when it is back.",
    );
  });

  it('treats a connection dropped while the body arrives as unreachable too', async () => {
    const dropped = transport(() =>
      Promise.resolve({
        ok: true,
        status: 200,
        headers: new Headers(),
        text: () => Promise.reject(new TypeError('network error')),
      } as Response),
    );
    await expect(dropped.push({ clientId: 'x', mutations: [] })).rejects.toBeInstanceOf(
      SyncUnreachableError,
    );
  });

  it("keeps the server's own sentence for a refusal it explains", async () => {
    const body = { error: { code: 'not_allowed', message: 'Only stewards may do that.' } };
    const refusing = transport(() =>
      Promise.resolve(new Response(JSON.stringify(body), { status: 403 })),
    );
    const error = (await refusing.pull(0).catch((e: unknown) => e)) as SyncHttpError;
    expect(error).toBeInstanceOf(SyncHttpError);
    expect([error.status, error.code, error.message]).toEqual([
      403,
      'not_allowed',
      'Only stewards may do that.',
    ]);
  });

  it('names the server and the status when the answer explains nothing (a proxy page)', async () => {
    const proxy = transport(
      () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 })),
      'https://sync.example.org/',
    );
    const error = (await proxy.pull(0).catch((e: unknown) => e)) as SyncHttpError;
    expect(error.code).toBe('http_502');
    expect(error.message).toBe(
      'The server at sync.example.org answered 502 without saying why; try again later.',
    );
  });
});
