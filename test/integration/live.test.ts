/**
 * Live changes over real HTTP on both databases: a member listening hears another's push, is
 * told at once of what changed while away (its cursor), reconnects after the server ends the
 * streams (a drain), and is refused in words past its streams or with another's token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenLive, type LiveState } from '../../lib/sync';
import { LIVE } from '../../lib/wire';
import { ChangeFeed } from '../../server/events';
import { listen as listenHttp } from '../../server/serve';
import {
  BACKENDS,
  Client as Member,
  newTip,
  request,
  startServer,
  type Client,
  type TestServer,
} from './harness';

/** A listener for `member`, with its states and a way to wait for the next change. */
function listen(member: Client, cursor: () => Promise<number> = async () => 0) {
  const controller = new AbortController();
  const states: LiveState[] = [];
  let changes = 0;
  const waiting: (() => void)[] = [];
  const done = listenLive({
    serverUrl: member.base,
    communityId: member.communityId,
    token: member.token,
    cursor,
    signal: controller.signal,
    backoffMs: { first: 20, max: 200 },
    onState: (s) => states.push(s),
    onChange: () => {
      changes++;
      waiting.splice(0).forEach((wake) => wake());
    },
  });
  const until = async (test: () => boolean) => {
    while (!test()) await new Promise<void>((wake) => waiting.push(wake));
  };
  return {
    states,
    changes: () => changes,
    /** Resolves once `n` changes in all were heard. */
    heard: (n: number) => until(() => changes >= n),
    live: async () => {
      while (states.at(-1) !== 'live') await new Promise((tick) => setTimeout(tick, 10));
    },
    stop: async () => {
      controller.abort();
      await done;
    },
    done,
  };
}

describe.each(BACKENDS)('live changes on %s', (backend) => {
  let server: TestServer;
  const feed = new ChangeFeed();
  beforeAll(async () => {
    server = await startServer(backend, { feed });
  });
  afterAll(() => server.stop());

  it('tells a listening member of another member’s push, which a pull then brings', async () => {
    const c = await server.community();
    const [ana, ben] = [await c.join('Ana'), await c.join('Ben')];
    // A cursor past the community's start: at 0, connecting is news in itself.
    await ben.push(ben.mutations({ op: 'set', ...newTip({ community: c.id }) }));
    const { cursor } = await ana.pullAll();
    expect(cursor).toBeGreaterThan(0);
    const heard = listen(ana, async () => cursor);
    await heard.live();
    const tip = newTip({ community: c.id, title: 'Heard live' });
    expect((await ben.push(ben.mutations({ op: 'set', ...tip }))).status).toBe(200);
    await heard.heard(1);
    const { items } = await ana.pullAll(cursor);
    expect([...items.values()].map((s) => s.item.title)).toEqual(['Heard live']);
    // A steward's change of the rules is news too.
    await c.steward.post('/settings', { reviewIntervalDays: 90 });
    await heard.heard(2);
    await heard.stop();
    expect(heard.states.at(-1)).toBe('stopped');
  });

  it('tells at once what changed after the cursor, and reconnects when the server ends the streams', async () => {
    const c = await server.community();
    const [ana, ben] = [await c.join('Ana'), await c.join('Ben')];
    const before = (await ana.pullAll()).cursor;
    await ben.push(ben.mutations({ op: 'set', ...newTip({ community: c.id }) }));
    const heard = listen(ana, async () => before);
    await heard.heard(1);
    await heard.live();

    // A drain ends every stream; the listener comes back by itself and hears the next push.
    feed.close();
    await ben.push(ben.mutations({ op: 'set', ...newTip({ community: c.id }) }));
    await heard.heard(2);
    expect(heard.states).toContain('waiting');
    await heard.live();
    expect(heard.states.filter((s) => s === 'live').length).toBeGreaterThanOrEqual(2);
    await heard.stop();
  });

  it('refuses a stream past the member’s limit in words, and stops a listener with another’s token', async () => {
    const c = await server.community();
    const ana = await c.join('Ana');
    const open = await Promise.all(
      Array.from({ length: LIVE.streamsPerMember }, () => {
        const controller = new AbortController();
        return fetch(ana.url('/events'), {
          headers: { Authorization: `Bearer ${ana.token}` },
          signal: controller.signal,
        }).then((res) => ({ res, controller }));
      }),
    );
    expect(open.every(({ res }) => res.status === 200)).toBe(true);
    const refused = await request(ana.url('/events'), {
      headers: { Authorization: `Bearer ${ana.token}` },
    });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: {
        code: 'too_many_streams',
        message: `This member already has ${LIVE.streamsPerMember} live streams open; close a Repertoire page (popup, library or settings) and this one connects again.`,
      },
    });
    for (const { controller } of open) controller.abort();

    const other = await server.community();
    const intruder = listen({ ...other.steward, communityId: c.id } as Client);
    await intruder.done;
    expect(intruder.states).toEqual(['connecting', 'stopped']);
  });
});

describe('live changes with several server processes on one PostgreSQL', () => {
  // Not heard, the test would wait for the change: a minute says it was not.
  it(
    'tells a member listening on one process of a push another process served',
    { timeout: 60_000 },
    async () => {
      const first = await startServer('postgres');
      // Another process on the same database: its own store, connections and feed.
      const store = await first.db.open();
      const second = await listenHttp({
        store,
        host: '127.0.0.1',
        port: 0,
        maxBodyBytes: 1_048_576,
        rateLimit: { perMinute: 100_000, burst: 10_000 },
      });
      try {
        const c = await first.community();
        const [ana, ben] = [await c.join('Ana'), await c.join('Ben')];
        const anaOnSecond = new Member(second.url, c.id, ana.token, ana.memberId);
        // A cursor past the community's start, so that connecting is no news in itself.
        await ben.push(ben.mutations({ op: 'set', ...newTip({ community: c.id }) }));
        const { cursor } = await anaOnSecond.pullAll();
        expect(cursor).toBeGreaterThan(0);
        const heard = listen(anaOnSecond, async () => cursor);
        await heard.live();
        const tip = newTip({ community: c.id, title: 'Heard from the other process' });
        expect((await ben.push(ben.mutations({ op: 'set', ...tip }))).status).toBe(200);
        await heard.heard(1);
        const { items } = await anaOnSecond.pullAll(cursor);
        expect([...items.values()].map((s) => s.item.title)).toEqual([
          'Heard from the other process',
        ]);
        await heard.stop();
      } finally {
        await second.close();
        await store.close();
        await first.stop();
      }
    },
  );
});
