/**
 * Keyboard-only journeys in real Chromium: clip, write a tip, search, open, edit, delete and undo,
 * with Tab, Enter, Escape, the arrow keys and typing only — no clicks.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { focused, tabTo } from './support/keyboard';
import { startPageServer, type PageServer } from './support/server';

/** The results list once it shows the typed query's results, not an earlier query's. */
const settledResults = (popup: Page) =>
  popup.getByRole('list', { name: 'Search results' }).and(popup.locator('[aria-busy="false"]'));

let ext: ExtensionBrowser;
let pages: PageServer;

beforeAll(async () => {
  pages = await startPageServer();
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
  await pages?.close();
});

const statusText = (popup: Page) => popup.getByRole('status').first().innerText();

describe('keyboard only', () => {
  it('clips a page, writes a tip, finds it, opens, edits, deletes and undoes', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/fixtures/snippet.html`);
    const popup = await openPopup(ext, await tabIdOf(ext, page));
    // The popup opens ready to search.
    await expect.poll(() => focused(popup)).toBe('Search repertoire');

    // Clip: back from the search box to the toolbar.
    await tabTo(popup, 'Clip page', { back: true });
    await popup.keyboard.press('Enter');
    await expect.poll(() => statusText(popup)).toContain('Clipped “Rebasing without tears”');

    // Tip: the form opens with the focus on its first field; Escape leaves it, nothing saved.
    await tabTo(popup, 'New tip');
    await popup.keyboard.press('Enter');
    await expect.poll(() => focused(popup)).toBe('Title');
    await popup.keyboard.press('Escape');
    await expect.poll(() => focused(popup)).toBe('Search repertoire');
    await tabTo(popup, 'New tip', { back: true });
    await popup.keyboard.press('Enter');
    await expect.poll(() => focused(popup)).toBe('Title');
    await popup.keyboard.type('Squash fixups before review');
    await popup.keyboard.press('Tab');
    await popup.keyboard.type('Run git rebase -i --autosquash on the branch.');
    await tabTo(popup, 'Tags');
    await popup.keyboard.type('git');
    await tabTo(popup, 'Save tip');
    await popup.keyboard.press('Enter');
    await expect.poll(() => statusText(popup)).toContain('Saved the tip “Squash fixups');

    // Search, then into the results with ↓ and open with Enter.
    // In one input, as below: each typed letter's results would replace the last's.
    await tabTo(popup, 'Search repertoire');
    await popup.keyboard.insertText('squash fixups');
    await settledResults(popup).waitFor();
    await popup.keyboard.press('ArrowDown');
    await expect.poll(() => focused(popup)).toContain('Squash fixups before review');
    await popup.keyboard.press('Enter');
    const heading = popup.getByRole('heading', { name: 'Squash fixups before review' });
    await heading.waitFor();
    await expect.poll(() => popup.evaluate(() => document.activeElement?.id)).toBe('item-title');

    // Edit: the title field has the focus; add to it, save.
    await tabTo(popup, 'Edit', { back: true });
    await popup.keyboard.press('Enter');
    await expect.poll(() => focused(popup)).toBe('Title');
    await popup.keyboard.press('End');
    await popup.keyboard.type(' (and rebase)');
    await tabTo(popup, 'Save changes');
    await popup.keyboard.press('Enter');
    await expect
      .poll(() => statusText(popup))
      .toContain('Saved your changes to “Squash fixups before review (and rebase)”');

    // Delete, then Undo, which has the focus.
    await tabTo(popup, 'Delete', { back: true });
    await popup.keyboard.press('Enter');
    await expect.poll(() => statusText(popup)).toContain('Deleted “Squash fixups');
    await expect.poll(() => focused(popup)).toBe('Undo');
    await popup.keyboard.press('Enter');
    await expect.poll(() => statusText(popup)).toContain('Restored “Squash fixups');

    // Escape clears the search; ↑ from the first result goes back to the box.
    await tabTo(popup, 'Search repertoire');
    // The word in one input (as a paste or an input method gives it): typed letter by letter,
    // each letter's results replace the last's, and a loaded machine could move ↓ onto a list
    // about to be replaced.
    await popup.keyboard.insertText('rebasing');
    await settledResults(popup).waitFor();
    await popup.keyboard.press('ArrowDown');
    await expect
      .poll(async () => !['', 'Search repertoire'].includes(await focused(popup)))
      .toBe(true);
    await popup.keyboard.press('ArrowUp');
    await expect.poll(() => focused(popup)).toBe('Search repertoire');
    await popup.keyboard.press('Escape');
    await expect
      .poll(() => popup.getByRole('searchbox', { name: 'Search repertoire' }).inputValue())
      .toBe('');
    await popup.getByRole('list', { name: 'Recent items' }).waitFor();
    await popup.close();
    await page.close();
  });
});
