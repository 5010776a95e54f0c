/**
 * Snippets highlighted on the page they were clipped from, in real Chromium: clip a selection,
 * add a note, visit the page again and find the highlight by its role and name; open its note
 * (click, Enter) in the popover's shadow root, close it (Escape, a click outside); the page
 * changed a little still gets it; the setting takes highlights away; a page without clips gets
 * no script at all. The page has the strictest CSP, and reports no violation.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { startPageServer, type PageServer } from './support/server';
import { message } from './support/messages';

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

const QUOTE = 'Small pull requests get better reviews';
const NOTE = 'Our team splits anything over 400 lines. <b>Ask</b> in #reviews.';
const page = () => `${pages.origin}/fixtures/highlight.html`;

/** A tab on `url` that records every CSP violation the page sees. */
async function visit(url: string): Promise<Page> {
  const tab = await ext.context.newPage();
  await tab.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as { violations?: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await tab.goto(url);
  return tab;
}

const violations = (tab: Page) =>
  tab.evaluate(() => (globalThis as { violations?: string[] }).violations ?? []);
/** The quote's first highlight element: a button named by its text, described as the snippet. */
const highlight = (tab: Page) => tab.getByRole('button', { name: 'Small pull requests get' });
const note = (tab: Page) =>
  tab.getByRole('dialog', { name: message('en', 'highlights_noteLabel') });
const marks = (tab: Page) => tab.locator('repertoire-highlight').count();

/** The Repertoire isolated worlds in a tab: one for each script injected into it. */
async function injectedWorlds(tab: Page): Promise<string[]> {
  const cdp = await ext.context.newCDPSession(tab);
  const names: string[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = context.auxData as { type?: string } | undefined;
    // Playwright's own utility world is one too.
    if (aux?.type === 'isolated' && !context.name.startsWith('__playwright')) {
      names.push(context.name);
    }
  });
  await cdp.send('Runtime.enable');
  await cdp.detach();
  return names;
}

describe('highlights', () => {
  it('highlights a clipped snippet on its page and shows its note', async () => {
    const tab = await visit(page());
    await tab.evaluate((quote) => {
      const p = document.getElementById('quote');
      if (!p) throw new Error('fixture changed');
      const text = p.textContent ?? '';
      const start = text.indexOf('Small');
      const range = document.createRange();
      const first = p.firstChild as Text;
      range.setStart(first, start);
      // Across the <em>: to the end of "reviews".
      const last = p.childNodes[2] as Text;
      range.setEnd(last, last.data.indexOf('reviews') + 'reviews'.length);
      if (range.toString().replace(/\s+/g, ' ') !== quote) throw new Error(range.toString());
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }, QUOTE);
    const popup = await openPopup(ext, await tabIdOf(ext, tab));
    await popup.getByRole('button', { name: 'Clip selection' }).click();
    await expect.poll(() => popup.getByRole('status').first().innerText()).toContain('Clipped');
    // Highlighted at once: the clip is a write, and open tabs follow writes.
    await highlight(tab).waitFor();

    // A note, as a member adds one (another member's text: shown as text).
    await popup.getByRole('searchbox', { name: 'Search repertoire' }).fill('pull requests');
    await popup.getByRole('list').getByRole('listitem').first().getByRole('button').click();
    await popup.getByRole('button', { name: 'Edit' }).click();
    await popup.getByRole('textbox', { name: 'Note' }).fill(NOTE);
    await popup.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => popup.getByRole('status').first().innerText()).toContain('Saved');
    await popup.close();
    await tab.close();

    const again = await visit(page());
    await highlight(again).waitFor();
    expect(await highlight(again).getAttribute('aria-description')).toBe(
      message('en', 'highlights_description', { title: QUOTE }),
    );
    expect((await highlight(again).innerText()).replace(/\s+/g, ' ')).toBe(
      'Small pull requests get ',
    );
    // The whole quote is highlighted, across the <em>.
    expect(
      await again.evaluate(() =>
        [...document.querySelectorAll('repertoire-highlight')]
          .map((m) => m.textContent)
          .join('')
          .replace(/\s+/g, ' '),
      ),
    ).toBe(QUOTE);
    await highlight(again).click();
    await note(again).waitFor();
    const shown = await note(again).innerText();
    expect(shown).toContain(NOTE);
    expect(shown).toContain('Personal');
    expect(await note(again).locator('b').count()).toBe(0);
    // Checked before the screenshots: Playwright's own caret-hiding <style> is refused too.
    expect(await violations(again)).toEqual([]);
    mkdirSync('test-results', { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await again.emulateMedia({ colorScheme });
      await expectNoSeriousA11yViolations(again, { screen: `highlight note (${colorScheme})` });
      await again.screenshot({ path: `test-results/highlight-${colorScheme}.png` });
    }
    await again.emulateMedia({ colorScheme: null });

    // Escape closes and gives focus back to the highlight; Enter opens it again.
    await again.keyboard.press('Escape');
    await expect.poll(() => note(again).count()).toBe(0);
    await expect
      .poll(() => again.evaluate(() => document.activeElement?.getAttribute('aria-description')))
      .toBe(message('en', 'highlights_description', { title: QUOTE }));
    await again.keyboard.press('Enter');
    await note(again).waitFor();
    // A click outside closes it.
    await again.getByRole('heading', { name: 'Reviewing pull requests' }).click();
    await expect.poll(() => note(again).count()).toBe(0);
    await again.close();
  });

  it('still highlights it on the page changed a little', async () => {
    // The same address, now serving the page with a paragraph added above the quote.
    const variant = readFileSync(join(import.meta.dirname, 'fixtures/highlight-changed.html'));
    await ext.context.route(page(), (route) =>
      route.fulfill({ body: variant, contentType: 'text/html; charset=utf-8' }),
    );
    const changed = await visit(page());
    await highlight(changed).waitFor();
    expect(await changed.getByText('Added since').count()).toBe(1);
    expect(await violations(changed)).toEqual([]);
    await changed.close();
    await ext.context.unroute(page());
  });

  it('injects nothing on a page without clips', async () => {
    const plain = await visit(`${pages.origin}/fixtures/no-article.html`);
    // Once a page with a clip, opened after it, is highlighted, the first one was handled too.
    const clipped = await visit(page());
    await highlight(clipped).waitFor();
    // Where scripts were injected, the check sees them.
    expect(await injectedWorlds(clipped)).toContain('Repertoire');
    expect(await injectedWorlds(plain)).toEqual([]);
    expect(await marks(plain)).toBe(0);
    expect(await plain.locator('repertoire-note').count()).toBe(0);
    await plain.close();
    await clipped.close();
  });

  it('takes highlights away when the setting is turned off', async () => {
    const tab = await visit(page());
    await highlight(tab).waitFor();
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const setting = options.getByRole('checkbox', {
      name: message('en', 'highlights_settingLabel'),
    });
    expect(await setting.isChecked()).toBe(true);
    await setting.uncheck();
    // The open tab's highlights go, and the page's text is as it was.
    await expect.poll(() => marks(tab)).toBe(0);
    expect(await tab.evaluate(() => document.getElementById('quote')?.childNodes.length)).toBe(3);
    await tab.reload();
    await tab.getByRole('heading', { name: 'Reviewing pull requests' }).waitFor();
    await setting.check();
    // On again: the open tab gets them back.
    await highlight(tab).waitFor();
    await options.close();
    await tab.close();
  });
});
