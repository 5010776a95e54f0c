/**
 * Editing a page in a shared community, in real Chromium against a real sync server (SQLite):
 * the shared note reaches the other members, the private note never leaves the browser, and a
 * member who is not the author is not offered Edit.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { joinWithLink, startSyncServer, type SyncServer } from './support/community';
import { startPageServer, type PageServer } from './support/server';

const COMMUNITY = 'Platform guild';
const SHARED_NOTE = 'Read the rollback part first.';
const PRIVATE_NOTE = 'Ask Priya about the flaky step.';

let server: SyncServer;
let pages: PageServer;
let ana: ExtensionBrowser;
let ben: ExtensionBrowser;

beforeAll(async () => {
  server = await startSyncServer(COMMUNITY);
  pages = await startPageServer();
  [ana, ben] = [await launchWithExtension(), await launchWithExtension()];
});
afterAll(async () => {
  await ana?.close();
  await ben?.close();
  await pages?.close();
  await server?.close();
});

/** A member invite, used once: to join Ben, or to pull as another member would. */
async function memberInvite(): Promise<string> {
  const invite = await server.store.createInvite(server.communityId, {
    role: 'member',
    maxUses: 1,
    expiresInHours: 1,
  });
  return invite.code;
}

/** What another member pulls: every item of the community, as JSON. */
async function pulled(): Promise<{ title: string; note?: string }[]> {
  const joined = await fetch(`${server.url}/v1/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: await memberInvite(), displayName: 'Observer' }),
  });
  const { token } = (await joined.json()) as { token: string };
  const response = await fetch(`${server.url}/v1/communities/${server.communityId}/pull?cursor=0`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  const { changes } = (await response.json()) as {
    changes: { item: { title: string; note?: string } }[];
  };
  return changes.map((c) => c.item);
}

async function popupOn(ext: ExtensionBrowser): Promise<{ page: Page; popup: Page }> {
  const page = await ext.context.newPage();
  await page.goto(`${pages.origin}/fixtures/snippet.html`);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await popup.getByLabel('Community').selectOption({ label: COMMUNITY });
  return { page, popup };
}

describe('editing a shared page', () => {
  it('shares the note with the community and keeps the private note on this browser', async () => {
    await joinWithLink(ana, server.stewardLink, 'Ana', COMMUNITY);
    const { page, popup } = await popupOn(ana);
    await popup.getByRole('button', { name: 'Clip page' }).click();
    await expect.poll(() => popup.getByRole('status').first().innerText()).toContain('Clipped');

    await popup.getByRole('searchbox', { name: 'Search repertoire' }).fill('rebasing');
    await popup.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
    await popup.getByRole('button', { name: 'Edit' }).click();
    const form = popup.getByRole('form', { name: 'Edit page' });
    await form.getByLabel(`Note — shared with ${COMMUNITY}`).fill(SHARED_NOTE);
    await form.getByLabel('Private note — only on this browser').fill(PRIVATE_NOTE);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => popup.getByRole('status').first().innerText())
      .toContain('Saved your changes to “Rebasing without tears”');
    expect(await popup.getByRole('region', { name: 'Note', exact: true }).innerText()).toContain(
      SHARED_NOTE,
    );
    expect(
      await popup.getByRole('region', { name: 'Private note (only on this browser)' }).innerText(),
    ).toContain(PRIVATE_NOTE);

    // Once pushed, the server has the shared note and nothing of the private one.
    await expect
      .poll(async () => (await popup.locator('.sync').innerText()).includes('waiting'), {
        timeout: 60_000,
      })
      .toBe(false);
    const items = await pulled();
    expect(items).toEqual([
      expect.objectContaining({ title: 'Rebasing without tears', note: SHARED_NOTE }),
    ]);
    expect(JSON.stringify(items)).not.toContain('Priya');
    await popup.close();
    await page.close();
  });

  it('shows Ben the shared note, not Ana’s private one, and offers him no Edit', async () => {
    await joinWithLink(
      ben,
      `${server.url}/join#${encodeURIComponent(await memberInvite())}`,
      'Ben',
      COMMUNITY,
    );
    const { page, popup } = await popupOn(ben);
    await popup.getByRole('searchbox', { name: 'Search repertoire' }).fill('rollback');
    const found = popup.getByRole('list', { name: 'Search results' }).getByRole('button');
    await found.first().waitFor({ timeout: 60_000 });
    await found.first().click();
    await popup.getByRole('heading', { level: 1, name: 'Rebasing without tears' }).waitFor();
    expect(await popup.getByRole('region', { name: 'Note', exact: true }).innerText()).toContain(
      SHARED_NOTE,
    );
    expect(await popup.getByRole('region', { name: /Private note/ }).count()).toBe(0);
    const toolbar = popup.locator('.item .toolbar').first();
    expect(await toolbar.getByRole('button').allInnerTexts()).toEqual(['Back to results']);
    await popup.close();
    await page.close();
  });
});
