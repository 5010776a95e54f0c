/**
 * Editing a clipped page and a snippet in real Chromium, by keyboard only: Edit, the title, tags
 * and note changed, saved, shown, and found by search under what was added.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { focused, tabTo } from './support/keyboard';
import { startPageServer, type PageServer } from './support/server';

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

/** From the search box: types the query, goes down the results to `title` and opens it. */
async function openFound(popup: Page, query: string, title: string) {
  await tabTo(popup, 'Search repertoire');
  await popup.keyboard.press('Control+A');
  await popup.keyboard.type(query);
  const results = popup.getByRole('list', { name: 'Search results' });
  await results.getByRole('button', { name: title }).first().waitFor();
  // Down through the results to it (the other test's item may match too).
  for (let presses = 0; presses < 10 && !(await focused(popup)).includes(title); presses++)
    await popup.keyboard.press('ArrowDown');
  expect(await focused(popup)).toContain(title);
  await popup.keyboard.press('Enter');
  await popup.getByRole('heading', { level: 1, name: title }).waitFor();
  await expect.poll(() => popup.evaluate(() => document.activeElement?.id)).toBe('item-title');
}

/** The item view's Edit, by keyboard; the form opens on its title. */
async function startEdit(popup: Page, what: string) {
  await tabTo(popup, 'Edit', { back: true });
  await popup.keyboard.press('Enter');
  await popup.getByRole('form', { name: `Edit ${what}` }).waitFor();
  await expect.poll(() => focused(popup)).toBe('Title');
}

/** Replaces the focused field's text. */
async function retype(popup: Page, text: string) {
  await popup.keyboard.press('Control+A');
  await popup.keyboard.type(text);
}

describe('editing pages and snippets, keyboard only', () => {
  it('changes a clipped page’s title, tags and note; search finds it by the new tag', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/fixtures/snippet.html`);
    const popup = await openPopup(ext, await tabIdOf(ext, page));
    await expect.poll(() => focused(popup)).toBe('Search repertoire');
    await tabTo(popup, 'Clip page', { back: true });
    await popup.keyboard.press('Enter');
    await expect.poll(() => statusText(popup)).toContain('Clipped “Rebasing without tears”');

    await openFound(popup, 'rebasing', 'Rebasing without tears');
    await startEdit(popup, 'page');
    await retype(popup, 'Rebase guide for reviewers');
    await popup.keyboard.press('Tab');
    await expect.poll(() => focused(popup)).toBe('Tags');
    await retype(popup, 'git, #reviewflow');
    await popup.keyboard.press('Tab');
    await expect.poll(() => focused(popup)).toBe('Note');
    await popup.keyboard.type('Read before <b>every</b> review.');
    await tabTo(popup, 'Save changes');
    await popup.keyboard.press('Enter');

    await expect
      .poll(() => statusText(popup))
      .toContain('Saved your changes to “Rebase guide for reviewers”');
    await popup.getByRole('heading', { level: 1, name: 'Rebase guide for reviewers' }).waitFor();
    await popup.getByText('#git #reviewflow').waitFor();
    // The note is text: what looks like markup is shown as typed.
    const note = popup.getByRole('region', { name: 'Note' });
    expect(await note.innerText()).toContain('Read before <b>every</b> review.');
    expect(await note.locator('b').count()).toBe(0);

    await tabTo(popup, 'Back to results', { back: true });
    await popup.keyboard.press('Enter');
    await openFound(popup, 'reviewflow', 'Rebase guide for reviewers');
    await popup.close();
    await page.close();
  });

  it('edits a page from the library: the item and its row show the change', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/corpus/ars-1`);
    const popup = await openPopup(ext, await tabIdOf(ext, page));
    await expect.poll(() => focused(popup)).toBe('Search repertoire');
    await tabTo(popup, 'Clip page', { back: true });
    await popup.keyboard.press('Enter');
    await expect.poll(() => statusText(popup)).toContain('Clipped');
    await popup.close();

    const library = await ext.context.newPage();
    await library.goto(`chrome-extension://${ext.extensionId}/library.html`);
    await library.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    await library.keyboard.press('/');
    // The box takes the keyboard once the library is read: letters typed before would be lost.
    await expect.poll(() => focused(library)).toBe('Search library');
    await library.keyboard.type('minecraft');
    const results = library.getByRole('listbox', { name: 'Search results' });
    await results.getByRole('option').first().waitFor();
    await library.keyboard.press('ArrowDown');
    await expect.poll(() => results.evaluate((el) => el === document.activeElement)).toBe(true);
    await library.keyboard.press('Enter');
    await expect.poll(() => library.evaluate(() => document.activeElement?.id)).toBe('item-title');

    await startEdit(library, 'page');
    await retype(library, 'Minecraft, as the article tells it');
    await tabTo(library, 'Note');
    await library.keyboard.type('Good background for the games guild.');
    await tabTo(library, 'Save changes');
    await library.keyboard.press('Enter');
    await expect
      .poll(() => library.getByRole('status').last().innerText())
      .toContain('Saved your changes to “Minecraft, as the article tells it”');
    await library
      .getByRole('heading', { level: 1, name: 'Minecraft, as the article tells it' })
      .waitFor();
    expect(await library.getByRole('region', { name: 'Note' }).innerText()).toContain(
      'Good background for the games guild.',
    );
    await expect.poll(() => library.evaluate(() => document.activeElement?.id)).toBe('item-title');

    // Escape back to the list: the row has the new title.
    await library.keyboard.press('Escape');
    await results
      .getByRole('option', { name: /Minecraft, as the article tells it/ })
      .first()
      .waitFor();
    await library.close();
    await page.close();
  });

  it('Escape leaves a snippet as it was; saved, its note is shown and searched', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/fixtures/snippet.html`);
    await page.evaluate(() => {
      const text = document.getElementById('tip')?.firstChild;
      if (!text) throw new Error('fixture changed');
      const range = document.createRange();
      range.setStart(text, 4);
      range.setEnd(text, 28);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    const popup = await openPopup(ext, await tabIdOf(ext, page));
    await expect.poll(() => focused(popup)).toBe('Search repertoire');
    await tabTo(popup, 'Clip selection', { back: true });
    await popup.keyboard.press('Enter');
    await expect.poll(() => statusText(popup)).toContain('Clipped');

    const title = 'git rebase --autosquash';
    await openFound(popup, 'autosquash', title);
    await startEdit(popup, 'snippet');
    await retype(popup, 'Not this title');
    await popup.keyboard.press('Escape');
    await popup.getByRole('heading', { level: 1, name: title }).waitFor();

    await startEdit(popup, 'snippet');
    expect(await popup.getByRole('textbox', { name: 'Title' }).inputValue()).toBe(title);
    await tabTo(popup, 'Note');
    await popup.keyboard.type('Pairs well with fixup commits from lazygit.');
    await popup.keyboard.press('Control+Enter');
    await expect.poll(() => statusText(popup)).toContain(`Saved your changes to “${title}”`);
    expect(await popup.getByRole('region', { name: 'Note' }).innerText()).toContain(
      'Pairs well with fixup commits from lazygit.',
    );

    await tabTo(popup, 'Back to results', { back: true });
    await popup.keyboard.press('Enter');
    await openFound(popup, 'lazygit', title);
    await popup.close();
    await page.close();
  });
});
