/** The sync server over real HTTP, on both storage backends. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorBody, inviteLink, parseInvite, PullResponse, PushResponse } from '../../lib/wire';
import { listen } from '../../server/serve';
import { MemorySyncStore } from '../support/memory-sync-store';
import {
  BACKENDS,
  Client,
  SETUPS,
  joinWith,
  memberEngine,
  newItem,
  newTip,
  request,
  sampleItem,
  startServer,
  writes,
  type TestServer,
} from './harness';

function expectError(res: { status: number; body: unknown }, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = ErrorBody.parse(res.body);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
}

describe.each(SETUPS)('sync server on $name', ({ backend, workers }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, {}, {}, workers);
  });
  afterAll(() => server.stop());

  describe('auth', () => {
    it('joins with a steward-made invite link, which opens a page saying how to use it', async () => {
      const c = await server.community();
      const made = await c.steward.post<{ code: string; maxUses: number }>('/invites', {
        maxUses: 2,
      });
      expect(made.status).toBe(201);
      const link = inviteLink(server.url, made.body.code);
      expect(parseInvite(link)).toEqual({ ok: true, code: made.body.code, serverUrl: server.url });

      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await page.text();
      expect(html).toContain('Join this community');
      expect(html).toContain('Repertoire is not installed yet');
      expect(html).not.toContain('<script');

      const member = await joinWith(server.url, made.body.code, 'Linked');
      expect(member.communityId).toBe(c.id);
      const info = await member.get<{ memberCount: number; role: string }>('');
      expect(info.body).toMatchObject({ memberCount: 2, role: 'member' });
    });

    it('refuses missing, malformed, forged and revoked tokens with 401', async () => {
      const c = await server.community();
      const url = c.steward.url('/pull');
      expectError(await request(url), 401, 'unauthenticated');
      expectError(
        await request(url, { headers: { Authorization: 'Basic abc' } }),
        401,
        'unauthenticated',
      );
      const forged = `rpt_${'A'.repeat(43)}`;
      expectError(
        await request(url, { headers: { Authorization: `Bearer ${forged}` } }),
        401,
        'invalid_token',
      );

      const member = await c.join('Bea');
      expect((await member.pull()).status).toBe(200);
      expect(
        (await request(member.url('/session'), { method: 'DELETE', headers: auth(member.token) }))
          .status,
      ).toBe(204);
      expectError(await member.pull(), 401, 'invalid_token');
    });

    it('lets a steward revoke a member, and only a steward', async () => {
      const c = await server.community();
      const a = await c.join('Ann');
      const b = await c.join('Bob');
      const byMember = await request(a.url(`/members/${b.memberId}`), {
        method: 'DELETE',
        headers: auth(a.token),
      });
      expectError(byMember, 403, 'steward_only');
      expectError(await a.post('/invites', {}), 403, 'steward_only');
      expectError(await a.post('/purge', { olderThanSeconds: 0 }), 403, 'steward_only');

      const bySteward = await request(c.steward.url(`/members/${b.memberId}`), {
        method: 'DELETE',
        headers: auth(c.steward.token),
      });
      expect(bySteward.status).toBe(204);
      expectError(await b.pull(), 401, 'invalid_token');
      expect((await a.pull()).status).toBe(200);
      const info = await a.get<{ memberCount: number; role: string }>('');
      expect(info.body).toMatchObject({ memberCount: 2, role: 'member' });
    });

    it('never lets a token of one community read or write another (403)', async () => {
      const a = await server.community();
      const b = await server.community();
      const intruder = a.steward;
      const inB = `${intruder.base}/v1/communities/${b.id}`;
      const tip = newTip({ title: 'secret of B' });
      expect((await b.steward.push(b.steward.mutations({ op: 'set', ...tip }))).status).toBe(200);

      expectError(
        await request(`${inB}/pull?cursor=0`, { headers: auth(intruder.token) }),
        403,
        'wrong_community',
      );
      expectError(
        await request(`${inB}/push`, {
          json: {
            clientId: intruder.clientId,
            mutations: intruder.mutations({ op: 'endorse', itemId: tip.itemId, endorsed: true }),
          },
          headers: auth(intruder.token),
        }),
        403,
        'wrong_community',
      );
      expectError(
        await request(`${inB}/invites`, { json: {}, headers: auth(intruder.token) }),
        403,
        'wrong_community',
      );
      // B's item is untouched and A sees nothing of B.
      const { items } = await b.steward.pullAll();
      expect(items.get(tip.itemId)?.endorsements).toEqual([]);
      expect((await intruder.pullAll()).items.size).toBe(0);
    });

    it('refuses unknown, used-up and expired invite codes', async () => {
      const c = await server.community();
      const join = (code: string) =>
        request(`${server.url}/v1/join`, { json: { code, displayName: 'X' } });
      expectError(await join('not-a-real-code-at-all'), 403, 'invite_unknown');
      const once = await c.steward.post<{ code: string }>('/invites', { maxUses: 1 });
      expect((await join(once.body.code)).status).toBe(201);
      expectError(await join(once.body.code), 403, 'invite_used_up');

      const soon = await c.steward.post<{ code: string }>('/invites', { expiresInHours: 1 });
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(Date.now() + 2 * 3_600_000);
        expectError(await join(soon.body.code), 403, 'invite_expired');
      } finally {
        vi.useRealTimers();
      }
    });
  });

  describe('push and pull', () => {
    it('applies a retried batch once', async () => {
      const c = await server.community();
      const batch = c.steward.mutations({ op: 'set', ...newTip() }, { op: 'set', ...newTip() });
      const first = await c.steward.push(batch);
      expect(PushResponse.parse(first.body).results.map((r) => r.status)).toEqual([
        'applied',
        'applied',
      ]);
      // The response was "lost": the client sends the very same batch again.
      const retry = await c.steward.push(batch);
      expect(retry.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      const page = PullResponse.parse((await c.steward.pull()).body);
      expect(page.changes).toHaveLength(2);
      expect(page.cursor).toBe(2);
    });

    it('paginates, resumes from a cursor and moves updated items forward', async () => {
      const c = await server.community();
      const tips = Array.from({ length: 25 }, (_, i) => newTip({ title: `tip ${i}` }));
      await c.steward.push(c.steward.mutations(...tips.map((t) => ({ op: 'set' as const, ...t }))));

      // A steward: the edit below is of the steward's item.
      const reader = await c.join('Reader', 'steward');
      const seen: string[] = [];
      let cursor = 0;
      let pages = 0;
      for (;;) {
        const page = PullResponse.parse((await reader.pull(cursor, 7)).body);
        pages++;
        seen.push(...page.changes.map((ch) => ch.item.id));
        expect(page.cursor).toBeGreaterThanOrEqual(cursor);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      expect(pages).toBe(4);
      expect(seen).toEqual(tips.map((t) => t.itemId));

      // Nothing new: same cursor, empty page.
      const idle = PullResponse.parse((await reader.pull(cursor)).body);
      expect(idle).toEqual({ changes: [], cursor, hasMore: false });

      // An edit of the first item makes it the only change after the old cursor.
      const first = (await reader.pullAll()).items.get(tips[0]!.itemId)!;
      await reader.push(
        reader.mutations({
          op: 'set',
          itemId: first.item.id,
          kind: 'tip',
          fields: writes({ title: 'edited' }, first),
        }),
      );
      const after = PullResponse.parse((await reader.pull(cursor)).body);
      expect(after.changes.map((ch) => [ch.item.id, ch.item.title])).toEqual([
        [first.item.id, 'edited'],
      ]);
      expect(after.cursor).toBeGreaterThan(cursor);
    });

    it('stops a page at the byte budget and still delivers every item', async () => {
      const c = await server.community();
      const html = 'x'.repeat(1_500_000);
      const pages = Array.from({ length: 4 }, () => newItem('page', { html }));
      for (const page of pages) {
        expect((await c.steward.push(c.steward.mutations({ op: 'set', ...page }))).status).toBe(
          200,
        );
      }
      const first = PullResponse.parse((await c.steward.pull(0, 2000)).body);
      expect(first.hasMore).toBe(true);
      expect(first.changes.length).toBeLessThan(4);
      const { items } = await c.steward.pullAll(0, 2000);
      expect([...items.keys()]).toEqual(pages.map((p) => p.itemId));
    });

    it('rejects, without failing the batch, writes that cannot apply', async () => {
      const c = await server.community();
      const tip = newTip();
      const res = await c.steward.push(
        c.steward.mutations(
          { op: 'endorse', itemId: newTip().itemId, endorsed: true },
          {
            op: 'set',
            itemId: newTip().itemId,
            kind: 'tip',
            fields: writes({ title: 'only a title' }, 0),
          },
          { op: 'set', ...tip },
          {
            op: 'set',
            itemId: tip.itemId,
            kind: 'page',
            fields: writes({ title: 'wrong kind' }, 1),
          },
        ),
      );
      expect(res.body.results.map((r) => r.status)).toEqual([
        'rejected',
        'rejected',
        'applied',
        'rejected',
      ]);
      const { items } = await c.steward.pullAll();
      expect([...items.keys()]).toEqual([tip.itemId]);
    });
  });

  describe('tombstones', () => {
    it('syncs deletions as tombstones and asks stale clients to resync after a purge', async () => {
      const c = await server.community();
      const keep = newTip({ title: 'keep' });
      const drop = newTip({ title: 'drop' });
      await c.steward.push(c.steward.mutations({ op: 'set', ...keep }, { op: 'set', ...drop }));
      const staleCursor = 1;

      const { items, cursor } = await c.steward.pullAll();
      const deletedAt = Date.now();
      await c.steward.push(
        c.steward.mutations({
          op: 'set',
          itemId: drop.itemId,
          kind: 'tip',
          fields: writes({ deletedAt }, items.get(drop.itemId)!),
        }),
      );
      const tombstone = PullResponse.parse((await c.steward.pull(cursor)).body).changes;
      expect(tombstone.map((ch) => [ch.item.id, ch.item.deletedAt])).toEqual([
        [drop.itemId, deletedAt],
      ]);
      const current = PullResponse.parse((await c.steward.pull(cursor)).body).cursor;

      const purge = await c.steward.post<{ purged: number; purgedUpTo: number }>('/purge', {
        olderThanSeconds: 0,
      });
      expect(purge.body).toEqual({ purged: 1, purgedUpTo: current });

      expectError(await c.steward.pull(staleCursor), 410, 'resync_required');
      const fromScratch = await c.steward.pullAll(0);
      expect([...fromScratch.items.keys()]).toEqual([keep.itemId]);
      expect((await c.steward.pull(current)).status).toBe(200);
    });
  });

  describe('merging', () => {
    it('merges fields independently and keeps the loser of a concurrent text edit', async () => {
      const c = await server.community();
      const ann = await c.join('Ann');
      // A steward, who may edit Ann's item.
      const bob = await c.join('Bob', 'steward');
      const tip = newTip({ title: 'original', body: 'original body', tags: ['a'] });
      await ann.push(ann.mutations({ op: 'set', ...tip }));
      const base = (await bob.pullAll()).items.get(tip.itemId)!;

      // Both edit from the same base: Ann the title and tags, Bob the title and body.
      await ann.push([
        {
          op: 'set',
          seq: 100,
          at: 10,
          itemId: tip.itemId,
          kind: 'tip',
          fields: writes({ title: 'Ann title', tags: ['ann'] }, base),
        },
      ]);
      await bob.push([
        {
          op: 'set',
          seq: 100,
          at: 20,
          itemId: tip.itemId,
          kind: 'tip',
          fields: writes({ title: 'Bob title', body: 'Bob body' }, base),
        },
      ]);
      const merged = (await ann.pullAll()).items.get(tip.itemId)!;
      expect(merged.item).toMatchObject({ title: 'Bob title', body: 'Bob body', tags: ['ann'] });
      expect(merged.conflicts).toEqual([
        {
          field: 'title',
          value: 'Ann title',
          author: 'Ann',
          clientId: ann.clientId,
          at: 10,
          version: expect.any(Number),
        },
      ]);

      // A concurrent edit with an older stamp loses, and is kept as a revision too.
      await ann.push([
        {
          op: 'set',
          seq: 101,
          at: 5,
          itemId: tip.itemId,
          kind: 'tip',
          fields: writes({ body: 'Ann body' }, base),
        },
      ]);
      const again = (await ann.pullAll()).items.get(tip.itemId)!;
      expect(again.item.kind === 'tip' && again.item.body).toBe('Bob body');
      expect(again.conflicts.map((x) => [x.field, x.value])).toEqual([
        ['title', 'Ann title'],
        ['body', 'Ann body'],
      ]);

      // Ann resolves the title by merging both, dismissing the revision she saw.
      const titleConflict = again.conflicts.find((x) => x.field === 'title')!;
      await ann.push([
        {
          op: 'set',
          seq: 102,
          at: 30,
          itemId: tip.itemId,
          kind: 'tip',
          fields: {
            title: {
              value: 'Ann + Bob title',
              base: again.fieldVersions['title']!,
              dismiss: [titleConflict.version],
            },
          },
        },
      ]);
      const resolved = (await bob.pullAll()).items.get(tip.itemId)!;
      expect(resolved.item.title).toBe('Ann + Bob title');
      expect(resolved.conflicts.map((x) => x.field)).toEqual(['body']);
    });

    it("does not count a client's successive edits of a field as concurrent", async () => {
      const c = await server.community();
      const ann = await c.join('Ann');
      const tip = newTip({ title: 'v0' });
      await ann.push(ann.mutations({ op: 'set', ...tip }));
      const base = (await ann.pullAll()).items.get(tip.itemId)!;
      // Offline, Ann edits the title twice; both edits carry the base she last pulled.
      const edits = ann.mutations(
        { op: 'set', itemId: tip.itemId, kind: 'tip', fields: writes({ title: 'v1' }, base) },
        { op: 'set', itemId: tip.itemId, kind: 'tip', fields: writes({ title: 'v2' }, base) },
      );
      await ann.push(edits.slice(0, 1));
      await ann.push(edits.slice(1));
      const item = (await ann.pullAll()).items.get(tip.itemId)!;
      expect(item.item.title).toBe('v2');
      expect(item.conflicts).toEqual([]);
    });

    it('merges concurrent edits of tags as a set: no addition is lost', async () => {
      const c = await server.community();
      const ann = await c.join('Ann');
      // A steward, who may edit Ann's item.
      const bob = await c.join('Bob', 'steward');
      const tip = newTip({ tags: ['shell'], appliesTo: ['github.com'] });
      await ann.push(ann.mutations({ op: 'set', ...tip }));
      const base = (await bob.pullAll()).items.get(tip.itemId)!;
      const edit = (fields: Record<string, unknown>) =>
        ({ op: 'set', itemId: tip.itemId, kind: 'tip', fields: writes(fields, base) }) as const;
      // From the same base, Ann adds a tag and a site, Bob drops one tag and adds another.
      await ann.push(
        ann.mutations(edit({ tags: ['shell', 'git'], appliesTo: ['github.com', 'gitlab.com'] })),
      );
      await bob.push(bob.mutations(edit({ tags: ['bash'] })));
      const merged = (await ann.pullAll()).items.get(tip.itemId)!;
      const sorted = (tags: string[]) => [...tags].sort();
      // Bob's removal of 'shell' raced Ann's edit, so it stays (an addition wins); nothing
      // concurrent touched the sites.
      expect(sorted(merged.item.tags)).toEqual(['bash', 'git', 'shell']);
      expect(merged.item.kind === 'tip' && merged.item.appliesTo).toEqual([
        'github.com',
        'gitlab.com',
      ]);
      expect(merged.conflicts).toEqual([]);
      // The union is nobody's own write: Ann's (her edit won, stamp 2 against Bob's 1) next edit
      // from the old base merges with it too, where her own write would simply be replaced.
      await ann.push(ann.mutations(edit({ tags: ['docs'] })));
      expect(sorted((await bob.pullAll()).items.get(tip.itemId)!.item.tags)).toEqual([
        'bash',
        'docs',
        'git',
        'shell',
      ]);
      // Once Bob has seen the union, his edit replaces it: a removal that did not race sticks.
      const seen = (await bob.pullAll()).items.get(tip.itemId)!;
      await bob.push(
        bob.mutations({
          op: 'set',
          itemId: tip.itemId,
          kind: 'tip',
          fields: writes({ tags: ['bash'] }, seen),
        }),
      );
      expect((await ann.pullAll()).items.get(tip.itemId)!.item.tags).toEqual(['bash']);
    });

    it("tells the sync engine which changes it refuses and why; the item shows the server's version", async () => {
      const c = await server.community();
      const ann = await c.join('Ann');
      const local = new MemorySyncStore();
      const engine = await memberEngine(ann, 'Ann', local);
      const tip = sampleItem('tip', { title: 'shared' });
      await engine.create(tip);
      await engine.sync();
      // Valid on its own, but the item is a tip: the server refuses it, and keeps the rest.
      await engine.edit(tip.id, 'page', { title: 'as if it were a page' });
      await engine.endorse(tip.id, true);
      expect(await engine.sync()).toMatchObject({
        phase: 'idle',
        pending: 0,
        refused: { count: 1, reason: 'item is a tip, not a page' },
      });
      const seen = local.items().get(tip.id)!;
      expect(seen.item.title).toBe('shared');
      expect(seen.endorsements.map((e) => e.memberId)).toEqual([ann.memberId]);
      engine.close();
    });

    it('keeps at most 20 unsettled revisions of a field, refusing further concurrent edits', async () => {
      const c = await server.community();
      const ann = await c.join('Ann');
      const tip = newTip({ title: 'original' });
      await ann.push(ann.mutations({ op: 'set', ...tip }));
      const base = (await ann.pullAll()).items.get(tip.itemId)!;
      // Each edit by another member, all from the same old base: the first replaces the original,
      // each later one is concurrent with the one before and leaves a revision.
      const stale = async (n: number) => {
        const who = await c.join(`Member ${n}`, 'steward');
        const res = await who.push(
          who.mutations({
            op: 'set',
            itemId: tip.itemId,
            kind: 'tip',
            fields: writes({ title: `edit ${n}` }, base),
          }),
        );
        return PushResponse.parse(res.body).results[0];
      };
      for (let n = 0; n <= 20; n++) expect((await stale(n))?.status).toBe('applied');
      expect((await ann.pullAll()).items.get(tip.itemId)!.conflicts).toHaveLength(20);
      const refused = await stale(21);
      expect(refused).toMatchObject({ status: 'rejected' });
      expect(refused?.reason).toContain('settle them on the item first');
      expect((await ann.pullAll()).items.get(tip.itemId)!.conflicts).toHaveLength(20);
    });

    it('merges endorsements as a set of members', async () => {
      const c = await server.community();
      const ann = await c.join('Ann');
      const bob = await c.join('Bob');
      const tip = newTip();
      await ann.push(ann.mutations({ op: 'set', ...tip }));
      await ann.push(ann.mutations({ op: 'endorse', itemId: tip.itemId, endorsed: true }));
      await bob.push(bob.mutations({ op: 'endorse', itemId: tip.itemId, endorsed: true }));
      await ann.push(ann.mutations({ op: 'endorse', itemId: tip.itemId, endorsed: false }));
      await bob.push(bob.mutations({ op: 'endorse', itemId: tip.itemId, endorsed: true }));
      const item = (await c.steward.pullAll()).items.get(tip.itemId)!;
      expect(item.endorsements.map((e) => [e.memberId, e.name])).toEqual([[bob.memberId, 'Bob']]);
    });
  });

  describe('hostile input', () => {
    it('answers malformed and invalid bodies with 400 and a JSON error', async () => {
      const c = await server.community();
      const s = c.steward;
      const raw = (body: string) =>
        request(s.url('/push'), { method: 'POST', body, headers: auth(s.token) });
      expectError(await raw('{"clientId": '), 400, 'malformed_json');
      expectError(await raw('null'), 400, 'invalid_request');
      expectError(await s.post('/push', { clientId: 'x', mutations: [] }), 400, 'invalid_request');
      expectError(await s.pull(-1), 400, 'invalid_request');
      expectError(await s.get('/pull?cursor=abc'), 400, 'invalid_request');
      const ooo = [
        ...s.mutations({ op: 'set', ...newTip() }, { op: 'set', ...newTip() }),
      ].reverse();
      expectError(await s.push(ooo), 400, 'invalid_request');
      const badField = await s.push(
        s.mutations({
          op: 'set',
          ...newTip(),
          kind: 'tip',
          fields: { author: { value: 'me', base: 0 } },
        }),
      );
      expectError(badField, 400, 'invalid_request');
      expect(ErrorBody.parse(badField.body).error.message).toContain('author');
    });

    it('refuses links that are not http(s), naming the field, and applies none of the batch', async () => {
      const c = await server.community();
      const s = c.steward;
      const tip = newTip({ url: 'https://ok.example/runbook' });
      const page = newItem('page', { canonicalUrl: 'javascript:alert(1)' });
      const refused = await s.push(s.mutations({ op: 'set', ...tip }, { op: 'set', ...page }));
      expectError(refused, 400, 'invalid_request');
      expect(ErrorBody.parse(refused.body).error.message).toMatch(
        /^Invalid request: mutations\[1\]\.fields\.canonicalUrl\.value: must be an absolute http: or https: URL\. Nothing in it was applied; correct that field and send it again\.$/,
      );
      expect((await s.pullAll()).items.size).toBe(0);

      expect((await s.push(s.mutations({ op: 'set', ...tip }))).status).toBe(200);
      const edit = await s.push(
        s.mutations({
          op: 'set',
          itemId: tip.itemId,
          kind: 'tip',
          fields: writes({ url: ' data:text/html,<script>alert(1)</script>' }, 1),
        }),
      );
      expectError(edit, 400, 'invalid_request');
      expect(ErrorBody.parse(edit.body).error.message).toContain('mutations[0].fields.url.value');
      expect((await s.pullAll()).items.get(tip.itemId)?.item.url).toBe(
        'https://ok.example/runbook',
      );
    });

    it('stores SQL-looking strings verbatim and refuses 1 MB titles, staying up', async () => {
      const c = await server.community();
      const s = c.steward;
      const evil = '\'); DROP TABLE items; -- " OR 1=1; SELECT * FROM tokens';
      const tip = newTip({ title: evil, tags: ["' OR ''='"] });
      expect((await s.push(s.mutations({ op: 'set', ...tip }))).status).toBe(200);
      expect((await s.pullAll()).items.get(tip.itemId)?.item).toMatchObject({
        title: evil,
        tags: ["' OR ''='"],
      });
      expectError(
        await s.get(`/pull?cursor=${encodeURIComponent('0; DROP TABLE items')}`),
        400,
        'invalid_request',
      );
      expectError(
        await request(s.url('/pull'), {
          headers: { Authorization: `Bearer ${"x' OR '1'='1".padEnd(20, 'x')}` },
        }),
        401,
        'unauthenticated',
      );

      const huge = await s.push(
        s.mutations({ op: 'set', ...newTip({ title: 'x'.repeat(1_048_576) }) }),
      );
      expectError(huge, 400, 'invalid_request');
      expect((await request(`${server.url}/v1/health`)).status).toBe(200);
      expect((await s.pullAll()).items.size).toBe(1);
    });

    it('answers bodies over the limit and oversized batches with 413', async () => {
      const c = await server.community();
      const s = c.steward;
      const overLimit = await request(s.url('/push'), {
        method: 'POST',
        body: JSON.stringify({ clientId: s.clientId, pad: 'x'.repeat(5 * 1_048_576) }),
        headers: auth(s.token),
      });
      expectError(overLimit, 413, 'body_too_large');
      const many = s.mutations(
        ...Array.from({ length: 501 }, () => ({
          op: 'endorse' as const,
          itemId: newTip().itemId,
          endorsed: true,
        })),
      );
      expectError(await s.push(many), 413, 'too_many_mutations');
      expect((await s.pull()).status).toBe(200);
    });

    it('answers CORS preflights so web clients on other origins can call it', async () => {
      const c = await server.community();
      const preflight = await fetch(c.steward.url('/push'), {
        method: 'OPTIONS',
        headers: {
          Origin: 'chrome-extension://abc',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
      const res = await fetch(c.steward.url('/pull'), {
        headers: { ...auth(c.steward.token), Origin: 'chrome-extension://abc' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('compresses responses', async () => {
      const c = await server.community();
      await c.steward.push(
        c.steward.mutations({ op: 'set', ...newTip({ body: 'compress me '.repeat(500) }) }),
      );
      const res = await fetch(c.steward.url('/pull'), {
        headers: { ...auth(c.steward.token), 'Accept-Encoding': 'gzip' },
      });
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(PullResponse.parse(await res.json()).changes).toHaveLength(1);
    });
  });
});

describe.each(BACKENDS)('token expiry on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, {}, { tokenTtlMs: 3_600_000 });
  });
  afterAll(() => server.stop());

  it('refuses a token past its lifetime with 401', async () => {
    const c = await server.community();
    const code = (await c.steward.post<{ code: string }>('/invites', {})).body.code;
    const before = Date.now();
    const joined = await request<{ expiresAt: number }>(`${server.url}/v1/join`, {
      json: { code, displayName: 'Eve' },
    });
    // An hour from the moment of joining, whenever within the request that was.
    expect(joined.body.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(joined.body.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect((await c.steward.pull()).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2 * 3_600_000);
      expectError(await c.steward.pull(), 401, 'invalid_token');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe.each(BACKENDS)('rate limits on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, { rateLimit: { perMinute: 60, burst: 5 } });
  });
  afterAll(() => server.stop());

  it('answers 429 with Retry-After once a token exceeds its budget, per token', async () => {
    await withFrozenClocks(async () => {
      const c = await server.community();
      const other = await c.join('Other');
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await c.steward.pull()).status);
      // The steward used one request joining the member (the invite).
      expect(statuses.filter((s) => s === 200).length).toBe(4);
      const limited = await c.steward.pull();
      expectError(limited, 429, 'rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await other.pull()).status).toBe(200);
    });
  });
});

describe('rate limits with several server processes on one PostgreSQL', () => {
  it('counts a token against one budget, whichever process serves it', async () => {
    const rateLimit = { perMinute: 60, burst: 5 };
    const first = await startServer('postgres', { rateLimit });
    // Another process on the same database: its own store and connections, nothing in memory.
    const store = await first.db.open();
    const second = await listen({
      store,
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 1_048_576,
      rateLimit,
    });
    try {
      await withFrozenClocks(async () => {
        const c = await first.community();
        const viaSecond = new Client(second.url, c.id, c.steward.token, c.steward.memberId);
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) {
          statuses.push((await c.steward.pull()).status, (await viaSecond.pull()).status);
        }
        // A burst of five in all, not five per process.
        expect(statuses.filter((s) => s === 200)).toHaveLength(5);
        expectError(await viaSecond.pull(), 429, 'rate_limited');
      });
    } finally {
      await second.close();
      await store.close();
      await first.stop();
    }
  });
});

describe('shared rate limits on PostgreSQL, at a rate whose refill time is fractional', () => {
  it('drops refilled buckets now and then without failing the request that does it', async () => {
    // 7 a minute with a burst of 5: a bucket is full again after 42,857.14… ms.
    const server = await startServer('postgres', { rateLimit: { perMinute: 7, burst: 5 } });
    // Every request sweeps the refilled buckets (normally one in a thousand does).
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    try {
      const c = await server.community();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await c.steward.pull()).status);
      expect(statuses).toEqual([200, 200, 200]);
    } finally {
      random.mockRestore();
      await server.stop();
    }
  });
});

/**
 * Buckets refill as time passes (here a token a second): with the clocks the limiters read
 * (wall clock on PostgreSQL, monotonic in memory) stopped, what a burst allows is exact however
 * slowly a busy machine runs the requests.
 */
async function withFrozenClocks(fn: () => Promise<void>): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date', 'performance'] });
  try {
    await fn();
  } finally {
    vi.useRealTimers();
  }
}

function auth(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
