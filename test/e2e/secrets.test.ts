/**
 * A member shares to a community on a real sync server (SQLite), in real Chromium: tips holding
 * fake secrets and an email are held for review; what the server then has is checked by pulling
 * it over HTTP as another member.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stewardInvite } from '../../server/bootstrap';
import { listen, type RunningServer } from '../../server/serve';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { FAKE_SECRETS } from '../fixtures/fake-secrets';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import { startPageServer, type PageServer } from './support/server';

const fake = (name: string) => {
  const found = FAKE_SECRETS.find((f) => f.name === name);
  if (!found) throw new Error(`no fake secret named ${name}`);
  return found.secret;
};
const AWS_KEY = fake('AWS access key ID in prose');
const GITHUB_TOKEN = fake('GitHub classic token');
const SLACK_TOKEN = fake('Slack bot token');
const EMAIL = 'dana.ops@acme-corp.example';

let dir: string;
let store: Store;
let server: RunningServer;
let pages: PageServer;
let ana: ExtensionBrowser;
let communityId: string;
let stewardCode: string;
/** Another member's token: what they would pull is what left Ana's browser. */
let observer: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'repertoire-secrets-e2e-'));
  store = await openSqliteStore(join(dir, 'server.sqlite'));
  const boot = await stewardInvite(store, 'Platform guild');
  [communityId, stewardCode] = [boot.communityId, boot.stewardInvite.code];
  server = await listen({
    store,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 4 * 1_048_576,
    rateLimit: { perMinute: 6_000, burst: 1_000 },
  });
  pages = await startPageServer();
  ana = await launchWithExtension();

  const invite = await store.createInvite(communityId, {
    role: 'member',
    maxUses: 1,
    expiresInHours: 1,
  });
  const joined = await fetch(`${server.url}/v1/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: invite.code, displayName: 'Observer' }),
  });
  observer = ((await joined.json()) as { token: string }).token;
});
afterAll(async () => {
  await ana?.close();
  await pages?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

type PulledItem = { kind: string; title: string; body?: string; quote?: string };

/** Every item the server has for the community, as another member pulls them. */
async function serverItems(): Promise<PulledItem[]> {
  const response = await fetch(`${server.url}/v1/communities/${communityId}/pull?cursor=0`, {
    headers: { authorization: `Bearer ${observer}` },
  });
  expect(response.status).toBe(200);
  const { changes } = (await response.json()) as { changes: { item: PulledItem }[] };
  return changes.map((c) => c.item);
}

/** The tips on the server, by title. */
async function serverTips(): Promise<Map<string, string>> {
  const tips = (await serverItems()).filter((i) => i.kind === 'tip');
  return new Map(tips.map((t) => [t.title, t.body ?? '']));
}

async function popupOn(community: string): Promise<{ page: Page; popup: Page }> {
  const page = await ana.context.newPage();
  await page.goto(`${pages.origin}/fixtures/snippet.html`);
  const popup = await openPopup(ana, await tabIdOf(ana, page));
  await popup.getByLabel('Community').selectOption({ label: community });
  return { page, popup };
}

/** Writes a tip in Platform guild and saves it: the review appears instead of a save. */
async function writeTip(title: string, body: string) {
  const opened = await popupOn('Platform guild');
  const { popup } = opened;
  await popup.getByRole('button', { name: 'New tip' }).click();
  await popup.getByLabel('Title').fill(title);
  await popup.getByLabel('Tip', { exact: true }).fill(body);
  await popup.getByLabel('Applies to').fill('');
  await popup.getByRole('button', { name: 'Save tip' }).click();
  const review = popup.getByRole('region', { name: 'Check before sharing with Platform guild' });
  await review.waitFor();
  return { ...opened, review };
}

async function waitUntilPushed(popup: Page) {
  await expect
    .poll(async () => (await popup.locator('.sync').innerText()).includes('waiting'), {
      timeout: 60_000,
    })
    .toBe(false);
}

describe('secrets are caught before they leave the browser', () => {
  it('Ana joins the community', async () => {
    const options = await ana.context.newPage();
    await options.goto(`chrome-extension://${ana.extensionId}/options.html`);
    await options.getByLabel('Invite link or code').fill(stewardCode);
    await options.getByLabel('Server address').fill(server.url);
    await options.getByLabel('Your name').fill('Ana');
    await options.getByRole('button', { name: 'Join community' }).click();
    await expect
      .poll(() => options.getByRole('list', { name: 'Joined communities' }).innerText(), {
        timeout: 60_000,
      })
      .toMatch(/Synced/);
    await options.close();
  });

  it('Redact and share: the server gets the tip with placeholders only', async () => {
    const { page, popup, review } = await writeTip(
      'Deploy from a laptop',
      `Use the deploy user ${AWS_KEY} and ask ${EMAIL} for its secret.`,
    );
    const found = review.getByRole('list', { name: 'Found' });
    const text = await found.innerText();
    expect(text).toContain('AWS access key ID in the tip');
    expect(text).toContain(`${AWS_KEY.slice(0, 4)}…${AWS_KEY.slice(-4)}`);
    expect(text).toContain('email address in the tip');
    expect(text).toContain('Use the deploy user');
    expect(await review.innerText()).not.toContain(AWS_KEY);
    expect(await found.locator('mark').count()).toBe(2);
    // Nothing was written yet: the form is still there behind the review, with what was typed.
    expect(await popup.getByRole('form', { name: 'New tip' }).isVisible()).toBe(false);

    await review.getByRole('button', { name: 'Redact and share' }).click();
    await expect
      .poll(() => popup.getByRole('status').last().innerText())
      .toContain('Saved the tip “Deploy from a laptop”. What looked private was redacted');
    await waitUntilPushed(popup);

    const body = (await serverTips()).get('Deploy from a laptop');
    expect(body).toBe(
      'Use the deploy user [redacted AWS access key ID] and ask [redacted email address] for its secret.',
    );
    await popup.close();
    await page.close();
  });

  it('Keep in Personal: the tip stays in this browser and never reaches the server', async () => {
    const { page, popup, review } = await writeTip(
      'Clone the infra repo',
      `git clone https://github.com/acme/infra.git with token ${GITHUB_TOKEN}`,
    );
    expect(await review.getByRole('list', { name: 'Found' }).innerText()).toContain(
      'GitHub token in the tip',
    );
    await review.getByRole('button', { name: 'Keep in Personal' }).click();
    await expect
      .poll(() => popup.getByRole('status').last().innerText())
      .toContain('It was kept in Personal; nothing was shared.');
    expect(await popup.getByRole('list', { name: 'Recent items' }).innerText()).not.toContain(
      'Clone the infra repo',
    );
    await popup.getByLabel('Community').selectOption({ label: 'Personal' });
    await popup.getByRole('button', { name: /Clone the infra repo/ }).click();
    // The body is Markdown, shown once its renderer has loaded.
    await expect.poll(() => popup.locator('.item').innerText()).toContain(GITHUB_TOKEN);
    await popup.close();
    await page.close();
  });

  it('Back returns to the form as typed; Share anyway sends the tip as written', async () => {
    const body = `Post to the alerts bot with ${SLACK_TOKEN}.`;
    const { page, popup, review } = await writeTip('Alerts bot token', body);
    await review.getByRole('button', { name: 'Back' }).click();
    const form = popup.getByRole('form', { name: 'New tip' });
    expect(await form.getByLabel('Tip', { exact: true }).inputValue()).toBe(body);

    await form.getByRole('button', { name: 'Save tip' }).click();
    await popup
      .getByRole('region', { name: 'Check before sharing with Platform guild' })
      .getByRole('button', { name: 'Share anyway' })
      .click();
    await expect
      .poll(() => popup.getByRole('status').last().innerText())
      .toContain('It was shared as written.');
    await waitUntilPushed(popup);

    const onServer = await serverTips();
    expect(onServer.get('Alerts bot token')).toBe(body);
    // Pushed after the personal one would have been, had it been queued: it never was.
    expect(onServer.has('Clone the infra repo')).toBe(false);
    expect(JSON.stringify([...onServer])).not.toContain(GITHUB_TOKEN);
    expect(JSON.stringify([...onServer])).not.toContain(AWS_KEY);
    await popup.close();
    await page.close();
  });

  it('a selection clipped from the popup is checked too: its quote and selectors are redacted', async () => {
    const { page, popup } = await popupOn('Platform guild');
    await page.evaluate((email) => {
      const p = document.getElementById('tip');
      if (!p) throw new Error('fixture changed');
      p.textContent = `Ask ${email} before you rebase.`;
      getSelection()?.selectAllChildren(p);
    }, EMAIL);
    await popup.getByRole('button', { name: 'Clip selection' }).click();
    const review = popup.getByRole('region', { name: 'Check before sharing with Platform guild' });
    expect(await review.getByRole('list', { name: 'Found' }).innerText()).toContain(
      'email address in the selection',
    );
    await review.getByRole('button', { name: 'Redact and share' }).click();
    await expect
      .poll(() => popup.getByRole('status').last().innerText())
      .toContain('What looked private was redacted before sharing.');
    await waitUntilPushed(popup);

    const snippet = (await serverItems()).find((i) => i.kind === 'snippet');
    expect(snippet).toMatchObject({
      title: 'Ask [redacted email address] before you rebase.',
      quote: 'Ask [redacted email address] before you rebase.',
    });
    expect(JSON.stringify(snippet)).not.toContain(EMAIL);
    await popup.close();
    await page.close();
  });
});
