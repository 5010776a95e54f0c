/**
 * The extension in French, in real Chromium started in French (LANGUAGE=fr): a few screens read
 * from the French catalogue, in `lang="fr"`, with counts in French plural forms and dates the
 * French way, and axe finds nothing serious in them; the in-page panel speaks French too. What
 * each screen says is looked up in locales/fr, so a reworded translation does not break the
 * test, a missing one does.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageKey } from '../../lib/i18n';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { message } from './support/messages';
import { startPageServer, type PageServer } from './support/server';

/** A French message with its placeholders filled, as the extension writes it. */
const fr = (key: MessageKey, vars?: Record<string, string | number>) => message('fr', key, vars);

let ext: ExtensionBrowser;
let pages: PageServer;
const SHOTS = 'test-results/french';

beforeAll(async () => {
  pages = await startPageServer();
  ext = await launchWithExtension({ language: 'fr' });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await ext?.close();
  await pages?.close();
});

async function extensionPage(path: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/${path}`);
  return page;
}

async function look(page: Page, name: string) {
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousA11yViolations(page, { screen: `${name} in French, ${colorScheme}` });
    await page.screenshot({ path: `${SHOTS}/${name}-${colorScheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: null });
}

describe('in French', () => {
  it('the popup: empty, then a clipped page, its count and its day in French', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/corpus/ars-1`);
    const popup = await openPopup(ext, await tabIdOf(ext, page));
    await popup.getByText(fr('popup_emptyStart')).waitFor();
    expect(await popup.title()).toBe(fr('extName'));
    await look(popup, 'popup-empty');

    await popup.getByRole('button', { name: fr('popup_clipPage') }).click();
    await popup.getByRole('searchbox', { name: fr('library_searchRepertoire') }).waitFor();
    await expect.poll(() => popup.getByRole('list').getByRole('listitem').count()).toBe(1);
    await look(popup, 'popup-clipped');

    const library = await extensionPage('library.html');
    expect(await library.title()).toBe(fr('library_pageTitle'));
    await library.getByText(fr('library_items_one', { count: 1 }), { exact: true }).waitFor();
    // The day the page was clipped, written as French writes it ("3 déc. 2026").
    const today = new Intl.DateTimeFormat('fr', { dateStyle: 'medium' }).format(Date.now());
    await expect.poll(() => library.locator('main').innerText()).toContain(today);
    await look(library, 'library');
    await Promise.all([library.close(), popup.close(), page.close()]);
  });

  it('the welcome and settings pages', async () => {
    const welcome = await extensionPage('welcome.html');
    await welcome.getByRole('heading', { name: fr('community_welcomeTitle') }).waitFor();
    expect(await welcome.title()).toBe(fr('community_welcomeTitle'));
    await look(welcome, 'welcome');

    const options = await extensionPage('options.html');
    expect(await options.title()).toBe(fr('community_optionsTitle'));
    await options
      .getByRole('button', { name: fr('community_startPersonal') })
      .or(options.getByRole('heading').first())
      .first()
      .waitFor();
    await look(options, 'options');
    await Promise.all([welcome.close(), options.close()]);
  });

  it('the in-page panel: its pill and its tips in French', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/fixtures/no-article.html`);
    const popup = await openPopup(ext, await tabIdOf(ext, page));
    await popup.getByRole('button', { name: fr('popup_newTip') }).click();
    await popup.getByLabel(fr('popup_fieldTitle')).fill('Relire avant de fusionner');
    await popup.getByLabel(fr('popup_fieldTip'), { exact: true }).fill('Demander une relecture.');
    await popup.getByLabel(fr('popup_fieldAppliesTo')).fill('127.0.0.1');
    await popup.getByRole('button', { name: fr('popup_saveTip') }).click();
    await popup.getByRole('searchbox').waitFor();
    await popup.close();

    await page.reload();
    await page
      .getByRole('button', { name: fr('popup_panelRelatedTips_one', { count: 1 }) })
      .click();
    const panel = page.getByRole('dialog', { name: fr('popup_panelLabel') });
    await panel.getByRole('button', { name: fr('popup_helpedMe') }).waitFor();
    // Screen readers speak the panel in French, whatever the page's own language.
    expect(await panel.evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('fr');
    await page.screenshot({ path: `${SHOTS}/panel.png` });
    await page.close();
  });
});
