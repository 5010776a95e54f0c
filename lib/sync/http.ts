/** The sync protocol over fetch (docs/sync-protocol.md); responses are validated too. */
import { ErrorBody, PullResponse, PushResponse, SYNC_LIMITS, type PushRequest } from '../wire/sync';

export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(cursor: number, limit?: number): Promise<PullResponse>;
}

/** A non-2xx answer. Network failures stay the TypeError fetch throws. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After, on 429 and 503. */
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

export interface HttpTransportOptions {
  serverUrl: string;
  communityId: string;
  token: string;
  fetch?: typeof fetch;
}

export function httpTransport(options: HttpTransportOptions): SyncTransport {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = `${options.serverUrl.replace(/\/+$/, '')}/v1/communities/${encodeURIComponent(options.communityId)}`;
  const headers = { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' };

  async function call(path: string, init: RequestInit): Promise<unknown> {
    const res = await doFetch(`${base}${path}`, { ...init, headers });
    const text = await res.text();
    if (res.ok) return JSON.parse(text);
    const parsed = ErrorBody.safeParse(safeJson(text));
    const retryAfter = Number(res.headers.get('Retry-After'));
    throw new SyncHttpError(
      res.status,
      parsed.success ? parsed.data.error.code : `http_${res.status}`,
      parsed.success ? parsed.data.error.message : `The server answered ${res.status}.`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
    );
  }

  return {
    async push(request) {
      return PushResponse.parse(
        await call('/push', { method: 'POST', body: JSON.stringify(request) }),
      );
    },
    async pull(cursor, limit = SYNC_LIMITS.pullDefault) {
      return PullResponse.parse(await call(`/pull?cursor=${cursor}&limit=${limit}`, {}));
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
