// @vitest-environment jsdom
/**
 * Editing a page or a snippet in the popup: the item view's Edit, the form, its errors and what
 * the view shows after saving. The background's answer is a stand-in that stores the edit as
 * the real handler would (its own tests: lib/repertoire/handlers.test.ts).
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensurePersonalCommunity, getItem, openRepertoireDb, putItem } from '@/lib/db';
import { onMessages, type Handlers } from '@/lib/messaging';
import { createIndexer, parseTags } from '@/lib/repertoire';
import type { Item } from '@/lib/wire';
import { sampleItem } from '@/test/support/items';
import { ItemForm } from './ItemForm';
import { Popup } from './Popup';

const snippet = sampleItem('snippet', {
  community: 'personal',
  title: 'Deploys go out on Tuesdays',
  quote: 'Deploys go out on Tuesdays.',
  sourceTitle: 'Release calendar',
});

async function seed(...items: Item[]) {
  const db = await openRepertoireDb();
  await ensurePersonalCommunity(db);
  for (const item of items) await putItem(db, item);
  await createIndexer(db).drain();
  db.close();
}

let stop: (() => void) | undefined;
beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue({
    onMessage: { addListener: () => undefined },
    onDisconnect: { addListener: () => undefined },
    disconnect: () => undefined,
  } as unknown as ReturnType<typeof fakeBrowser.runtime.connect>);
});
afterEach(() => {
  cleanup();
  stop?.();
  vi.restoreAllMocks();
});

async function openEdit() {
  render(<Popup tab={null} />);
  fireEvent.click(await screen.findByRole('button', { name: /Deploys go out on Tuesdays/ }));
  fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
  return screen.findByRole('form', { name: 'Edit snippet' });
}

describe('editing a snippet', () => {
  it('shows errors next to their fields, keeps what was typed, then saves and shows it', async () => {
    await seed(snippet);
    const editItem = vi.fn<Handlers['editItem']>(async () => ({
      ok: false,
      errors: { tags: 'Use at most 32 tags.' },
    }));
    stop = onMessages({ editItem } as unknown as Handlers);
    const form = await openEdit();
    // In Personal there is one note, and no private one.
    expect(within(form).queryByRole('textbox', { name: /Private note/ })).toBeNull();
    const title = within(form).getByRole('textbox', { name: 'Title' });
    expect(document.activeElement).toBe(title);
    fireEvent.input(title, { target: { value: 'Release days' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Tags' }), {
      target: { value: 'ops release' },
    });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Note' }), {
      target: { value: 'Ask <b>ops</b> before Friday.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    const tags = within(form).getByRole('textbox', { name: 'Tags' });
    await waitFor(() => expect(tags.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Use at most 32 tags.')).toBeTruthy();
    expect((title as HTMLInputElement).value).toBe('Release days');

    // Saved the second time: the stand-in stores it as the background would.
    editItem.mockImplementation(async ({ id, draft }) => {
      const db = await openRepertoireDb();
      const item = (await getItem(db, id))!;
      await putItem(db, {
        ...item,
        title: draft.title,
        tags: parseTags(draft.tags),
        note: draft.note,
      });
      db.close();
      return { ok: true, item: { id, kind: 'snippet', title: draft.title } };
    });
    fireEvent.keyDown(title, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByRole('heading', { level: 1, name: 'Release days' })).toBeTruthy();
    expect(screen.getByText('#ops #release')).toBeTruthy();
    const note = screen.getByRole('region', { name: 'Note' });
    // Shown as text: the markup stays as typed, never becomes an element.
    expect(note.textContent).toContain('Ask <b>ops</b> before Friday.');
    expect(note.querySelector('b')).toBeNull();
    expect(screen.getByText('Saved your changes to “Release days”.')).toBeTruthy();
  });

  it('Escape cancels: back to the item, nothing sent', async () => {
    await seed(snippet);
    const editItem = vi.fn<Handlers['editItem']>();
    stop = onMessages({ editItem } as unknown as Handlers);
    const form = await openEdit();
    const title = within(form).getByRole('textbox', { name: 'Title' });
    fireEvent.input(title, { target: { value: 'Not this' } });
    fireEvent.keyDown(title, { key: 'Escape' });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Deploys go out on Tuesdays' }),
    ).toBeTruthy();
    expect(editItem).not.toHaveBeenCalled();
  });
});

describe('the edit form of a shared item', () => {
  it('labels the shared note with its community and the private one as this browser’s', () => {
    const onSave = vi.fn();
    render(
      <ItemForm
        what="page"
        sharedWith="Platform guild"
        initial={{ title: 'Runbook', tags: 'ops', note: 'For all.', privateNote: 'For me.' }}
        saving={false}
        errors={{}}
        onSave={onSave}
        onCancel={() => undefined}
      />,
    );
    const form = screen.getByRole('form', { name: 'Edit page' });
    const shared = within(form).getByRole('textbox', { name: 'Note — shared with Platform guild' });
    const mine = within(form).getByRole('textbox', {
      name: 'Private note — only on this browser',
    });
    expect((shared as HTMLTextAreaElement).value).toBe('For all.');
    fireEvent.input(mine, { target: { value: 'Still for me.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(onSave).toHaveBeenCalledWith({
      title: 'Runbook',
      tags: 'ops',
      note: 'For all.',
      privateNote: 'Still for me.',
    });
  });
});
