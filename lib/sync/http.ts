/** The sync protocol over fetch (docs/sync-protocol.md); responses are validated too. */
import { ErrorBody, PullResponse, PushResponse, SYNC_LIMITS, type PushRequest } from '../wire/sync';

export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(cursor: number, limit?: number): Promise<PullResponse>;
}

/** A non-2xx answer; `message` is the server's own sentence, or one saying what it answered. */
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

/** No answer at all (offline, the server down, a wrong address): fetch's TypeError, in words. */
export class SyncUnreachableError extends Error {
  constructor(serverUrl: string) {
    super(unreachableMessage(serverUrl));
  }
}

/** How members see a server: its host, as they typed or pasted it. */
const serverName = (serverUrl: string): string => {
  try {
    return new URL(serverUrl).host || serverUrl;
  } catch {
    return serverUrl;
  }
};

/** The sentence for a server that cannot be reached: what happened, and that nothing is lost. */
export const unreachableMessage = (serverUrl: string): string =>
  `The server at ${serverName(serverUrl)} can't be reached. Your changes are kept on this browser and will be sent when it is back.`;

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
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${base}${path}`, { ...init, headers });
      text = await res.text();
    } catch {
      // fetch says only "Failed to fetch" (or "NetworkError…" in Firefox): never shown as is.
      throw new SyncUnreachableError(options.serverUrl);
    }
    if (res.ok) return JSON.parse(text);
    const parsed = ErrorBody.safeParse(safeJson(text));
    const retryAfter = Number(res.headers.get('Retry-After'));
    throw new SyncHttpError(
      res.status,
      parsed.success ? parsed.data.error.code : `http_${res.status}`,
      parsed.success
        ? parsed.data.error.message
        : `The server at ${serverName(options.serverUrl)} answered ${res.status} without saying why. Your changes are kept on this browser; Repertoire will try again.`,
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
