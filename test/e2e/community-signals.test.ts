/**
 * Signals and keeping tips current, with two members in their own Chromium profiles on one sync
 * server: Ben says Ana's tip helped him, with a story, and vouches for it; Ana sees both. With
 * the community clock moved past the tip's review interval, Ben sees "Due for review" in the
 * panel, the item view and the Review list, and "Still accurate" clears it; "Needs an update"
 * shows until verified. Ben is not offered Retire, and the server's refusal of a forced one is
 * said in words; Ana retires the tip: it leaves the panel and stays searchable, marked Retired.
 * Each step reads only what the steps before it wrote, so the journey can be composed with
 * others (questions, paths) into one.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { joinWithLink, startSyncServer, type SyncServer } from './support/community';
import {
  closeAll,
  inviteLink,
  moveCommunityClock,
  panelOf,
  popupAt,
  pushed,
  tipState,
} from './support/members';
import { startPageServer, type PageServer } from './support/server';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const GUILD = 'Platform guild';
const TIP = 'Pair on risky rebases';
const STORY = 'caught the prod migration before it locked the table';
const DAY_MS = 86_400_000;
let sync: SyncServer;
let pages: PageServer;
let ana: ExtensionBrowser;
let ben: ExtensionBrowser;

beforeAll(async () => {
  sync = await startSyncServer(GUILD);
  pages = await startPageServer();
  [ana, ben] = [await launchWithExtension(), await launchWithExtension()];
  await joinWithLink(ana, sync.stewardLink, 'Ana', GUILD);
  await joinWithLink(ben, await inviteLink(ana, GUILD), 'Ben', GUILD);
});
afterAll(async () => {
  await ana?.close();
  await ben?.close();
  await pages?.close();
  await sync?.close();
});

/** A popup on a page of the loopback server, on the shared community. */
const popupOf = (ext: ExtensionBrowser) =>
  popupAt(ext, `${pages.origin}/fixtures/snippet.html`, GUILD);

/** The tip opened in a fresh popup (which pulls as it opens), once it is there. */
async function openTip(ext: ExtensionBrowser): Promise<{ page: Page; popup: Page }> {
  const { page, popup } = await popupOf(ext);
  await popup.getByRole('button', { name: new RegExp(TIP) }).click();
  await popup.getByRole('heading', { name: TIP }).waitFor();
  return { page, popup };
}

/** The text of the open tip's signals, read again in fresh popups until it shows `expected`. */
async function signalsShow(ext: ExtensionBrowser, expected: string | RegExp) {
  await expect
    .poll(
      async () => {
        const { page, popup } = await popupOf(ext);
        const text = await popup
          .getByRole('button', { name: new RegExp(TIP) })
          .click({ timeout: 5_000 })
          .then(() => popup.getByRole('region', { name: 'Signals' }).innerText())
          .catch(() => '');
        await closeAll(popup, page);
        return text;
      },
      { timeout: 90_000 },
    )
    .toMatch(expected);
}

describe('signals and keeping tips current', () => {
  it('Ben says Ana’s tip helped him, with a story, and vouches; Ana sees the count and the story', async () => {
    const a = await popupOf(ana);
    await a.popup.getByRole('button', { name: 'New tip' }).click();
    await a.popup.getByLabel('Title').fill(TIP);
    await a.popup.getByLabel('Tip', { exact: true }).fill('Ask in the channel first.');
    await a.popup.getByLabel('Applies to').fill('127.0.0.1');
    await a.popup.getByLabel('Review every N days').fill('1');
    await a.popup.getByRole('button', { name: 'Save tip' }).click();
    await expect.poll(() => a.popup.getByRole('status').last().innerText()).toContain('Saved');
    await pushed(a.popup);
    await closeAll(a.popup, a.page);

    await expect
      .poll(
        async () => {
          const b = await popupOf(ben);
          const text = await b.popup
            .getByRole('list', { name: 'Recent items' })
            .innerText()
            .catch(() => '');
          await closeAll(b.popup, b.page);
          return text;
        },
        { timeout: 90_000 },
      )
      .toContain(TIP);

    const b = await openTip(ben);
    const signals = b.popup.getByRole('region', { name: 'Signals' });
    await signals.getByLabel('How it helped (optional)').fill(STORY);
    await signals.getByRole('button', { name: 'Helped me' }).click();
    await expect
      .poll(() => signals.getByRole('button', { name: 'Helped me' }).getAttribute('aria-pressed'))
      .toBe('true');
    await signals.getByRole('button', { name: 'I vouch for this' }).click();
    await expect.poll(() => signals.innerText()).toContain('Vouched for by Ben');
    expect(await signals.innerText()).toContain(`Ben: “${STORY}”`);
    // Ben may not retire Ana's tip: he is not offered to.
    expect(await signals.getByRole('button', { name: 'Retire' }).count()).toBe(0);
    await pushed(b.popup);
    await closeAll(b.popup, b.page);

    await signalsShow(ana, 'Helped 1 member');
    await signalsShow(ana, `Ben: “${STORY}”`);
    await signalsShow(ana, 'Vouched for by Ben');
  });

  it('shows a tip past its interval "Due for review" in the panel, the item view and the Review list; "Still accurate" clears it', async () => {
    // The tip asks for a review every day: two days on, it is due.
    await moveCommunityClock(ben, 2 * DAY_MS + 60_000);

    const b = await openTip(ben);
    await expect
      .poll(() => tipState(b.popup.getByRole('region', { name: 'Signals' })).innerText())
      .toBe('Due for review');
    await b.popup.getByRole('button', { name: 'Back to results' }).click();
    await b.popup.getByRole('button', { name: 'Review tips' }).click();
    const review = b.popup.getByRole('list', { name: 'Tips to review' });
    await expect.poll(() => review.innerText()).toContain(TIP);
    expect(await review.innerText()).toContain('Due for review');
    await closeAll(b.popup, b.page);

    // On the page it applies to: Ben said it helped, so the panel asks whether it is still accurate.
    const visit = await ben.context.newPage();
    await visit.goto(`${pages.origin}/fixtures/no-article.html`);
    await visit.getByRole('button', { name: '1 related tip' }).click();
    const tips = panelOf(visit).getByRole('list', { name: 'Related tips' });
    await expect.poll(() => tipState(tips).innerText()).toBe('Due for review');
    const ask = tips.getByRole('group', { name: `Is “${TIP}” still accurate?` });
    await ask.getByRole('button', { name: 'Still accurate' }).click();
    await expect
      .poll(() => tipState(tips).innerText(), { timeout: 30_000 })
      .toMatch(/^Verified by Ben · /);
    expect(await ask.count()).toBe(0);
    await visit.close();

    const again = await openTip(ben);
    expect(
      await tipState(again.popup.getByRole('region', { name: 'Signals' })).innerText(),
    ).toMatch(/^Verified by Ben · /);
    await again.popup.getByRole('button', { name: 'Back to results' }).click();
    await again.popup.getByRole('button', { name: 'Review tips' }).click();
    await again.popup.getByText('Nothing to review').waitFor();
    await closeAll(again.popup, again.page);
  });

  it('shows "Needs an update: …" until someone says it is still accurate', async () => {
    const b = await openTip(ben);
    const signals = b.popup.getByRole('region', { name: 'Signals' });
    await signals.getByRole('button', { name: 'Needs an update' }).click();
    const form = signals.getByRole('form', { name: 'Needs an update' });
    await form.getByRole('button', { name: 'Send' }).click();
    expect(
      await form.getByText('“Needs an update” needs a note saying what is wrong.').count(),
    ).toBe(1);
    await form.getByLabel('What is out of date?').fill('the channel moved to #platform-help');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => tipState(signals).innerText())
      .toContain('Needs an update: the channel moved to #platform-help (Ben)');
    await pushed(b.popup);
    await closeAll(b.popup, b.page);
    await signalsShow(ana, 'Needs an update: the channel moved to #platform-help (Ben)');

    const again = await openTip(ben);
    const now = again.popup.getByRole('region', { name: 'Signals' });
    await now.getByRole('button', { name: 'Still accurate', exact: true }).click();
    await expect.poll(() => tipState(now).innerText()).toMatch(/^Verified by Ben · /);
    await closeAll(again.popup, again.page);
  });

  it('refuses, in words, a retirement forced by a member who is not its author', async () => {
    const b = await openTip(ben);
    const id = await b.popup.evaluate(async (title) => {
      // What a crafted page of the extension could send; the popup offers no Retire here.
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open('repertoire');
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const pages = await new Promise<{ copies: { item: { id: string; title: string } }[] }[]>(
        (ok) => {
          const all = db.transaction('serverPages').objectStore('serverPages').getAll();
          all.onsuccess = () => ok(all.result as never);
        },
      );
      return pages.flatMap((p) => p.copies).find((c) => c.item.title === title)?.item.id;
    }, TIP);
    expect(id).toBeTruthy();
    await b.popup.evaluate(
      (tipId) =>
        chrome.runtime.sendMessage({ repertoire: 'retireTip', data: { id: tipId, retired: true } }),
      id,
    );
    await b.popup.evaluate(() => chrome.runtime.sendMessage({ repertoire: 'syncNow', data: {} }));
    await closeAll(b.popup, b.page);
    await expect
      .poll(
        async () => {
          const c = await popupOf(ben);
          const text = await c.popup
            .getByRole('alert')
            .innerText()
            .catch(() => '');
          await closeAll(c.popup, c.page);
          return text;
        },
        { timeout: 60_000 },
      )
      .toContain('only its author, Ana, or a steward can retire this tip');
  });

  it('Ana retires her tip: it leaves the panel, and stays searchable, marked Retired', async () => {
    const visit = await ana.context.newPage();
    await visit.goto(`${pages.origin}/fixtures/no-article.html`);
    await visit.getByRole('button', { name: '1 related tip' }).waitFor();

    const a = await openTip(ana);
    const signals = a.popup.getByRole('region', { name: 'Signals' });
    await signals.getByRole('button', { name: 'Retire' }).click();
    await expect.poll(() => tipState(signals).innerText()).toBe('Retired');
    await signals.getByRole('button', { name: 'Restore' }).waitFor();
    await expect.poll(() => visit.locator('repertoire-related').count()).toBe(0);

    await a.popup.getByRole('button', { name: 'Back to results' }).click();
    await a.popup.getByRole('searchbox', { name: 'Search repertoire' }).fill('risky rebases');
    const results = a.popup.getByRole('list', { name: /results/i });
    await expect.poll(() => results.innerText()).toContain(TIP);
    await expect.poll(() => results.innerText()).toContain('Retired');
    await pushed(a.popup);
    await closeAll(a.popup, a.page, visit);
  });
});
