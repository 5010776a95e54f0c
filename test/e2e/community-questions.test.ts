/**
 * Questions between two members, each in their own Chromium profile, on one sync server: Ana
 * asks from a search with no result, about the GitHub tool; Ben sees "1 open question here" in
 * the panel on GitHub and answers with a tip; Ana is told "Answered by Ben" once and marks
 * "This answered it" with a story, which Ben sees on his tip. Each step is its own test, in
 * order, so the community journey can take them up one after another.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { joinWithLink, startSyncServer, type SyncServer } from './support/community';
import { answerFromPanel, popupAt, popupUntil, statusOf } from './support/members';
import { startPageServer, type PageServer } from './support/server';

const GUILD = 'Platform guild';
const QUESTION = 'How do we use the merge queue';
const ANSWER = 'Merge queue: add the label, then wait';
const STORY = 'Got my PR in before the freeze.';
let sync: SyncServer;
let tools: PageServer;
let ana: ExtensionBrowser;
let ben: ExtensionBrowser;
let githubPage: string;

beforeAll(async () => {
  sync = await startSyncServer(GUILD);
  tools = await startPageServer({ tls: true });
  githubPage = `https://github.com:${new URL(tools.origin).port}/our-org/repo/pulls`;
  [ana, ben] = await Promise.all([
    launchWithExtension({ mapHosts: ['github.com'] }),
    launchWithExtension({ mapHosts: ['github.com'] }),
  ]);
  const invite = await sync.store.createInvite(sync.communityId, {
    role: 'member',
    maxUses: 1,
    expiresInHours: 1,
  });
  await joinWithLink(ana, sync.stewardLink, 'Ana', GUILD);
  await joinWithLink(ben, `${sync.url}/join#${encodeURIComponent(invite.code)}`, 'Ben', GUILD);
}, 180_000);
afterAll(async () => {
  await ana?.close();
  await ben?.close();
  await tools?.close();
  await sync?.close();
});

/** The popup on a tab showing the GitHub page, on the shared community (which syncs it). */
const popupOn = (ext: ExtensionBrowser) => popupAt(ext, githubPage, GUILD);
/** Opens popups until `ready` holds in one: each popup syncs as it opens. */
const popupUntilOn = (ext: ExtensionBrowser, ready: (popup: Page) => Promise<boolean>) =>
  popupUntil(() => popupOn(ext), ready);

describe('asking and answering the community', () => {
  it('Ana asks from a search with no result, about the GitHub tool', async () => {
    const { page, popup } = await popupOn(ana);
    await popup.getByRole('searchbox', { name: 'Search repertoire' }).fill(QUESTION);
    await popup.getByRole('button', { name: 'Ask the community' }).click();
    const form = popup.getByRole('form', { name: 'Ask the community' });
    await expect.poll(() => form.getByLabel('Your question').inputValue()).toBe(QUESTION);
    // The host is chosen for her; the page's full address is offered, never taken.
    expect(await form.getByLabel('Applies to').inputValue()).toBe(new URL(githubPage).host);
    await form.getByLabel('Applies to').selectOption({ label: 'The tool GitHub' });
    await form.getByLabel('Details').fill('The docs say “use the queue”, but where is it?');
    await form.getByRole('button', { name: 'Ask' }).click();
    await expect.poll(() => statusOf(popup)).toContain(`Asked “${QUESTION}”`);
    const list = popup.getByRole('list', { name: 'Open questions' });
    await expect.poll(() => list.innerText()).toContain(QUESTION);
    expect(await list.innerText()).toContain('Ana');
    await popup.close();
    await page.close();
  });

  it('Ben sees "1 open question here" on GitHub and answers it with a tip', async () => {
    // His popup pulls the question; the count line says so.
    const { popup, page } = await popupUntilOn(ben, (p) =>
      p.getByRole('button', { name: '1 open question' }).isVisible(),
    );
    await popup.close();
    await page.reload();
    const form = await answerFromPanel(
      ben,
      page,
      QUESTION,
      ANSWER,
      'Add **queue** to the PR; the bot merges it.',
    );
    await form.close();
    await page.close();
  });

  it('Ana is told "Answered by Ben" once, and marks "This answered it" with a story', async () => {
    const { popup, page } = await popupUntilOn(ana, (p) =>
      p.getByText('Answered by Ben').isVisible(),
    );
    const notice = popup.getByRole('status', { name: 'Answers to your questions' });
    expect(await notice.innerText()).toContain(QUESTION);
    await notice.getByRole('button', { name: `Open the answer “${ANSWER}”` }).click();
    await popup.getByRole('heading', { name: ANSWER }).waitFor();
    const mark = popup.getByRole('form', { name: 'This answered your question' });
    await mark.getByLabel('How it helped (optional, one line)').fill(STORY);
    await mark.getByRole('button', { name: 'This answered it' }).click();
    await expect.poll(() => statusOf(popup)).toContain('Marked “This answered it”');
    await expect
      .poll(() => popup.locator('article').innerText())
      .toContain(`It answered your question: “${STORY}”`);
    await popup.close();
    await page.close();

    // Once: a popup opened again does not tell her again.
    const again = await popupOn(ana);
    await again.popup.getByRole('button', { name: '1 open question' }).waitFor();
    expect(await again.popup.getByText('Answered by Ben').count()).toBe(0);
    await again.popup.close();
    await again.page.close();
  });

  it('Ben sees Ana’s story on his tip, as a "Helped me"', async () => {
    const found = async (popup: Page) => {
      const search = popup.getByRole('searchbox', { name: 'Search repertoire' });
      if ((await search.inputValue()) !== ANSWER) await search.fill(ANSWER);
      const result = popup.getByRole('button', { name: new RegExp(ANSWER) });
      if (!(await result.first().isVisible())) return false;
      await result.first().click();
      const text = await popup.locator('article').innerText();
      if (text.includes(STORY)) return true;
      await popup.getByRole('button', { name: 'Back to results' }).click();
      return false;
    };
    const { popup, page } = await popupUntilOn(ben, found);
    // The line about the question is a part of the view loaded when first shown.
    await popup.getByRole('list', { name: 'It answered' }).waitFor();
    const article = await popup.locator('article').innerText();
    expect(article).toContain(`It answered Ana’s question: “${STORY}”`);
    // "This answered it" is also a "Helped me", with the same story.
    expect(article).toContain('Helped 1 member');
    expect(article).toContain(`Ana: “${STORY}”`);
    await popup.close();
    await page.close();
  });

  it('Ben asks about a page from its panel, about its host', async () => {
    const page = await ben.context.newPage();
    await page.goto(githubPage);
    const panel = page.locator('repertoire-related');
    await panel.getByRole('button', { name: /related tips?$/ }).click({ timeout: 60_000 });
    const opened = ben.context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Ask about this page' }).click();
    const popup = await opened;
    const form = popup.getByRole('form', { name: 'Ask the community' });
    await form.waitFor({ timeout: 30_000 });
    expect(await form.getByLabel('Applies to').inputValue()).toBe(new URL(githubPage).host);
    await expect
      .poll(() => popup.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('title');
    await popup.close();
    await page.close();
  });
});
