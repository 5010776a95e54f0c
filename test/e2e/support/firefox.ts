/**
 * Real Firefox (Debian's firefox-esr) with the built extension installed, driven by puppeteer-core
 * over WebDriver BiDi (Playwright cannot drive ESR). Each launch gets a fresh profile.
 *
 * Firefox gives an extension a random UUID per profile, which names its pages
 * (moz-extension://<uuid>/…); a pref fixes it, so the tests know where the popup is.
 */
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { requireBuild } from './browser';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** browser_specific_settings.gecko.id in wxt.config.ts. */
const ADDON_ID = 'repertoire@repertoire.example';
const UUID = '6f1c8e2a-3b4d-4c5e-8f70-9a1b2c3d4e5f';

/** The Firefox e2e build, or the build REPERTOIRE_FIREFOX_EXTENSION_DIR names (a `--mv2` one). */
const firefoxExtensionDir = (): string =>
  process.env.REPERTOIRE_FIREFOX_EXTENSION_DIR ??
  resolve(import.meta.dirname, '../../../.output/firefox-mv3-e2e');

export interface FirefoxExtension {
  browser: Browser;
  /** moz-extension://<uuid> */
  origin: string;
  /**
   * An extension page kept open: the tests ask the extension's APIs (tabs, the badge) from it,
   * since puppeteer does not reach Firefox's background page.
   */
  control: Page;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxExtension> {
  const dir = requireBuild(firefoxExtensionDir(), 'npx wxt build -b firefox --mode e2e');
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Installing an extension over BiDi needs the system access the flag allows.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      // A permission request (a sync server's address, a tip's sites) is granted as if the
      // member chose Allow: headless Firefox shows no prompt to click. It stands in for that
      // click as the e2e build's host grants stand in for the toolbar click.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  try {
    await firefox.installExtension(dir);
    const ext = { browser: firefox, origin: `moz-extension://${UUID}` };
    const control = await openExtensionPage(ext, '/options.html', '::-p-aria(Your name)');
    const launched = { ...ext, control, close: () => firefox.close() };
    await takeBackgroundErrors(launched);
    return launched;
  } catch (error) {
    await firefox.close();
    throw error;
  }
}

/**
 * Opens an extension page in a new tab and waits for `ready` (a selector) on it. The navigation
 * is not awaited: Firefox never reports a moz-extension:// page as loaded over BiDi.
 */
export async function openExtensionPage(
  ext: Pick<FirefoxExtension, 'browser' | 'origin'>,
  path: string,
  ready: string,
): Promise<Page> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await ext.browser.newPage();
    void page.goto(`${ext.origin}${path}`).catch(() => undefined);
    try {
      await page.waitForSelector(ready, { timeout: Math.max(1, deadline - Date.now()) });
      return page;
    } catch (error) {
      await page.close();
      if (Date.now() >= deadline || !lostRealm(error)) throw error;
    }
  }
}

/**
 * Firefox moves a tab into the extension's process as it navigates to an extension page; now
 * and then (about one open in 30) a wait that evaluates in the document going away fails with a
 * protocol error, and that tab answers no evaluation after it. The page is opened again then.
 */
function lostRealm(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e.message.includes('Protocol error (script.')) return true;
  }
  return false;
}

/** The id the extension sees for the tab showing `page` (the e2e build may read its URL). */
export async function tabIdOf(ext: FirefoxExtension, page: Page): Promise<number> {
  const url = page.url();
  const id = await ext.control.evaluate(
    async (target) => (await browser.tabs.query({})).find((t) => t.url === target)?.id,
    url,
  );
  if (id === undefined) throw new Error(`No tab found for ${url}`);
  return id;
}

/** Opens the popup as a page acting on `tabId`, as a detached popup window would. */
export async function openPopup(ext: FirefoxExtension, tabId: number): Promise<Page> {
  const popup = await openExtensionPage(
    ext,
    `/popup.html?tab=${tabId}`,
    '::-p-aria(Search repertoire[role="searchbox"])',
  );
  await popup.setViewport({ width: 440, height: 600 });
  return popup;
}

/**
 * Uncaught errors and unhandled rejections in the background page since the last call (a Firefox
 * background is a page the extension's own pages can reach). The first call starts watching; a
 * background Firefox suspended and started again is watched again from the next call on.
 */
export async function takeBackgroundErrors(ext: FirefoxExtension): Promise<string[]> {
  return ext.control.evaluate(async () => {
    type Watched = Window & { repertoireErrors?: string[] };
    const bg = (await browser.runtime.getBackgroundPage()) as unknown as Watched | null;
    if (!bg) return [];
    if (!bg.repertoireErrors) {
      const errors: string[] = (bg.repertoireErrors = []);
      bg.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
      bg.addEventListener('error', (e) => errors.push(e.message));
    }
    return bg.repertoireErrors.splice(0);
  });
}

/** The badge text on the tab showing `page`. */
export async function badgeOf(ext: FirefoxExtension, page: Page): Promise<string> {
  const tabId = await tabIdOf(ext, page);
  return ext.control.evaluate(
    (id) => (browser.action ?? browser.browserAction).getBadgeText({ tabId: id }),
    tabId,
  );
}
