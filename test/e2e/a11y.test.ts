/**
 * Every screen, in light and in dark, has no serious or critical WCAG A/AA violation as axe-core
 * sees it in real Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, seriousA11yViolations } from './support/a11y';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { startPageServer, type PageServer } from './support/server';

let ext: ExtensionBrowser;
let pages: PageServer;

beforeAll(async () => {
  pages = await startPageServer();
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
  await pages?.close();
});

const SCHEMES = ['light', 'dark'] as const;

/** Checks the page as it is now in both colour schemes. */
async function checkBothSchemes(page: Page, screen: string, context?: string) {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousA11yViolations(page, { screen: `${screen} (${colorScheme})`, context });
  }
  await page.emulateMedia({ colorScheme: null });
}

async function popupOnFixture(): Promise<{ page: Page; popup: Page }> {
  const page = await ext.context.newPage();
  await page.goto(`${pages.origin}/fixtures/snippet.html`);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  return { page, popup };
}

describe('accessibility of every screen (axe-core, light and dark)', () => {
  it('sees violations when there are some', async () => {
    const { page, popup } = await popupOnFixture();
    await popup.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.body.append(img);
    });
    const found = await seriousA11yViolations(popup);
    expect(found.map((v) => v.id)).toContain('image-alt');
    await popup.close();
    await page.close();
  });

  it('popup, empty', async () => {
    const { page, popup } = await popupOnFixture();
    await expect
      .poll(() => popup.getByText('Nothing here yet', { exact: false }).isVisible())
      .toBe(true);
    await checkBothSchemes(popup, 'popup, empty');
    await popup.close();
    await page.close();
  });
});
