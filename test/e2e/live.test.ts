/**
 * Live changes in real Chromium over a real server: while Ana's popup, library and settings are
 * open, Ben's new tip and a steward's new rules reach them with no reload and no alarm: the
 * popup and the library offer them ("1 new … Show") without moving the list under the cursor.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { joinWithLink, startSyncServer, type SyncServer } from './support/community';
import { closeAll, inviteLink, popupAt, pushed } from './support/members';
import { startPageServer, type PageServer } from './support/server';

const COMMUNITY = 'Live guild';
let server: SyncServer;
let pages: PageServer;
let ana: ExtensionBrowser;
let ben: ExtensionBrowser;

beforeAll(async () => {
  server = await startSyncServer(COMMUNITY);
  pages = await startPageServer();
  [ana, ben] = await Promise.all([launchWithExtension(), launchWithExtension()]);
  await joinWithLink(ana, server.stewardLink, 'Ana', COMMUNITY);
  await joinWithLink(ben, await inviteLink(ana, COMMUNITY), 'Ben', COMMUNITY);
});
afterAll(async () => {
  await Promise.all([ana, ben].map((ext) => ext?.close()));
  await pages?.close();
  await server?.close();
});

const popupOf = (ext: ExtensionBrowser) =>
  popupAt(ext, `${pages.origin}/fixtures/snippet.html`, COMMUNITY);

async function benWrites(title: string) {
  const { page, popup } = await popupOf(ben);
  await popup.getByRole('button', { name: 'New tip' }).click();
  await popup.getByLabel('Title').fill(title);
  await popup.getByLabel('Tip', { exact: true }).fill('Written while Ana was looking.');
  await popup.getByRole('button', { name: 'Save tip' }).click();
  await expect.poll(() => popup.getByRole('status').last().innerText()).toContain('Saved the tip');
  await pushed(popup);
  await closeAll(popup, page);
}

const recent = (popup: Page) => popup.getByRole('list', { name: 'Recent items' });

describe('live changes', () => {
  it('offers another member’s tip in an open popup and library, and shows it on Show', async () => {
    await benWrites('First from Ben');
    const { page, popup } = await popupOf(ana);
    await recent(popup)
      .getByRole('button', { name: /First from Ben/ })
      .waitFor({ timeout: 60_000 });
    const library = await ana.context.newPage();
    await library.goto(`chrome-extension://${ana.extensionId}/library.html`);
    await library.getByRole('option', { name: /First from Ben/ }).waitFor();

    await benWrites('Second from Ben');
    const offer = popup.getByRole('button', { name: '1 new from your community · Show' });
    await offer.waitFor({ timeout: 60_000 });
    // Offered, not shown: the list has not moved.
    expect(
      await recent(popup)
        .getByRole('button', { name: /Second from Ben/ })
        .count(),
    ).toBe(0);
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      await expectNoSeriousA11yViolations(popup, { screen: `live notice (${colorScheme})` });
    }
    await offer.click();
    await recent(popup)
      .getByRole('button', { name: /Second from Ben/ })
      .waitFor();
    expect(await offer.count()).toBe(0);

    const libraryOffer = library.getByRole('button', {
      name: '1 new or changed from your community · Show',
    });
    await libraryOffer.waitFor({ timeout: 60_000 });
    expect(await library.getByRole('option', { name: /Second from Ben/ }).count()).toBe(0);
    await libraryOffer.click();
    await library.getByRole('option', { name: /Second from Ben/ }).waitFor();
    await closeAll(popup, page, library);
  });

  it('shows a steward’s new rules on another member’s open settings page', async () => {
    const bens = await ben.context.newPage();
    await bens.goto(`chrome-extension://${ben.extensionId}/options.html`);
    const rules = bens.getByText(/A tip is due for review \d+ days after it was last verified/);
    await expect.poll(() => rules.textContent()).toContain('180 days');

    const anas = await ana.context.newPage();
    await anas.goto(`chrome-extension://${ana.extensionId}/options.html`);
    await anas.getByText(`Community rules of ${COMMUNITY}`).click();
    await anas.getByLabel('Review tips every (days)').fill('90');
    await anas.getByRole('button', { name: 'Save rules' }).click();
    await expect
      .poll(() => anas.getByRole('status').last().innerText())
      .toContain(`Saved. Every member of ${COMMUNITY} gets them at their next sync.`);

    await expect.poll(() => rules.textContent(), { timeout: 60_000 }).toContain('90 days');
    await closeAll(anas, bens);
  });
});
