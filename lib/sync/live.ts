/**
 * Listening to a community's live stream (GET /v1/communities/:cid/events) while an extension
 * page is open: each "changed" event is a cue to pull, never data. The stream is read with
 * fetch, not EventSource, which cannot send the member's token. It reconnects after a failure
 * or a server restart, with the cursor the page reads at that moment, so what changed while it
 * was away is told at once; a refused token ends it (the sync status says why).
 */
import { LIVE } from '../wire';

export type LiveState = 'connecting' | 'live' | 'waiting' | 'stopped';

export interface LiveOptions {
  serverUrl: string;
  communityId: string;
  token: string;
  /** The community's sync cursor now: asked again before each connection. */
  cursor: () => Promise<number>;
  onChange: () => void;
  onState?: (state: LiveState) => void;
  /** Ends the stream (the page closes, or the community changes). */
  signal: AbortSignal;
  fetch?: typeof fetch;
  /** Waits between reconnections: doubling from the first, up to the last. */
  backoffMs?: { first: number; max: number };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
  });

/** Reads one connection's events until it ends; calls `heard` with each event's name. */
async function read(body: ReadableStream<Uint8Array>, heard: (event: string) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    // An event ends at a blank line; comment lines (": ping") name none.
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const name = /^event: ?(.*)$/m.exec(block)?.[1];
      if (name) heard(name.trim());
    }
  }
}

/** Listens until `signal` aborts or the server refuses the token; resolves then. */
export async function listenLive(options: LiveOptions): Promise<void> {
  const { signal, onChange } = options;
  const state = (s: LiveState) => options.onState?.(s);
  const get = options.fetch ?? fetch;
  const { first, max } = options.backoffMs ?? { first: LIVE.retryMs, max: 60_000 };
  let wait = first;
  while (!signal.aborted) {
    state('connecting');
    try {
      const cursor = await options.cursor();
      const url = `${options.serverUrl.replace(/\/$/, '')}/v1/communities/${encodeURIComponent(options.communityId)}/events?cursor=${cursor}`;
      const res = await get(url, {
        headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/event-stream' },
        signal,
      });
      // Not a member any more (or another community's token): nothing to listen to.
      if (res.status === 401 || res.status === 403) return state('stopped');
      if (res.ok && res.body) {
        await read(res.body, (event) => {
          if (event === 'ready') {
            wait = first;
            state('live');
          } else if (event === 'changed') onChange();
        });
      } else await res.body?.cancel();
    } catch {
      // Offline, or the server went away: wait, then connect again.
    }
    if (signal.aborted) break;
    state('waiting');
    await sleep(wait, signal);
    wait = Math.min(max, wait * 2);
  }
  state('stopped');
}
