// @vitest-environment jsdom
/**
 * An opened path over fake IDB: its steps read with their items' titles, and a curator's
 * concurrent version of the steps shown as a list to compare and keep, never as data.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openRepertoireDb, putItem, type RepertoireDb } from '@/lib/db';
import type { PathItem, PathStep } from '@/lib/wire';
import { sampleItem } from '@/test/support/items';
import { ItemView } from './ItemView';

const hello = sampleItem('tip', { title: 'Say hello in #guild', author: 'Ana' });
const labels = sampleItem('tip', { title: 'Label PRs for the release notes', author: 'Ben' });
const ours: PathStep[] = [
  { itemId: hello.id, note: 'First day' },
  { itemId: labels.id, note: '' },
];
const theirs: PathStep[] = [
  { itemId: labels.id, note: 'Before your first merge' },
  { itemId: hello.id, note: 'First day' },
];
const path = sampleItem('path', { title: 'Start here', steps: ours }) as PathItem;

let db: RepertoireDb;
beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
  await putItem(db, hello);
  await putItem(db, labels);
});
afterEach(() => {
  cleanup();
  db.close();
});

const rows = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('an opened path', () => {
  it('lists its steps with their titles, notes and authors', async () => {
    render(<ItemView db={db} item={path} onBack={() => undefined} />);
    await screen.findByText(/1\. Say hello in #guild/);
    expect(rows(screen.getByRole('list', { name: 'Steps' }))).toEqual([
      '1. Say hello in #guildFirst dayby Ana',
      '2. Label PRs for the release notesby Ben',
    ]);
  });

  it('shows another curator’s order of the steps as a list, and keeps either', async () => {
    const kept: unknown[] = [];
    render(
      <ItemView
        db={db}
        item={path}
        meta={{
          endorsements: [],
          marks: [],
          conflicts: [
            { field: 'steps', value: theirs, author: 'Ben', clientId: 'b', at: 1, version: 7 },
          ],
        }}
        onBack={() => undefined}
        onResolve={(field, value, dismiss) => kept.push([field, value, dismiss])}
      />,
    );
    const conflict = await screen.findByRole('group', { name: 'Conflict on steps' });
    await within(conflict).findByText(/1\. Label PRs/);
    expect(rows(within(conflict).getByRole('list', { name: 'Their steps' }))).toEqual([
      '1. Label PRs for the release notesBefore your first mergeby Ben',
      '2. Say hello in #guildFirst dayby Ana',
    ]);
    expect(conflict.textContent).not.toContain('itemId');
    fireEvent.click(within(conflict).getByRole('button', { name: 'Keep their version' }));
    fireEvent.click(within(conflict).getByRole('button', { name: 'Keep the current version' }));
    expect(kept).toEqual([
      ['steps', theirs, [7]],
      ['steps', ours, [7]],
    ]);
  });
});
