/**
 * Paths, teams and stances across three members, three Chromium profiles and one sync server:
 * Ana (a steward, team Platform) builds the Start here path, with a step whose tip applies to
 * github.com (served from loopback); Cy joins with team Support, sees Start here in the popup
 * and "Start here · step 1 of 2" in the panel on GitHub; Ben (Platform) proposes "Adopt" for
 * GitHub, and Ben, Ana and Cy agree; once Cy's community clock is moved past the rule's 7 days,
 * the panel there says "Community stance: Adopt — 3 members, 2 teams".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { joinWithLink, startSyncServer, type SyncServer } from './support/community';
import {
  closeAll,
  inviteLink,
  moveCommunityClock,
  openWhenSynced,
  panelOf,
  popupAt,
  popupUntil,
  pushed,
} from './support/members';
import { startPageServer, type PageServer } from './support/server';

const COMMUNITY = 'Platform guild';
const DAY_MS = 86_400_000;

let server: SyncServer;
let pages: PageServer;
let tools: PageServer;
let ana: ExtensionBrowser;
let ben: ExtensionBrowser;
let cy: ExtensionBrowser;

beforeAll(async () => {
  server = await startSyncServer(COMMUNITY);
  pages = await startPageServer();
  tools = await startPageServer({ tls: true });
  const launch = () => launchWithExtension({ mapHosts: ['github.com'] });
  [ana, ben, cy] = await Promise.all([launch(), launch(), launch()]);
});
afterAll(async () => {
  await Promise.all([ana, ben, cy].map((ext) => ext?.close()));
  await pages?.close();
  await tools?.close();
  await server?.close();
});

const github = () => `https://github.com:${new URL(tools.origin).port}/our-org/repo/pull/7`;

/** A popup on a plain page, in the shared community. */
const popupOf = (ext: ExtensionBrowser) =>
  popupAt(ext, `${pages.origin}/fixtures/snippet.html`, COMMUNITY);

async function writeTip(popup: Page, title: string, body: string, appliesTo = '') {
  await popup.getByRole('button', { name: 'New tip' }).click();
  await popup.getByLabel('Title').fill(title);
  await popup.getByLabel('Tip', { exact: true }).fill(body);
  await popup.getByLabel('Applies to').fill(appliesTo);
  await popup.getByRole('button', { name: 'Save tip' }).click();
  await expect.poll(() => popup.getByRole('status').last().innerText()).toContain('Saved the tip');
}

describe('Start here paths, teams and stances', () => {
  it('guides a newcomer and agrees a stance across teams', async () => {
    await joinWithLink(ana, server.stewardLink, 'Ana', COMMUNITY, 'Platform');

    // Ana, a steward, builds Start here: two tips, the GitHub one moved up by keyboard.
    const a = await popupOf(ana);
    await writeTip(a.popup, 'Say hello in #guild', 'Tell us what you work on.');
    await writeTip(
      a.popup,
      'Label PRs for the release notes',
      'Add the release-note label before you merge.',
      'github.com/our-org/*',
    );
    for (const title of ['Say hello in #guild', 'Label PRs for the release notes']) {
      await a.popup
        .getByRole('list', { name: 'Recent items' })
        .getByRole('button', { name: new RegExp(title) })
        .click();
      await a.popup.getByRole('button', { name: 'Add to Start here' }).click();
      await expect
        .poll(() => a.popup.getByRole('status').last().innerText())
        .toContain(`Added “${title}” to Start here`);
      if (title.startsWith('Say'))
        await a.popup.getByRole('button', { name: 'Back to results' }).click();
    }
    await a.popup.getByRole('button', { name: 'Show Start here' }).click();
    const steps = a.popup.getByRole('list', { name: 'Start here steps' });
    const moveUp = a.popup.getByRole('button', {
      name: 'Move up: Label PRs for the release notes',
    });
    await moveUp.focus();
    await a.popup.keyboard.press('Enter');
    await expect
      .poll(() => steps.getByRole('listitem').first().innerText())
      .toContain('1. Label PRs for the release notes');
    // The focus stays with the step moved (now first, so on its Move down).
    await expect
      .poll(() => a.popup.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move down: Label PRs for the release notes');
    await a.popup
      .getByRole('button', { name: 'Edit note: Label PRs for the release notes' })
      .click();
    await a.popup.getByLabel('Note for step 1').fill('Read this before your first deploy');
    await a.popup.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => steps.innerText()).toContain('Read this before your first deploy');
    await pushed(a.popup);
    await Promise.all([a.popup.close(), a.page.close()]);

    await joinWithLink(ben, await inviteLink(ana, COMMUNITY), 'Ben', COMMUNITY, 'Platform');
    await joinWithLink(cy, await inviteLink(ana, COMMUNITY), 'Cy', COMMUNITY, 'Support');

    // Cy, just joined, is offered Start here at the top of the popup.
    const c = await popupOf(cy);
    const offer = c.popup.getByRole('navigation', { name: 'Start here and stances' });
    await offer.getByRole('button', { name: 'Open Start here' }).click({ timeout: 60_000 });
    const cySteps = c.popup.getByRole('list', { name: 'Start here steps' });
    await expect.poll(() => cySteps.innerText()).toContain('Read this before your first deploy');
    expect(await cySteps.innerText()).toContain('by Ana');
    // A newcomer reads the path; only curators change it.
    expect(await c.popup.getByRole('button', { name: /^Move up/ }).count()).toBe(0);
    for (const colorScheme of ['light', 'dark'] as const) {
      await c.popup.emulateMedia({ colorScheme });
      await expectNoSeriousA11yViolations(c.popup, { screen: `Start here (${colorScheme})` });
    }
    await Promise.all([c.popup.close(), c.page.close()]);

    // On GitHub, Cy's first visit says which step this is.
    const tool = await cy.context.newPage();
    await tool.goto(github());
    const pill = tool.getByRole('button', { name: /^Start here · step 1 of 2 · 1 related tip$/ });
    await pill.click({ timeout: 60_000 });
    const here = panelOf(tool).getByRole('region', { name: 'Start here' });
    expect(await here.innerText()).toContain('Read this before your first deploy');
    expect(await here.innerText()).toContain('by Ana');

    // Ben proposes Adopt for GitHub and agrees; Ana and Cy agree, from two teams.
    const b = await popupOf(ben);
    await b.popup.getByRole('button', { name: 'Propose a stance' }).click();
    await b.popup.getByLabel('Tool').fill('tool:github');
    await b.popup.getByRole('radio', { name: /^Adopt/ }).check();
    await b.popup.getByLabel('Reason').fill('Reviews and CI in one place; every team uses it.');
    await b.popup.getByRole('button', { name: 'Propose stance' }).click();
    await b.popup.getByRole('heading', { name: 'Adopt GitHub' }).waitFor();
    await b.popup.getByRole('button', { name: 'Agree', exact: true }).click();
    await b.popup.getByRole('button', { name: 'Take back my agreement' }).waitFor();
    await pushed(b.popup);
    await Promise.all([b.popup.close(), b.page.close()]);

    for (const [ext, who] of [
      [ana, 'Ben (Platform)'],
      [cy, 'Ana (Platform)'],
    ] as const) {
      const open = await openWhenSynced(() => popupOf(ext), /Adopt GitHub/, who);
      await open.popup.getByLabel('Your reason (optional)').fill('We use it already.');
      await open.popup.getByRole('button', { name: 'Agree', exact: true }).click();
      await open.popup.getByRole('button', { name: 'Take back my agreement' }).waitFor();
      await pushed(open.popup);
      if (ext === cy) {
        await expect
          .poll(() => open.popup.locator('.agreement').innerText())
          .toBe('Not the community’s yet: 3 members, 2 teams agree; no objection for 0 of 7 days.');
        for (const colorScheme of ['light', 'dark'] as const) {
          await open.popup.emulateMedia({ colorScheme });
          await expectNoSeriousA11yViolations(open.popup, { screen: `stance (${colorScheme})` });
        }
      }
      await Promise.all([open.popup.close(), open.page.close()]);
    }

    // Not yet the community's on GitHub: the rule wants 7 days without objection.
    await tool.reload();
    await pill.click({ timeout: 60_000 });
    expect(await panelOf(tool).innerText()).not.toContain('Community stance');

    // Eight days later, on Cy's community clock: the panel says the community's stance.
    await moveCommunityClock(cy, 8 * DAY_MS);
    await tool.reload();
    await pill.click({ timeout: 60_000 });
    const stance = panelOf(tool).getByRole('region', { name: 'Community stance' });
    await expect
      .poll(() => stance.innerText(), { timeout: 30_000 })
      .toContain('Community stance: Adopt — 3 members, 2 teams');
    for (const colorScheme of ['light', 'dark'] as const) {
      await tool.emulateMedia({ colorScheme });
      await expectNoSeriousA11yViolations(tool, {
        context: 'repertoire-related',
        screen: `panel with Start here and a stance (${colorScheme})`,
      });
    }

    // Its reasons open in the popup, with who agreed and their teams.
    const opened = cy.context.waitForEvent('page');
    await stance.getByRole('button', { name: 'Why: see the reasons' }).click();
    const reasons = await opened;
    await reasons.getByRole('heading', { name: 'Adopt GitHub' }).waitFor();
    await expect
      .poll(() => reasons.getByRole('list', { name: 'Agreed' }).innerText())
      .toContain('Cy (Support)');
    await reasons.close();
    await tool.close();

    // Every stance in one list, the community's first; Back from one returns to the list.
    const list = await popupOf(cy);
    await list.popup
      .getByRole('navigation', { name: 'Start here and stances' })
      .getByRole('button', { name: 'Stances' })
      .click();
    const stances = list.popup.getByRole('list', { name: 'Stances' });
    await expect
      .poll(() => stances.getByRole('listitem').first().innerText())
      .toMatch(/Adopt: GitHub[\s\S]*The community’s · 3 members, 2 teams agree · Ben/);
    for (const colorScheme of ['light', 'dark'] as const) {
      await list.popup.emulateMedia({ colorScheme });
      await expectNoSeriousA11yViolations(list.popup, { screen: `stances (${colorScheme})` });
    }
    await stances.getByRole('button', { name: /Adopt: GitHub/ }).click();
    await list.popup.getByRole('heading', { name: 'Adopt GitHub' }).waitFor();
    await list.popup.getByRole('button', { name: 'Back to results' }).click();
    await list.popup.getByRole('heading', { name: 'Stances on tools' }).waitFor();
    await closeAll(list.popup, list.page);
  });

  it('lets a steward choose Ben as a curator, who can then add to Start here', async () => {
    // Ben is not a curator yet: his item view has no "Add to Start here".
    const before = await openWhenSynced(() => popupOf(ben), /Say hello in #guild/, 'Tell us');
    expect(await before.popup.getByRole('button', { name: 'Add to Start here' }).count()).toBe(0);
    await closeAll(before.popup, before.page);

    const options = await ana.context.newPage();
    await options.goto(`chrome-extension://${ana.extensionId}/options.html`);
    await options.getByText(`Community rules of ${COMMUNITY}`).click();
    await options.getByRole('radio', { name: /Stewards and chosen members/ }).check();
    const picker = options.getByRole('group', { name: 'Members who may curate paths' });
    // The members the server lists, with their teams; Ana, a steward, curates already.
    await expect.poll(() => picker.innerText()).toContain('Ben · Platform');
    expect(await picker.innerText()).toContain('Cy · Support');
    expect(await picker.getByRole('checkbox').count()).toBe(2);
    await picker.getByRole('checkbox', { name: /Ben/ }).check();
    await options.getByRole('button', { name: 'Save rules' }).click();
    await expect
      .poll(() => options.getByRole('status').last().innerText())
      .toContain(`Saved. Every member of ${COMMUNITY} gets them at their next sync.`);
    for (const colorScheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme });
      await expectNoSeriousA11yViolations(options, { screen: `curators (${colorScheme})` });
    }
    await options.close();

    // Once Ben's browser has the new settings, he curates: he adds his own tip as step 3, and
    // the server takes it (a refused write would leave the path at 2 steps once pushed).
    const b = await popupUntil(
      () => openWhenSynced(() => popupOf(ben), /Say hello in #guild/, 'Tell us'),
      async (popup) => (await popup.getByRole('button', { name: 'Add to Start here' }).count()) > 0,
    );
    await b.popup.getByRole('button', { name: 'Back to results' }).click();
    await writeTip(b.popup, 'Pair on risky rebases', 'Ask for a pair before rebasing main.');
    await b.popup
      .getByRole('list', { name: 'Recent items' })
      .getByRole('button', { name: /Pair on risky rebases/ })
      .click();
    await b.popup.getByRole('button', { name: 'Add to Start here' }).click();
    await expect
      .poll(() => b.popup.getByRole('status').last().innerText())
      .toContain('Added “Pair on risky rebases” to Start here as step 3');
    await pushed(b.popup);
    await closeAll(b.popup, b.page);
    const a = await popupUntil(
      () => popupOf(ana),
      async (popup) => {
        await popup
          .getByRole('navigation', { name: 'Start here and stances' })
          .getByRole('button', { name: /Start here$/ })
          .click({ timeout: 5_000 });
        const text = await popup.getByRole('list', { name: 'Start here steps' }).innerText();
        return text.includes('3. Pair on risky rebases');
      },
    );
    expect(await a.popup.getByRole('list', { name: 'Start here steps' }).innerText()).toContain(
      'by Ben',
    );
    await closeAll(a.popup, a.page);
  });
});
