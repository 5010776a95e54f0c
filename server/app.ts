/** The HTTP API (docs/sync-protocol.md): validation, auth, limits and errors around a Store. */
import type { HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { matchedRoutes } from 'hono/route';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import {
  InviteRequest,
  JoinRequest,
  type JoinResponse,
  type MembersResponse,
  EventsQuery,
  LIVE,
  PullQuery,
  PurgeRequest,
  SettingsChange,
  SYNC_LIMITS,
  TeamChange,
} from '../lib/wire';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { compress } from './compress';
import { ChangeFeed } from './events';
import { ApiError } from './errors';
import { JOIN_PAGE } from './join-page';
import { log as defaultLog, type Log } from './log';
import { ServerMetrics, type PushWorkerStats } from './metrics';
import { inProcessPusher, type Pusher } from './push';
import { MemoryRateLimiter, type RateLimiter } from './rate-limit';
import type { Principal, Store } from './store/store';
import { invalid, parseBody } from './validate';

export interface AppOptions {
  store: Store;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Sustained requests per minute per token (and per IP for joining), with bursts of `burst`. */
  rateLimit: { perMinute: number; burst: number };
  /** Where pushes are parsed, validated and applied: this thread unless a worker pool is given. */
  pusher?: Pusher;
  /** The operator's secret for `GET /metrics`; the route is off without one. */
  metricsToken?: string;
  /** The push pool's state, for /metrics. */
  pushWorkers?: () => PushWorkerStats;
  log?: Log;
  /** Who listens for live changes; given by the server so that a drain can end the streams. */
  feed?: ChangeFeed;
}

type Env = {
  Bindings: HttpBindings;
  Variables: { who: Principal; body: Uint8Array<ArrayBuffer>; requestId: string };
};

/** A caller's own request id (a proxy's, say) is kept if it is this tame; else one is made. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

const SMALL_BODY_BYTES = 16_384;
/** Past the limit, up to this much more is read and dropped so the client still sees the 413. */
const DRAIN_BYTES = 64 * 1_048_576;

export function createApp(options: AppOptions): Hono<Env> {
  const { store } = options;
  const pusher = options.pusher ?? inProcessPusher(store);
  const { perMinute, burst } = options.rateLimit;
  const limiter = (): RateLimiter => {
    const shared = store.takeRateToken?.bind(store);
    return shared
      ? { take: (key) => shared(key, perMinute, burst) }
      : new MemoryRateLimiter(perMinute, burst);
  };
  const [perToken, perIp] = [limiter(), limiter()];
  const log = options.log ?? defaultLog;
  const metrics = new ServerMetrics(options.pushWorkers);
  const feed = options.feed ?? new ChangeFeed();
  /** Open live streams per member (by id), to hold each to LIVE.streamsPerMember. */
  const streams = new Map<string, number>();
  const app = new Hono<Env>();

  // First, so that every answer, preflights and errors included, carries its id, is counted and
  // is logged. The line names the route and status, never headers or bodies (tokens, codes).
  app.use(async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    const last = matchedRoutes(c).at(-1);
    const route = last && last.method !== 'ALL' ? last.path : 'unmatched';
    const status = c.res.status;
    metrics.requests.inc({ method: c.req.method, route, status });
    log.info(
      {
        reqId: requestId,
        method: c.req.method,
        route,
        path: c.req.path,
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });

  // Any origin: extension pages and other clients call from their own origins, and credentials
  // are bearer tokens a page must hold already, never cookies.
  app.use(
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'DELETE'],
      allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposeHeaders: ['Retry-After', 'X-Request-Id'],
      maxAge: 86_400,
    }),
  );
  app.use(compress());
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.body(), error.status, error.headers);
    const requestId = c.get('requestId');
    log.error({ reqId: requestId, err: error }, 'unexpected error');
    return c.json(
      {
        error: {
          code: 'internal',
          message: `Unexpected server error (request ${requestId}); retry later.`,
        },
      },
      500,
    );
  });
  app.notFound((c) =>
    c.json(
      { error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` } },
      404,
    ),
  );

  app.get('/v1/health', (c) => c.json({ ok: true }));

  app.get('/metrics', async (c) => {
    operatorOnly(options.metricsToken, c.req.header('Authorization'));
    return c.body(await metrics.registry.metrics(), 200, {
      'Content-Type': metrics.registry.contentType,
    });
  });

  app.get('/join', (c) =>
    c.html(JOIN_PAGE, 200, {
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Referrer-Policy': 'no-referrer',
    }),
  );

  app.post('/v1/join', limitBody(SMALL_BODY_BYTES), async (c) => {
    const ip = getConnInfo(c).remote.address ?? 'unknown';
    await throttle(perIp, `ip:${ip}`);
    const { code, displayName, team } = readJson(c, JoinRequest);
    const outcome = await store.redeemInvite(code, displayName, team ?? null);
    if (!outcome.ok) {
      const why = {
        unknown: 'is not valid',
        expired: 'has expired',
        used_up: 'has been used up',
      }[outcome.reason];
      throw new ApiError(
        403,
        `invite_${outcome.reason}`,
        `This invite code ${why}; ask a steward of the community for a new one.`,
      );
    }
    const body: JoinResponse = {
      token: outcome.token,
      expiresAt: outcome.expiresAt,
      community: outcome.community,
    };
    return c.json(body, 201);
  });

  const community = new Hono<Env>();
  community.use(async (c, next) => {
    const who = await authenticate(store, c.req.header('Authorization'));
    if (who.communityId !== c.req.param('cid')) {
      throw new ApiError(
        403,
        'wrong_community',
        'This token belongs to another community; use the token you got when joining this one.',
      );
    }
    await throttle(perToken, `token:${who.tokenHash}`);
    c.set('who', who);
    await next();
  });

  community.get('/', async (c) => c.json(await store.communityInfo(c.get('who'))));

  community.delete('/session', async (c) => {
    await store.revokeToken(c.get('who').tokenHash);
    return c.body(null, 204);
  });

  community.post('/invites', limitBody(SMALL_BODY_BYTES), async (c) => {
    const who = stewardOnly(c.get('who'));
    const invite = readJson(c, InviteRequest);
    return c.json(await store.createInvite(who.communityId, invite), 201);
  });

  // For stewards choosing who curates paths (the settings' `curators`, by member id).
  community.get('/members', async (c) => {
    const who = stewardOnly(
      c.get('who'),
      'Only a steward can list the community’s members, to choose who curates paths; ' +
        'ask one of its stewards.',
    );
    const body: MembersResponse = { members: await store.listMembers(who.communityId) };
    return c.json(body);
  });

  community.delete('/members/:memberId', async (c) => {
    const who = c.get('who');
    const memberId = c.req.param('memberId');
    if (memberId !== who.memberId) stewardOnly(who);
    if (!(await store.revokeMember(who.communityId, memberId))) {
      throw new ApiError(404, 'unknown_member', 'No active member with this id in this community.');
    }
    return c.body(null, 204);
  });

  // A member's team is theirs to say: nobody else sets it, stewards included.
  community.post('/members/:memberId/team', limitBody(SMALL_BODY_BYTES), async (c) => {
    const who = c.get('who');
    if (c.req.param('memberId') !== who.memberId) {
      throw new ApiError(
        403,
        'not_allowed',
        'A member’s team is theirs to choose: only that member can change it.',
      );
    }
    const { team } = readJson(c, TeamChange);
    return c.json(await store.setTeam(who, team));
  });

  community.post('/settings', limitBody(SMALL_BODY_BYTES), async (c) => {
    const change = readJson(c, SettingsChange);
    const outcome = await store.changeSettings(c.get('who'), change);
    if (!outcome.ok) {
      throw new ApiError(
        403,
        'steward_only',
        'Only a steward can change the community’s settings (review interval, stance rule, ' +
          'who curates paths); ask one of its stewards.',
      );
    }
    feed.changed(c.get('who').communityId);
    return c.json(outcome.settings);
  });

  community.post('/purge', limitBody(SMALL_BODY_BYTES), async (c) => {
    const who = stewardOnly(c.get('who'));
    const { olderThanSeconds } = readJson(c, PurgeRequest);
    return c.json(await store.purgeTombstones(who.communityId, olderThanSeconds * 1000));
  });

  community.post('/push', limitBody(options.maxBodyBytes), async (c) => {
    const timer = metrics.push.startTimer();
    const who = c.get('who');
    const body = await pusher(who, c.get('body'));
    timer();
    // Listeners pull on hearing it; a push that changed nothing (all duplicates) is not news.
    if (body.includes('"status":"applied"')) feed.changed(who.communityId);
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  community.get('/pull', async (c) => {
    const query = PullQuery.safeParse(c.req.query());
    if (!query.success) throw invalid(query.error);
    const { cursor, limit } = query.data;
    const timer = metrics.pull.startTimer();
    const page = await store.pull(
      c.get('who').communityId,
      cursor,
      limit,
      SYNC_LIMITS.pullPageBytes,
    );
    timer();
    if (!page.ok) {
      throw new ApiError(
        410,
        'resync_required',
        `Changes up to version ${page.purgedUpTo} were purged after your cursor ${cursor}: ` +
          'drop your copy of this community and pull again from cursor 0.',
      );
    }
    // Items are stored serialized, so a page is assembled without parsing them again.
    const settings = page.settings ? `"settings":${JSON.stringify(page.settings)},` : '';
    const body = `{"changes":[${page.changes.join(',')}],${settings}"cursor":${page.cursor},"hasMore":${page.hasMore}}`;
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  // Live changes while a member has a page open: "changed" events, never the changes, which
  // the client pulls as it always does. Several changes while one is being told are one event.
  community.get('/events', async (c) => {
    const query = EventsQuery.safeParse(c.req.query());
    if (!query.success) throw invalid(query.error);
    const who = c.get('who');
    const open = streams.get(who.memberId) ?? 0;
    if (open >= LIVE.streamsPerMember) {
      throw new ApiError(
        429,
        'too_many_streams',
        `This member already has ${LIVE.streamsPerMember} live streams open; close a Repertoire page (popup, library or settings) and this one connects again.`,
      );
    }
    streams.set(who.memberId, open + 1);
    // Written straight to Node's response: a stream is one socket and a few closures, where a
    // web stream per listener cost about 70 KB each at 500 (npm run bench -- live).
    const res = c.env.outgoing;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Access-Control-Allow-Origin': '*',
      'X-Request-Id': c.get('requestId'),
    });
    res.write(`retry: ${LIVE.retryMs}\nevent: ready\ndata: {}\n\n`);
    // Several changes in one turn of the event loop are told once.
    let told = false;
    const heard = () => {
      if (told) return;
      told = true;
      queueMicrotask(() => {
        told = false;
        if (!res.writableEnded) res.write('event: changed\ndata: {}\n\n');
      });
    };
    const stop = feed.listen(who.communityId, {
      heard,
      ping: () => void res.write(': ping\n\n'),
      end: () => res.end(),
    });
    res.once('close', () => {
      stop();
      const left = (streams.get(who.memberId) ?? 1) - 1;
      if (left > 0) streams.set(who.memberId, left);
      else streams.delete(who.memberId);
    });
    // What came after the client's cursor while it was away is news already.
    const behind = await store.pull(
      who.communityId,
      query.data.cursor,
      1,
      SYNC_LIMITS.pullPageBytes,
    );
    if (!behind.ok || behind.changes.length > 0 || behind.settings) heard();
    return RESPONSE_ALREADY_SENT;
  });

  app.route('/v1/communities/:cid', community);
  return app;
}

async function authenticate(store: Store, header: string | undefined): Promise<Principal> {
  const token = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header ?? '')?.[1];
  if (!token) {
    throw new ApiError(
      401,
      'unauthenticated',
      'Send the token you got when joining as "Authorization: Bearer <token>".',
    );
  }
  const who = await store.authenticate(token);
  if (!who) {
    throw new ApiError(
      401,
      'invalid_token',
      'This token is unknown, expired or revoked; join the community again with a new invite code.',
    );
  }
  return who;
}

/** `GET /metrics` is for the operator: off unless a token is set, then only with that token. */
function operatorOnly(expected: string | undefined, header: string | undefined): void {
  if (!expected) {
    throw new ApiError(
      404,
      'metrics_off',
      'Metrics are off; start the server with --metrics-token <secret> (or REPERTOIRE_METRICS_TOKEN) ' +
        'and send "Authorization: Bearer <secret>".',
    );
  }
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (!given) {
    throw new ApiError(
      401,
      'unauthenticated',
      'Send the operator\'s metrics token as "Authorization: Bearer <token>".',
    );
  }
  // Hashes have one length, so the comparison takes the same time whatever was sent.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!timingSafeEqual(digest(given), digest(expected))) {
    throw new ApiError(
      403,
      'wrong_metrics_token',
      'This is not the metrics token the server was started with (--metrics-token).',
    );
  }
}

/** `message` may name what the refused request was for, and so whom to ask. */
function stewardOnly(
  who: Principal,
  message = 'Only a steward of this community may do this.',
): Principal {
  if (who.role !== 'steward') throw new ApiError(403, 'steward_only', message);
  return who;
}

async function throttle(limiter: RateLimiter, key: string): Promise<void> {
  const wait = await limiter.take(key);
  if (wait > 0) {
    throw new ApiError(
      429,
      'rate_limited',
      `Too many requests; retry in ${wait} s and send fewer, larger batches.`,
      { 'Retry-After': String(wait) },
    );
  }
}

/**
 * Reads the body straight from Node's request (no web-stream copies), refusing it past `maxSize`.
 * An early answer while the client is still uploading would reach it as a reset connection
 * instead of a 413, so the excess is drained first (bounded). The bytes land in one buffer of
 * their own, which a push hands to its worker thread without copying.
 */
function limitBody(maxSize: number): MiddlewareHandler<Env> {
  return async (c, next) => {
    const incoming = c.env.incoming;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of incoming as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size <= maxSize) chunks.push(chunk);
      else if (size > maxSize + DRAIN_BYTES) break;
    }
    if (size > maxSize) {
      throw new ApiError(
        413,
        'body_too_large',
        `Request body is over ${maxSize} bytes; split the batch into smaller pushes.`,
      );
    }
    const body = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      body.set(chunk, at);
      at += chunk.byteLength;
    }
    c.set('body', body);
    await next();
  };
}

function readJson<T extends z.ZodType>(c: Context<Env>, schema: T): z.infer<T> {
  return parseBody(c.get('body'), schema);
}
