/**
 * Clip a page, a selection and a tip in real Chromium, then find each from the popup and open it.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readabilityPagesDir } from '../support/corpus';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { startPageServer, type PageServer } from './support/server';

let ext: ExtensionBrowser;
let pages: PageServer;

beforeAll(async () => {
  // Clipped pages come from the shared corpus: without it, say so rather than clip a 404 page.
  readabilityPagesDir();
  pages = await startPageServer();
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
  await pages?.close();
});

async function visit(path: string): Promise<{ page: Page; popup: Page }> {
  const page = await ext.context.newPage();
  await page.goto(`${pages.origin}${path}`);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  return { page, popup };
}

const search = (popup: Page) => popup.getByRole('searchbox', { name: 'Search repertoire' });
const results = (popup: Page) => popup.getByRole('list').getByRole('listitem');

describe('clipping in a real browser', () => {
  it('clips an article, refuses a duplicate unless asked, and finds and opens it', async () => {
    const { page, popup } = await visit('/corpus/ars-1');
    await popup.getByRole('button', { name: 'Clip page' }).click();
    await expect
      .poll(() => popup.getByRole('status').innerText())
      .toContain('Clipped “Just-released Minecraft exploit makes it easy to crash game servers”');

    await popup.getByRole('button', { name: 'Clip page' }).click();
    // A notice, not an error: nothing went wrong, the page is there already.
    await expect
      .poll(() => popup.getByRole('status').innerText())
      .toContain('already in this repertoire');
    expect(await popup.getByRole('alert').count()).toBe(0);
    await popup.getByRole('button', { name: 'Clip again' }).click();
    await expect.poll(() => results(popup).count()).toBe(2);

    await search(popup).fill('minecraft servers');
    await expect.poll(() => results(popup).count()).toBe(2);
    await search(popup).fill('zebra quokka');
    await popup.getByText('No match for').waitFor();
    await search(popup).fill('Minecraft');
    await results(popup).first().getByRole('button').click();
    const heading = popup.getByRole('heading', { level: 1 });
    expect(await heading.innerText()).toBe(
      'Just-released Minecraft exploit makes it easy to crash game servers',
    );
    // The article's sanitizer loads on demand: the text appears a moment after the heading.
    await expect.poll(() => popup.locator('.article').innerText()).toContain('Minecraft');
    expect(await popup.getByRole('link', { name: 'Open source page' }).getAttribute('href')).toBe(
      `${pages.origin}/corpus/ars-1`,
    );
    mkdirSync('test-results', { recursive: true });
    await popup.screenshot({ path: 'test-results/popup-item.png' });
    await page.close();
    await popup.close();
  });

  it('clips a selection with its quote selectors and finds it', async () => {
    const { page, popup } = await visit('/fixtures/snippet.html');
    await page.evaluate(() => {
      const text = document.getElementById('tip')?.firstChild;
      if (!text) throw new Error('fixture changed');
      const range = document.createRange();
      range.setStart(text, 4);
      range.setEnd(text, 28);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    await popup.getByRole('button', { name: 'Clip selection' }).click();
    await expect.poll(() => popup.getByRole('status').innerText()).toContain('Clipped');

    await search(popup).fill('autosquash');
    await results(popup).first().getByRole('button').click();
    expect(await popup.locator('blockquote').innerText()).toBe('git rebase --autosquash ');
    expect(await popup.getByText('From “Rebasing without tears”').count()).toBe(1);
    const stored = await ext.worker.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, ko) => {
        const req = indexedDB.open('repertoire');
        req.onsuccess = () => ok(req.result);
        req.onerror = () => ko(req.error);
      });
      const all = await new Promise<unknown[]>((ok) => {
        const req = db.transaction('items').objectStore('items').getAll();
        req.onsuccess = () => ok(req.result as unknown[]);
      });
      return all.find((i) => (i as { kind: string }).kind === 'snippet');
    });
    expect(stored).toMatchObject({
      url: `${pages.origin}/fixtures/snippet.html`,
      selectors: [
        {
          type: 'TextQuoteSelector',
          exact: 'git rebase --autosquash ',
          prefix: expect.stringContaining('Use'),
        },
        { type: 'TextPositionSelector' },
      ],
    });
    await page.close();
    await popup.close();
  });

  it('keeps the paragraphs of a selection as lines', async () => {
    const { page, popup } = await visit('/fixtures/snippet.html');
    await page.evaluate(() => {
      const range = document.createRange();
      range.setStart(document.getElementById('intro')!.firstChild!, 0);
      range.setEnd(document.getElementById('outro')!.firstChild!, 15);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    await popup.getByRole('button', { name: 'Clip selection' }).click();
    await expect
      .poll(() => popup.getByRole('status').innerText())
      .toContain('Clipped “Before a rebase, create a backup branch.”');
    await search(popup).fill('backup');
    await results(popup).first().getByRole('button').click();
    expect(await popup.locator('blockquote').innerText()).toBe(
      'Before a rebase, create a backup branch.\nUse git rebase --autosquash to fold fixup commits into their targets.\nThen force-push',
    );
    await page.close();
    await popup.close();
  });

  it('says so when nothing is selected, and cuts a huge selection', async () => {
    const { page, popup } = await visit('/fixtures/snippet.html');
    await popup.getByRole('button', { name: 'Clip selection' }).click();
    await popup.getByRole('alert').waitFor();
    expect(await popup.getByRole('alert').innerText()).toContain('Nothing is selected');

    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'lorem ipsum '.repeat(5_000);
      document.body.append(p);
      getSelection()?.selectAllChildren(p);
    });
    await popup.getByRole('button', { name: 'Clip selection' }).click();
    await expect
      .poll(() => popup.getByRole('status').innerText())
      .toContain('60,000 characters long; the first 20,000 were kept');
    await page.close();
    await popup.close();
  });

  it('offers a page of navigation only as a link, and keeps it from the keyboard', async () => {
    const { page, popup } = await visit('/fixtures/navigation-only.html');
    await popup.getByRole('button', { name: 'Clip page' }).click();
    const alert = popup.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('found no article on this page');
    await popup.getByRole('button', { name: 'Save as a link' }).click();
    const form = popup.getByRole('form', { name: 'Save as a link' });
    expect(await form.getByLabel('Title').inputValue()).toBe('Team board – Acme');
    expect(await form.getByLabel('Description').inputValue()).toBe(
      'Where the platform team plans its week.',
    );
    expect(await form.innerText()).toContain(`${pages.origin}/fixtures/navigation-only.html`);
    await expect.poll(() => popup.evaluate(() => document.activeElement?.id)).toBe('link-title');
    await popup.keyboard.press('Tab');
    await popup.keyboard.press('Tab');
    await popup.keyboard.type('#planning, ops');
    await popup.keyboard.press('Control+Enter');
    await expect
      .poll(() => popup.getByRole('status').innerText())
      .toContain('Clipped “Team board – Acme”');

    await search(popup).fill('platform week');
    await results(popup).first().getByRole('button').click();
    expect(await popup.getByRole('heading', { level: 1 }).innerText()).toBe('Team board – Acme');
    expect(await popup.locator('.item').innerText()).toContain(
      'Where the platform team plans its week.',
    );
    expect(await popup.locator('.item').innerText()).toContain('#planning #ops');
    expect(await popup.getByRole('link', { name: 'Open source page' }).getAttribute('href')).toBe(
      `${pages.origin}/fixtures/navigation-only.html`,
    );
    // The page's navigation text was not kept.
    await popup.getByRole('button', { name: 'Back to results' }).click();
    await search(popup).fill('billing');
    await popup.getByText('No match for').waitFor();
    await page.close();
    await popup.close();
  });

  it('explains pages with no article and pages the browser keeps from extensions', async () => {
    const { page, popup } = await visit('/fixtures/no-article.html');
    await popup.getByRole('button', { name: 'Clip page' }).click();
    await popup.getByRole('alert').waitFor();
    expect(await popup.getByRole('alert').innerText()).toContain('found no article');
    await page.close();
    await popup.close();

    const restricted = await ext.context.newPage();
    await restricted.goto('chrome://version');
    const popup2 = await openPopup(ext, await tabIdOf(ext, restricted));
    await popup2.getByRole('button', { name: 'Clip page' }).click();
    await popup2.getByRole('alert').waitFor();
    expect(await popup2.getByRole('alert').innerText()).toContain(
      'Browsers do not let extensions read this page',
    );
    await restricted.close();
    await popup2.close();
  });

  it('writes a tip from the keyboard, with errors first, then finds and opens it', async () => {
    const { page, popup } = await visit('/fixtures/snippet.html');
    await popup.getByRole('button', { name: 'New tip' }).click();
    expect(await popup.getByLabel('Applies to').inputValue()).toBe(new URL(pages.origin).host);
    await popup.getByRole('button', { name: 'Save tip' }).click();
    await popup.getByText('Give the tip a title').waitFor();

    await popup.getByLabel('Title').fill('Squash fixups before review');
    await popup
      .getByLabel('Tip', { exact: true })
      .fill('Run `git rebase -i --autosquash main` before asking for review.');
    await popup.getByLabel('Tags').fill('git, review');
    await popup.getByLabel('Tip', { exact: true }).press('Control+Enter');
    await expect
      .poll(() => popup.getByRole('status').innerText())
      .toContain('Saved the tip “Squash fixups before review”');

    await search(popup).fill('fixups revie');
    await expect.poll(() => results(popup).count()).toBe(1);
    await search(popup).press('ArrowDown');
    await popup.keyboard.press('Enter');
    expect(await popup.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Squash fixups before review',
    );
    expect(await popup.getByText('#git #review').count()).toBe(1);
    await popup.getByRole('button', { name: 'Back to results' }).click();
    await popup.screenshot({ path: 'test-results/popup-list.png' });
    await page.close();
    await popup.close();
  });

  it('deletes a Personal tip at once, with Undo, and restores it from Recently deleted', async () => {
    const title = 'Prune merged branches weekly';
    const { page, popup } = await visit('/fixtures/snippet.html');
    await popup.getByRole('button', { name: 'New tip' }).click();
    await popup.getByLabel('Title').fill(title);
    await popup.getByLabel('Tip', { exact: true }).fill('Run `git fetch --prune` on Mondays.');
    await popup.getByRole('button', { name: 'Save tip' }).click();
    const said = () => popup.getByRole('status').innerText();
    await expect.poll(said).toContain(`Saved the tip “${title}”`);
    const found = async () => {
      await search(popup).fill('');
      await search(popup).fill('prune merged');
      await popup
        .getByRole('list', { name: 'Search results' })
        .or(popup.getByText('No match'))
        .waitFor();
      return results(popup).count();
    };

    await popup.getByRole('button', { name: title }).click();
    await popup.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(said).toContain(`Deleted “${title}”`);
    await popup.screenshot({ path: 'test-results/popup-deleted-undo.png' });
    expect(await found()).toBe(0);
    await popup.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(said).toContain(`Restored “${title}”`);
    expect(await found()).toBe(1);

    await popup.getByRole('list', { name: 'Search results' }).getByRole('button').click();
    await popup.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(said).toContain(`Deleted “${title}”`);
    await search(popup).fill('');
    await popup.getByRole('button', { name: 'Recently deleted' }).click();
    expect(await popup.getByRole('heading', { level: 1 }).innerText()).toBe('Recently deleted');
    await popup.screenshot({ path: 'test-results/popup-recently-deleted.png' });
    await popup.getByRole('button', { name: `Restore “${title}”` }).click();
    await expect.poll(said).toContain(`Restored “${title}”`);
    await popup.getByText('Nothing was deleted.').waitFor();
    await popup.getByRole('button', { name: 'Back to results' }).click();
    expect(await found()).toBe(1);
    await page.close();
    await popup.close();
  });
});
