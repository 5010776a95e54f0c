/**
 * What the community tests do as members, in each member's own browser: open the popup on a page
 * (it syncs as it opens) until what they wait for has arrived, wait until it has pushed, invite
 * one more person, move the community clock, read the panel and a tip's state.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPopup, tabIdOf, type ExtensionBrowser } from './browser';

// The service worker's storage, where the e2e build reads the community clock's offset.
declare const chrome: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
};

export interface Opened {
  /** The tab the popup acts on. */
  page: Page;
  popup: Page;
}

export async function closeAll(...open: Page[]): Promise<void> {
  for (const p of open) await p.close();
}

/** A tab on `url` and the popup on it, on `community`. */
export async function popupAt(ext: ExtensionBrowser, url: string, community: string) {
  const page = await ext.context.newPage();
  await page.goto(url);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await popup.getByLabel('Community').selectOption({ label: community });
  return { page, popup };
}

/** Opens popups with `open` until `ready` holds in one (each pulls as it opens); it stays open. */
export async function popupUntil(
  open: () => Promise<Opened>,
  ready: (popup: Page) => Promise<boolean>,
): Promise<Opened> {
  for (;;) {
    const opened = await open();
    const arrived = await expect
      .poll(() => ready(opened.popup), { timeout: 10_000 })
      .toBe(true)
      .then(
        () => true,
        () => false,
      );
    if (arrived) return opened;
    await closeAll(opened.popup, opened.page);
  }
}

/**
 * Opens popups with `open` on an item found in Recent items, until `text` shows in it; the popup
 * is left open on it.
 */
export async function openWhenSynced(
  open: () => Promise<Opened>,
  title: RegExp,
  text: string,
): Promise<Opened> {
  let opened: Opened | undefined;
  await expect
    .poll(
      async () => {
        if (opened) await closeAll(opened.popup, opened.page);
        opened = await open();
        const button = opened.popup
          .getByRole('list', { name: 'Recent items' })
          .getByRole('button', { name: title });
        // The list is read and the popup pulls as it opens: give this popup a while to show the
        // item, rather than look once at a list that may still be the one it opened with.
        const shown = await button
          .first()
          .waitFor({ timeout: 10_000 })
          .then(
            () => true,
            () => false,
          );
        if (!shown) return '';
        await button.first().click();
        // Views load when first shown: read the item once its heading is there.
        await opened.popup
          .getByRole('heading', { name: title })
          .first()
          .waitFor({ timeout: 10_000 })
          .catch(() => undefined);
        return opened.popup.locator('main').innerText();
      },
      { timeout: 180_000, interval: 2_000 },
    )
    .toContain(text);
  return opened!;
}

/** Waits until the popup has nothing left to send (its sync line stops saying "waiting"). */
export async function pushed(popup: Page): Promise<void> {
  await expect
    .poll(async () => (await popup.locator('.sync').innerText()).includes('waiting'), {
      timeout: 60_000,
    })
    .toBe(false);
}

/** An invite link for one more person, made by a steward in the settings. */
export async function inviteLink(steward: ExtensionBrowser, community: string): Promise<string> {
  const settings = await steward.context.newPage();
  await settings.goto(`chrome-extension://${steward.extensionId}/options.html`);
  await settings.getByText(`Invite people to ${community}`).click();
  const form = settings.getByRole('form', { name: `Invite people to ${community}` });
  await form.getByLabel('How many people').fill('1');
  await form.getByRole('button', { name: 'Create invite link' }).click();
  await form.getByRole('status').waitFor();
  const link = await form.getByLabel('Invite link').inputValue();
  await settings.close();
  return link;
}

/** Moves the clock community rules read in this browser (the e2e build only) `offsetMs` ahead. */
export async function moveCommunityClock(ext: ExtensionBrowser, offsetMs: number): Promise<void> {
  await ext.worker.evaluate((ms) => chrome.storage.local.set({ clockOffsetMs: ms }), offsetMs);
}

/** The in-page panel, opened. */
export const panelOf = (page: Page): Locator =>
  page.getByRole('dialog', { name: 'Related tips from your repertoire' });

/** A tip's state lines ("Due for review", "Verified by Ana · …") within `scope`. */
export const tipState = (scope: Locator): Locator => scope.getByRole('list', { name: 'Tip state' });

/** The last status line a page said. */
export const statusOf = (page: Page) => page.getByRole('status').last().innerText();

/**
 * On `page` (a tab on the tool, as `member`), the panel's "1 open question here" shows
 * `question` by Ana, and "Answer with a tip" opens the tip form for it: about the question's
 * tool, linked to it. `answer` is saved with `body`; returns the tab the form opened in.
 */
export async function answerFromPanel(
  member: ExtensionBrowser,
  page: Page,
  question: string,
  answer: string,
  body: string,
): Promise<Page> {
  const panel = page.locator('repertoire-related');
  await panel.getByRole('button', { name: '1 open question here' }).click({ timeout: 60_000 });
  const here = panel.getByRole('list', { name: '1 open question here' });
  await expect.poll(() => here.innerText()).toContain(question);
  expect(await here.innerText()).toContain('Asked by Ana');
  const opened = member.context.waitForEvent('page');
  await here.getByRole('button', { name: 'Answer with a tip' }).click();
  const form = await opened;
  const tipForm = form.getByRole('form', { name: 'New tip' });
  await tipForm.waitFor({ timeout: 30_000 });
  expect(await tipForm.innerText()).toContain(`Answers the question “${question}”`);
  expect(await tipForm.getByLabel('Applies to').inputValue()).toBe('tool:github');
  await tipForm.getByLabel('Title').fill(answer);
  await tipForm.getByLabel('Tip', { exact: true }).fill(body);
  await tipForm.getByRole('button', { name: 'Save tip' }).click();
  await expect.poll(() => statusOf(form)).toContain(`Saved the tip “${answer}”`);
  return form;
}
