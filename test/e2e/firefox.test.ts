/**
 * The Firefox build end to end in real Firefox ESR: clip a page and a selection, write a tip,
 * search and open items, see a tip's badge and panel on a page it applies to, and share a
 * community with a member on Chromium through a real sync server.
 */
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readabilityPagesDir } from '../support/corpus';
import * as chromium from './support/browser';
import { joinWithLink, startSyncServer, type SyncServer } from './support/community';
import {
  badgeOf,
  launchFirefoxWithExtension,
  openExtensionPage,
  openPopup,
  tabIdOf,
  takeBackgroundErrors,
  type FirefoxExtension,
} from './support/firefox';
import { startPageServer, type PageServer } from './support/server';

let firefox: FirefoxExtension;
let pages: PageServer;

beforeAll(async () => {
  // Clipped pages come from the shared corpus: without it, say so rather than clip a 404 page.
  readabilityPagesDir();
  pages = await startPageServer();
  firefox = await launchFirefoxWithExtension();
});
// Nothing may throw in the background unseen, as browser.action did in the V2 build.
afterEach(async () => {
  expect(await takeBackgroundErrors(firefox)).toEqual([]);
});
afterAll(async () => {
  await firefox?.close();
  await pages?.close();
});

/** An element by its role and accessible name, as a puppeteer ARIA selector. */
const role = (kind: string, name = '') => `::-p-aria(${name}[role="${kind}"])`;
const search = role('searchbox', 'Search repertoire');

/** The text of every element `selector` finds, one per line ('' while there is none). */
async function textOf(page: Page, selector: string): Promise<string> {
  const found = await page.$$(selector);
  const texts = await Promise.all(found.map((e) => e.evaluate((el) => el.textContent ?? '')));
  return texts.join('\n');
}

async function visit(path: string): Promise<{ page: Page; popup: Page }> {
  const page = await firefox.browser.newPage();
  await page.goto(`${pages.origin}${path}`);
  const popup = await openPopup(firefox, await tabIdOf(firefox, page));
  return { page, popup };
}

async function closeAll(...opened: Page[]) {
  for (const page of opened) await page.close();
}

/** Searches the popup and opens the first result. */
async function openFirstResult(popup: Page, query: string) {
  await popup.locator(search).fill(query);
  await popup.locator('ul[aria-label="Search results"] button.result').click();
}

async function selectCommunity(popup: Page, name: string) {
  const picker = role('combobox', 'Community');
  await popup.waitForFunction(
    (label) => [...document.querySelectorAll('option')].some((o) => o.label === label),
    { timeout: 60_000 },
    name,
  );
  const value = await popup.$eval(
    picker,
    (select, label) =>
      [...(select as HTMLSelectElement).options].find((o) => o.label === label)?.value ?? '',
    name,
  );
  await popup.select(picker, value);
}

async function writeTip(popup: Page, title: string, body: string, appliesTo?: string) {
  await popup.locator(role('button', 'New tip')).click();
  await popup.locator(role('textbox', 'Title')).fill(title);
  await popup.locator(role('textbox', 'Tip')).fill(body);
  if (appliesTo !== undefined) await popup.locator(role('textbox', 'Applies to')).fill(appliesTo);
  await popup.locator(role('button', 'Save tip')).click();
  await expect.poll(() => textOf(popup, role('status'))).toContain('Saved the tip');
}

describe('the Firefox build in Firefox ESR', () => {
  it('clips an article, finds it and opens it', async () => {
    const { page, popup } = await visit('/corpus/ars-1');
    const title = 'Just-released Minecraft exploit makes it easy to crash game servers';
    await popup.locator(role('button', 'Clip page')).click();
    await expect.poll(() => textOf(popup, role('status'))).toContain(`Clipped “${title}”`);
    expect(await textOf(popup, role('alert'))).toBe('');

    await openFirstResult(popup, 'minecraft servers');
    await popup.waitForSelector(role('heading', title));
    // The article's sanitizer loads on demand: the text appears a moment after the heading.
    await expect.poll(() => textOf(popup, '.article')).toContain('Minecraft');
    await closeAll(popup, page);
  });

  it('clips a selection with its source and finds it', async () => {
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
    await popup.locator(role('button', 'Clip selection')).click();
    await expect.poll(() => textOf(popup, role('status'))).toContain('Clipped');

    await openFirstResult(popup, 'autosquash');
    await expect.poll(() => textOf(popup, 'blockquote')).toBe('git rebase --autosquash ');
    expect(await textOf(popup, '.item')).toContain('From “Rebasing without tears”');
    await closeAll(popup, page);
  });

  it('writes a tip, shows its badge and panel on a page it applies to, and nowhere else', async () => {
    const site = `${new URL(pages.origin).host}/our-org/*`;
    const { page, popup } = await visit('/fixtures/snippet.html');
    await writeTip(
      popup,
      'Label PRs for the release notes',
      'Add the **release-note** label.',
      site,
    );
    await openFirstResult(popup, 'release notes');
    await popup.waitForSelector(role('heading', 'Label PRs for the release notes'));
    expect(await textOf(popup, '.item')).toContain(site);
    await closeAll(popup, page);

    const tool = await firefox.browser.newPage();
    await tool.goto(`${pages.origin}/our-org/repo/pull/1`);
    await expect.poll(() => badgeOf(firefox, tool)).toBe('1');
    // The panel lives in a shadow root (open in the e2e build); >>> reaches into it.
    const pill = `repertoire-related >>> ${role('button', '1 related tip')}`;
    await tool.locator(pill).click();
    const panel = `repertoire-related >>> ${role('dialog', 'Related tips from your repertoire')}`;
    await tool.waitForSelector(panel);
    // The tip's Markdown is rendered: its bold word is an element, not asterisks.
    expect(
      await textOf(tool, `repertoire-related >>> ${role('list', 'Related tips')} strong`),
    ).toBe('release-note');
    await tool.locator(`repertoire-related >>> ${role('button', 'Why is this shown?')}`).click();
    await expect.poll(() => textOf(tool, panel)).toContain(`Applies to ${site}`);

    await tool.goto(`${pages.origin}/elsewhere`);
    await expect.poll(() => badgeOf(firefox, tool)).toBe('');
    expect(await tool.$('repertoire-related')).toBeNull();
    await tool.close();
  });

  describe('sharing a community with a member on Chromium', () => {
    let server: SyncServer;
    let chromiumMember: chromium.ExtensionBrowser;

    beforeAll(async () => {
      server = await startSyncServer('Cross-browser guild');
      chromiumMember = await chromium.launchWithExtension();
    });
    afterAll(async () => {
      await chromiumMember?.close();
      await server?.close();
    });

    /** The Recent items of the guild in a fresh Chromium popup (which pulls when it opens). */
    async function chromiumRecent(): Promise<string> {
      const page: ChromiumPage = await chromiumMember.context.newPage();
      await page.goto(`${pages.origin}/fixtures/snippet.html`);
      const popup = await chromium.openPopup(
        chromiumMember,
        await chromium.tabIdOf(chromiumMember, page),
      );
      await popup.getByLabel('Community').selectOption({ label: 'Cross-browser guild' });
      const text = await popup
        .getByRole('list', { name: 'Recent items' })
        .innerText()
        .catch(() => '');
      await popup.close();
      await page.close();
      return text;
    }

    /** The same, in a fresh Firefox popup. */
    async function firefoxRecent(): Promise<string> {
      const { page, popup } = await visit('/fixtures/snippet.html');
      await selectCommunity(popup, 'Cross-browser guild');
      const text = await textOf(popup, 'ul[aria-label="Recent items"]');
      await closeAll(popup, page);
      return text;
    }

    it('joins with an invite link, and each member sees what the other shares', async () => {
      // The Firefox member joins as the community's steward, on the options page.
      const options = await openExtensionPage(
        firefox,
        '/options.html',
        role('textbox', 'Invite link or code'),
      );
      await options.locator(role('textbox', 'Invite link or code')).fill(server.stewardLink);
      await options.locator(role('textbox', 'Your name')).fill('Fern');
      await options.locator(role('button', 'Join community')).click();
      await expect
        .poll(() => textOf(options, role('status')))
        .toContain('You joined “Cross-browser guild”');
      await expect
        .poll(() => textOf(options, role('list', 'Joined communities')), { timeout: 60_000 })
        .toMatch(/Synced/);
      await options.close();

      const invite = await server.store.createInvite(server.communityId, {
        role: 'member',
        maxUses: 1,
        expiresInHours: 1,
      });
      await joinWithLink(
        chromiumMember,
        `${server.url}/join#${encodeURIComponent(invite.code)}`,
        'Chris',
        'Cross-browser guild',
      );

      // Firefox → Chromium.
      const { page, popup } = await visit('/fixtures/snippet.html');
      await selectCommunity(popup, 'Cross-browser guild');
      await writeTip(popup, 'Rotate the on-call calendar on Fridays', 'Swap in the pager app.');
      // Pushed after a short debounce; the status line says when nothing is left to send.
      await expect
        .poll(async () => (await textOf(popup, '.sync')).includes('waiting'), { timeout: 60_000 })
        .toBe(false);
      await closeAll(popup, page);
      await expect
        .poll(chromiumRecent, { timeout: 60_000 })
        .toContain('Rotate the on-call calendar on Fridays');

      // Chromium → Firefox.
      const other = await chromiumMember.context.newPage();
      await other.goto(`${pages.origin}/fixtures/snippet.html`);
      const chromiumPopup = await chromium.openPopup(
        chromiumMember,
        await chromium.tabIdOf(chromiumMember, other),
      );
      await chromiumPopup.getByLabel('Community').selectOption({ label: 'Cross-browser guild' });
      await chromiumPopup.getByRole('button', { name: 'New tip' }).click();
      await chromiumPopup.getByLabel('Title').fill('Page the secondary after ten minutes');
      await chromiumPopup.getByLabel('Tip', { exact: true }).fill('Then post in #ops.');
      await chromiumPopup.getByRole('button', { name: 'Save tip' }).click();
      await expect
        .poll(() => chromiumPopup.getByRole('status').last().innerText())
        .toContain('Saved the tip');
      await chromiumPopup.close();
      await other.close();
      await expect
        .poll(firefoxRecent, { timeout: 60_000 })
        .toContain('Page the secondary after ten minutes');
    });
  });
});
