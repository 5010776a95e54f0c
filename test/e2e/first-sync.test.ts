/**
 * Joining a community of 12,000 tips, in real Chromium over a real server. The e2e build lets the
 * test stop indexing after 10,000 (`indexingBudget`), so it sees a run half done whatever the
 * timing: the popup's progress line, search finding what is indexed and not yet the rest; then,
 * let go, the line goes and the open popup finds every tip.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import {
  indexingBudget,
  joinWithLink,
  seedTips,
  startSyncServer,
  type SyncServer,
} from './support/community';
import { closeAll, popupAt } from './support/members';
import { startPageServer, type PageServer } from './support/server';

const COMMUNITY = 'Ops guild';
const TIPS = 12_000;
/** Pulled pages hold 2,000: the first five. */
const FIRST = 10_000;
let server: SyncServer;
let pages: PageServer;
let dev: ExtensionBrowser;

beforeAll(async () => {
  server = await startSyncServer(COMMUNITY);
  pages = await startPageServer();
  // The tips past the budget, in words of their own.
  await seedTips(server, TIPS, (i) =>
    i < FIRST
      ? `Runbook step ${i + 1}: drain the node before patching`
      : `Late runbook ${i + 1}: defrost the walrus`,
  );
  dev = await launchWithExtension();
});
afterAll(async () => {
  await dev?.close();
  await pages?.close();
  await server?.close();
});

async function search(popup: Page, query: string) {
  await popup.getByRole('searchbox', { name: 'Search repertoire' }).fill(query);
}

describe('a first sync of more tips than one batch', () => {
  it('shows indexing progress, searches what is indexed meanwhile, then finds every tip', async () => {
    await indexingBudget(dev, FIRST);
    await joinWithLink(dev, server.stewardLink, 'Dev', COMMUNITY);
    const { page, popup } = await popupAt(dev, `${pages.origin}/fixtures/snippet.html`, COMMUNITY);

    // How the run is counted depends on when indexing started (during or after the sync); that
    // it stops with the last 2,000 left does not.
    const bar = popup.getByRole('progressbar', { name: 'Indexing for search' });
    const left = async () => {
      if ((await bar.count()) === 0) return null;
      const [value, max] = [await bar.getAttribute('value'), await bar.getAttribute('max')];
      return Number(value) > 0 ? Number(max) - Number(value) : null;
    };
    await expect.poll(left, { timeout: 60_000 }).toBe(TIPS - FIRST);
    expect(await popup.getByRole('status').filter({ has: bar }).innerText()).toMatch(
      /^Making items searchable: [\d,]+ of [\d,]+\. Search already finds those done\.$/,
    );
    await expectNoSeriousA11yViolations(popup);
    // Pages are indexed in the server's order: the first 10,000 tips are.
    await search(popup, 'runbook step 42 drain');
    await popup
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: /Runbook step 42:/ })
      .waitFor();
    await search(popup, 'defrost walrus');
    await popup.getByText('No match for “defrost walrus”').waitFor();

    // Let go: the open popup finds the rest, and the line goes.
    await indexingBudget(dev, null);
    await popup
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: /Late runbook 12000:/ })
      .waitFor({ timeout: 60_000 });
    await bar.waitFor({ state: 'detached' });
    await closeAll(popup, page);
  });
});
