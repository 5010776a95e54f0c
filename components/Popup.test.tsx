// @vitest-environment jsdom
/**
 * The popup's views, rendered with their hooks over fake IndexedDB and WXT's fake browser; the
 * background's answers are stand-ins registered on the fake runtime. Found by role and name.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensurePersonalCommunity, openRepertoireDb, putItem } from '@/lib/db';
import { onMessages, type Handlers } from '@/lib/messaging';
import { createIndexer } from '@/lib/repertoire';
import type { Item } from '@/lib/wire';
import { sampleItem } from '@/test/support/items';
import { Popup } from './Popup';

const tip = (title: string, values: Record<string, unknown> = {}): Item =>
  sampleItem('tip', { community: 'personal', title, body: `${title}, in detail.`, ...values });

/** Stores the items and indexes them, as the background would have. */
async function seed(...items: Item[]) {
  const db = await openRepertoireDb();
  await ensurePersonalCommunity(db);
  for (const item of items) await putItem(db, item);
  await createIndexer(db).drain();
  db.close();
}

/** The background's answers this test needs; any other message fails loudly. */
function background(handlers: Partial<Handlers>) {
  return onMessages(handlers as Handlers);
}

let stop: (() => void) | undefined;
beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  // Pages hear sync status and indexing on ports; Personal is not synced, so nothing is pushed
  // unless a test does (push, below).
  pushers.clear();
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(
    // Pages call connect({ name }), with no extension id.
    (info?: unknown) =>
      ({
        onMessage: {
          addListener: (listener: (value: unknown) => void) =>
            pushers.set((info as { name?: string } | undefined)?.name ?? '', listener),
        },
        onDisconnect: { addListener: () => undefined },
        disconnect: () => undefined,
      }) as unknown as ReturnType<typeof fakeBrowser.runtime.connect>,
  );
});

/** What the background pushes on a port, by its name. */
const pushers = new Map<string, (value: unknown) => void>();
const push = (name: string, value: unknown) => pushers.get(name)?.(value);
afterEach(() => {
  cleanup();
  stop?.();
  vi.restoreAllMocks();
});

describe('the popup', () => {
  it('says how to start when the repertoire is empty', async () => {
    await seed();
    render(<Popup tab={null} />);
    expect(await screen.findByText(/Nothing here yet/)).toBeTruthy();
  });

  it('lists recent items, finds one by search and opens it', async () => {
    await seed(tip('Rotate the on-call calendar'), tip('Pin the deploy checklist'));
    render(<Popup tab={null} />);
    const recent = await screen.findByRole('list', { name: 'Recent items' });
    expect(within(recent).getAllByRole('button')).toHaveLength(2);

    fireEvent.input(screen.getByRole('searchbox', { name: 'Search repertoire' }), {
      target: { value: 'deploy' },
    });
    const results = await screen.findByRole('list', { name: 'Search results' });
    const found = within(results).getByRole('button', { name: /Pin the deploy checklist/ });
    expect(within(results).getAllByRole('button')).toHaveLength(1);

    fireEvent.click(found);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Pin the deploy checklist' }),
    ).toBeTruthy();
    // The body is Markdown, rendered once the renderer has loaded (it is not in the first paint).
    expect(
      await screen.findByText('Pin the deploy checklist, in detail.', {}, { timeout: 30_000 }),
    ).toBeTruthy();
  });

  it('shows the tip form’s errors next to their fields and keeps what was typed', async () => {
    await seed();
    const saveTip = vi.fn<Handlers['saveTip']>(async () => ({
      ok: false,
      errors: { body: 'Write what to do.' },
    }));
    stop = background({ saveTip });
    render(<Popup tab={null} />);
    await screen.findByText(/Nothing here yet/);
    fireEvent.click(screen.getByRole('button', { name: 'New tip' }));
    const title = await screen.findByRole('textbox', { name: 'Title' });
    fireEvent.input(title, { target: { value: 'Half a tip' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save tip' }));

    expect((await screen.findByRole('alert')).textContent).toContain(
      'Some fields need attention before saving.',
    );
    const body = screen.getByRole('textbox', { name: 'Tip' });
    await waitFor(() => expect(body.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Write what to do.')).toBeTruthy();
    expect((title as HTMLInputElement).value).toBe('Half a tip');
    expect(saveTip.mock.calls[0]?.[0].draft.title).toBe('Half a tip');
  });

  it('lists deleted items and restores one; a message leaves with its view', async () => {
    const gone = tip('Archive old runbooks', { deletedAt: Date.now() });
    const kept = tip('Rotate the on-call calendar');
    await seed(gone, kept);
    const restoreItem = vi.fn<Handlers['restoreItem']>(async () => ({
      ok: true,
      title: gone.title,
    }));
    stop = background({ deleteItem: async () => ({ ok: true }), restoreItem });
    render(<Popup tab={null} />);

    // Deleting says so, with Undo, on the list...
    fireEvent.click(await screen.findByRole('button', { name: /Rotate the on-call calendar/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    expect((await screen.findByText(/^Deleted “Rotate the on-call calendar”/)).textContent).toBe(
      'Deleted “Rotate the on-call calendar”.',
    );
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();

    // ...and the message goes with the list.
    fireEvent.click(screen.getByRole('button', { name: 'Recently deleted' }));
    const deleted = await screen.findByRole('list', { name: 'Deleted items' });
    expect(screen.queryByText(/^Deleted “/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();

    fireEvent.click(
      within(deleted).getByRole('button', { name: 'Restore “Archive old runbooks”' }),
    );
    expect(await screen.findByText('Restored “Archive old runbooks”.')).toBeTruthy();
    expect(restoreItem.mock.calls[0]?.[0]).toEqual({ id: gone.id });
  });

  it('shows indexing progress, and finds each batch as soon as it is indexed', async () => {
    await seed(tip('Rotate the on-call calendar'));
    render(<Popup tab={null} />);
    await screen.findByRole('list', { name: 'Recent items' });
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search repertoire' }), {
      target: { value: 'zebra' },
    });
    await screen.findByText(/No match for “zebra”/);

    // A first sync: the background starts indexing thousands of items…
    push('indexing', { indexed: 0, total: 5_000 });
    expect(
      await screen.findByText(
        'Making items searchable: 0 of 5,000. Search already finds those done.',
      ),
    ).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Indexing for search' });
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['0', '5000']);

    // …and its first batch is done: the open search finds what it indexed, the rest still waits.
    await seed(tip('Feed the zebra at noon'));
    push('indexing', { indexed: 2_000, total: 5_000 });
    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(within(results).getByRole('button', { name: /Feed the zebra at noon/ })).toBeTruthy();
    expect(screen.getByText(/Making items searchable: 2,000 of 5,000/)).toBeTruthy();

    push('indexing', null);
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('shows no progress for a few items, which index in a moment', async () => {
    await seed();
    render(<Popup tab={null} />);
    await screen.findByText(/Nothing here yet/);
    push('indexing', { indexed: 0, total: 12 });
    await new Promise((ok) => setTimeout(ok, 0));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
