/**
 * The address-bar keyword in real, headful Chromium on a virtual display: type "rp", a space and a
 * query into the omnibox, as a member would, and open what it finds: the library page, on the item.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { startVirtualDisplay, type VirtualDisplay } from './support/display';
import { startPageServer, type PageServer } from './support/server';

// The service worker's own API, as far as this test uses it. `sendSuggestions` is what the
// `suggest` callback handed to onInputChanged listeners calls; Chromium does not document it.
declare const chrome: {
  omnibox: {
    onInputChanged: { addListener(listener: (text: string) => void): void };
    onInputEntered: {
      addListener(listener: (text: string, disposition: string) => void): void;
    };
    sendSuggestions(requestId: number, suggestions: { content: string }[]): void;
  };
};

interface OmniboxLog {
  /** Each input the extension was asked to suggest for. */
  changed: string[];
  /** How many of those the extension has answered. */
  answered: number;
  entered: { text: string; disposition: string }[];
}

const TITLE = 'Undo the last commit but keep changes';

let display: VirtualDisplay;
let ext: ExtensionBrowser;
let pages: PageServer;
let tipId: string;

beforeAll(async () => {
  display = await startVirtualDisplay();
  pages = await startPageServer();
  ext = await launchWithExtension({ display: display.name });
  // Listeners beside the extension's own see what the omnibox hands it; wrapping sendSuggestions
  // tells when the extension has answered, which nothing a page can see does.
  await ext.worker.evaluate(() => {
    const log: OmniboxLog = { changed: [], answered: 0, entered: [] };
    (globalThis as unknown as { omniboxLog: OmniboxLog }).omniboxLog = log;
    const send = chrome.omnibox.sendSuggestions.bind(chrome.omnibox);
    chrome.omnibox.sendSuggestions = (requestId, suggestions) => {
      log.answered++;
      send(requestId, suggestions);
    };
    chrome.omnibox.onInputChanged.addListener((text) => log.changed.push(text));
    chrome.omnibox.onInputEntered.addListener((text, disposition) =>
      log.entered.push({ text, disposition }),
    );
  });
  tipId = await writeTip();
});
afterAll(async () => {
  await ext?.close();
  await pages?.close();
  await display?.close();
});

/** Writes the tip through the popup, as capture.test.ts does, and returns its id. */
async function writeTip(): Promise<string> {
  const page = await ext.context.newPage();
  await page.goto(`${pages.origin}/fixtures/snippet.html`);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await popup.getByRole('button', { name: 'New tip' }).click();
  await popup.getByLabel('Title').fill(TITLE);
  await popup
    .getByLabel('Tip', { exact: true })
    .fill('`git reset --soft HEAD~1` moves the branch back and leaves the changes staged.');
  await popup.getByRole('button', { name: 'Save tip' }).click();
  // expect.poll only runs inside a test; Playwright waits for the status here instead.
  await popup.getByRole('status').getByText(`Saved the tip “${TITLE}”`).waitFor();
  const id = await ext.worker.evaluate(async (title) => {
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const req = indexedDB.open('repertoire');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => ko(req.error);
    });
    const all = await new Promise<{ id: string; title: string }[]>((ok) => {
      const req = db.transaction('items').objectStore('items').getAll();
      req.onsuccess = () => ok(req.result as { id: string; title: string }[]);
    });
    return all.find((i) => i.title === title)?.id;
  }, TITLE);
  if (!id) throw new Error('the tip was not stored');
  await popup.close();
  await page.close();
  return id;
}

const omniboxLog = () =>
  ext.worker.evaluate(() => (globalThis as unknown as { omniboxLog: OmniboxLog }).omniboxLog);

// The machine running the tests may be busy: keystrokes and the extension's answers can take a
// while to go through.
const WAIT = { timeout: 15_000 };

/**
 * Types `rp`, a space (which turns on the extension's keyword mode) and `query` into the address
 * bar of the tab showing `page`, waits `settleMs` more once the extension has answered, then
 * presses `keys`; returns what the extension was handed.
 */
async function useOmnibox(page: Page, query: string, keys: string[], settleMs = 0) {
  await page.bringToFront();
  const before = await omniboxLog();
  // A busy X server can drop or reorder a keystroke, or the address bar can still be in the last
  // try's keyword mode: then the extension never sees the whole query, and the input is typed
  // again from a cleared address bar rather than waited on.
  for (let attempt = 1; ; attempt++) {
    const typed = await omniboxLog();
    await display.focus('chromium');
    await display.key('Escape', 'Escape', 'ctrl+l', 'BackSpace');
    await display.type('rp');
    await display.key('space');
    await display.type(query);
    try {
      // The extension has been asked for suggestions for the whole query, this time, and has
      // answered every request.
      await expect
        .poll(
          async () => {
            const log = await omniboxLog();
            return (
              log.changed.length > typed.changed.length &&
              log.changed.at(-1) === query &&
              log.answered === log.changed.length
            );
          },
          { ...WAIT, message: 'the extension answered every input up to the whole query' },
        )
        .toBe(true);
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await new Promise((settled) => setTimeout(settled, settleMs));
  await display.key(...keys);
  await expect
    .poll(async () => (await omniboxLog()).entered.length, WAIT)
    .toBe(before.entered.length + 1);
  const entered = (await omniboxLog()).entered[before.entered.length];
  if (!entered) throw new Error('the omnibox handed the extension nothing');
  return entered;
}

const libraryUrl = (query: string) => `chrome-extension://${ext.extensionId}/library.html${query}`;

describe('the address-bar keyword', () => {
  it('opens the suggestion picked with the arrow keys in the current tab', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/fixtures/snippet.html`);
    // Chromium lists the suggestions some time after the extension sends them (up to a second on
    // a busy machine), and nothing outside its UI tells when: an arrow key pressed before then
    // picks nothing, and Enter hands over the typed text instead. So picking waits a little
    // longer on each of a few tries.
    let entered = await useOmnibox(page, 'undo commit', ['Down', 'Return'], 250);
    for (const settleMs of [1_000, 3_000]) {
      if (entered.text !== 'undo commit') break;
      entered = await useOmnibox(page, 'undo commit', ['Down', 'Return'], settleMs);
    }
    // The highlighted suggestion's content is the title, readable in the address bar.
    expect(entered).toEqual({ text: TITLE, disposition: 'currentTab' });
    await expect.poll(() => page.url(), WAIT).toBe(libraryUrl(`?item=${tipId}`));
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(TITLE);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/omnibox-item.png' });
    await page.close();
  });

  it('opens the best match on Enter without picking a suggestion', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/fixtures/snippet.html`);
    const entered = await useOmnibox(page, 'keep changes', ['Return']);
    expect(entered).toEqual({ text: 'keep changes', disposition: 'currentTab' });
    await expect.poll(() => page.url(), WAIT).toBe(libraryUrl(`?item=${tipId}`));
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(TITLE);
    await page.close();
  });

  it('opens the library on the query when nothing matches', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/fixtures/snippet.html`);
    const entered = await useOmnibox(page, 'zebra quokka', ['Return']);
    expect(entered).toEqual({ text: 'zebra quokka', disposition: 'currentTab' });
    await expect.poll(() => page.url(), WAIT).toBe(libraryUrl('?q=zebra+quokka'));
    expect(await page.getByRole('searchbox', { name: 'Search library' }).inputValue()).toBe(
      'zebra quokka',
    );
    await page.getByText('No item matches this search with these filters.').waitFor();
    await page.close();
  });

  it('opens a new tab on Alt+Enter', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}/fixtures/snippet.html`);
    const opened = ext.context.waitForEvent('page');
    const entered = await useOmnibox(page, 'undo commit', ['alt+Return']);
    expect(entered).toEqual({ text: 'undo commit', disposition: 'newForegroundTab' });
    const tab = await opened;
    await expect.poll(() => tab.url(), WAIT).toBe(libraryUrl(`?item=${tipId}`));
    expect(await tab.getByRole('heading', { level: 1 }).innerText()).toBe(TITLE);
    expect(page.url()).toBe(`${pages.origin}/fixtures/snippet.html`);
    await tab.close();
    await page.close();
  });
});
