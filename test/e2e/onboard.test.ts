/**
 * A new member's first run, in real Chromium: the welcome page, a malformed server address, and
 * an invite link opened in a tab that the toolbar button turns into a join, after which the
 * sites the community's tips name are asked for once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { joinWithLink, startSyncServer, type SyncServer } from './support/community';
import { startPageServer, type PageServer } from './support/server';

const GUILD = 'Platform guild';
let sync: SyncServer;
let pages: PageServer;
let ana: ExtensionBrowser;
let ben: ExtensionBrowser;
let memberLink: string;

declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

beforeAll(async () => {
  sync = await startSyncServer(GUILD);
  pages = await startPageServer();
  const invite = await sync.store.createInvite(sync.communityId, {
    role: 'member',
    maxUses: 3,
    expiresInHours: 24,
  });
  memberLink = `${sync.url}/join#${encodeURIComponent(invite.code)}`;
  [ana, ben] = [await launchWithExtension(), await launchWithExtension()];
});
afterAll(async () => {
  await ana?.close();
  await ben?.close();
  await pages?.close();
  await sync?.close();
});

const welcome = async (ext: ExtensionBrowser): Promise<Page> => {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/welcome.html`);
  await page.getByRole('heading', { name: 'Welcome to Repertoire' }).waitFor();
  return page;
};

describe('first run and joining', () => {
  it('says what Repertoire does, starts with Personal, and names a malformed server address', async () => {
    const page = await welcome(ben);
    const text = await page.locator('main').innerText();
    for (const does of ['Clip', 'Search', 'See related tips', 'Share'])
      expect(text).toContain(does);
    await page.getByRole('button', { name: 'Start with Personal' }).click();
    expect(await page.getByRole('status').innerText()).toContain('Personal repertoire is ready');

    await page.reload();
    await page.getByRole('button', { name: 'Join your community' }).click();
    await page.getByLabel('Invite link or code').fill('abcdefgh12');
    await page.getByLabel('Server address').fill('htp:/127.0.0.1::47100');
    await page.getByLabel('Your name').fill('Ben');
    await page.getByRole('button', { name: 'Join community' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('“htp:/127.0.0.1::47100” is not a server address');
    expect(await page.getByRole('alert').innerText()).not.toContain('null');
    await page.close();
  });

  it('joins from an invite link opened in a tab, then asks once for the tips’ sites', async () => {
    // Ana, a steward, shares a tip for a site this browser has no access to.
    await joinWithLink(ana, sync.stewardLink, 'Ana', GUILD);
    const work = await ana.context.newPage();
    await work.goto(`${pages.origin}/fixtures/no-article.html`);
    const popup = await openPopup(ana, await tabIdOf(ana, work));
    await popup.getByLabel('Community').selectOption({ label: GUILD });
    await popup.getByRole('button', { name: 'New tip' }).click();
    await popup.getByLabel('Title').fill('Squash merge requests');
    await popup.getByLabel('Tip', { exact: true }).fill('Keep the history readable.');
    await popup.getByLabel('Applies to').fill('gitlab.example.com/*');
    await popup.getByRole('button', { name: 'Save tip' }).click();
    await expect
      .poll(() => popup.getByRole('status').last().innerText())
      .toContain('Saved the tip');
    await expect
      .poll(async () => (await popup.locator('.sync').innerText()).includes('waiting'), {
        timeout: 60_000,
      })
      .toBe(false);
    await work.close();

    // Ben opens the link; the page says what to do, and the toolbar button offers to join.
    const invited = await ben.context.newPage();
    await invited.goto(memberLink);
    await invited.getByRole('heading', { name: 'Repertoire is installed' }).waitFor();
    const offer = await openPopup(ben, await tabIdOf(ben, invited));
    // The list is read after the popup paints: its empty state says how to join.
    await offer.getByRole('button', { name: 'Join your community' }).waitFor();
    const region = offer.getByRole('region', { name: 'Invite on this page' });
    expect(await region.innerText()).toContain(new URL(sync.url).host);
    const opened = ben.context.waitForEvent('page');
    await region.getByRole('button', { name: 'Join this community' }).click();
    const page = await opened;
    await page.getByRole('heading', { name: 'Welcome to Repertoire' }).waitFor();
    expect(await page.getByLabel('Invite link or code').inputValue()).toBe(memberLink);
    expect(await page.getByLabel('Server address').inputValue()).toBe(sync.url);
    await page.getByLabel('Your name').fill('Ben');
    await page.getByRole('button', { name: 'Join community' }).click();
    await expect
      .poll(() => page.getByRole('status').first().innerText())
      .toContain(`You joined “${GUILD}”`);

    const ask = page.getByRole('region', { name: 'Show tips on 1 site' });
    await expect.poll(() => ask.innerText(), { timeout: 60_000 }).toContain('gitlab.example.com');
    await ask.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => page.getByRole('status').last().innerText()).toContain('Not now');
    expect(
      await ben.worker.evaluate(async () => await chrome.storage.local.get('siteAccessAsked')),
    ).toEqual({ siteAccessAsked: true });

    // The popup shows the community, and no longer says how to join.
    await offer.reload();
    await offer.getByRole('searchbox', { name: 'Search repertoire' }).waitFor();
    await expect
      .poll(() => offer.getByLabel('Community').locator('option').allInnerTexts())
      .toContain(GUILD);
    await offer.getByText('Nothing here yet.', { exact: false }).waitFor();
    expect(await offer.getByRole('button', { name: 'Join your community' }).count()).toBe(0);
    await offer.close();
    await invited.close();
    await page.close();
  });
});
