/**
 * The in-page panel in real Chromium, for a member of a shared community: a page clipped into
 * the repertoire is shown as such, apart from tips; "Helped me" answers at once and stays through
 * a sync; muting a site or a tip names it and offers Undo, and the options page unmutes.
 */
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { joinWithLink, startSyncServer, type SyncServer } from './support/community';
import { startPageServer, type PageServer } from './support/server';

const GUILD = 'Platform guild';
let ext: ExtensionBrowser;
let sync: SyncServer;
let pages: PageServer;
let tools: PageServer;

declare const chrome: {
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

beforeAll(async () => {
  sync = await startSyncServer(GUILD);
  pages = await startPageServer();
  tools = await startPageServer({ tls: true });
  ext = await launchWithExtension({ mapHosts: ['github.com'] });
  await joinWithLink(ext, sync.stewardLink, 'Ana', GUILD);
});
afterAll(async () => {
  await ext?.close();
  await pages?.close();
  await tools?.close();
  await sync?.close();
});

/** The popup on a tab showing `url`, on the shared community. */
async function popupOn(url: string): Promise<{ page: Page; popup: Page }> {
  const page = await ext.context.newPage();
  await page.goto(url);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await popup.getByLabel('Community').selectOption({ label: GUILD });
  return { page, popup };
}

async function writeTip(title: string, appliesTo: string) {
  const { page, popup } = await popupOn(`${pages.origin}/fixtures/no-article.html`);
  await popup.getByRole('button', { name: 'New tip' }).click();
  await popup.getByLabel('Title').fill(title);
  await popup.getByLabel('Tip', { exact: true }).fill('Ask in the channel first.');
  await popup.getByLabel('Applies to').fill(appliesTo);
  await popup.getByRole('button', { name: 'Save tip' }).click();
  await expect.poll(() => popup.getByRole('status').last().innerText()).toContain('Saved the tip');
  await popup.close();
  await page.close();
}

const badge = async (page: Page) => {
  const tabId = await tabIdOf(ext, page);
  return ext.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
};
const panel = (page: Page) =>
  page.getByRole('dialog', { name: 'Related tips from your repertoire' });
const stored = (key: string) =>
  ext.worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);

describe('the in-page panel', () => {
  it('shows a clipped page as such, apart from tips, and counts only tips', async () => {
    const clipped = `${pages.origin}/fixtures/snippet.html`;
    const { page, popup } = await popupOn(clipped);
    await popup.getByRole('button', { name: 'Clip page' }).click();
    await expect.poll(() => popup.getByRole('status').last().innerText()).toMatch(/Clipped/);
    await popup.close();
    await page.close();
    await writeTip('Pair on risky rebases', '127.0.0.1');

    const visit = await ext.context.newPage();
    await visit.goto(clipped);
    await expect.poll(() => badge(visit)).toBe('1');
    await visit.getByRole('button', { name: '1 related tip' }).click();
    const here = panel(visit).getByRole('list', { name: 'This page in your repertoire' });
    expect(await here.innerText()).toContain('Rebasing without tears');
    expect(await here.innerText()).toMatch(/Clipped by Ana on \S/);
    expect(await here.getByRole('button').count()).toBe(0);
    const tips = panel(visit).getByRole('list', { name: 'Related tips' });
    expect(await tips.innerText()).toContain('Pair on risky rebases');
    expect(await tips.getByRole('button', { name: 'Helped me' }).count()).toBe(1);
    expect(await tips.getByRole('button', { name: 'Mute this tip' }).count()).toBe(1);
    await visit.close();
  });

  it('marks "Helped me" at once, and keeps it marked through a sync', async () => {
    const visit = await ext.context.newPage();
    await visit.goto(`${pages.origin}/fixtures/no-article.html`);
    await visit.getByRole('button', { name: '1 related tip' }).click();
    const helped = panel(visit).getByRole('button', { name: /^Helped me/ });
    // Every state the button shows from now on, in order.
    await helped.evaluate((button) => {
      const seen: string[] = [];
      (window as { pressed?: string[] }).pressed = seen;
      new MutationObserver(() => seen.push(button.getAttribute('aria-pressed') ?? '')).observe(
        button,
        { attributes: true, attributeFilter: ['aria-pressed'] },
      );
    });
    await helped.click();
    await expect.poll(() => helped.getAttribute('aria-pressed')).toBe('true');

    // The Helped me mark reaches the server; the pull after it re-renders the panel.
    const server = new Database(sync.file, { readonly: true });
    const endorsed = () =>
      server
        .prepare<[], { meta: string }>('SELECT meta FROM items')
        .all()
        .some((row) =>
          // Marks are stored by kind and member (`helped:<member id>`), see server/merge.ts.
          Object.entries((JSON.parse(row.meta) as { m: Record<string, { on: boolean }> }).m).some(
            ([key, mark]) => key.startsWith('helped:') && mark.on,
          ),
        );
    await expect.poll(endorsed, { timeout: 60_000 }).toBe(true);
    server.close();
    const { page, popup } = await popupOn(`${pages.origin}/fixtures/snippet.html`);
    await expect
      .poll(() => popup.locator('.sync').innerText(), { timeout: 60_000 })
      .toMatch(/Synced/);
    await popup.close();
    await page.close();

    expect(await helped.getAttribute('aria-pressed')).toBe('true');
    expect(await helped.innerText()).toBe('Helped me ✓');
    const pressed = await visit.evaluate(() => (window as { pressed?: string[] }).pressed ?? []);
    expect(pressed.slice(pressed.indexOf('true'))).not.toContain('false');
    expect(await stored('helpedItems')).toHaveLength(1);
    await visit.close();
  });

  it('mutes a site naming it, with Undo, and unmutes sites and tips from the options page', async () => {
    await writeTip('Label PRs for the release notes', 'github.com/our-org/*');
    const port = new URL(tools.origin).port;
    const visit = await ext.context.newPage();
    await visit.goto(`https://github.com:${port}/our-org/repo/pull/1`);
    await expect.poll(() => badge(visit)).toBe('1');
    await visit.getByRole('button', { name: '1 related tip' }).click();
    await panel(visit).getByRole('button', { name: 'Mute this site' }).click();
    await expect
      .poll(() => panel(visit).getByRole('status').innerText())
      .toContain('Tips are muted on github.com.');
    await expect.poll(() => badge(visit)).toBe('');
    // Undo has the keyboard focus, as after Delete.
    const undo = panel(visit).getByRole('button', { name: 'Undo' });
    await expect
      .poll(() => undo.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement))
      .toBe(true);
    await visit.keyboard.press('Enter');
    await expect.poll(() => badge(visit)).toBe('1');
    await expect
      .poll(() => panel(visit).getByRole('list', { name: 'Related tips' }).innerText())
      .toContain('Label PRs for the release notes');

    // Muted again, and a tip too; the options page lists both, each with Unmute.
    await panel(visit).getByRole('button', { name: 'Mute this tip' }).click();
    await expect
      .poll(() => panel(visit).getByRole('status').innerText())
      .toContain('“Label PRs for the release notes” is muted');
    await expect.poll(() => badge(visit)).toBe('');
    const other = await ext.context.newPage();
    await other.goto(`${pages.origin}/fixtures/no-article.html`);
    await other.getByRole('button', { name: '1 related tip' }).click();
    await panel(other).getByRole('button', { name: 'Mute this site' }).click();
    await expect
      .poll(() => panel(other).getByRole('status').innerText())
      .toContain('Tips are muted on 127.0.0.1.');

    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const sites = options.getByRole('list', { name: 'Muted sites' });
    const tips = options.getByRole('list', { name: 'Muted tips' });
    expect(await sites.innerText()).toContain('127.0.0.1');
    expect(await tips.innerText()).toContain('“Label PRs for the release notes”');
    await tips.getByRole('button', { name: 'Unmute “Label PRs for the release notes”' }).click();
    await expect.poll(() => options.getByText('No muted tips.', { exact: false }).count()).toBe(1);
    await expect.poll(() => badge(visit)).toBe('1');
    await sites.getByRole('button', { name: 'Unmute 127.0.0.1' }).click();
    await expect.poll(() => options.getByText('No muted sites.', { exact: false }).count()).toBe(1);
    await expect.poll(() => badge(other)).toBe('1');
    await options.close();
    await other.close();
    await visit.close();
  });
});
