/**
 * A walk through every screen the extension has, with real data made on the way (a clipped
 * corpus article, a snippet, a tip that applies to github.com). The accessibility test checks
 * each screen it reaches, and `npm run screenshots` photographs each one: both see the same
 * screens. Written with Playwright waits only, so it runs outside vitest too.
 */
import type { Locator, Page } from 'playwright-core';
import { message } from './messages';
import { writableFields } from '../../../lib/wire';
import type { Principal } from '../../../server/store/store';
import { sampleItem } from '../../support/items';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './browser';
import {
  indexingBudget,
  joinWithLink,
  seedTips,
  startSyncServer,
  type SyncServer,
} from './community';
import { startPageServer, type PageServer } from './server';

export interface Screen {
  /** A file-name-safe name: popup-empty, options, panel… */
  name: string;
  page: Page;
  /** What of the page is the screen: a selector (the panel's shadow host), or all of it. */
  context?: string;
  /** What to photograph: the popup's column, or the whole viewport. */
  shot: Locator | null;
}

export interface ScreenTour {
  ext: ExtensionBrowser;
  /** Walks every screen, calling `at` once on each, in order. */
  run(at: (screen: Screen) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

const TIP_SITE = 'github.com';
/** The service worker's storage, as the tour sets the community clock there. */
interface StorageGlobal {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
}
const GUILD = 'Question guild';
const ASKED = 'Where do we pin the docs build image?';
const waitText = (locator: Locator, text: string) =>
  locator.filter({ hasText: text }).first().waitFor();

export async function screenTour(): Promise<ScreenTour> {
  const pages: PageServer = await startPageServer();
  const tools: PageServer = await startPageServer({ tls: true });
  const ext = await launchWithExtension({ mapHosts: [TIP_SITE] });
  const toolPort = new URL(tools.origin).port;
  let sync: SyncServer | undefined;

  async function popupFor(path: string): Promise<{ page: Page; popup: Page }> {
    const page = await ext.context.newPage();
    await page.goto(`${pages.origin}${path}`);
    const popup = await openPopup(ext, await tabIdOf(ext, page));
    return { page, popup };
  }

  async function run(at: (screen: Screen) => Promise<void>) {
    const { page: article, popup } = await popupFor('/corpus/ars-1');
    const column = popup.locator('main.popup');
    await popup.getByText('Nothing here yet').waitFor();
    await at({ name: 'popup-empty', page: popup, shot: column });

    await popup.getByRole('button', { name: 'Clip page' }).click();
    await waitText(popup.getByRole('status'), 'Clipped');
    await at({ name: 'popup-clipped', page: popup, shot: column });
    await popup.getByRole('button', { name: 'Clip page' }).click();
    await waitText(popup.getByRole('status'), 'already in this repertoire');
    await at({ name: 'popup-already-clipped', page: popup, shot: column });
    await popup.close();

    const { page: fixture, popup: second } = await popupFor('/fixtures/snippet.html');
    await fixture.evaluate(() => {
      const text = document.getElementById('tip')?.firstChild;
      if (!text) throw new Error('fixture changed');
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, text.textContent?.length ?? 0);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    await second.getByRole('button', { name: 'Clip selection' }).click();
    await waitText(second.getByRole('status'), 'Clipped');

    await second.getByRole('button', { name: 'New tip' }).click();
    await second.getByLabel('Applies to').fill('');
    await second.getByRole('button', { name: 'Save tip' }).click();
    await second.getByRole('alert').first().waitFor();
    await at({ name: 'popup-tip-form-errors', page: second, shot: second.locator('main.popup') });
    await second.getByLabel('Title').fill('Label PRs for the release notes');
    await second
      .getByLabel('Tip', { exact: true })
      .fill(
        'Add the release-note label before merging, so the changelog picks the PR up.\nUse "skip-changelog" for chores.',
      );
    await second.getByLabel('Tags').fill('release github');
    await second.getByLabel('Applies to').fill(`${TIP_SITE}/our-org/*`);
    await second.getByRole('button', { name: 'Save tip' }).click();
    await waitText(second.getByRole('status'), 'Saved the tip');
    await second.close();
    await article.close();

    const { page: blank, popup: third } = await popupFor('/fixtures/snippet.html');
    const list = third.locator('main.popup');
    await third.getByRole('list', { name: 'Recent items' }).waitFor();
    await third.getByRole('listitem').nth(2).waitFor();
    await at({ name: 'popup-recent', page: third, shot: list });

    await third.getByRole('searchbox', { name: 'Search repertoire' }).fill('release');
    await third.getByRole('list', { name: 'Search results' }).waitFor();
    await at({ name: 'popup-search', page: third, shot: list });

    const openFirst = async (query: string, name: string) => {
      await third.getByRole('searchbox', { name: 'Search repertoire' }).fill(query);
      await third.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
      await third.getByRole('article').waitFor();
      await at({ name, page: third, shot: list });
      await third.getByRole('button', { name: 'Back to results' }).click();
    };
    await openFirst('minecraft', 'popup-page');
    await openFirst('autosquash', 'popup-snippet');

    // Editing the snippet: an error beside its field, then a note saved and shown.
    await third.getByRole('searchbox', { name: 'Search repertoire' }).fill('autosquash');
    await third.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
    await third.getByRole('button', { name: 'Edit' }).click();
    const editForm = third.getByRole('form', { name: 'Edit snippet' });
    await editForm.getByLabel('Title').fill('');
    await editForm.getByLabel('Tags').fill('git review');
    await editForm
      .getByLabel('Note')
      .fill('Pairs well with fixup commits.\nAsk in #git-help if a rebase goes wrong.');
    await editForm.getByRole('button', { name: 'Save changes' }).click();
    await third.getByText('Give it a title').waitFor();
    await at({ name: 'popup-edit-snippet', page: third, shot: list });
    await editForm.getByLabel('Title').fill('Fold fixups with git rebase --autosquash');
    await editForm.getByRole('button', { name: 'Save changes' }).click();
    await third.getByRole('region', { name: 'Note' }).waitFor();
    await at({ name: 'popup-snippet-note', page: third, shot: list });
    // The snippet highlighted on its page, its note open.
    const highlighted = await ext.context.newPage();
    await highlighted.goto(`${pages.origin}/fixtures/snippet.html`);
    await highlighted
      .getByRole('button', { name: 'Use git rebase --autosquash to fold fixup commits' })
      .click();
    await highlighted
      .getByRole('dialog', { name: message('en', 'highlights_noteLabel') })
      .waitFor();
    await at({ name: 'highlight', page: highlighted, shot: null });
    await highlighted.close();
    await third.getByRole('button', { name: 'Back to results' }).click();
    await openFirst('release-note label', 'popup-tip');

    await third.getByRole('searchbox', { name: 'Search repertoire' }).fill('autosquash');
    await third.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
    await third.getByRole('button', { name: 'Delete' }).click();
    await third.getByRole('button', { name: 'Undo' }).waitFor();
    await at({ name: 'popup-deleted-undo', page: third, shot: list });
    await third.getByRole('button', { name: 'Recently deleted' }).click();
    await third.getByRole('heading', { name: 'Recently deleted' }).waitFor();
    await third
      .getByRole('button', { name: /^Restore/ })
      .first()
      .waitFor();
    await at({ name: 'popup-recently-deleted', page: third, shot: list });
    await third.close();
    await blank.close();

    const options = await ext.context.newPage();
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Shared communities' }).waitFor();
    await options.getByRole('heading', { name: 'Related tips on the sites you visit' }).waitFor();
    await at({ name: 'options', page: options, shot: null });
    const portable = options.getByRole('region', { name: 'Export and import' });
    await portable.getByRole('button', { name: 'Export as Markdown' }).waitFor();
    await at({ name: 'options-export-import', page: options, shot: portable });
    await portable.getByLabel('File').setInputFiles({
      name: 'bookmarks.html',
      mimeType: 'text/html',
      buffer: Buffer.from(
        '<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><p><DT><H3>Docs</H3><DL><p>' +
          '<DT><A HREF="https://git-scm.com/docs/git-rebase" ADD_DATE="1000000000">git-rebase</A>' +
          '<DT><A HREF="javascript:void(0)">A bookmarklet</A></DL><p></DL><p>',
      ),
    });
    await portable.getByRole('button', { name: 'Import' }).click();
    await portable.getByText(/^bookmarks\.html: Imported 1 item/).waitFor();
    await portable.getByText('1 item not imported, and why').click();
    await at({ name: 'options-import-summary', page: options, shot: portable });
    await options.close();

    const welcome = await ext.context.newPage();
    await welcome.setViewportSize({ width: 900, height: 900 });
    await welcome.goto(`chrome-extension://${ext.extensionId}/welcome.html`);
    await welcome.getByRole('heading', { name: 'Welcome to Repertoire' }).waitFor();
    await at({ name: 'welcome', page: welcome, shot: null });
    await welcome.close();

    const library = await ext.context.newPage();
    await library.setViewportSize({ width: 1000, height: 700 });
    await library.goto(`chrome-extension://${ext.extensionId}/library.html`);
    const rows = library.getByRole('listbox', { name: 'Library items' }).getByRole('option');
    // The tip, the article and the imported bookmark (the snippet was deleted above).
    await rows.nth(1).waitFor();
    await at({ name: 'library', page: library, shot: null });
    await rows.first().click();
    await library.getByRole('article').waitFor();
    await at({ name: 'library-item', page: library, shot: null });
    await library.getByRole('button', { name: 'Back to results' }).click();
    // The article, edited in place.
    await rows.nth(1).click();
    await library.getByRole('button', { name: 'Edit' }).click();
    await library.getByRole('form', { name: 'Edit page' }).waitFor();
    await at({ name: 'library-edit-page', page: library, shot: null });
    await library.close();

    const tool = await ext.context.newPage();
    await tool.setViewportSize({ width: 1000, height: 640 });
    await tool.goto(`https://${TIP_SITE}:${toolPort}/our-org/repo/pull/1`);
    const pill = tool.getByRole('button', { name: /related tips?$/ });
    await pill.waitFor();
    await at({ name: 'panel-pill', page: tool, context: 'repertoire-related', shot: null });
    await pill.click();
    const panel = tool.getByRole('dialog', { name: 'Related tips from your repertoire' });
    await panel.waitFor();
    await panel.getByRole('button', { name: 'Why is this shown?' }).click();
    await at({ name: 'panel', page: tool, context: 'repertoire-related', shot: null });
    await tool.close();
    await questionScreens(at);
    await communityScreens(at);
    await signalScreens(at);
    await indexingScreen(at);
  }

  /** Joining a community of 12,000 tips: the popup while the last 2,000 wait to be indexed. */
  async function indexingScreen(at: (screen: Screen) => Promise<void>) {
    const community = 'Ops guild';
    const ops = await startSyncServer(community);
    try {
      await seedTips(ops, 12_000, (i) => `Runbook step ${i + 1}: drain the node before patching`);
      await indexingBudget(ext, 10_000);
      await joinWithLink(ext, ops.stewardLink, 'Ana', community);
      const { page, popup } = await popupFor('/fixtures/snippet.html');
      await popup.getByLabel('Community').selectOption({ label: community });
      // Stopped with the last 2,000 left, however the run was counted (test/e2e/first-sync.test.ts).
      await popup.waitForFunction(
        () => {
          const bar = document.querySelector('progress');
          return !!bar && bar.value > 0 && bar.max - bar.value === 2_000;
        },
        undefined,
        { timeout: 60_000 },
      );
      await popup.getByRole('searchbox', { name: 'Search repertoire' }).fill('drain node');
      await popup
        .getByRole('list', { name: 'Search results' })
        .getByRole('button')
        .first()
        .waitFor();
      await at({ name: 'popup-indexing', page: popup, shot: popup.locator('main.popup') });
      await indexingBudget(ext, null);
      await popup.getByRole('progressbar').waitFor({ state: 'detached', timeout: 60_000 });
      await popup.close();
      await page.close();
    } finally {
      await indexingBudget(ext, null);
      await ops.close();
    }
  }

  /** A shared community's screens: Start here, a stance, the community's rules and teams. */
  async function communityScreens(at: (screen: Screen) => Promise<void>) {
    const community = 'Platform guild';
    sync = await startSyncServer(community);
    await joinWithLink(ext, sync.stewardLink, 'Ana', community, 'Platform');
    const { page, popup } = await popupFor('/fixtures/snippet.html');
    const column = popup.locator('main.popup');
    await popup.getByLabel('Community').selectOption({ label: community });
    const tips: [string, string, string][] = [
      ['Say hello in #guild', 'Tell us what you work on and what you want to learn.', ''],
      ['Check the deploy checklist', 'Every PR that deploys links it.', `${TIP_SITE}/our-org/*`],
    ];
    for (const [title, body, appliesTo] of tips) {
      await popup.getByRole('button', { name: 'New tip' }).click();
      await popup.getByLabel('Title').fill(title);
      await popup.getByLabel('Tip', { exact: true }).fill(body);
      await popup.getByLabel('Applies to').fill(appliesTo);
      await popup.getByRole('button', { name: 'Save tip' }).click();
      await waitText(popup.getByRole('status'), 'Saved the tip');
      await popup
        .getByRole('list', { name: 'Recent items' })
        .getByRole('button', { name: title })
        .first()
        .click();
      await popup.getByRole('button', { name: 'Add to Start here' }).click();
      await waitText(popup.getByRole('status'), 'to Start here as step');
    }
    await popup.getByRole('button', { name: 'Show Start here' }).click();
    await popup.getByRole('button', { name: 'Edit note: Check the deploy checklist' }).click();
    await popup.getByLabel('Note for step 2').fill('Read this before your first deploy');
    await popup.getByRole('button', { name: 'Save note' }).click();
    await waitText(popup.getByRole('status'), 'Saved the note');
    await popup.getByRole('checkbox', { name: 'Done: Say hello in #guild' }).check();
    await at({ name: 'popup-start-here', page: popup, shot: column });
    await popup.getByRole('button', { name: 'Back to results' }).click();
    await popup.getByRole('button', { name: 'Open Start here' }).waitFor();
    await at({ name: 'popup-start-here-offer', page: popup, shot: column });

    await popup.getByRole('button', { name: 'Propose a stance' }).click();
    await popup.getByRole('button', { name: 'Propose stance' }).click();
    await popup.getByText('Choose Adopt, Trial, Hold or Retire.').waitFor();
    await at({ name: 'popup-stance-form-errors', page: popup, shot: column });
    await popup.getByLabel('Tool').fill('tool:github');
    await popup.getByRole('radio', { name: /^Adopt/ }).check();
    await popup
      .getByLabel('Reason')
      .fill('Reviews, CI and releases in one place; every team uses it.');
    await popup.getByRole('button', { name: 'Propose stance' }).click();
    await popup.getByRole('button', { name: 'Agree', exact: true }).click();
    await popup.getByRole('button', { name: 'Take back my agreement' }).waitFor();
    await at({ name: 'popup-stance', page: popup, shot: column });
    await popup.getByRole('button', { name: 'Back to results' }).click();
    await popup.getByRole('list', { name: 'Stances' }).getByRole('button').first().waitFor();
    await at({ name: 'popup-stances', page: popup, shot: column });
    await popup.close();
    await page.close();

    const options = await ext.context.newPage();
    await options.setViewportSize({ width: 900, height: 1200 });
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.getByText(`Community rules of ${community}`).click();
    await options
      .getByRole('form', { name: `Community rules of ${community}` })
      .getByLabel('Review tips every (days)')
      .waitFor();
    await at({ name: 'options-community', page: options, shot: null });
    await options.close();

    const tool = await ext.context.newPage();
    await tool.setViewportSize({ width: 1000, height: 640 });
    await tool.goto(`https://${TIP_SITE}:${toolPort}/our-org/repo/pull/2`);
    await tool.getByRole('button', { name: /^Start here · step 2 of 2/ }).click();
    await tool.getByRole('region', { name: 'Start here' }).waitFor();
    await at({ name: 'panel-start-here', page: tool, context: 'repertoire-related', shot: null });
    await tool.close();
  }

  /** A shared tip's signals and its review, two days past its interval (the clock moved). */
  async function signalScreens(at: (screen: Screen) => Promise<void>) {
    const guild = 'Review guild';
    const review = await startSyncServer(guild);
    try {
      await joinWithLink(ext, review.stewardLink, 'Ana', guild);
      const { page, popup } = await popupFor('/fixtures/no-article.html');
      const column = popup.locator('main.popup');
      await popup.getByLabel('Community').selectOption({ label: guild });
      await popup.getByRole('button', { name: 'New tip' }).click();
      await popup.getByLabel('Title').fill('Pair on risky rebases');
      await popup.getByLabel('Tip', { exact: true }).fill('Ask in #platform-help first.');
      await popup.getByLabel('Applies to').fill(`${TIP_SITE}/our-org/*`);
      await popup.getByLabel('Review every N days').fill('1');
      await popup.getByRole('button', { name: 'Save tip' }).click();
      await waitText(popup.getByRole('status'), 'Saved the tip');
      await ext.worker.evaluate(
        (ms) =>
          (globalThis as unknown as StorageGlobal).chrome.storage.local.set({ clockOffsetMs: ms }),
        2 * 86_400_000,
      );
      await popup.getByRole('button', { name: /Pair on risky rebases/ }).click();
      const signals = popup.getByRole('region', { name: 'Signals' });
      await waitText(signals, 'Due for review');
      await signals
        .getByLabel('How it helped (optional)')
        .fill('caught the prod migration before it locked the table');
      await signals.getByRole('button', { name: 'Helped me' }).click();
      await signals.getByRole('button', { name: 'I vouch for this' }).click();
      await waitText(signals, 'Vouched for by Ana');
      await signals.getByRole('group', { name: 'Still accurate?' }).waitFor();
      await at({ name: 'popup-tip-signals', page: popup, shot: column });
      await popup.getByRole('button', { name: 'Back to results' }).click();
      await popup.getByRole('button', { name: 'Review tips' }).click();
      await popup.getByRole('list', { name: 'Tips to review' }).waitFor();
      await at({ name: 'popup-review', page: popup, shot: column });
      await popup.close();
      await page.close();

      const tool = await ext.context.newPage();
      await tool.setViewportSize({ width: 1000, height: 720 });
      await tool.goto(`https://${TIP_SITE}:${toolPort}/our-org/repo/pull/2`);
      await tool.getByRole('button', { name: /related tips$/ }).click();
      const panel = tool.getByRole('dialog', { name: 'Related tips from your repertoire' });
      await panel.getByRole('group', { name: /still accurate\?$/ }).waitFor();
      await at({ name: 'panel-tip-state', page: tool, context: 'repertoire-related', shot: null });
      await tool.close();
    } finally {
      await review.close();
    }
  }

  /** Questions: Ana asks about a page, Ben (writing on the server) asks and answers. */
  async function questionScreens(at: (screen: Screen) => Promise<void>) {
    const sync = await startSyncServer(GUILD);
    try {
      /** Another member, Ben, writing on the server as his client would. */
      const joined = await sync.store.redeemInvite(
        (
          await sync.store.createInvite(sync.communityId, {
            role: 'member',
            maxUses: 1,
            expiresInHours: 1,
          })
        ).code,
        'Ben',
      );
      const ben: Principal | undefined = joined.ok
        ? await sync.store.authenticate(joined.token)
        : undefined;
      if (!ben) throw new Error('Ben could not join the screen tour’s community');
      const member = ben;
      let benSeq = 0;
      async function benWrites(kind: 'question' | 'tip', values: Record<string, unknown>) {
        const item = sampleItem(kind, { community: sync.communityId, tags: [], ...values });
        const stored = item as unknown as Record<string, unknown>;
        const fields = Object.fromEntries(
          writableFields(kind).map((f) => [f, { value: stored[f], base: 0 }]),
        );
        benSeq += 1;
        const [result] = await sync.store.push(member, 'ben-client', [
          { op: 'set', seq: benSeq, at: Date.now() * 1000 + benSeq, itemId: item.id, kind, fields },
        ]);
        if (result?.status !== 'applied') throw new Error(`Ben’s ${kind} was not applied`);
      }
      /** The id the server gave Ana's question, to answer it, once her client has pushed it. */
      async function askedId(): Promise<string> {
        for (;;) {
          const pulled = await sync.store.pull(sync.communityId, 0, 1000, 16 * 1_048_576);
          if (!pulled.ok) throw new Error('the screen tour could not read its server');
          const item = pulled.changes
            .map((change) => (JSON.parse(change) as { item: { id: string; title: string } }).item)
            .find((i) => i.title === ASKED);
          if (item) return item.id;
          await new Promise((done) => setTimeout(done, 250));
        }
      }

      // Questions go to a shared community: Ana joins one, where Ben asks about GitHub.
      await benWrites('question', {
        title: 'Who reviews changes to the CI workflows?',
        details: 'Our CODEOWNERS file names a team that no longer exists.',
        appliesTo: [TIP_SITE],
        author: 'Ben',
      });
      await joinWithLink(ext, sync.stewardLink, 'Ana', GUILD);
      const { page: plain, popup: asker } = await popupFor('/fixtures/snippet.html');
      const askColumn = asker.locator('main.popup');
      await asker.getByLabel('Community').selectOption({ label: GUILD });
      await asker.getByRole('button', { name: 'Ask about this page' }).click();
      const ask = asker.getByRole('form', { name: 'Ask the community' });
      await ask.getByRole('button', { name: 'Ask' }).click();
      await asker.getByRole('alert').first().waitFor();
      await at({ name: 'popup-ask-errors', page: asker, shot: askColumn });
      await ask.getByLabel('Your question').fill(ASKED);
      await ask
        .getByLabel('Details')
        .fill('The docs job broke after the runner update; which file holds the image tag?');
      await ask.getByRole('button', { name: 'Ask' }).click();
      await waitText(asker.getByRole('status'), 'Asked');
      await asker
        .getByRole('list', { name: 'Open questions' })
        .getByRole('listitem')
        .nth(1)
        .waitFor();
      await at({ name: 'popup-questions', page: asker, shot: askColumn });
      await asker.close();
      await plain.close();

      // Ben answers; Ana's next popup that has synced tells her, once.
      await benWrites('tip', {
        title: 'Pin it in .github/docs-image',
        body: 'The docs job reads the image tag from `.github/docs-image`; bump it there.',
        appliesTo: [`${TIP_SITE}/our-org/*`],
        answers: [await askedId()],
        author: 'Ben',
      });
      for (;;) {
        const { page, popup } = await popupFor('/fixtures/snippet.html');
        const told = popup.getByRole('status', { name: 'Answers to your questions' });
        const seen = await told.waitFor({ timeout: 15_000 }).then(
          () => true,
          () => false,
        );
        if (seen) {
          await at({ name: 'popup-answered', page: popup, shot: popup.locator('main.popup') });
          // Told; out of the way of the question's answers.
          await told.getByRole('button', { name: 'Dismiss' }).click();
          await popup.getByRole('button', { name: /open questions?$/ }).click();
          await popup.getByRole('button', { name: ASKED }).click();
          await popup.getByRole('list', { name: 'Answers' }).waitFor();
          await at({ name: 'popup-question', page: popup, shot: popup.locator('main.popup') });
          await popup.close();
          await page.close();
          break;
        }
        await popup.close();
        await page.close();
      }

      const here = await ext.context.newPage();
      await here.setViewportSize({ width: 1000, height: 900 });
      await here.goto(`https://${TIP_SITE}:${toolPort}/our-org/repo/pull/1`);
      await here.getByRole('button', { name: /related tips?$/ }).click();
      const questions = here.getByRole('list', { name: '1 open question here' });
      await questions.waitFor();
      // The panel scrolls: its questions, under the tips, are what this screen is for.
      await questions.getByRole('button', { name: 'Answer with a tip' }).scrollIntoViewIfNeeded();
      await at({ name: 'panel-questions', page: here, context: 'repertoire-related', shot: null });
      await here.close();
    } finally {
      await sync.close();
    }
  }

  return {
    ext,
    run,
    async close() {
      await ext.close();
      await pages.close();
      await tools.close();
      await sync?.close();
    },
  };
}
