/**
 * Real Chromium with the built extension loaded, driven by playwright-core. Each call gets a
 * fresh profile, so tests never share IndexedDB.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

// The service worker's own API, as far as these helpers use it.
declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number; url?: string; active: boolean }[]> };
};

/**
 * Root needs --no-sandbox; without the networking flags Chromium keeps calling home, and this
 * machine refuses every such connection.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The e2e build, or the private copy REPERTOIRE_EXTENSION_DIR names (read at each launch). */
export const extensionDir = (): string =>
  process.env.REPERTOIRE_EXTENSION_DIR ??
  resolve(import.meta.dirname, '../../../.output/chrome-mv3-e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `dir` if it holds a build, else an error naming the command that makes it. */
export function requireBuild(dir: string, command: string): string {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No extension build at ${dir}. Run "${command}" first.`);
  }
  return dir;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  close(): Promise<void>;
}

/**
 * `mapHosts` serves those real-looking hosts (github.com, example.atlassian.net) from loopback.
 * `display` runs the browser with its window on that X display instead of headless, for tests of
 * browser UI (the address bar) that headless Chromium does not have.
 */
export async function launchWithExtension(
  /**
   * `profile`: a profile directory the caller keeps (a restart), instead of a fresh one.
   * `language`: the browser's UI language ("fr"); Chromium on Linux reads it from LANGUAGE.
   */
  options: { mapHosts?: string[]; display?: string; profile?: string; language?: string } = {},
): Promise<ExtensionBrowser> {
  const mapped = options.mapHosts ?? [];
  const dir = requireBuild(extensionDir(), 'npx wxt build --mode e2e');
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'repertoire-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.display === undefined,
    env: {
      ...process.env,
      ...(options.display === undefined ? {} : { DISPLAY: options.display }),
      // English unless asked, whatever the machine's own language.
      LANGUAGE: options.language ?? 'en-US',
    },
    ignoreHTTPSErrors: mapped.length > 0,
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      ...CHROMIUM_FLAGS,
      `--lang=${options.language ?? 'en-US'}`,
      ...(mapped.length
        ? [`--host-resolver-rules=${mapped.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`]
        : []),
    ],
  });
  // Corpus pages link to their original sites; this machine has no network, so fail those
  // requests at once instead of letting each page load wait for them.
  const local = new Set(['127.0.0.1', 'localhost', ...mapped]);
  await context.route(
    (url) => (url.protocol === 'http:' || url.protocol === 'https:') && !local.has(url.hostname),
    (route) => route.abort(),
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      if (options.profile === undefined) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The id the extension sees for the tab showing `page`. The extension cannot read the URL of
 * pages outside its host permissions (chrome://…), so the page is brought to the front and the
 * active tab is taken instead.
 */
export async function tabIdOf(ext: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  const url = page.url();
  const id = await ext.worker.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    return (tabs.find((t) => t.url === target) ?? tabs.find((t) => t.active && !t.url))?.id;
  }, url);
  if (id === undefined) throw new Error(`No tab found for ${url}`);
  return id;
}

/** Opens the popup as a page acting on `tabId`, as a detached popup window would. */
export async function openPopup(ext: ExtensionBrowser, tabId: number): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 440, height: 600 });
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tab=${tabId}`);
  // The popup is ready when its search box is, whatever language names it.
  await popup.getByRole('searchbox').waitFor();
  return popup;
}
