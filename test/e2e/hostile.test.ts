/**
 * Hostile content never runs and never becomes a live link, in real Chromium. The payload corpus
 * (test/fixtures/xss-payloads.ts) comes in every way there is: pushed over HTTP by another
 * member of a community on the real server (and, for links, stored before the http(s) rule and
 * written into IndexedDB), clipped from a hostile page, clipped as a selection, and typed into
 * the tip form, and written as a tip's Markdown (raw HTML, links and images with every non-web URL),
 * pushed and typed, with the form's preview. It is then shown in every view: the popup's list and search results with
 * highlights, every item, the edit form, the options page and the in-page panel. Each payload
 * would request its own beacon on a loopback server if it ever ran. Asserted: no beacon hit, no
 * `securitypolicyviolation` on any extension page or on the tab with the panel, and no `on*`
 * attribute or non-http(s) link in any rendered DOM, shadow roots included. (Omnibox
 * descriptions are checked over the same corpus in lib/repertoire/omnibox.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFragment } from 'parse5';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Item, type Mutation, uuidv7, writableFields } from '../../lib/wire';
import { stewardInvite } from '../../server/bootstrap';
import { listen, type RunningServer } from '../../server/serve';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { sampleItem } from '../support/items';
import { batches, xssPayloads, type Payload } from '../fixtures/xss-payloads';
import { launchWithExtension, openPopup, tabIdOf, type ExtensionBrowser } from './support/browser';
import {
  startBeaconServer,
  unsafeDom,
  watchViolations,
  type BeaconServer,
} from './support/hostile';

let dir: string;
let store: Store;
let server: RunningServer;
let beacons: BeaconServer;
let ana: ExtensionBrowser;
let violations: string[];
let payloads: Payload[];
let communityId: string;
let inviteCode: string;

const of = (kind: Payload['kind']) => payloads.filter((p) => p.kind === kind);
/** A tip's Markdown holding every markup payload as raw HTML and every link payload as links. */
const markdownPayload = () =>
  [
    '# Markdown payload',
    ...of('html').map((p) => `Payload ${p.id}: ${p.value}`),
    ...of('url').map((p) => `[link ${p.id}](${p.value}) ![image ${p.id}](${p.value}) <${p.value}>`),
    '[reference link][hostile]\n\n[hostile]: javascript:alert(1)',
  ].join('\n\n');
/** The n-th text payload, cut to `max` characters (names and tags are short). */
const text = (n: number, max = 1_000) => {
  const list = of('text');
  return list[n % list.length]!.value.slice(0, max);
};

beforeAll(async () => {
  beacons = await startBeaconServer();
  payloads = xssPayloads(beacons.beacon);
  dir = mkdtempSync(join(tmpdir(), 'repertoire-hostile-e2e-'));
  store = await openSqliteStore(join(dir, 'server.sqlite'));
  // The community's own name is hostile too: every member's options page and popup show it.
  communityId = (await stewardInvite(store, `Guild ${text(2, 150)}`)).communityId;
  inviteCode = (
    await store.createInvite(communityId, { role: 'member', maxUses: 10, expiresInHours: 1 })
  ).code;
  server = await listen({
    store,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 4 * 1_048_576,
    rateLimit: { perMinute: 6_000, burst: 1_000 },
  });
  beacons.page('/hostile.html', hostilePage(), HOSTILE_PAGE_CSP);
  beacons.page('/panel-page.html', '<!doctype html><title>Panel page</title><p>Work here.</p>');
  ana = await launchWithExtension();
  violations = await watchViolations(
    ana.context,
    (url) =>
      url.startsWith('chrome-extension://') || url.startsWith(`${beacons.origin}/panel-page`),
  );
});
afterAll(async () => {
  await ana?.close();
  await server?.close();
  await store?.close();
  await beacons?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The hostile page serves its payloads live: its own CSP keeps them from running or fetching
 * there (that is the page, not Repertoire); what the clip makes of them is what is tested.
 */
const HOSTILE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const escapeText = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Payloads whose markup ends where it is written (no raw text or foreign content left open). */
function closesItself(html: string): boolean {
  const tree = parseFragment(`${html}<b id="end"></b>`);
  return tree.childNodes.some(
    (n) => 'tagName' in n && n.tagName === 'b' && n.attrs.some((a) => a.value === 'end'),
  );
}

function hostilePage(): string {
  const html = of('html').filter((p) => p.inPage);
  const ordered = [
    ...html.filter((p) => closesItself(p.value)),
    ...html.filter((p) => !closesItself(p.value)),
  ];
  const paragraph =
    'Incident reviews work when the people closest to the work write them down the same day, ' +
    'while they still remember which signals they saw, which they missed and why. ';
  return `<!doctype html><html lang="en"><head>
<title>Hostile article payload ${escapeText(text(0))}</title>
<meta property="og:title" content="Hostile article payload ${attr(text(1))}">
<meta name="author" content="${attr(text(3))}">
<meta property="og:site_name" content="${attr(text(4))}">
<meta property="og:description" content="${attr(text(5))}">
<meta property="og:image" content="${attr(of('url')[0]!.value)}">
<link rel="canonical" href="${attr(of('url')[5]!.value)}">
</head><body><article>
<h1>Hostile article payload</h1>
<p class="byline">By ${escapeText(text(6))}</p>
<p>${paragraph.repeat(4)}</p>
<p id="selectme">${of('text')
    .map((p) => escapeText(p.value))
    .join(' ')}</p>
<p>${paragraph.repeat(3)} Hostile article body marker.</p>
${ordered.map((p) => `<div>${p.value}</div><p>${paragraph}</p>`).join('\n')}
</article></body></html>`;
}

/** A member's set of every writable field of a new item. */
function create(item: Item, seq: number): Mutation {
  const values = item as unknown as Record<string, unknown>;
  const fields = Object.fromEntries(
    writableFields(item.kind).map((f) => [f, { value: values[f], base: 0 }]),
  );
  return { op: 'set', seq, at: seq, itemId: item.id, kind: item.kind, fields } as Mutation;
}

async function joinAs(name: string): Promise<{ token: string; memberId: string }> {
  const joined = await fetch(`${server.url}/v1/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: inviteCode, displayName: name }),
  });
  const body = (await joined.json()) as { token: string; community: { memberId: string } };
  return { token: body.token, memberId: body.community.memberId };
}

async function push(token: string, clientId: string, mutations: Mutation[]) {
  const res = await fetch(`${server.url}/v1/communities/${communityId}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId, mutations }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const unsafe: string[] = [];
/** Walks `page`'s DOM now; what is wrong is reported at the end, with where it was seen. */
async function check(page: Page, where: string): Promise<void> {
  for (const problem of await unsafeDom(page)) unsafe.push(`${where}: ${problem}`);
}

async function popupFor(page: Page): Promise<Page> {
  return openPopup(ana, await tabIdOf(ana, page));
}

/** Opens every entry of the list shown, checking each item view. */
async function openEach(popup: Page, where: string): Promise<number> {
  const entries = popup.locator('.results button');
  const count = await entries.count();
  for (let i = 0; i < count; i++) {
    await entries.nth(i).click();
    await popup.locator('#item-title').waitFor();
    const article = popup.locator('.article');
    // A page's article appears once its on-demand sanitizer has loaded.
    if ((await article.count()) > 0)
      await expect.poll(() => article.locator('*').count()).toBeGreaterThan(0);
    // So does a tip's Markdown.
    const tipBody = popup.locator('.tip-body');
    if ((await tipBody.count()) > 0)
      await expect.poll(() => tipBody.locator('*').count()).toBeGreaterThan(0);
    await check(
      popup,
      `${where}, item ${i + 1} (${await popup.locator('#item-title').innerText()})`,
    );
    await popup.getByRole('button', { name: 'Back to results' }).click();
    await entries.first().waitFor();
  }
  return count;
}

describe('hostile content in real Chromium', () => {
  it('sees a violation and a beacon when one happens (the checks can fail)', async () => {
    const page = await ana.context.newPage();
    await page.goto(`chrome-extension://${ana.extensionId}/options.html`);
    await page.evaluate((url) => {
      // Parsing a handler is enough for Chromium to report it, even in an inert document.
      new DOMParser().parseFromString('<b onclick="x()">b</b>', 'text/html');
      return fetch(url);
    }, beacons.beacon('control'));
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toContain('script-src-attr');
    expect(beacons.hits).toEqual(['/beacon/control']);
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'javascript:void 0';
      a.setAttribute('onclick', 'x()');
      document.getElementById('app')?.append(a);
    });
    expect((await unsafeDom(page)).sort()).toEqual([
      '<a href="javascript:void 0">',
      '<a onclick="x()">',
    ]);
    await page.close();
    violations.length = 0;
    beacons.hits.length = 0;
  });

  it('refuses links that are not http(s) over HTTP, saying which field', async () => {
    const mallory = await joinAs(text(7, 100));
    const fields = ['url', 'canonicalUrl', 'leadImageUrl'] as const;
    for (const [i, payload] of of('url').entries()) {
      const field = fields[i % fields.length]!;
      const page = sampleItem('page', { title: 'Refused link', [field]: payload.value });
      const answer = await push(mallory.token, 'mallory-refused', [create(page, i + 1)]);
      expect(answer.status, `#${payload.id} ${payload.label}`).toBe(400);
      const error = answer.body['error'] as { code: string; message: string };
      expect(error.code).toBe('invalid_request');
      expect(error.message).toContain(`mutations[0].fields.${field}.value`);
      expect(error.message).toContain('http: or https: URL');
    }
    const snippet = sampleItem('snippet', { url: of('url')[0]!.value });
    const answer = await push(mallory.token, 'mallory-refused', [create(snippet, 100)]);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('mutations[0].fields.url.value');
  });

  it('renders every payload harmlessly, from every way in, in every view', async () => {
    // Ana joins in the extension, under a hostile name of her own.
    const options = await ana.context.newPage();
    await options.goto(`chrome-extension://${ana.extensionId}/options.html`);
    await options.getByLabel('Invite link or code').fill(inviteCode);
    await options.getByLabel('Server address').fill(server.url);
    await options.getByLabel('Your name').fill(text(8, 100));
    await options.getByRole('button', { name: 'Join community' }).click();
    await expect
      .poll(() => options.getByRole('list', { name: 'Joined communities' }).innerText(), {
        timeout: 60_000,
      })
      .toMatch(/Synced/);

    // Another member pushes the corpus over HTTP: article HTML in batches (a payload that leaves
    // an element open gets an item of its own, so it cannot hide the ones after it), text in
    // every text field, and a tip for the panel page.
    const mallory = await joinAs(text(9, 100));
    const html = of('html');
    const groups = [
      ...batches(
        html.filter((p) => closesItself(p.value)),
        4,
      ),
      ...html.filter((p) => !closesItself(p.value)).map((p) => [p]),
    ];
    const pushed: Item[] = groups.map((group, g) =>
      sampleItem('page', {
        title: `Pushed page ${g + 1} payload ${text(g)}`,
        url: `https://pushed.example/${g}`,
        canonicalUrl: `https://pushed.example/${g}`,
        byline: text(g + 1),
        siteName: text(g + 2),
        excerpt: text(g + 3),
        tags: [text(g + 4, 64), text(g + 5, 64)],
        note: text(g + 6),
        html: group.map((p) => `<p>Payload ${p.id}.</p>${p.value}`).join('\n'),
        text: `Pushed page payload ${g + 1}`,
      }),
    );
    const allText = of('text').map((p) => p.value);
    pushed.push(
      sampleItem('tip', {
        title: 'Pushed Markdown tip',
        body: markdownPayload(),
        appliesTo: ['127.0.0.1/panel-page*'],
      }),
      sampleItem('snippet', {
        title: `Pushed snippet payload ${text(10)}`,
        quote: allText.join('\n'),
        sourceTitle: text(11),
        note: allText.join('\n').slice(0, 4_000),
        url: 'https://pushed.example/snippet',
      }),
      sampleItem('tip', {
        title: `Pushed tip payload ${text(12)}`,
        body: allText.join('\n\n'),
        tags: allText.slice(0, 8).map((t) => t.slice(0, 64)),
        appliesTo: ['127.0.0.1/panel-page*', ...allText],
      }),
    );
    const answer = await push(
      mallory.token,
      'mallory-pushed',
      pushed.map((item, i) => create(item, i + 1)),
    );
    expect(answer.status).toBe(200);
    const tip = pushed[pushed.length - 1]!;
    const endorsed = await push(mallory.token, 'mallory-pushed', [
      { op: 'endorse', seq: 1_000, at: 1_000, itemId: tip.id, endorsed: true },
    ]);
    expect(endorsed.status).toBe(200);

    // Links stored before the http(s) rule: written past the HTTP layer, as old data would be.
    const principal = await store.authenticate(mallory.token);
    if (!principal) throw new Error('Mallory has no session');
    const urls = of('url');
    const old = batches(urls, 5).map((group, g) =>
      sampleItem('page', {
        title: `Old link payload ${g + 1}`,
        url: group[0]?.value ?? null,
        canonicalUrl: group[1]?.value ?? null,
        leadImageUrl: group[2]?.value ?? null,
        html: `<p>Old links ${group.map((p) => p.id).join(', ')}.</p>`,
      }),
    );
    const stored = await store.push(
      principal,
      'mallory-old',
      old.map((item, i) => create(item, i + 1)),
    );
    expect(stored.every((r) => r.status === 'applied')).toBe(true);

    // And in this browser's own storage, for the Personal community.
    await options.evaluate(
      async (items) => {
        const db = await new Promise<IDBDatabase>((ok, ko) => {
          const open = indexedDB.open('repertoire');
          open.onsuccess = () => ok(open.result);
          open.onerror = () => ko(open.error);
        });
        const tx = db.transaction(['items', 'searchQueue'], 'readwrite');
        for (const item of items) {
          tx.objectStore('items').put(item);
          tx.objectStore('searchQueue').add(item.id);
        }
        await new Promise((ok) => (tx.oncomplete = ok));
        db.close();
      },
      batches(urls, 5).map((group, g) =>
        sampleItem('page', {
          id: uuidv7(),
          community: 'personal',
          title: `Stored link payload ${g + 1}`,
          url: group[2]?.value ?? null,
          canonicalUrl: group[0]?.value ?? null,
          leadImageUrl: group[1]?.value ?? null,
          html: `<p>Stored links ${group.map((p) => p.id).join(', ')}.</p>`,
        }),
      ),
    );

    // Ana clips the hostile page, and a selection of it, into the community.
    const hostile = await ana.context.newPage();
    await hostile.goto(`${beacons.origin}/hostile.html`);
    const popup = await popupFor(hostile);
    await popup.getByLabel('Community').selectOption(communityId);
    await popup.getByRole('button', { name: 'Clip page' }).click();
    await expect.poll(() => popup.getByRole('status').innerText()).toContain('Clipped');
    await hostile.evaluate(() => {
      // The page clobbers document's own methods (<img name="getElementById">).
      const range = Document.prototype.createRange.call(document);
      range.selectNodeContents(Document.prototype.getElementById.call(document, 'selectme')!);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    await popup.getByRole('button', { name: 'Clip selection' }).click();
    // Its title is the quote's first line: the first text payload, as text.
    await expect
      .poll(() => popup.getByRole('status').innerText())
      .toContain(`Clipped “${text(0).slice(0, 20)}`);

    // ...and types a tip: first with a hostile "Applies to" the form refuses and quotes back.
    await popup.getByRole('button', { name: 'New tip' }).click();
    await popup.getByLabel('Title').fill(`Typed tip payload ${text(13)}`);
    // Its preview renders Markdown written with every payload.
    await popup.getByLabel('Tip', { exact: true }).fill(markdownPayload());
    await popup.getByRole('button', { name: 'Preview' }).click();
    const preview = popup.getByRole('region', { name: 'Preview' });
    await expect.poll(() => preview.locator('h1').innerText()).toBe('Markdown payload');
    await check(popup, 'tip form preview');
    await popup.getByRole('button', { name: 'Write' }).click();
    await popup.getByLabel('Tip', { exact: true }).fill(allText.join('\n'));
    // Tags are split at spaces; each part of these two fits a tag's 64 characters.
    await popup.getByLabel('Tags').fill(allText.slice(0, 2).join(' '));
    await popup.getByLabel('Applies to').fill(`127.0.0.1/${text(0)}`);
    await popup.getByRole('button', { name: 'Save tip' }).click();
    await popup.locator('#tip-appliesTo-error').waitFor();
    await check(popup, 'tip form with its error');
    await popup.getByLabel('Applies to').fill('127.0.0.1/panel-page*');
    await popup.getByRole('button', { name: 'Save tip' }).click();
    await expect.poll(() => popup.getByRole('status').innerText()).toContain('Saved the tip');
    // What Ana made from hostile input is accepted by the server: nothing is left waiting.
    await expect
      .poll(async () => (await popup.locator('.sync').innerText()).includes('waiting'), {
        timeout: 60_000,
      })
      .toBe(false);
    await popup.close();

    // Every view. The popup pulls on opening: Mallory's items, old ones included, arrive.
    const view = await popupFor(hostile);
    await view.getByLabel('Community').selectOption(communityId);
    const all = pushed.length + old.length + 3;
    await expect.poll(() => view.locator('.results button').count(), { timeout: 60_000 }).toBe(all);
    await check(view, 'popup list');
    expect(await openEach(view, 'recent items')).toBe(all);
    await view.getByRole('searchbox', { name: 'Search repertoire' }).fill('payload');
    await expect.poll(() => view.locator('.results mark').count()).toBeGreaterThan(0);
    await check(view, 'search results with highlights');
    expect(await openEach(view, 'search results')).toBeGreaterThan(groups.length);
    // No link but http(s) anywhere, whatever old data said.
    await view.getByRole('searchbox', { name: 'Search repertoire' }).fill('');
    await view.getByRole('button', { name: /^Page Old link payload 1/ }).click();
    expect(await view.getByRole('link', { name: 'Open source page' }).count()).toBe(0);
    await view.getByRole('button', { name: 'Back to results' }).click();

    // The edit form of Ana's own tip, and Mallory's endorsement under a hostile name.
    await view.getByRole('button', { name: /Typed tip payload/ }).click();
    await view.getByRole('button', { name: 'Edit' }).click();
    await view.getByRole('form', { name: 'Edit tip' }).waitFor();
    await check(view, 'edit form');
    await view.getByRole('button', { name: 'Cancel' }).click();
    await view.getByRole('button', { name: 'Back to results' }).click();
    await view.getByRole('button', { name: /Pushed tip payload/ }).click();
    await expect.poll(() => view.locator('.item').innerText()).toContain('Helped 1 member');
    await check(view, 'endorsed tip');
    await view.getByRole('button', { name: 'Back to results' }).click();

    // The Personal community's stored items with old links.
    await view.getByLabel('Community').selectOption('personal');
    await expect.poll(() => view.locator('.results button').count()).toBe(5);
    expect(await openEach(view, 'personal items')).toBe(5);
    await view.close();
    await hostile.close();

    await options.reload();
    await options.getByRole('list', { name: 'Joined communities' }).waitFor();
    await check(options, 'options page');
    await options.close();

    // The in-page panel, in a shadow root on a web page, where no extension CSP protects it.
    const work = await ana.context.newPage();
    await work.goto(`${beacons.origin}/panel-page.html`);
    await work.getByRole('button', { name: /related tips?$/ }).click();
    const panel = work.getByRole('dialog', { name: 'Related tips from your repertoire' });
    // Two tips from Mallory and Ana's; a tip's Markdown has headings of a lower level.
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).count()).toBe(3);
    await expect
      .poll(() => panel.getByRole('heading', { name: 'Markdown payload', level: 3 }).count())
      .toBe(1);
    for (const why of await panel.getByRole('button', { name: 'Why is this shown?' }).all())
      await why.click();
    expect(await panel.innerText()).toContain(text(9, 100).trim());
    await check(work, 'in-page panel');
    await work.close();

    expect(unsafe).toEqual([]);
    expect(violations).toEqual([]);
    expect(beacons.hits).toEqual([]);
  });
});
