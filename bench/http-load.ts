/**
 * The HTTP client of the benches that load the server: requests over kept-alive connections
 * (Node's http, which costs this process less CPU than fetch on the two cores it shares with the
 * server), each timed to its last byte, and failures returned, never thrown, so that a bench
 * counts them by phase and carries on.
 *
 * A connection kept alive can be closed by the server while it sits idle, and the client learns
 * of it only when its event loop reads the close; a request sent on it before then meets a reset.
 * Every HTTP client that keeps connections alive sends such a request again on a new connection
 * (browsers do, for any method), and so does this one: nothing reached the server's handler, so
 * nothing is applied twice (and a push sent twice is applied once anyway, by its seqs).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface Answer {
  status: number;
  /** Time from sending to the last byte of the answer, retries included. */
  ms: number;
  /** The body, if asked for. */
  text: string;
  /** Whether it went over a connection opened for it rather than a kept-alive one. */
  newConnection: boolean;
  /** From sending to the connection being open (0 on a kept-alive one), and to the answer's headers. */
  connectedMs: number;
  headersMs: number;
}

export interface Failure {
  /** An error code (ECONNRESET, …) or a message. */
  error: string;
  ms: number;
}

export type Outcome = Answer | Failure;

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Keep the body, gunzipped if it came gzip'd (default: read and dropped). */
  text?: boolean;
}

/** What a request sent on a connection the server had closed meets. */
const CLOSED_UNDER_IT = new Set(['ECONNRESET', 'EPIPE']);

type Attempt =
  | (Omit<Answer, 'ms' | 'connectedMs' | 'headersMs'> & { connectedAt: number; headersAt: number })
  | { error: string; resend: boolean };

export class LoadClient {
  readonly agent: http.Agent;
  /** Requests sent again after their kept-alive connection turned out closed by the server. */
  resent = 0;
  /** The longest a kept-alive connection sat idle before a request was sent on it. */
  longestIdleMs = 0;
  private readonly idleSince = new WeakMap<Socket, number>();

  constructor(maxSockets: number) {
    // Node's agent closes an idle connection 1 s before the server's announced Keep-Alive
    // timeout only when it has a timeout of its own (here longer than any request): without it,
    // idle connections are kept for ever. Its timer cannot fire while the event loop is busy,
    // though, so the resend is still needed.
    this.agent = new http.Agent({ keepAlive: true, maxSockets, timeout: 10 * 60_000 });
    this.agent.on('free', (socket: Socket) => this.idleSince.set(socket, performance.now()));
  }

  async send(url: string, options: RequestOptions = {}): Promise<Outcome> {
    const start = performance.now();
    // Each failed try used up one stale connection; past as many as the pool holds, it is not that.
    for (let tries = 0; ; tries++) {
      const attempt = await this.attempt(url, options);
      if ('error' in attempt && attempt.resend && tries < (this.agent.maxSockets as number)) {
        this.resent++;
        continue;
      }
      const ms = performance.now() - start;
      if ('error' in attempt) return { error: attempt.error, ms };
      const { connectedAt, headersAt, ...answer } = attempt;
      return { ...answer, ms, connectedMs: connectedAt - start, headersMs: headersAt - start };
    }
  }

  /** Closes the connections kept alive. */
  close(): void {
    this.agent.destroy();
  }

  private attempt(url: string, options: RequestOptions): Promise<Attempt> {
    return new Promise((resolve) => {
      let answered = false;
      let connectedAt = performance.now();
      const body = options.body;
      const req = http.request(
        url,
        {
          method: options.method ?? 'GET',
          agent: this.agent,
          headers: {
            ...options.headers,
            ...(body ? { 'Content-Length': String(body.byteLength) } : {}),
          },
        },
        (res) => {
          answered = true;
          const headersAt = performance.now();
          const chunks: Buffer[] = [];
          const gzipped = options.text && res.headers['content-encoding'] === 'gzip';
          const stream: Readable = gzipped ? res.pipe(createGunzip()) : res;
          stream.on('data', (d: Buffer) => options.text && chunks.push(d));
          stream.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString(),
              newConnection: !req.reusedSocket,
              connectedAt,
              headersAt,
            }),
          );
          const failed = (error: NodeJS.ErrnoException) =>
            resolve({ error: error.code ?? error.message, resend: false });
          res.on('error', failed);
          if (stream !== res) stream.on('error', failed);
        },
      );
      req.on('socket', (socket) => {
        if (!req.reusedSocket) socket.once('connect', () => (connectedAt = performance.now()));
        const since = this.idleSince.get(socket);
        if (req.reusedSocket && since !== undefined) {
          this.longestIdleMs = Math.max(this.longestIdleMs, performance.now() - since);
        }
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? error.message;
        const resend = !answered && req.reusedSocket && CLOSED_UNDER_IT.has(code);
        resolve({ error: code, resend });
      });
      req.end(body);
    });
  }
}

/** The outcomes of one phase of a bench: answers' times, and failures and refusals by kind. */
export class Tally {
  readonly answers: Answer[] = [];
  readonly failures = new Map<string, number>();

  /** The answer if it has the expected status; anything else is counted as a failure. */
  add(outcome: Outcome, expected = 200): Answer | undefined {
    const kind =
      'error' in outcome
        ? outcome.error
        : outcome.status === expected
          ? undefined
          : `HTTP ${outcome.status}`;
    if (kind === undefined) {
      this.answers.push(outcome as Answer);
      return outcome as Answer;
    }
    this.failures.set(kind, (this.failures.get(kind) ?? 0) + 1);
    return undefined;
  }

  get failed(): number {
    return [...this.failures.values()].reduce((a, b) => a + b, 0);
  }

  /** "none", or "3 (ECONNRESET 2, HTTP 503 1)". */
  describeFailures(): string {
    if (this.failed === 0) return 'none';
    const kinds = [...this.failures].map(([kind, n]) => `${kind} ${n}`).join(', ');
    return `${this.failed} (${kinds})`;
  }
}
