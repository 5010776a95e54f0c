/**
 * Who may change what, enforced by the server over real HTTP on both databases: members change
 * only what they created, stewards anything, endorsements are each member's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySyncStore } from '../support/memory-sync-store';
import { PushResponse, type SyncedItem } from '../../lib/wire';
import {
  SETUPS,
  memberEngine,
  newTip,
  startServer,
  writes,
  type Client,
  type TestServer,
} from './harness';

describe.each(SETUPS)('who may change what, on $name', ({ backend, workers }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, {}, {}, workers);
  });
  afterAll(() => server.stop());

  async function push(client: Client, ...ms: Parameters<Client['mutations']>) {
    const res = await client.push(client.mutations(...ms));
    expect(res.status).toBe(200);
    return PushResponse.parse(res.body).results;
  }

  async function latest(client: Client, itemId: string): Promise<SyncedItem> {
    const found = (await client.pullAll()).items.get(itemId);
    if (!found) throw new Error(`${itemId} is not on the server`);
    return found;
  }

  /** A community where Ana wrote a tip; Ben is another plain member. */
  async function anaWroteATip() {
    const c = await server.community();
    const ana = await c.join('Ana');
    const ben = await c.join('Ben');
    const tip = newTip({ title: 'Ana’s tip' });
    expect((await push(ana, { op: 'set', ...tip }))[0]?.status).toBe('applied');
    return { c, ana, ben, tip, before: await latest(ana, tip.itemId) };
  }

  const notAllowed = (action: string) => ({
    status: 'rejected',
    code: 'not_allowed',
    reason: `only its author, Ana, or a steward can ${action} this tip`,
    refusal: { rule: 'author_or_steward', action, kind: 'tip', author: 'Ana' },
  });

  it('records the author’s member id and carries it, with the name, in pulls', async () => {
    const { ana, ben, before } = await anaWroteATip();
    expect(before.item).toMatchObject({ author: 'Ana', authorId: ana.memberId });
    expect((await latest(ben, before.item.id)).item.authorId).toBe(ana.memberId);
  });

  it('lets nobody claim authorship: the author is a field only the server writes', async () => {
    const { ben, tip, before } = await anaWroteATip();
    const claim = await ben.push(
      ben.mutations({
        op: 'set',
        itemId: tip.itemId,
        kind: 'tip',
        fields: writes({ authorId: ben.memberId, title: 'mine now' }, before),
      }),
    );
    expect(claim.status).toBe(400);
    expect(JSON.stringify(claim.body)).toContain('authorId');
    expect((await latest(ben, tip.itemId)).item.title).toBe('Ana’s tip');
  });

  it('refuses a member’s edit of another’s item, applies the rest of the batch, changes nothing', async () => {
    const { ana, ben, tip, before } = await anaWroteATip();
    const own = newTip({ title: 'Ben’s own' });
    const results = await push(
      ben,
      {
        op: 'set',
        itemId: tip.itemId,
        kind: 'tip',
        fields: writes({ title: 'Ben was here' }, before),
      },
      { op: 'set', ...own },
      { op: 'endorse', itemId: tip.itemId, endorsed: true },
    );
    expect(results.map(({ seq: _, version: __, ...r }) => r)).toEqual([
      notAllowed('edit'),
      { status: 'applied' },
      { status: 'applied' },
    ]);
    const after = await latest(ana, tip.itemId);
    expect(after.item.title).toBe('Ana’s tip');
    expect(after.fieldVersions).toEqual(before.fieldVersions);
    expect(after.endorsements.map((e) => e.name)).toEqual(['Ben']);
    expect((await latest(ana, own.itemId)).item).toMatchObject({ authorId: ben.memberId });
  });

  it('refuses a member’s deletion of another’s item: nothing new to pull', async () => {
    const { ana, ben, tip, before } = await anaWroteATip();
    const { cursor } = await ana.pullAll();
    const [result] = await push(ben, {
      op: 'set',
      itemId: tip.itemId,
      kind: 'tip',
      fields: writes({ deletedAt: Date.now() }, before),
    });
    expect(result).toMatchObject(notAllowed('delete'));
    expect((await ana.pull(cursor)).body).toEqual({ changes: [], cursor, hasMore: false });
    expect((await latest(ana, tip.itemId)).item.deletedAt).toBeNull();
  });

  it('treats a create under an existing id by someone else as an edit, and refuses it', async () => {
    const { ana, ben, tip } = await anaWroteATip();
    const impostor = newTip({ title: 'Replaced' });
    const [result] = await push(ben, { op: 'set', ...impostor, itemId: tip.itemId });
    expect(result).toMatchObject(notAllowed('edit'));
    expect((await latest(ana, tip.itemId)).item).toMatchObject({
      title: 'Ana’s tip',
      authorId: ana.memberId,
    });
  });

  it('lets the author delete and restore, and refuses a restore by another member', async () => {
    const { ana, ben, tip, before } = await anaWroteATip();
    const deleted = await push(ana, {
      op: 'set',
      itemId: tip.itemId,
      kind: 'tip',
      fields: writes({ deletedAt: Date.now() }, before),
    });
    expect(deleted[0]?.status).toBe('applied');
    const gone = await latest(ben, tip.itemId);
    expect(gone.item.deletedAt).not.toBeNull();

    const restore = { op: 'set', itemId: tip.itemId, kind: 'tip' } as const;
    const [byBen] = await push(ben, { ...restore, fields: writes({ deletedAt: null }, gone) });
    expect(byBen).toMatchObject(notAllowed('restore'));
    expect((await latest(ana, tip.itemId)).item.deletedAt).not.toBeNull();

    const [byAna] = await push(ana, { ...restore, fields: writes({ deletedAt: null }, gone) });
    expect(byAna?.status).toBe('applied');
    expect((await latest(ben, tip.itemId)).item.deletedAt).toBeNull();
  });

  it('lets a steward edit, delete and restore any item; the author stays the author', async () => {
    const { c, ana, tip, before } = await anaWroteATip();
    const set = (values: Record<string, unknown>, base: SyncedItem) =>
      ({ op: 'set', itemId: tip.itemId, kind: 'tip', fields: writes(values, base) }) as const;
    expect((await push(c.steward, set({ title: 'Tidied' }, before)))[0]?.status).toBe('applied');
    const tidied = await latest(ana, tip.itemId);
    expect(tidied.item).toMatchObject({ title: 'Tidied', authorId: ana.memberId, author: 'Ana' });
    expect((await push(c.steward, set({ deletedAt: 1 }, tidied)))[0]?.status).toBe('applied');
    const gone = await latest(ana, tip.itemId);
    expect(gone.item.deletedAt).toBe(1);
    expect((await push(c.steward, set({ deletedAt: null }, gone)))[0]?.status).toBe('applied');
    expect((await latest(ana, tip.itemId)).item.deletedAt).toBeNull();
    // Ana may still change her own tip after a steward did.
    const [mine] = await push(ana, set({ title: 'Ana again' }, await latest(ana, tip.itemId)));
    expect(mine?.status).toBe('applied');
  });

  it('lets anyone endorse any item, and take back only their own endorsement', async () => {
    const { ana, ben, c, tip } = await anaWroteATip();
    await push(ana, { op: 'endorse', itemId: tip.itemId, endorsed: true });
    await push(c.steward, { op: 'endorse', itemId: tip.itemId, endorsed: true });
    // Ben's "not endorsed" is about his own mark: there is no way to name another member's.
    const [off] = await push(ben, { op: 'endorse', itemId: tip.itemId, endorsed: false });
    expect(off?.status).toBe('applied');
    const names = (await latest(ben, tip.itemId)).endorsements.map((e) => e.memberId).sort();
    expect(names).toEqual([ana.memberId, c.steward.memberId].sort());
    await push(ana, { op: 'endorse', itemId: tip.itemId, endorsed: false });
    expect((await latest(ben, tip.itemId)).endorsements.map((e) => e.memberId)).toEqual([
      c.steward.memberId,
    ]);
  });

  it('decides by the role the members table holds at push time', async () => {
    const { ana, ben, tip, before } = await anaWroteATip();
    const edit = (title: string) =>
      ({ op: 'set', itemId: tip.itemId, kind: 'tip', fields: writes({ title }, before) }) as const;
    expect((await push(ben, edit('as a member')))[0]).toMatchObject(notAllowed('edit'));
    await server.db.exec(`UPDATE members SET role = 'steward' WHERE id = '${ben.memberId}'`);
    expect((await push(ben, edit('as a steward')))[0]?.status).toBe('applied');
    await server.db.exec(`UPDATE members SET role = 'member' WHERE id = '${ben.memberId}'`);
    expect((await push(ben, edit('a member again')))[0]).toMatchObject(notAllowed('edit'));
    expect((await latest(ana, tip.itemId)).item.title).toBe('as a steward');
  });

  it('knows the author of items stored before authorship was recorded', async () => {
    const c = await server.community();
    const ana = await c.join('Ana');
    const ben = await c.join('Ben');
    // Two members pushed from one browser (left and joined again); the second wrote the tip.
    const shared = { clientId: 'one-browser-1234' };
    const anaTip = newTip({ title: 'legacy by Ana' });
    const benTip = newTip({ title: 'legacy by Ben' });
    const pushAs = async (who: Client, m: Parameters<Client['mutations']>[0]) => {
      const res = await who.post('/push', { ...shared, mutations: who.mutations(m) });
      return PushResponse.parse(res.body).results[0];
    };
    expect((await pushAs(ana, { op: 'set', ...anaTip }))?.status).toBe('applied');
    expect((await pushAs(ben, { op: 'set', ...benTip }))?.status).toBe('applied');
    // What such items looked like: no member id in the item, nor in its merge metadata.
    for (const who of [ana, ben]) {
      await server.db.exec(
        `UPDATE items SET wire = replace(wire, ',"authorId":"${who.memberId}"', ''),
           meta = replace(meta, ',"a":"${who.memberId}"', '')
         WHERE community_id = '${c.id}'`,
      );
    }
    const old = await latest(ana, benTip.itemId);
    expect(old.item.authorId).toBeUndefined();
    expect(old.item.author).toBe('Ben');

    const retitle = (itemId: string, title: string, base: SyncedItem) =>
      ({ op: 'set', itemId, kind: 'tip', fields: writes({ title }, base) }) as const;
    expect(await pushAs(ana, retitle(benTip.itemId, 'taken', old))).toMatchObject({
      code: 'not_allowed',
      reason: 'only its author, Ben, or a steward can edit this tip',
    });
    expect((await pushAs(ben, retitle(benTip.itemId, 'kept', old)))?.status).toBe('applied');
    // Written again, the item now carries its author.
    expect((await latest(ana, benTip.itemId)).item).toMatchObject({
      title: 'kept',
      authorId: ben.memberId,
    });
    const anaOld = await latest(ben, anaTip.itemId);
    expect((await push(ana, retitle(anaTip.itemId, 'mine', anaOld)))[0]?.status).toBe('applied');
  });

  it('tells the extension’s engine why an offline edit was refused after a role change', async () => {
    const c = await server.community();
    const ana = await c.join('Ana');
    const store = new MemorySyncStore();
    const engine = await memberEngine(c.steward, 'Steward', store);
    await push(ana, { op: 'set', ...newTip({ title: 'Ana’s' }) });
    await engine.sync();
    const [item] = (await c.steward.pullAll()).items.values();
    // Made while still a steward, pushed after becoming a member.
    await engine.edit(item!.item.id, 'tip', { title: 'edited offline' });
    await server.db.exec(`UPDATE members SET role = 'member' WHERE id = '${c.steward.memberId}'`);
    const status = await engine.sync();
    expect(status.refused).toEqual({
      count: 1,
      reason: 'only its author, Ana, or a steward can edit this tip',
    });
    expect((await store.getSynced(item!.item.id))?.item.title).toBe('Ana’s');
    engine.close();
  });
});
