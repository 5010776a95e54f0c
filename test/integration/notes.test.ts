/**
 * A page's or snippet's note over real HTTP on both databases: stored and pulled by the other
 * members, written only by the author or a steward, and merged like the title.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse, type Mutation, type SyncedItem } from '../../lib/wire';
import { SETUPS, newItem, startServer, writes, type Client, type TestServer } from './harness';

describe.each(SETUPS)('notes on pages and snippets, on $name', ({ backend, workers }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend, {}, {}, workers);
  });
  afterAll(() => server.stop());

  async function push(client: Client, mutations: Mutation[]) {
    const res = await client.push(mutations);
    expect(res.status).toBe(200);
    return PushResponse.parse(res.body).results.map(({ seq: _, version: __, ...r }) => r);
  }

  async function latest(client: Client, itemId: string): Promise<SyncedItem> {
    const found = (await client.pullAll()).items.get(itemId);
    if (!found) throw new Error(`${itemId} is not on the server`);
    return found;
  }

  /** Ana clipped a page with a note; Ben is another plain member. */
  async function anaClippedAPage() {
    const c = await server.community();
    const [ana, ben] = [await c.join('Ana'), await c.join('Ben')];
    const page = newItem('page', { title: 'Runbook', note: 'Read the rollback part first.' });
    expect(await push(ana, ana.mutations({ op: 'set', ...page }))).toEqual([{ status: 'applied' }]);
    return { c, ana, ben, id: page.itemId, before: await latest(ana, page.itemId) };
  }

  const edit = (id: string, kind: 'page' | 'snippet', values: object, base: SyncedItem) => ({
    op: 'set' as const,
    itemId: id,
    kind,
    fields: writes({ ...values }, base),
  });

  it('stores the author’s note and its edits; other members pull them', async () => {
    const { ana, ben, id, before } = await anaClippedAPage();
    expect((await latest(ben, id)).item.note).toBe('Read the rollback part first.');
    const results = await push(
      ana,
      ana.mutations(edit(id, 'page', { note: 'Rollback first; then the checks.' }, before)),
    );
    expect(results).toEqual([{ status: 'applied' }]);
    expect((await latest(ben, id)).item).toMatchObject({
      title: 'Runbook',
      note: 'Rollback first; then the checks.',
    });
  });

  it('takes a snippet without a note, as clients from before notes create them', async () => {
    const c = await server.community();
    const ana = await c.join('Ana');
    const snippet = newItem('snippet', { title: 'Tuesdays' });
    delete snippet.fields['note'];
    expect(await push(ana, ana.mutations({ op: 'set', ...snippet }))).toEqual([
      { status: 'applied' },
    ]);
    const stored = await latest(ana, snippet.itemId);
    expect(stored.item.title).toBe('Tuesdays');
    expect(stored.item).not.toHaveProperty('note');
  });

  it('refuses another member’s edit of a page’s title and note, in words; a steward may', async () => {
    const { c, ana, ben, id, before } = await anaClippedAPage();
    const refused = await push(
      ben,
      ben.mutations(edit(id, 'page', { title: 'Ben’s runbook', note: 'Ben was here' }, before)),
    );
    expect(refused).toEqual([
      {
        status: 'rejected',
        code: 'not_allowed',
        reason: 'only its author, Ana, or a steward can edit this page',
        refusal: { rule: 'author_or_steward', action: 'edit', kind: 'page', author: 'Ana' },
      },
    ]);
    const unchanged = await latest(ana, id);
    expect(unchanged.item).toMatchObject({
      title: 'Runbook',
      note: 'Read the rollback part first.',
    });
    expect(unchanged.fieldVersions).toEqual(before.fieldVersions);

    const steward = c.steward;
    expect(
      await push(
        steward,
        steward.mutations(edit(id, 'page', { note: 'Checked by a steward.' }, before)),
      ),
    ).toEqual([{ status: 'applied' }]);
    expect((await latest(ben, id)).item.note).toBe('Checked by a steward.');
  });

  it('keeps the losing one of two concurrent note edits as a conflict revision', async () => {
    const { c, ana, ben, id, before } = await anaClippedAPage();
    const steward = c.steward;
    // Stamps forced, so the steward's write is the later one.
    const stamped = (client: Client, note: string, at: number): Mutation[] =>
      client.mutations(edit(id, 'page', { note }, before)).map((m) => ({ ...m, at }));
    expect(await push(ana, stamped(ana, 'Ana’s note', 10))).toEqual([{ status: 'applied' }]);
    // Based on the same version: the steward had not seen Ana's edit.
    expect(await push(steward, stamped(steward, 'Steward’s note', 20))).toEqual([
      { status: 'applied' },
    ]);
    const merged = await latest(ben, id);
    expect(merged.item.note).toBe('Steward’s note');
    expect(merged.conflicts).toEqual([
      {
        field: 'note',
        value: 'Ana’s note',
        author: 'Ana',
        clientId: ana.clientId,
        at: 10,
        version: expect.any(Number),
      },
    ]);
  });
});
