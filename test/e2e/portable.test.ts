/**
 * Export and import in real Chromium: Ana's repertoire leaves as JSON, Markdown and Web
 * Annotations through the browser's own downloads (no permission asked); the JSON comes back in
 * another browser; bookmarks exported from a browser are imported into a shared community,
 * reach the server through the outbox, and reach another member; a second import adds nothing.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookmarksFile } from '../support/bookmarks-file';
import { collectionViolations, mustViolations } from '../support/web-annotation-musts';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { joinWithLink, startSyncServer, type SyncServer } from './support/community';
import { closeAll, inviteLink, openWhenSynced, popupAt, pushed } from './support/members';
import { startPageServer, type PageServer } from './support/server';

const COMMUNITY = 'Data guild';
let server: SyncServer;
let pages: PageServer;
let ana: ExtensionBrowser;
let ben: ExtensionBrowser;

beforeAll(async () => {
  server = await startSyncServer(COMMUNITY);
  pages = await startPageServer();
  [ana, ben] = await Promise.all([launchWithExtension(), launchWithExtension()]);
});
afterAll(async () => {
  await Promise.all([ana, ben].map((ext) => ext?.close()));
  await pages?.close();
  await server?.close();
});

const optionsOf = async (ext: ExtensionBrowser) => {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Export and import' }).waitFor();
  return page;
};

async function downloaded(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const download: Promise<Download> = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

async function importFile(page: Page, into: string, name: string, bytes: Buffer) {
  await page.getByLabel('Into').selectOption({ label: into });
  await page
    .getByLabel('File')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  await page.getByRole('button', { name: 'Import' }).click();
}

describe('export and import', () => {
  it('exports JSON, Markdown and Web Annotations, and reads the JSON back in another browser', async () => {
    const { page, popup } = await popupAt(ana, `${pages.origin}/fixtures/snippet.html`, 'Personal');
    await popup.getByRole('button', { name: 'New tip' }).click();
    await popup.getByLabel('Title').fill('Find what holds a port');
    await popup.getByLabel('Tip', { exact: true }).fill('`lsof -i :8080` names the process.');
    await popup.getByLabel('Applies to').fill('github.com');
    await popup.getByRole('button', { name: 'Save tip' }).click();
    await expect
      .poll(() => popup.getByRole('status').last().innerText())
      .toContain('Saved the tip');
    await closeAll(popup, page);

    const options = await optionsOf(ana);
    const json = await downloaded(options, 'Export as JSON');
    expect(json.name).toMatch(/^repertoire-all-communities-\d{4}-\d\d-\d\d\.json$/);
    const file = JSON.parse(json.bytes.toString('utf8'));
    expect(file.items.map((r: { item: { title: string } }) => r.item.title)).toContain(
      'Find what holds a port',
    );
    const zip = unzipSync(new Uint8Array((await downloaded(options, 'Export as Markdown')).bytes));
    expect(strFromU8(zip['tips/Find what holds a port.md']!)).toContain(
      'title: "Find what holds a port"',
    );
    const annotations = JSON.parse(
      (await downloaded(options, 'Export as Web Annotations')).bytes.toString('utf8'),
    );
    expect(collectionViolations(annotations)).toEqual([]);
    for (const a of annotations.first.items)
      expect(mustViolations(a, annotations['@context'])).toEqual([]);
    await expect
      .poll(() => options.getByRole('status').first().innerText())
      .toMatch(/^Exported \d+ items? as Web Annotations/);
    for (const colorScheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme });
      await expectNoSeriousA11yViolations(options, {
        screen: `export and import (${colorScheme})`,
      });
    }
    await options.close();

    const elsewhere = await optionsOf(ben);
    await importFile(elsewhere, 'Personal', json.name, json.bytes);
    await elsewhere
      .getByText(
        new RegExp(
          `^${json.name.replace(/\./g, '\\.')}: Imported \\d+ items? · 0 were already there`,
        ),
      )
      .waitFor({ timeout: 60_000 });
    await elsewhere.close();
    const found = await popupAt(ben, `${pages.origin}/fixtures/snippet.html`, 'Personal');
    await found.popup.getByRole('searchbox', { name: 'Search repertoire' }).fill('port process');
    await found.popup.getByRole('button', { name: /Find what holds a port/ }).waitFor();
    await closeAll(found.popup, found.page);
  });

  it('imports bookmarks into a shared community through its outbox, once', async () => {
    await joinWithLink(ana, server.stewardLink, 'Ana', COMMUNITY);
    await joinWithLink(ben, await inviteLink(ana, COMMUNITY), 'Ben', COMMUNITY);
    const bookmarks = Buffer.from(bookmarksFile(2_500));
    const options = await optionsOf(ana);
    await importFile(options, COMMUNITY, 'bookmarks.html', bookmarks);
    await options
      .getByText(
        'bookmarks.html: Imported 2,500 items · 0 were already there · 0 were not imported.',
      )
      .waitFor({ timeout: 120_000 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme });
      await expectNoSeriousA11yViolations(options, { screen: `import summary (${colorScheme})` });
    }
    await importFile(options, COMMUNITY, 'bookmarks.html', bookmarks);
    await options
      .getByText(
        'bookmarks.html: Imported 0 items · 2,500 were already there · 0 were not imported.',
      )
      .waitFor({ timeout: 120_000 });
    await options.close();

    const sent = await popupAt(ana, `${pages.origin}/fixtures/snippet.html`, COMMUNITY);
    await pushed(sent.popup);
    await closeAll(sent.popup, sent.page);
    // Ben has them from the server, with their folders as tags.
    const opened = await openWhenSynced(
      () => popupAt(ben, `${pages.origin}/fixtures/snippet.html`, COMMUNITY),
      /Guide page 2499/,
      '#folder-25',
    );
    await closeAll(opened.popup, opened.page);
  });
});
