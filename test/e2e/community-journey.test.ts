/**
 * Issue #13's community journey, in one story with three members, each in their own Chromium
 * profile, on one sync server. Ana (team Platform) created the community and is its steward; Ben
 * (Platform) is a member; Cy (Support) joins on the way. Ana asks from a search with no result,
 * about the GitHub tool; Ben sees "1 open question here" on GitHub (served from loopback) and
 * answers with a tip; Ana is told "Answered by Ben" and marks "This answered it" with a story.
 * Ana makes Ben's tip the first step of Start here; Cy, just joined, sees it in the popup and
 * "Start here · step 1 of 1" on GitHub. Ben proposes "Adopt" for GitHub, Ana and Cy agree: the
 * panel says no community stance until Cy's community clock is moved past the rule's days, then
 * "Community stance: Adopt — 3 members, 2 teams". Moved past the tip's review interval, the tip is
 * "Due for review" until Cy says "Still accurate", and then "Verified by Cy".
 * Each step is its own test, in order, reading only what the steps before it wrote.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lib/community/review';
import { DEFAULT_SETTINGS } from '../../lib/wire';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { joinWithLink, startSyncServer, type SyncServer } from './support/community';
import {
  answerFromPanel,
  closeAll,
  inviteLink,
  moveCommunityClock,
  openWhenSynced,
  panelOf,
  popupAt,
  popupUntil,
  pushed,
  statusOf,
  tipState,
} from './support/members';
import { startPageServer, type PageServer } from './support/server';

const GUILD = 'Platform guild';
const QUESTION = 'How do we use the merge queue';
const ANSWER = 'Merge queue: add the label, then wait';
const STORY = 'Got my PR in before the freeze.';
const VERIFIED = /^Verified by Cy \(Support\) · /;
let sync: SyncServer;
let pages: PageServer;
let tools: PageServer;
let ana: ExtensionBrowser;
let ben: ExtensionBrowser;
let cy: ExtensionBrowser;
/** Cy's tab on GitHub, kept from the step she first visits it to the last. */
let cyGithub: Page;

beforeAll(async () => {
  sync = await startSyncServer(GUILD);
  pages = await startPageServer();
  tools = await startPageServer({ tls: true });
  const launch = () => launchWithExtension({ mapHosts: ['github.com'] });
  [ana, ben, cy] = await Promise.all([launch(), launch(), launch()]);
  await joinWithLink(ana, sync.stewardLink, 'Ana', GUILD, 'Platform');
  await joinWithLink(ben, await inviteLink(ana, GUILD), 'Ben', GUILD, 'Platform');
});
afterAll(async () => {
  await Promise.all([ana, ben, cy].map((ext) => ext?.close()));
  await pages?.close();
  await tools?.close();
  await sync?.close();
});

const github = () => `https://github.com:${new URL(tools.origin).port}/our-org/repo/pulls`;
/** The popup on a tab showing GitHub, or a plain page, on the shared community. */
const onGithub = (ext: ExtensionBrowser) => () => popupAt(ext, github(), GUILD);
const onPlainPage = (ext: ExtensionBrowser) => () =>
  popupAt(ext, `${pages.origin}/fixtures/snippet.html`, GUILD);

/** Opens the item titled `title` from a search in the popup. */
async function openFound(popup: Page, title: string) {
  await popup.getByRole('searchbox', { name: 'Search repertoire' }).fill(title);
  await popup
    .getByRole('button', { name: new RegExp(title) })
    .first()
    .click();
  await popup.getByRole('heading', { name: title }).waitFor();
}

/** Cy's GitHub tab reloaded, with the panel opened from its pill. */
async function cyPanel() {
  await cyGithub.reload();
  await cyGithub.getByRole('button', { name: /1 related tip$/ }).click({ timeout: 60_000 });
  return panelOf(cyGithub);
}

describe('the community journey: ask, answer, Start here, a stance, a review', () => {
  it('Ana asks from a search with no result, about the GitHub tool', async () => {
    const { page, popup } = await onGithub(ana)();
    await popup.getByRole('searchbox', { name: 'Search repertoire' }).fill(QUESTION);
    await popup.getByRole('button', { name: 'Ask the community' }).click();
    const form = popup.getByRole('form', { name: 'Ask the community' });
    await expect.poll(() => form.getByLabel('Your question').inputValue()).toBe(QUESTION);
    expect(await form.getByLabel('Applies to').inputValue()).toBe(new URL(github()).host);
    await form.getByLabel('Applies to').selectOption({ label: 'The tool GitHub' });
    await form.getByLabel('Details').fill('The docs say “use the queue”, but where is it?');
    await form.getByRole('button', { name: 'Ask' }).click();
    await expect.poll(() => statusOf(popup)).toContain(`Asked “${QUESTION}”`);
    const list = popup.getByRole('list', { name: 'Open questions' });
    await expect.poll(() => list.innerText()).toContain(QUESTION);
    await pushed(popup);
    await closeAll(popup, page);
  });

  it('Ben sees "1 open question here" on GitHub and answers it with a tip', async () => {
    const { popup, page } = await popupUntil(onGithub(ben), (p) =>
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
    await pushed(form);
    await closeAll(form, page);
  });

  it('Ana is told "Answered by Ben", and marks "This answered it" with a story', async () => {
    const { popup, page } = await popupUntil(onGithub(ana), (p) =>
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
    await pushed(popup);
    await closeAll(popup, page);
  });

  it('Cy, just joined, sees Start here, made of Ben’s tip, in the popup and on GitHub', async () => {
    // Ana, the steward, makes Ben's answer the first step of Start here.
    const a = await onPlainPage(ana)();
    await openFound(a.popup, ANSWER);
    await a.popup.getByRole('button', { name: 'Add to Start here' }).click();
    await expect.poll(() => statusOf(a.popup)).toContain(`Added “${ANSWER}” to Start here`);
    await a.popup.getByRole('button', { name: 'Show Start here' }).click();
    await a.popup.getByRole('button', { name: `Edit note: ${ANSWER}` }).click();
    await a.popup.getByLabel('Note for step 1').fill('Read this before your first merge');
    await a.popup.getByRole('button', { name: 'Save note' }).click();
    const steps = a.popup.getByRole('list', { name: 'Start here steps' });
    await expect.poll(() => steps.innerText()).toContain('Read this before your first merge');
    await pushed(a.popup);
    await closeAll(a.popup, a.page);

    await joinWithLink(cy, await inviteLink(ana, GUILD), 'Cy', GUILD, 'Support');
    const c = await onPlainPage(cy)();
    const offer = c.popup.getByRole('navigation', { name: 'Start here and stances' });
    await offer.getByRole('button', { name: 'Open Start here' }).click({ timeout: 60_000 });
    const cySteps = c.popup.getByRole('list', { name: 'Start here steps' });
    await expect.poll(() => cySteps.innerText()).toContain('Read this before your first merge');
    expect(await cySteps.innerText()).toContain(ANSWER);
    expect(await cySteps.innerText()).toContain('by Ben');
    await closeAll(c.popup, c.page);

    cyGithub = await cy.context.newPage();
    await cyGithub.goto(github());
    const pill = cyGithub.getByRole('button', {
      name: /^Start here · step 1 of 1 · 1 related tip$/,
    });
    await pill.click({ timeout: 60_000 });
    const here = panelOf(cyGithub).getByRole('region', { name: 'Start here' });
    // Its heading is shown in capitals, by style: its text is as written.
    await here.getByText('Start here · step 1 of 1', { exact: true }).waitFor();
    expect(await here.innerText()).toContain('Read this before your first merge');
    expect(await here.innerText()).toContain(`“${ANSWER}” by Ben`);
  });

  it('Ben proposes "Adopt" for GitHub; agreed across two teams, it is the community’s stance once the rule’s days pass', async () => {
    const b = await onPlainPage(ben)();
    await b.popup.getByRole('button', { name: 'Propose a stance' }).click();
    await b.popup.getByLabel('Tool').fill('tool:github');
    await b.popup.getByRole('radio', { name: /^Adopt/ }).check();
    await b.popup.getByLabel('Reason').fill('Reviews and CI in one place; every team uses it.');
    await b.popup.getByRole('button', { name: 'Propose stance' }).click();
    await b.popup.getByRole('heading', { name: 'Adopt GitHub' }).waitFor();
    await b.popup.getByRole('button', { name: 'Agree', exact: true }).click();
    await b.popup.getByRole('button', { name: 'Take back my agreement' }).waitFor();
    await pushed(b.popup);
    await closeAll(b.popup, b.page);

    for (const [ext, who] of [
      [ana, 'Ben (Platform)'],
      [cy, 'Ana (Platform)'],
    ] as const) {
      const open = await openWhenSynced(onPlainPage(ext), /Adopt GitHub/, who);
      await open.popup.getByLabel('Your reason (optional)').fill('We use it already.');
      await open.popup.getByRole('button', { name: 'Agree', exact: true }).click();
      await open.popup.getByRole('button', { name: 'Take back my agreement' }).waitFor();
      await pushed(open.popup);
      if (ext === cy) {
        await expect
          .poll(() => open.popup.locator('.agreement').innerText())
          .toBe(
            `Not the community’s yet: 3 members, 2 teams agree; no objection for 0 of ${DEFAULT_SETTINGS.stanceDays} days.`,
          );
      }
      await closeAll(open.popup, open.page);
    }

    // Agreed, but not for the rule's days yet: the panel on GitHub says no community stance.
    const before = await cyPanel();
    await expect.poll(() => before.innerText()).toContain(ANSWER);
    expect(await before.innerText()).not.toContain('Community stance');

    // A day past the rule's days, on Cy's community clock: the community's stance.
    await moveCommunityClock(cy, (DEFAULT_SETTINGS.stanceDays + 1) * DAY_MS);
    const after = await cyPanel();
    await expect
      .poll(() => after.getByRole('region', { name: 'Community stance' }).innerText())
      .toContain('Community stance: Adopt — 3 members, 2 teams');
    // Ana and Cy each wait for the stance to reach them: minutes, on a busy machine.
  }, 600_000);

  it('Ben’s tip, past its review interval, is "Due for review" until Cy says "Still accurate"', async () => {
    // A day past the community's review interval, which Ben's tip does not change.
    await moveCommunityClock(cy, (DEFAULT_SETTINGS.reviewIntervalDays + 1) * DAY_MS);
    const tips = (await cyPanel()).getByRole('list', { name: 'Related tips' });
    await expect.poll(() => tips.innerText()).toContain(ANSWER);
    await expect.poll(() => tipState(tips).innerText()).toBe('Due for review');

    const c = await onPlainPage(cy)();
    await openFound(c.popup, ANSWER);
    const signals = c.popup.getByRole('region', { name: 'Signals' });
    await expect.poll(() => tipState(signals).innerText()).toBe('Due for review');
    await signals.getByRole('button', { name: 'Still accurate', exact: true }).click();
    await pushed(c.popup);
    // As the community has it: by Cy, of team Support.
    await expect.poll(() => tipState(signals).innerText()).toMatch(VERIFIED);
    await closeAll(c.popup, c.page);

    const again = (await cyPanel()).getByRole('list', { name: 'Related tips' });
    await expect.poll(() => tipState(again).innerText()).toMatch(VERIFIED);
    expect(await again.innerText()).not.toContain('Due for review');
    await cyGithub.close();
  });
});
