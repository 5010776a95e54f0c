/**
 * Helpers for the benchmarks that drive the built extension in Chromium: build it, fill its
 * IndexedDB directly (seeding thousands of items through the UI would take longer than the
 * measurements) and let its background index what was written.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { DB_NAME, DB_VERSION } from '../lib/db';
import { TOOLS } from '../lib/related';
import { type Item, TipItem, uuidv7 } from '../lib/wire';
import { loadTldrTips } from './relevance';
import { seeded } from './stats';

// Extension pages' own API, as far as these helpers use it.
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/**
 * Builds the e2e extension (the mode that grants the loopback hosts) and loads
 * test/e2e/support/browser.ts pointed at a private copy of it: other runs rebuild
 * .output/chrome-mv3-e2e at any time, which pulls files from under a browser still using them.
 */
export async function privateE2eBuild() {
  execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'repertoire-bench-ext-'));
  cpSync(resolve(import.meta.dirname, '../.output/chrome-mv3-e2e'), dir, { recursive: true });
  // A build that started meanwhile may have left the copy half old, half new.
  const popup = readFileSync(join(dir, 'popup.html'), 'utf8');
  const missing = [...popup.matchAll(/(?:src|href)="\/([^"]+)"/g)]
    .map((m) => m[1] ?? '')
    .filter((file) => !existsSync(join(dir, file)));
  if (missing.length > 0) throw new Error(`Inconsistent build copy, missing ${missing.join(', ')}`);
  process.env.REPERTOIRE_EXTENSION_DIR = dir;
  const support = await import('../test/e2e/support/browser');
  if (support.extensionDir() !== dir) {
    throw new Error('test/e2e/support/browser.ts did not take REPERTOIRE_EXTENSION_DIR.');
  }
  return { ...support, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** tsx names functions with an `__name` helper that pages do not have. */
export const NAME_HELPER = 'globalThis.__name = (f) => f';

/**
 * `count` tldr-pages tips (CC BY 4.0) in `community`, the corpus repeated as often as needed, each
 * with a fresh UUIDv7 id and timestamps one millisecond apart, ending now, as if written in order.
 * `more(i)` sets where item i applies. Every item is checked against the wire schema,
 * so the benchmarks store exactly what the extension would.
 */
export function tldrItems(
  count: number,
  community: string,
  more: (i: number) => Partial<Pick<TipItem, 'appliesTo'>> = () => ({}),
): TipItem[] {
  const corpus = loadTldrTips();
  const start = Date.now() - count;
  return Array.from({ length: count }, (_, i) => {
    const base = corpus[i % corpus.length];
    if (!base) throw new Error('The tldr corpus is empty.');
    const at = start + i;
    return TipItem.parse({
      ...base,
      id: uuidv7(at),
      community,
      createdAt: at,
      updatedAt: at,
      ...more(i),
    });
  });
}

/**
 * Where members say a tip applies, in plausible proportions, the same every run for one seed. One
 * in twenty names the loopback host the benchmarks' pages come from, under paths those pages do
 * not have: the host lookup finds candidates on every load and their path checks run, the worst
 * case for an unrelated page.
 */
export function plausibleAppliesTo(seed: number): () => string[] {
  const { random, int, pick } = seeded(seed);
  return () => {
    const c = `corp${int(1_500)}`;
    return Array.from({ length: 1 + int(2) }, () => {
      const r = random();
      if (r < 0.2) return `tool:${pick(TOOLS).id}`;
      if (r < 0.4) return `github.com/org-${int(800)}/*`;
      if (r < 0.55) return `${c}.atlassian.net/browse/${c.toUpperCase()}-*`;
      if (r < 0.65) return `*.${c}.example.com`;
      if (r < 0.75) return `docs.google.com/document/d/${c}/*`;
      if (r < 0.85) return `https://intranet.${c}.example:8443/${pick(['hr', 'it', 'ops'])}/*`;
      if (r < 0.95) return `localhost:${3000 + int(20)}/${c}/*`;
      return `127.0.0.1/admin-${int(50)}/*`;
    });
  };
}

/**
 * Runs in an extension page: opens the extension's database (never creating it, so a page that
 * wins the race against the background cannot leave it without stores), then either stores items
 * and queues them for search indexing exactly as lib/db's putItems does (same stores, one
 * transaction), or counts the queue.
 */
async function inPage(a: { name: string; version: number; write: string | null }) {
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const open = indexedDB.open(a.name, a.version);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(new Error('The extension has not created its database yet.'));
  });
  try {
    if (a.write === null) {
      const count = db.transaction('searchQueue').objectStore('searchQueue').count();
      return await new Promise<number>((ok, fail) => {
        count.onsuccess = () => ok(count.result);
        count.onerror = () => fail(count.error);
      });
    }
    const items = JSON.parse(a.write) as Item[];
    const tx = db.transaction(['items', 'searchQueue'], 'readwrite');
    for (const item of items) {
      tx.objectStore('items').put(item);
      tx.objectStore('searchQueue').add(item.id);
    }
    await new Promise<void>((ok, fail) => {
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    return items.length;
  } finally {
    db.close();
  }
}

/**
 * Stores items and queues them for indexing from an extension page with NAME_HELPER evaluated,
 * in chunks so no single DevTools message is huge. Sent as JSON text, which Playwright passes in
 * one piece, where it would walk an array of objects value by value.
 */
export async function writeItems(page: Page, items: readonly Item[], chunk = 5_000) {
  for (let at = 0; at < items.length; at += chunk) {
    const write = JSON.stringify(items.slice(at, at + chunk));
    await page.evaluate(inPage, { name: DB_NAME, version: DB_VERSION, write });
  }
}

/** Items written but not yet indexed by the background. */
export function searchQueueLength(page: Page): Promise<number> {
  return page.evaluate(inPage, { name: DB_NAME, version: DB_VERSION, write: null });
}

/**
 * Saves one tip as the popup's "Save tip" does. The background indexes every queued write before
 * it answers a write, so this also makes it drain what writeItems queued; the reply is not awaited
 * because that drain can take longer than a DevTools call should.
 */
export async function saveTipWithoutWaiting(
  page: Page,
  tip: { title: string; body: string; appliesTo: string },
): Promise<void> {
  await page.evaluate((draft) => {
    void chrome.runtime.sendMessage({
      repertoire: 'saveTip',
      data: { community: 'personal', draft: { ...draft, tags: '' }, url: null },
    });
  }, tip);
}

/** Waits until the background has indexed everything queued; returns the milliseconds waited. */
export async function waitForDrain(page: Page, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if ((await searchQueueLength(page)) === 0) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) {
      throw new Error(`The background did not index the queued items within ${timeoutMs} ms.`);
    }
    await new Promise((ok) => setTimeout(ok, 250));
  }
}
