/**
 * Two members, two Chromium profiles, one sync server on SQLite: A (a steward) invites B with a
 * link made in the settings; A shares a tip, B sees it after sync, without Edit or Delete; B says
 * it helped, A sees the endorsement. B deletes a tip of B's own, undoes it, deletes it again (A
 * sees it go) and restores it from Recently deleted (A sees it back). Open pages hear each change
 * of sync status as the background pushes it, also after the service worker restarted.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stewardInvite } from '../../server/bootstrap';
import { listen, type RunningServer } from '../../server/serve';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { startPageServer, type PageServer } from './support/server';
import { controlWorker } from './support/worker';

let dir: string;
let store: Store;
let server: RunningServer;
let pages: PageServer;
let ana: ExtensionBrowser;
let ben: ExtensionBrowser;
let stewardCode: string;
let communityId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'repertoire-sync-e2e-'));
  store = await openSqliteStore(join(dir, 'server.sqlite'));
  const boot = await stewardInvite(store, 'Platform guild');
  [stewardCode, communityId] = [boot.stewardInvite.code, boot.communityId];
  server = await startServer(0);
  pages = await startPageServer();
  [ana, ben] = [await launchWithExtension(), await launchWithExtension()];
});
afterAll(async () => {
  await ana?.close();
  await ben?.close();
  await pages?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function startServer(port: number): Promise<RunningServer> {
  return listen({
    store,
    host: '127.0.0.1',
    port,
    maxBodyBytes: 4 * 1_048_576,
    rateLimit: { perMinute: 6_000, burst: 1_000 },
  });
}

/** Joins with a bare code and the server's address, or with a link (which names the server). */
async function joinAs(
  ext: ExtensionBrowser,
  invite: { code: string } | { link: string },
  name: string,
) {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  if ('code' in invite) {
    await options.getByLabel('Invite link or code').fill(invite.code);
    await options.getByLabel('Server address').fill(server.url);
  } else {
    await options.getByLabel('Invite link or code').fill(invite.link);
    expect(await options.getByLabel('Server address').inputValue()).toBe(server.url);
  }
  await options.getByLabel('Your name').fill(name);
  await options.getByRole('button', { name: 'Join community' }).click();
  await expect
    .poll(() => options.getByRole('status').first().innerText())
    .toContain('You joined “Platform guild”');
  await expect
    .poll(() => options.getByRole('list', { name: 'Joined communities' }).innerText(), {
      timeout: 60_000,
    })
    .toMatch(/Synced/);
  await options.close();
}

async function popupOn(
  ext: ExtensionBrowser,
  community: string,
): Promise<{ page: Page; popup: Page }> {
  const page = await ext.context.newPage();
  await page.goto(`${pages.origin}/fixtures/snippet.html`);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await popup.getByLabel('Community').selectOption({ label: community });
  return { page, popup };
}

/**
 * The titles in a member's Recent items, read from a fresh popup (which pulls when it opens),
 * once the list shows the first tip: a list still loading never counts as "gone".
 */
async function recentOf(ext: ExtensionBrowser): Promise<string> {
  const { page, popup } = await popupOn(ext, 'Platform guild');
  const list = popup.getByRole('list', { name: 'Recent items' });
  await list.getByText(/Rotate the on-call/).waitFor();
  const text = await list.innerText();
  await popup.close();
  await page.close();
  return text;
}

describe('sharing a repertoire between two members', () => {
  it('shows what A shares to B, and B’s endorsement to A', async () => {
    await joinAs(ana, { code: stewardCode }, 'Ana');

    // Ana, a steward, makes a link for up to three people and sends it to Ben.
    const settings = await ana.context.newPage();
    await settings.goto(`chrome-extension://${ana.extensionId}/options.html`);
    await settings.getByText('Invite people to Platform guild').click();
    const inviteForm = settings.getByRole('form', { name: 'Invite people to Platform guild' });
    await inviteForm.getByLabel('How many people').fill('3');
    await inviteForm.getByRole('button', { name: 'Create invite link' }).click();
    const link = await inviteForm.getByLabel('Invite link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/join#`));
    expect(await inviteForm.getByRole('status').innerText()).toContain('Up to 3 people join');

    await joinAs(ben, { link }, 'Ben');
    // Ana's settings show the community as its server knows it now.
    await settings.reload();
    await expect
      .poll(() => settings.getByRole('list', { name: 'Joined communities' }).innerText())
      .toContain('2 members');
    await settings.close();

    const a = await popupOn(ana, 'Platform guild');
    await a.popup.getByRole('button', { name: 'New tip' }).click();
    await a.popup.getByLabel('Title').fill('Rotate the on-call calendar on Fridays');
    await a.popup
      .getByLabel('Tip', { exact: true })
      .fill('Swap in the pager app, then post in #ops.');
    await a.popup.getByRole('button', { name: 'Save tip' }).click();
    await expect
      .poll(() => a.popup.getByRole('status').last().innerText())
      .toContain('Saved the tip');
    // Pushed after a short debounce; the status line says when nothing is left to send.
    await expect
      .poll(async () => (await a.popup.locator('.sync').innerText()).includes('waiting'), {
        timeout: 60_000,
      })
      .toBe(false);
    await a.popup.close();

    // B: opening the popup pulls; the tip is there, signed by Ana.
    await expect
      .poll(
        async () => {
          const b = await popupOn(ben, 'Platform guild');
          const text = await b.popup
            .getByRole('list')
            .innerText()
            .catch(() => '');
          await b.popup.close();
          await b.page.close();
          return text;
        },
        { timeout: 60_000 },
      )
      .toContain('Rotate the on-call calendar on Fridays');

    const b = await popupOn(ben, 'Platform guild');
    await b.popup.getByRole('button', { name: /Rotate the on-call/ }).click();
    expect(await b.popup.locator('.item .meta').first().innerText()).toContain('Ana');
    // Ben, a plain member, may not change a steward's tip: he is not offered to.
    const toolbar = b.popup.locator('.item .toolbar').first();
    expect(await toolbar.getByRole('button').allInnerTexts()).toEqual(['Back to results']);
    await b.popup.close();

    // B visits the page the tip applies to and says it helped: in a shared community that is an
    // endorsement everyone sees.
    const visit = await ben.context.newPage();
    await visit.goto(`${pages.origin}/fixtures/no-article.html`);
    await visit.getByRole('button', { name: '1 related tip' }).click();
    expect(await visit.getByRole('dialog').innerText()).toContain('by Ana');
    await visit.getByRole('button', { name: 'Helped me' }).click();
    await visit.close();

    await expect
      .poll(
        async () => {
          const again = await popupOn(ana, 'Platform guild');
          await again.popup.getByRole('button', { name: /Rotate the on-call/ }).click();
          const text = await again.popup.locator('.item').innerText();
          await again.popup.close();
          await again.page.close();
          return text;
        },
        { timeout: 60_000 },
      )
      .toMatch(/Helped 1 member\s+Ben/);
  });

  it('deletes at once with Undo, and restores from Recently deleted what the other saw go', async () => {
    const title = 'Pin the deploy checklist';
    const b = await popupOn(ben, 'Platform guild');
    await b.popup.getByRole('button', { name: 'New tip' }).click();
    await b.popup.getByLabel('Title').fill(title);
    await b.popup.getByLabel('Tip', { exact: true }).fill('Link it from the channel topic.');
    await b.popup.getByRole('button', { name: 'Save tip' }).click();
    const said = () => b.popup.getByRole('status').last().innerText();
    await expect.poll(said).toContain('Saved the tip');
    await expect.poll(() => recentOf(ana), { timeout: 60_000 }).toContain(title);

    // Deleted at once; Undo has the keyboard, and Enter brings the tip back.
    const recent = b.popup.getByRole('list', { name: 'Recent items' });
    await b.popup.getByRole('button', { name: title }).click();
    await b.popup.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(said).toContain(`Deleted “${title}”`);
    expect(await recent.innerText()).not.toContain(title);
    const undo = b.popup.getByRole('button', { name: 'Undo' });
    await expect.poll(() => undo.evaluate((el) => el === document.activeElement)).toBe(true);
    await b.popup.keyboard.press('Enter');
    await expect.poll(said).toContain(`Restored “${title}”`);
    await expect.poll(() => recent.innerText()).toContain(title);

    // Deleted for good this time: Ana sees it go.
    await b.popup.getByRole('button', { name: title }).click();
    await b.popup.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(said).toContain(`Deleted “${title}”`);
    await expect.poll(() => recentOf(ana), { timeout: 60_000 }).not.toContain(title);

    // Ben restores it from Recently deleted, with the keyboard; Ana sees it back.
    await b.popup.getByRole('button', { name: 'Recently deleted' }).click();
    const deleted = b.popup.getByRole('list', { name: 'Deleted items' });
    await expect.poll(() => deleted.innerText()).toContain(title);
    await deleted.getByRole('button', { name: `Restore “${title}”` }).focus();
    await b.popup.keyboard.press('Enter');
    await expect.poll(said).toContain(`Restored “${title}”`);
    await expect.poll(() => b.popup.getByText('Nothing was deleted.').count()).toBe(1);
    await expect.poll(() => recentOf(ana), { timeout: 60_000 }).toContain(title);
    await b.popup.close();
    await b.page.close();
  });

  it('keeps both of two concurrent edits of a tip, until a member settles it', async () => {
    const edit = async (ext: ExtensionBrowser, body: string) => {
      const { page, popup } = await popupOn(ext, 'Platform guild');
      await popup.getByRole('button', { name: /Pin the deploy checklist/ }).click();
      await popup.getByRole('button', { name: 'Edit' }).click();
      await popup.getByLabel('Tip', { exact: true }).fill(body);
      await popup.getByRole('button', { name: 'Save changes' }).click();
      await expect
        .poll(() => popup.getByRole('status').last().innerText())
        .toContain('Saved your changes');
      return { page, popup };
    };
    // Ben's tip, which Ana, a steward, may edit too. The server goes down; both edit the same
    // version offline. Edits stay in each outbox and
    // the popup says so; when the server is back, both push and one of them loses.
    const port = Number(new URL(server.url).port);
    await server.close();
    const a = await edit(ana, 'Swap on Thursdays instead.');
    const b = await edit(ben, 'Swap on Mondays, after standup.');
    await expect
      .poll(() => b.popup.locator('.sync').innerText(), { timeout: 60_000 })
      .toMatch(
        /Not synced: The server at .* can't be reached\. Your changes are kept on this browser.*1 change waiting to sync/s,
      );
    for (const { page, popup } of [a, b]) {
      await popup.close();
      await page.close();
    }
    server = await startServer(port);

    // Whoever lost, one of them now sees the other's text kept as a conflict, and settles it.
    const conflictSeen = async (ext: ExtensionBrowser) => {
      const { page, popup } = await popupOn(ext, 'Platform guild');
      await popup.getByRole('button', { name: /Pin the deploy checklist/ }).click();
      await popup.getByRole('heading', { name: /Pin the deploy checklist/ }).waitFor();
      // The sync the popup starts on opening may bring the conflict while the tip is open.
      await popup
        .getByRole('group', { name: 'Conflict on body' })
        .first()
        .waitFor({ timeout: 1_500 })
        .catch(() => undefined);
      const groups = await popup.getByRole('group', { name: 'Conflict on body' }).count();
      return { page, popup, groups };
    };
    let settled = false;
    await expect
      .poll(
        async () => {
          for (const ext of [ana, ben]) {
            const seen = await conflictSeen(ext);
            if (seen.groups > 0 && !settled) {
              expect(await seen.popup.locator('.item').innerText()).toMatch(
                /(Ana|Ben) edited “body” at the same time/,
              );
              await seen.popup.getByRole('button', { name: 'Keep their version' }).click();
              await expect
                .poll(() => seen.popup.getByRole('status').last().innerText())
                .toContain('Conflict settled');
              settled = true;
            }
            await seen.popup.close();
            await seen.page.close();
          }
          return settled;
        },
        { timeout: 30_000 },
      )
      .toBe(true);

    // After sync, both see one text and no conflict left.
    const bodies = async () => {
      const out: string[] = [];
      for (const ext of [ana, ben]) {
        const { page, popup, groups } = await conflictSeen(ext);
        // The body is Markdown, shown once its renderer has loaded.
        const body = popup.locator('.tip-body');
        await expect.poll(() => body.innerText()).not.toBe('');
        out.push(`${groups}:${(await body.innerText()).trim()}`);
        await popup.close();
        await page.close();
      }
      return out;
    };
    await expect
      .poll(
        async () => {
          const [x, y] = await bodies();
          return x === y && x?.startsWith('0:') ? x : `${x} / ${y}`;
        },
        { timeout: 30_000 },
      )
      .toMatch(/^0:Swap on (Thursdays instead\.|Mondays, after standup\.)$/);
  });

  it('explains in words an offline edit refused because the editor stopped being a steward', async () => {
    const title = 'Pin the deploy checklist';
    const { page, popup } = await popupOn(ana, 'Platform guild');
    // Ana, a steward, may edit Ben's tip; she does so offline.
    const port = Number(new URL(server.url).port);
    await server.close();
    await popup.getByRole('button', { name: title }).click();
    await popup.getByRole('button', { name: 'Edit' }).click();
    await popup.getByLabel('Title').fill(`${title} by Friday`);
    await popup.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => popup.getByRole('status').last().innerText())
      .toContain('Saved your changes');
    // Meanwhile the community makes her a plain member (its members table says so).
    const members = new Database(join(dir, 'server.sqlite'));
    members.pragma('busy_timeout = 5000');
    members.prepare("UPDATE members SET role = 'member' WHERE display_name = 'Ana'").run();
    members.close();

    server = await startServer(port);
    const refused = popup.getByRole('alert').filter({ hasText: 'The server refused' });
    await expect
      .poll(() => refused.innerText(), { timeout: 60_000 })
      .toContain(
        'The server refused a change (only its author, Ben, or a steward can edit this tip).',
      );
    // The tip shows what the server has again.
    await expect.poll(() => popup.getByRole('heading', { level: 1 }).innerText()).toBe(title);
    await refused.getByRole('button', { name: 'Dismiss' }).click();
    await popup.close();
    await page.close();
    // The extension learnt her new role: she is no longer offered to change Ben's tip.
    const offered = async () => {
      const fresh = await popupOn(ana, 'Platform guild');
      await fresh.popup.getByRole('button', { name: title }).click();
      await fresh.popup.getByRole('heading', { name: title }).waitFor();
      const buttons = fresh.popup.locator('.item .toolbar').first().getByRole('button');
      const names = await buttons.allInnerTexts();
      await fresh.popup.close();
      await fresh.page.close();
      return names;
    };
    await expect.poll(offered, { timeout: 60_000 }).toEqual(['Back to results']);
  });

  it('says so when the server refuses an offline edit of a tip deleted and purged meanwhile', async () => {
    const { page, popup } = await popupOn(ana, 'Platform guild');
    await popup.getByRole('button', { name: 'New tip' }).click();
    await popup.getByLabel('Title').fill('Archive old runbooks every year');
    await popup.getByLabel('Tip', { exact: true }).fill('Move them to the archive space.');
    await popup.getByRole('button', { name: 'Save tip' }).click();
    const onServer = async () => {
      const pulled = await store.pull(communityId, 0, 2_000, 8 * 1_048_576);
      const copies = pulled.ok
        ? pulled.changes.map((c) => JSON.parse(c) as { item: { id: string; title: string } })
        : [];
      return copies.find((c) => c.item.title.startsWith('Archive old runbooks'))?.item.id;
    };
    await expect.poll(onServer, { timeout: 60_000 }).toBeDefined();
    const itemId = (await onServer())!;

    // Ana is offline and edits it; meanwhile another steward deletes it and the server forgets it.
    const port = Number(new URL(server.url).port);
    await server.close();
    await popup.getByRole('button', { name: /Archive old runbooks/ }).click();
    await popup.getByRole('button', { name: 'Edit' }).click();
    await popup.getByLabel('Tip', { exact: true }).fill('Move them, then tell #docs.');
    await popup.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => popup.getByRole('status').last().innerText())
      .toContain('Saved your changes');
    const invite = await store.createInvite(communityId, {
      role: 'steward',
      maxUses: 1,
      expiresInHours: 1,
    });
    const joined = await store.redeemInvite(invite.code, 'Cleo');
    const cleo = joined.ok ? await store.authenticate(joined.token) : undefined;
    if (!cleo) throw new Error('Cleo could not join');
    const now = Date.now();
    const [deleted] = await store.push(cleo, 'cleo-client-1', [
      {
        op: 'set',
        seq: 1,
        at: now * 1000,
        itemId,
        kind: 'tip',
        fields: { deletedAt: { value: now, base: 0 }, updatedAt: { value: now, base: 0 } },
      },
    ]);
    expect(deleted?.status).toBe('applied');
    await store.purgeTombstones(communityId, 0);

    // Back online, the engine's next retry pushes the edit: Ana is told it could not be kept.
    server = await startServer(port);
    const refused = popup.getByRole('alert').filter({ hasText: 'The server refused' });
    await expect.poll(() => refused.innerText(), { timeout: 60_000 }).toMatch(/purged/);
    expect(await refused.innerText()).toContain('make the change again if you still need it');
    // The tip is gone: the popup is back on the list, and it is not in it.
    const recent = popup.getByRole('list', { name: 'Recent items' });
    await expect.poll(() => recent.innerText()).not.toContain('Archive old runbooks');
    await refused.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => refused.count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('pushes each change of sync status to the open popup and settings, also after the worker restarted', async () => {
    const settings = await ana.context.newPage();
    await settings.goto(`chrome-extension://${ana.extensionId}/options.html`);
    const joined = settings.getByRole('list', { name: 'Joined communities' });
    const first = await popupOn(ana, 'Platform guild');
    const line = first.popup.locator('.sync').first();
    await expect.poll(() => line.innerText()).toMatch(/^Synced/);
    await expect.poll(() => joined.innerText()).toMatch(/Synced/);

    // Another popup's sync fails while the server is down: neither open page asked, both hear it.
    const port = Number(new URL(server.url).port);
    const outage = async () => {
      await server.close();
      const other = await popupOn(ana, 'Platform guild');
      await expect
        .poll(() => other.popup.locator('.sync').first().innerText())
        .toMatch(/Not synced/);
      return other;
    };
    let other = await outage();
    await expect.poll(() => line.innerText()).toContain('Not synced: The server at');
    await expect.poll(() => joined.innerText()).toContain('Not synced: The server at');
    // Back up, the engine retries on its own; the error clears on both.
    server = await startServer(port);
    await expect.poll(() => line.innerText(), { timeout: 60_000 }).toMatch(/^Synced/);
    await expect.poll(() => joined.innerText()).not.toContain('Not synced');

    // Chrome stops an idle worker, and the pages' ports with it; they connect again when it next
    // starts (here for a new popup) and keep hearing what changes.
    await other.popup.close();
    await other.page.close();
    const worker = await controlWorker(ana);
    await worker.stop();
    other = await outage();
    await expect.poll(() => line.innerText()).toContain('Not synced: The server at');
    await expect.poll(() => joined.innerText()).toContain('Not synced: The server at');
    server = await startServer(port);
    await expect.poll(() => line.innerText(), { timeout: 60_000 }).toMatch(/^Synced/);
    await expect.poll(() => joined.innerText()).not.toContain('Not synced');

    await worker.close();
    for (const opened of [settings, other.popup, other.page, first.popup, first.page]) {
      await opened.close();
    }
  });
});
