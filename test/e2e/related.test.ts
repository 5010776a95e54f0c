/**
 * Related tips on the tools a member visits, in real Chromium: github.com and a Jira host are
 * served from loopback. Badge and panel where a tip applies, nothing at all elsewhere.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { startPageServer, type PageServer } from './support/server';
import { controlWorker } from './support/worker';

let ext: ExtensionBrowser;
let pages: PageServer;
let tools: PageServer;
let port: string;

declare const chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };

beforeAll(async () => {
  pages = await startPageServer();
  tools = await startPageServer({ tls: true });
  port = new URL(tools.origin).port;
  ext = await launchWithExtension({ mapHosts: ['github.com', 'example.atlassian.net'] });
});
afterAll(async () => {
  await ext?.close();
  await pages?.close();
  await tools?.close();
});

async function writeTip(title: string, body: string, appliesTo: string) {
  const page = await ext.context.newPage();
  await page.goto(`${pages.origin}/fixtures/snippet.html`);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await popup.getByRole('button', { name: 'New tip' }).click();
  await popup.getByLabel('Title').fill(title);
  await popup.getByLabel('Tip', { exact: true }).fill(body);
  await popup.getByLabel('Applies to').fill(appliesTo);
  await popup.getByRole('button', { name: 'Save tip' }).click();
  await expect.poll(() => popup.getByRole('status').innerText()).toContain('Saved the tip');
  await popup.close();
  await page.close();
}

const badge = async (page: Page) => {
  const tabId = await tabIdOf(ext, page);
  return ext.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
};
const panelPill = (page: Page) => page.getByRole('button', { name: /related tips?$/ });

/** Extension contexts in the page: an injected script shows up as an isolated world. */
async function extensionWorlds(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const origins: string[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { origin: string } }) => {
    origins.push(e.context.origin);
  });
  await cdp.send('Runtime.enable');
  await cdp.detach();
  return origins.filter((o) => o.startsWith('chrome-extension://'));
}

describe('related tips on the tools a member visits', () => {
  it('shows a badge and a panel where tips apply, follows SPA routes, and can be muted', async () => {
    await writeTip(
      'Label PRs for the release notes',
      'Add the release-note label.',
      'github.com/our-org/*',
    );
    await writeTip(
      'Link the incident in Jira',
      'Paste the incident id in the Links field.',
      'tool:jira',
    );

    const page = await ext.context.newPage();
    await page.goto(`https://github.com:${port}/our-org/repo/pull/1`);
    await expect.poll(() => badge(page)).toBe('1');
    await panelPill(page).click();
    const panel = page.getByRole('dialog', { name: 'Related tips from your repertoire' });
    expect(
      await panel.getByRole('heading', { name: 'Label PRs for the release notes' }).count(),
    ).toBe(1);
    await panel.getByRole('button', { name: 'Why is this shown?' }).click();
    expect(await panel.innerText()).toContain('Applies to github.com/our-org/*');
    // The same probe that finds nothing on unrelated pages sees the panel's script here.
    expect((await extensionWorlds(page)).length).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/related-panel.png' });

    // Client-side navigation away from the org and back.
    await page.getByRole('button', { name: 'Go elsewhere' }).click();
    await expect.poll(() => badge(page)).toBe('');
    await expect.poll(() => page.locator('repertoire-related').count()).toBe(0);
    await page.getByRole('button', { name: 'Go to our org' }).click();
    await expect.poll(() => badge(page)).toBe('1');
    await expect.poll(() => panelPill(page).count()).toBe(1);

    await panelPill(page).click();
    await page.getByRole('button', { name: 'Mute this site' }).click();
    await expect.poll(() => badge(page)).toBe('');
    // The panel stays to say so, with Undo (test/e2e/panel.test.ts), until it is closed.
    await expect.poll(() => page.getByRole('status').innerText()).toContain('github.com');
    await page.getByRole('button', { name: 'Hide until next page' }).click();
    await expect.poll(() => page.locator('repertoire-related').count()).toBe(0);
    await page.close();
  });

  it('matches a tool from the catalog, including hash routes', async () => {
    const page = await ext.context.newPage();
    await page.goto(`https://example.atlassian.net:${port}/browse/OPS-12`);
    await expect.poll(() => badge(page)).toBe('1');
    await panelPill(page).click();
    expect(await page.getByRole('heading', { name: 'Link the incident in Jira' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Open board' }).click();
    await expect.poll(() => badge(page)).toBe('1');
    await page.close();
  });

  it('follows a setting changed on the options page in an open tab, without a navigation', async () => {
    const page = await ext.context.newPage();
    await page.goto(`https://example.atlassian.net:${port}/browse/OPS-13`);
    await expect.poll(() => badge(page)).toBe('1');
    await expect.poll(() => panelPill(page).count()).toBe(1);
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const mode = options.getByRole('group', { name: 'Show related tips' });

    await mode.getByRole('radio', { name: 'Badge on the toolbar button only' }).check();
    await expect.poll(() => page.locator('repertoire-related').count()).toBe(0);
    expect(await badge(page)).toBe('1');
    await mode.getByRole('radio', { name: 'Off' }).check();
    await expect.poll(() => badge(page)).toBe('');
    await mode.getByRole('radio', { name: /Badge and a small panel/ }).check();
    await expect.poll(() => badge(page)).toBe('1');
    await expect.poll(() => panelPill(page).count()).toBe(1);
    await options.close();
    await page.close();
  });

  it('answers the first navigation after the service worker stopped, from what is stored', async () => {
    const control = await controlWorker(ext);
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/fixtures/no-article.html`);
    // As Chrome does after half a minute idle: the navigation below starts the worker afresh.
    await control.stop();
    await page.goto(`https://example.atlassian.net:${port}/browse/OPS-13`);
    await control.running();
    await expect.poll(() => badge(page)).toBe('1');
    await panelPill(page).click();
    expect(await page.getByRole('heading', { name: 'Link the incident in Jira' }).count()).toBe(1);
    await control.close();
    await page.close();
  });

  it('leaves unrelated pages alone: no badge, no element, no script', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/fixtures/no-article.html`);
    await page.waitForLoadState('load');
    // Give the background every chance to act on the navigation.
    await page.waitForTimeout(500);
    expect(await badge(page)).toBe('');
    expect(await page.locator('repertoire-related').count()).toBe(0);
    expect(await extensionWorlds(page)).toEqual([]);
    await page.close();
  });
});
