/**
 * Community life over real HTTP on both databases: marks (each member's own, merged as sets),
 * questions, paths and stances, retiring and closing under the authorship rule, steward-only
 * settings in pulls, and members' own teams. Every refusal is checked for its code and words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Mark,
  markKinds,
  type MarkMutation,
  NOT_A_CURATOR,
  PushResponse,
  type SyncedItem,
  SyncedSettings,
} from '../../lib/wire';
import {
  BACKENDS,
  newItem,
  newTip,
  startServer,
  writes,
  type Client,
  type TestServer,
} from './harness';

type MarkWrite = Omit<MarkMutation, 'seq' | 'at' | 'op' | 'itemId' | 'markedAt'> & {
  markedAt?: number;
};

describe.each(BACKENDS)('community life on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend);
  });
  afterAll(() => server.stop());

  async function push(client: Client, ...ms: Parameters<Client['mutations']>) {
    const res = await client.push(client.mutations(...ms));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return PushResponse.parse(res.body).results;
  }

  const markOf = (itemId: string, m: MarkWrite) =>
    ({ op: 'mark', itemId, markedAt: 1_000, ...m }) as const;

  async function latest(client: Client, itemId: string): Promise<SyncedItem> {
    const found = (await client.pullAll()).items.get(itemId);
    if (!found) throw new Error(`${itemId} is not on the server`);
    return found;
  }

  /** Ana (team web) wrote a tip; Ben (team data) and Cy (no team) are other members. */
  async function anaWroteATip() {
    const c = await server.community();
    const ana = await c.join('Ana', 'member', 'web');
    const ben = await c.join('Ben', 'member', 'data');
    const cy = await c.join('Cy');
    const tip = newTip({ title: 'Ana’s tip' });
    expect((await push(ana, { op: 'set', ...tip }))[0]?.status).toBe('applied');
    return { c, ana, ben, cy, tip };
  }

  const standing = (item: SyncedItem) => (item.marks ?? []).filter((m) => m.on);

  describe('marks', () => {
    it('are each member’s own set: added with a story, carried with id, name and team, taken back', async () => {
      const { ana, ben, cy, tip } = await anaWroteATip();
      const story = 'caught the prod migration before it locked the table';
      const results = await push(
        ben,
        markOf(tip.itemId, { mark: 'helped', on: true, note: story, markedAt: 5_000 }),
        markOf(tip.itemId, { mark: 'vouch', on: true }),
      );
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
      await push(cy, markOf(tip.itemId, { mark: 'helped', on: true }));
      const item = await latest(ana, tip.itemId);
      const helped: Mark[] = [
        {
          kind: 'helped',
          on: true,
          memberId: ben.memberId,
          name: 'Ben',
          team: 'data',
          at: 1,
          markedAt: 5_000,
          note: story,
        },
        {
          kind: 'helped',
          on: true,
          memberId: cy.memberId,
          name: 'Cy',
          team: null,
          at: 1,
          markedAt: 1_000,
        },
      ];
      helped.sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
      expect(standing(item)).toEqual<Mark[]>([
        ...helped,
        {
          kind: 'vouch',
          on: true,
          memberId: ben.memberId,
          name: 'Ben',
          team: 'data',
          at: 2,
          markedAt: 1_000,
        },
      ]);
      // Clients from before marks see the "Helped me" marks as endorsements.
      expect(item.endorsements.map((e) => e.memberId).sort()).toEqual(
        [ben.memberId, cy.memberId].sort(),
      );

      await push(ben, markOf(tip.itemId, { mark: 'helped', on: false }));
      const after = await latest(ana, tip.itemId);
      expect(standing(after).map((m) => [m.kind, m.name])).toEqual([
        ['helped', 'Cy'],
        ['vouch', 'Ben'],
      ]);
      expect(after.endorsements.map((e) => e.name)).toEqual(['Cy']);
    });

    it('refuses adding or removing another member’s mark, saying whose it is, and keeps it', async () => {
      const { ana, ben, tip } = await anaWroteATip();
      await push(ana, markOf(tip.itemId, { mark: 'vouch', on: true }));
      const results = await push(
        ben,
        markOf(tip.itemId, { mark: 'vouch', on: false, memberId: ana.memberId }),
        markOf(tip.itemId, { mark: 'helped', on: true, memberId: ana.memberId }),
        markOf(tip.itemId, { mark: 'helped', on: true, memberId: ben.memberId }),
      );
      expect(results).toMatchObject([
        {
          status: 'rejected',
          code: 'not_allowed',
          reason:
            'a mark is its member’s own: you can add or take back only yours, not Ana’s “I vouch for this”',
          refusal: { rule: 'own_mark', mark: 'vouch', owner: 'Ana' },
        },
        {
          status: 'rejected',
          code: 'not_allowed',
          reason:
            'a mark is its member’s own: you can add or take back only yours, not another member’s “Helped me”',
        },
        { status: 'applied' },
      ]);
      expect(standing(await latest(ben, tip.itemId)).map((m) => [m.kind, m.name])).toEqual([
        ['helped', 'Ben'],
        ['vouch', 'Ana'],
      ]);
    });

    it('is a set merged by (at, clientId): a retry is applied once, an older write loses', async () => {
      const { ana, ben, tip } = await anaWroteATip();
      const batch = ben.mutations(markOf(tip.itemId, { mark: 'verified', on: true }));
      expect((await ben.push(batch)).body.results[0]?.status).toBe('applied');
      expect((await ben.push(batch)).body.results[0]?.status).toBe('duplicate');
      // A write stamped before the one that stands (an old device) does not undo it.
      const stale = {
        ...markOf(tip.itemId, { mark: 'verified', on: false }),
        seq: 99,
        at: 0,
      } as const;
      expect((await ben.push([stale])).body.results[0]?.status).toBe('applied');
      expect(standing(await latest(ana, tip.itemId)).map((m) => m.kind)).toEqual(['verified']);
    });

    it('takes `endorse` from clients before marks as "Helped me", and "This answered it" as one too', async () => {
      const { ana, ben, tip } = await anaWroteATip();
      await push(ben, { op: 'endorse', itemId: tip.itemId, endorsed: true });
      await push(ana, markOf(tip.itemId, { mark: 'answered', on: true, note: 'exactly my case' }));
      const item = await latest(ben, tip.itemId);
      // Pulls order marks by kind, then member id: by name here, to compare.
      const order = (m: Mark) => `${markKinds.indexOf(m.kind)} ${m.name}`;
      const byName = (a: Mark, b: Mark) => order(a).localeCompare(order(b));
      expect(
        standing(item)
          .sort(byName)
          .map((m) => [m.kind, m.name, m.note]),
      ).toEqual([
        ['helped', 'Ana', 'exactly my case'],
        ['helped', 'Ben', undefined],
        ['answered', 'Ana', 'exactly my case'],
      ]);
      expect(item.endorsements.map((e) => e.name).sort()).toEqual(['Ana', 'Ben']);
    });

    it('refuses a mark on an item of the wrong kind, and notes that break the kind’s rule', async () => {
      const { ben, tip } = await anaWroteATip();
      expect(await push(ben, markOf(tip.itemId, { mark: 'me_too', on: true }))).toMatchObject([
        {
          status: 'rejected',
          code: 'wrong_kind',
          reason: '“Me too” is for a question; this item is a tip',
        },
      ]);
      for (const [m, words] of [
        [{ mark: 'needs_update', on: true }, 'needs a note saying what is wrong'],
        [{ mark: 'helped', on: true, note: 'x'.repeat(281) }, 'at most 280 characters'],
        [{ mark: 'helped', on: true, note: 'two\nlines' }, 'is one line'],
        [{ mark: 'vouch', on: true, note: 'why' }, 'carries no note'],
      ] as const) {
        const res = await ben.push(ben.mutations(markOf(tip.itemId, m)));
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toContain(words);
      }
      const flagged = await push(
        ben,
        markOf(tip.itemId, { mark: 'needs_update', on: true, note: 'the flag was renamed' }),
      );
      expect(flagged[0]?.status).toBe('applied');
    });
  });

  describe('retiring, closing and the authorship rule', () => {
    it('refuses a member retiring someone else’s tip; its author and a steward may', async () => {
      const { c, ana, ben, tip } = await anaWroteATip();
      const before = await latest(ana, tip.itemId);
      const retire = () => ({
        op: 'set' as const,
        itemId: tip.itemId,
        kind: 'tip' as const,
        fields: writes({ retiredAt: 7 }, before),
      });
      expect(await push(ben, retire())).toMatchObject([
        {
          status: 'rejected',
          code: 'not_allowed',
          reason: 'only its author, Ana, or a steward can retire this tip',
        },
      ]);
      expect((await latest(ben, tip.itemId)).item).not.toHaveProperty('retiredAt');
      expect((await push(ana, retire()))[0]?.status).toBe('applied');
      expect((await latest(ben, tip.itemId)).item).toMatchObject({ retiredAt: 7 });
      const unretire = {
        op: 'set' as const,
        itemId: tip.itemId,
        kind: 'tip' as const,
        fields: writes({ retiredAt: null }, await latest(ana, tip.itemId)),
      };
      expect((await push(c.steward, unretire))[0]?.status).toBe('applied');
    });

    it('keeps tips from clients before the new fields, and lets them set answers and an interval', async () => {
      const { ana, ben, tip } = await anaWroteATip();
      const question = newItem('question', { title: 'How do we roll back?' });
      expect((await push(ben, { op: 'set', ...question }))[0]?.status).toBe('applied');
      const before = await latest(ana, tip.itemId);
      expect(before.item).not.toHaveProperty('answers');
      const edit = {
        op: 'set' as const,
        itemId: tip.itemId,
        kind: 'tip' as const,
        fields: writes({ answers: [question.itemId], reviewIntervalDays: 30 }, before),
      };
      expect((await push(ana, edit))[0]?.status).toBe('applied');
      expect((await latest(ben, tip.itemId)).item).toMatchObject({
        answers: [question.itemId],
        reviewIntervalDays: 30,
      });
      const bad = await ana.push(
        ana.mutations({ ...edit, fields: writes({ reviewIntervalDays: 0 }, before) }),
      );
      expect(bad.status).toBe(400);
    });

    it('lets only the asker or a steward close a question; anyone says "Me too"', async () => {
      const { c, ana, ben, cy } = await anaWroteATip();
      const question = newItem('question', { title: 'Where are the deploy keys?' });
      await push(ben, { op: 'set', ...question });
      expect(
        (await push(cy, markOf(question.itemId, { mark: 'me_too', on: true })))[0]?.status,
      ).toBe('applied');
      const close = async (who: Client) => ({
        op: 'set' as const,
        itemId: question.itemId,
        kind: 'question' as const,
        fields: writes({ closedAt: 9 }, await latest(who, question.itemId)),
      });
      expect(await push(ana, await close(ana))).toMatchObject([
        {
          status: 'rejected',
          code: 'not_allowed',
          reason: 'only its author, Ben, or a steward can close this question',
        },
      ]);
      expect((await push(ben, await close(ben)))[0]?.status).toBe('applied');
      const closed = await latest(c.steward, question.itemId);
      expect(closed.item).toMatchObject({ kind: 'question', closedAt: 9, authorId: ben.memberId });
      expect(standing(closed).map((m) => [m.kind, m.name])).toEqual([['me_too', 'Cy']]);
    });
  });

  describe('paths', () => {
    it('are curated by stewards, and by members only once a steward allows them', async () => {
      const { c, ana, ben, tip } = await anaWroteATip();
      const path = () =>
        newItem('path', {
          title: 'Start here',
          steps: [{ itemId: tip.itemId, note: 'Read before your first deploy' }],
        });
      expect(await push(ben, { op: 'set', ...path() })).toMatchObject([
        {
          status: 'rejected',
          code: 'not_allowed',
          reason: NOT_A_CURATOR,
          refusal: { rule: 'curators_only' },
        },
      ]);
      expect((await push(c.steward, { op: 'set', ...path() }))[0]?.status).toBe('applied');
      const allow = await c.steward.post('/settings', {
        pathCurators: 'stewards_and_allowed',
        curators: [ben.memberId],
      });
      expect(allow.status).toBe(200);
      expect((await push(ben, { op: 'set', ...path() }))[0]?.status).toBe('applied');
      expect((await push(ana, { op: 'set', ...path() }))[0]?.code).toBe('not_allowed');
    });

    it('are edited by any curator, whoever made them; deleted only by their author or a steward', async () => {
      const { c, ben, tip } = await anaWroteATip();
      const made = newItem('path', {
        title: 'Start here',
        steps: [{ itemId: tip.itemId, note: 'Read before your first deploy' }],
      });
      await push(c.steward, { op: 'set', ...made });
      await c.steward.post('/settings', {
        pathCurators: 'stewards_and_allowed',
        curators: [ben.memberId],
      });
      const change = async (fields: Record<string, unknown>) => ({
        op: 'set' as const,
        itemId: made.itemId,
        kind: 'path' as const,
        fields: writes(fields, await latest(ben, made.itemId)),
      });
      const steps = [{ itemId: tip.itemId, note: 'Read this first' }];
      expect((await push(ben, await change({ steps })))[0]?.status).toBe('applied');
      expect((await latest(c.steward, made.itemId)).item).toMatchObject({ steps });
      expect(await push(ben, await change({ deletedAt: 5 }))).toMatchObject([
        {
          status: 'rejected',
          code: 'not_allowed',
          reason: expect.stringMatching(/^only its author, .+, or a steward can delete this path$/),
        },
      ]);
    });

    it('keep both of two concurrent reorderings: one as the steps, one as a revision', async () => {
      const { c, tip } = await anaWroteATip();
      const other = newTip({ title: 'second' });
      await push(c.steward, { op: 'set', ...other });
      const steps = [
        { itemId: tip.itemId, note: 'first' },
        { itemId: other.itemId, note: 'then' },
      ];
      const path = newItem('path', { steps });
      await push(c.steward, { op: 'set', ...path });
      const base = await latest(c.steward, path.itemId);
      const curator = await c.join('Sam', 'steward');
      const reorder = (s: typeof steps) => ({
        op: 'set' as const,
        itemId: path.itemId,
        kind: 'path' as const,
        fields: writes({ steps: s }, base),
      });
      await push(c.steward, reorder([...steps].reverse()));
      await push(curator, reorder([steps[0]!, { ...steps[1]!, note: 'then, carefully' }]));
      const merged = await latest(curator, path.itemId);
      const kept = [
        (merged.item as { steps: unknown }).steps,
        ...merged.conflicts.map((r) => r.value),
      ];
      expect(kept).toHaveLength(2);
      expect(kept).toContainEqual([...steps].reverse());
      expect(kept).toContainEqual([steps[0], { ...steps[1], note: 'then, carefully' }]);
    });
  });

  describe('stances', () => {
    it('take agreements and objections with a reason, each member’s own', async () => {
      const { ana, ben, cy } = await anaWroteATip();
      const stance = newItem('stance', {
        subject: 'tool:jira',
        position: 'adopt',
        reason: 'One tracker for every team',
      });
      await push(ana, { op: 'set', ...stance });
      await push(
        ben,
        markOf(stance.itemId, { mark: 'agree', on: true, note: 'we moved last year' }),
      );
      await push(cy, markOf(stance.itemId, { mark: 'object', on: true, note: 'licences' }));
      await push(cy, markOf(stance.itemId, { mark: 'object', on: false }));
      const item = await latest(ana, stance.itemId);
      expect((item.marks ?? []).map((m) => [m.kind, m.on, m.name, m.team])).toEqual([
        ['agree', true, 'Ben', 'data'],
        ['object', false, 'Cy', null],
      ]);
      const bad = await ben.push(
        ben.mutations({ op: 'set', ...newItem('stance', { position: 'maybe' }) }),
      );
      expect(bad.status).toBe(400);
    });
  });

  describe('settings', () => {
    it('are the defaults in a first pull, changed by stewards only, and pulled as they change', async () => {
      const { c, ana } = await anaWroteATip();
      const first = await ana.pull(0);
      expect(SyncedSettings.parse(first.body.settings)).toEqual({
        reviewIntervalDays: 180,
        stanceMembers: 3,
        stanceDays: 7,
        pathCurators: 'stewards',
        curators: [],
        version: 0,
      });
      const refused = await ana.post('/settings', { reviewIntervalDays: 30 });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        error: {
          code: 'steward_only',
          message:
            'Only a steward can change the community’s settings (review interval, stance rule, who curates paths); ask one of its stewards.',
        },
      });
      // Nothing changed: a pull from the last cursor has nothing new.
      const after = await ana.pull(first.body.cursor);
      expect(after.body).toEqual({ changes: [], cursor: first.body.cursor, hasMore: false });

      const changed = await c.steward.post('/settings', { reviewIntervalDays: 30, stanceDays: 14 });
      expect(changed.status).toBe(200);
      const next = await ana.pull(first.body.cursor);
      expect(next.body.settings).toMatchObject({
        reviewIntervalDays: 30,
        stanceMembers: 3,
        stanceDays: 14,
      });
      expect(next.body.cursor).toBe(next.body.settings?.version);
      expect((await ana.pull(next.body.cursor)).body.settings).toBeUndefined();
    });

    it('refuses a steward’s invalid setting, naming it, and a member made steward no longer', async () => {
      const { c } = await anaWroteATip();
      const bad = await c.steward.post('/settings', { reviewIntervalDays: 0, colour: 'red' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('reviewIntervalDays');
      expect(JSON.stringify(bad.body)).toContain('colour');
      const empty = await c.steward.post('/settings', {});
      expect(empty.status).toBe(400);
    });
  });

  describe('teams', () => {
    it('are chosen when joining, changed by the member only, and carried by later marks', async () => {
      const { ana, ben, tip } = await anaWroteATip();
      expect((await ana.get('')).body).toMatchObject({ displayName: 'Ana', team: 'web' });
      const other = await ana.post(`/members/${ben.memberId}/team`, { team: 'web' });
      expect(other.status).toBe(403);
      expect(other.body).toMatchObject({
        error: { code: 'not_allowed', message: expect.stringContaining('only that member') },
      });
      const own = await ben.post(`/members/${ben.memberId}/team`, { team: 'platform' });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ team: 'platform' });
      await push(ben, markOf(tip.itemId, { mark: 'helped', on: true }));
      expect(standing(await latest(ana, tip.itemId))[0]).toMatchObject({
        name: 'Ben',
        team: 'platform',
      });
      expect((await ben.post(`/members/${ben.memberId}/team`, { team: null })).body).toMatchObject({
        team: null,
      });
    });
  });
});
