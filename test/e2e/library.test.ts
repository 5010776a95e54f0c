/**
 * The library page in real Chromium, from the e2e build: opened from the popup, filtered, sorted,
 * searched and driven by the keyboard alone, and opened on one item as the omnibox opens it.
 * Items are written straight into the extension's IndexedDB (as the benches seed theirs), one
 * more through the popup, which also makes the background index them all for search.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleItem } from '../support/items';
import { NAME_HELPER, writeItems } from '../../bench/extension';
import { type Item, uuidv7 } from '../../lib/wire';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { startPageServer, type PageServer } from './support/server';

const at = (date: string) => new Date(`${date}T12:00:00`).getTime();

/** An item as clipped on `created` (local noon), with a matching id. */
function seeded(kind: Item['kind'], created: string, values: Record<string, unknown>): Item {
  const createdAt = at(created);
  return sampleItem(kind, {
    id: uuidv7(createdAt),
    community: 'team',
    createdAt,
    updatedAt: createdAt,
    ...values,
  });
}

const UNDO = 'Undo the last commit';
const RENAME = 'Rename a branch';
const QUOTING = 'Shell quoting explained';
const LARGE = 'Find large files';
const FILLERS = 300;

const ITEMS: Item[] = [
  seeded('tip', '2026-01-10', {
    title: UNDO,
    tags: ['git'],
    author: 'Ana',
    tool: 'GitHub',
    body: 'git reset --soft HEAD~1',
    // Edited last of all: first when sorted by recently updated.
    updatedAt: at('2026-06-01'),
  }),
  seeded('tip', '2026-02-15', {
    title: RENAME,
    tags: ['git'],
    author: 'Ben',
    appliesTo: ['tool:jira'],
    body: 'git branch -m old new',
  }),
  seeded('page', '2026-03-01', {
    title: QUOTING,
    community: 'personal',
    tags: ['shell'],
    siteName: 'Example',
  }),
  seeded('snippet', '2026-03-20', { title: LARGE, tags: ['shell'], author: 'Ben' }),
  ...Array.from({ length: FILLERS }, (_, i) =>
    seeded('tip', '2025-05-01', {
      id: uuidv7(at('2025-05-01') + i),
      title: `Filler tip ${String(i).padStart(3, '0')}`,
      tags: ['filler'],
      author: 'Cam',
      createdAt: at('2025-05-01') + i,
      updatedAt: at('2025-05-01') + i,
    }),
  ),
];
const TOTAL = ITEMS.length + 1;
const TIP = 'Written in the popup';

let ext: ExtensionBrowser;
let pages: PageServer;
let libraryUrl: string;
let popup: Page;

beforeAll(async () => {
  pages = await startPageServer();
  ext = await launchWithExtension();
  const page = await ext.context.newPage();
  await page.goto(`${pages.origin}/fixtures/snippet.html`);
  popup = await openPopup(ext, await tabIdOf(ext, page));
  await popup.evaluate(NAME_HELPER);
  await writeItems(popup, ITEMS);
  // Saving a tip makes the background index everything queued before it answers.
  await popup.getByRole('button', { name: 'New tip' }).click();
  await popup.getByLabel('Title').fill(TIP);
  await popup.getByLabel('Tip', { exact: true }).fill('Saved through the popup.');
  await popup.getByRole('button', { name: 'Save tip' }).click();
  await popup.getByRole('status').getByText(`Saved the tip “${TIP}”`).waitFor();
  await page.close();
  libraryUrl = `chrome-extension://${ext.extensionId}/library.html`;
});
afterAll(async () => {
  await ext?.close();
  await pages?.close();
});

async function openLibrary(query = ''): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(`${libraryUrl}${query}`);
  return page;
}

const count = (page: Page) => page.getByRole('status').first();
const list = (page: Page, name = 'Library items') => page.getByRole('listbox', { name });
const titles = async (listbox: Locator) =>
  (await listbox.getByRole('option').locator('.result-title').allInnerTexts()).map((t) => t.trim());

describe('the library page', () => {
  it('opens from the popup, in a tab of its own', async () => {
    const opened = ext.context.waitForEvent('page');
    await popup.getByRole('link', { name: 'Open library' }).click();
    const library = await opened;
    await expect.poll(() => library.url()).toBe(libraryUrl);
    await library.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    await library.close();
    await popup.close();
  });

  it('lists every item, rendering only the rows in view', async () => {
    const page = await openLibrary();
    await expect.poll(() => count(page).innerText()).toBe(`${TOTAL} items`);
    const options = list(page).getByRole('option');
    // Newest first: the tip just written, then the seeded items by date.
    await expect
      .poll(() => titles(list(page)).then((t) => t.slice(0, 3)))
      .toEqual([TIP, LARGE, QUOTING]);
    expect(await options.first().getAttribute('aria-setsize')).toBe(String(TOTAL));
    const rendered = await options.count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await page.close();
  });

  it('filters by kind, tag, author, community, tool and date range', async () => {
    const page = await openLibrary();
    await expect.poll(() => count(page).innerText()).toBe(`${TOTAL} items`);
    await page.getByLabel('Kind').selectOption({ label: 'Tips' });
    await expect
      .poll(() => count(page).innerText())
      .toBe(`Showing ${FILLERS + 3} of ${TOTAL} items`);
    await page.getByLabel('Tag').selectOption({ label: 'git (2)' });
    await expect.poll(() => titles(list(page))).toEqual([RENAME, UNDO]);
    await page.getByLabel('Author').selectOption({ label: 'Ben (2)' });
    await expect.poll(() => titles(list(page))).toEqual([RENAME]);
    await page.getByLabel('Kind').selectOption({ label: 'Pages' });
    await page.getByText('No item matches these filters.').waitFor();

    // One Clear filters empties them all.
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => count(page).innerText()).toBe(`${TOTAL} items`);
    await page.getByLabel('Tool').selectOption({ label: 'Jira (1)' });
    await expect.poll(() => titles(list(page))).toEqual([RENAME]);
    await page.getByLabel('Tool').selectOption({ label: 'GitHub (1)' });
    await expect.poll(() => titles(list(page))).toEqual([UNDO]);
    await page.getByLabel('Tool').selectOption({ label: 'Any tool' });

    await page.getByLabel('Community').selectOption({ label: 'Personal (2)' });
    await expect.poll(() => titles(list(page))).toEqual([TIP, QUOTING]);
    await page.getByLabel('Community').selectOption({ label: 'Every community' });

    // Both days named are included.
    await page.getByLabel('Added from').fill('2026-02-15');
    await page.getByLabel('Added until').fill('2026-03-20');
    await expect.poll(() => titles(list(page))).toEqual([LARGE, QUOTING, RENAME]);
    await page.close();
  });

  it('sorts by newest, oldest, title and recently updated', async () => {
    const page = await openLibrary();
    await page.getByLabel('Tag').selectOption({ label: 'git (2)' });
    await expect.poll(() => titles(list(page))).toEqual([RENAME, UNDO]);
    await page.getByLabel('Sort').selectOption({ label: 'Oldest first' });
    await expect.poll(() => titles(list(page))).toEqual([UNDO, RENAME]);
    await page.getByLabel('Tag').selectOption({ label: 'shell (2)' });
    await page.getByLabel('Sort').selectOption({ label: 'Title A–Z' });
    await expect.poll(() => titles(list(page))).toEqual([LARGE, QUOTING]);
    await page.getByLabel('Tag').selectOption({ label: 'Any tag' });
    await page.getByLabel('Sort').selectOption({ label: 'Recently updated' });
    await expect.poll(() => titles(list(page)).then((t) => t.slice(0, 2))).toEqual([TIP, UNDO]);
    await page.close();
  });

  it('goes from search to an item and back with the keyboard alone', async () => {
    const page = await openLibrary();
    await expect.poll(() => count(page).innerText()).toBe(`${TOTAL} items`);
    const search = page.getByRole('searchbox', { name: 'Search library' });
    await page.keyboard.press('/');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('git branch');
    const results = list(page, 'Search results');
    await expect.poll(() => titles(results).then((t) => t[0])).toBe(RENAME);
    expect(await page.getByLabel('Sort').inputValue()).toBe('relevance');

    // Down into the list: the first match is active, announced as the active descendant.
    await page.keyboard.press('ArrowDown');
    const active = async () => {
      const id = await results.getAttribute('aria-activedescendant');
      return id ? page.locator(`[id="${id}"] .result-title`).innerText() : null;
    };
    await expect.poll(() => results.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(active).toBe(RENAME);
    const all = await titles(results);
    await page.keyboard.press('j');
    await expect.poll(active).toBe(all[1]);
    await page.keyboard.press('k');
    await expect.poll(active).toBe(RENAME);
    await page.keyboard.press('ArrowDown');
    await expect.poll(active).toBe(all[1]);

    // Enter opens it with the item view; Escape comes back to the same row.
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.innerText()).toBe(all[1]);
    expect(new URL(page.url()).searchParams.get('item')).toBeTruthy();
    await page.keyboard.press('Escape');
    await expect.poll(() => heading.innerText()).toBe('Library');
    await expect.poll(() => results.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(active).toBe(all[1]);
    expect(page.url()).toBe(libraryUrl);

    // Escape in the search box clears it; End goes to the last of every item, rendered.
    await page.keyboard.press('/');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => count(page).innerText()).toBe(`${TOTAL} items`);
    await page.keyboard.press('ArrowDown');
    const listbox = list(page);
    // ↓ hands the focus to the list in a render of its own: End must wait for it.
    await expect.poll(() => listbox.evaluate((el) => el === document.activeElement)).toBe(true);
    // The count follows the query at once, the rows at their next render: End reads the rows.
    await expect
      .poll(() => listbox.getByRole('option').first().getAttribute('aria-setsize'))
      .toBe(String(TOTAL));
    await page.keyboard.press('End');
    await expect
      .poll(async () => {
        const id = await listbox.getAttribute('aria-activedescendant');
        return id ? page.locator(`[id="${id}"]`).getAttribute('aria-posinset') : null;
      })
      .toBe(String(TOTAL));
    await page.close();
  });

  it('opens on one item, as the omnibox opens it, and Back to results shows the list', async () => {
    const page = await openLibrary();
    await expect.poll(() => count(page).innerText()).toBe(`${TOTAL} items`);
    const id = await list(page)
      .getByRole('option', { name: new RegExp(UNDO) })
      .getAttribute('id');
    await page.close();

    const direct = await openLibrary(`?item=${id?.replace(/^row-/, '')}`);
    const heading = direct.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.innerText()).toBe(UNDO);
    await direct.getByText('git reset --soft HEAD~1').waitFor();
    await direct.getByRole('button', { name: 'Back to results' }).click();
    await expect.poll(() => heading.innerText()).toBe('Library');
    await expect.poll(() => count(direct).innerText()).toBe(`${TOTAL} items`);
    await direct.close();

    const gone = await openLibrary(`?item=${uuidv7()}`);
    await gone.getByRole('heading', { name: 'Item not found' }).waitFor();
    await gone.getByRole('button', { name: 'Open the library' }).click();
    await expect.poll(() => gone.getByRole('heading', { level: 1 }).innerText()).toBe('Library');
    await gone.close();
  });

  it('opens a search the omnibox could not match, with the query', async () => {
    const page = await openLibrary('?q=zebra%20quokka');
    expect(await page.getByRole('searchbox', { name: 'Search library' }).inputValue()).toBe(
      'zebra quokka',
    );
    await page.getByText('No item matches this search with these filters.').waitFor();
    await page.close();
  });
});
