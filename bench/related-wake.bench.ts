/**
 * `npm run bench -- related-wake`: a member's browser after the extension's service worker went
 * idle (Chrome stops it after ~30 s; alarms and the first navigation start it again). In real
 * Chromium with the e2e build, the worker is stopped over CDP, a tab navigates to a page one tip
 * applies to, and the time from that navigation to the badge is taken, with the worker's JS heap
 * at that moment. Three browsers side by side, their wakes interleaved round by round:
 *
 * - 1 tip (the baseline);
 * - 50,000 tips, with the "Applies to" of bench/extension.ts;
 * - 50,000 items of which 10,000 are the corpus pages (Readability's output as the extension
 *   stores it: HTML, Markdown and text), the rest tips.
 *
 * Goals: with 50,000 items, wake → badge ≤ 1.5× the 1-tip figure, heap ≤ 1-tip heap + 20 MB.
 * RELATED_WAKE_RUNS=n sets the wakes per browser (default 7); RELATED_WAKE_ITEMS and
 * RELATED_WAKE_PAGES the sizes (defaults 50000 and 10000).
 */
import { readdirSync } from 'node:fs';
import TurndownService from 'turndown';
import type { Page } from 'playwright-core';
import { type Item, PageItem, uuidv7 } from '../lib/wire';
import { startPageServer } from '../test/e2e/support/server';
import { controlWorker, type WorkerControl } from '../test/e2e/support/worker';
import { corpusPage, readabilityPagesDir } from '../test/support/corpus';
import {
  NAME_HELPER,
  plausibleAppliesTo,
  privateE2eBuild,
  saveTipWithoutWaiting,
  tldrItems,
  waitForDrain,
  writeItems,
} from './extension';
import { ms, summarize } from './stats';

const RUNS = Number(process.env.RELATED_WAKE_RUNS ?? 7);
const ITEMS = Number(process.env.RELATED_WAKE_ITEMS ?? 50_000);
const PAGES = Number(process.env.RELATED_WAKE_PAGES ?? 10_000);
const CHECK_PATH = '/wake-check/';

// The service worker's API, as far as this benchmark uses it.
declare const chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };

/** The corpus pages as the extension stores a clip of each, replicated `count` times. */
function corpusPages(count: number): Item[] {
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' });
  const dir = readabilityPagesDir();
  const originals = readdirSync(dir)
    .sort()
    .map((name) => {
      const { html, text, meta } = corpusPage(name);
      return { name, html, markdown: turndown.turndown(html), text, meta };
    });
  const start = Date.now() - count;
  return Array.from({ length: count }, (_, i) => {
    const page = originals[i % originals.length];
    if (!page) throw new Error('The corpus has no pages.');
    const at = start + i;
    const url = `https://news${i % 500}.example/${page.name}/${i}`;
    return PageItem.parse({
      id: uuidv7(at),
      community: 'personal',
      kind: 'page',
      title: page.meta.title ?? page.name,
      url,
      canonicalUrl: url,
      siteName: page.meta.siteName ?? null,
      byline: page.meta.byline ?? null,
      publishedTime: null,
      excerpt: page.meta.excerpt ?? null,
      tags: [],
      author: null,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      html: page.html,
      markdown: page.markdown,
      text: page.text,
      leadImageUrl: null,
      lang: null,
      dir: null,
    });
  });
}

const appliesTo = plausibleAppliesTo(0x3a4e);
const tips = (n: number) => tldrItems(n, 'personal', () => ({ appliesTo: appliesTo() }));
const scenarios: { name: string; items: () => Item[] }[] = [
  { name: '1 tip', items: () => [] },
  { name: `${ITEMS.toLocaleString('en')} tips`, items: () => tips(ITEMS - 1) },
  {
    name: `${ITEMS.toLocaleString('en')} items, ${PAGES.toLocaleString('en')} corpus pages`,
    items: () => [...tips(ITEMS - PAGES - 1), ...corpusPages(PAGES)],
  },
];

const { launchWithExtension, openPopup, tabIdOf, remove } = await privateE2eBuild();
const server = await startPageServer();
const checkUrl = `${server.origin}${CHECK_PATH}page`;
const restUrl = `${server.origin}/fixtures/no-article.html`;

interface Browser {
  name: string;
  ext: Awaited<ReturnType<typeof launchWithExtension>>;
  tab: Page;
  tabId: number;
  control: WorkerControl;
  wakes: number[];
  heaps: number[];
  seeding: string;
}

const browsers: Browser[] = [];
for (const scenario of scenarios) {
  const ext = await launchWithExtension();
  const tab = await ext.context.newPage();
  await tab.goto(restUrl);
  const popup = await openPopup(ext, await tabIdOf(ext, tab));
  await popup.evaluate(NAME_HELPER);
  const items = scenario.items();
  const t0 = performance.now();
  // Pages are ~50 KB each: smaller chunks keep each DevTools message reasonable.
  await writeItems(popup, items, items.some((i) => i.kind === 'page') ? 250 : 5_000);
  const written = performance.now() - t0;
  // The one tip every browser has: the badge the wakes wait for. Saving it makes the background
  // index (search and related) everything written above before it answers.
  await saveTipWithoutWaiting(popup, {
    title: 'Wake check',
    body: 'Applies to one loopback path.',
    appliesTo: `127.0.0.1${CHECK_PATH}*`,
  });
  const drained = await waitForDrain(popup, 20 * 60_000);
  await popup.close();
  browsers.push({
    name: scenario.name,
    ext,
    tab,
    tabId: await tabIdOf(ext, tab),
    control: await controlWorker(ext),
    wakes: [],
    heaps: [],
    seeding: `${items.length + 1} items written in ${ms(written)}, indexed in ${ms(drained)}`,
  });
}

/** One wake: worker stopped, the tab navigates to the check page, until its badge shows. */
async function wake(b: Browser): Promise<void> {
  await b.tab.goto(restUrl);
  await b.control.stop();
  const t0 = performance.now();
  const navigation = b.tab.goto(checkUrl);
  await b.control.running();
  // Polled from inside the worker, which this wake started: nothing else wakes it.
  const badge = await b.ext.worker.evaluate(async (tabId) => {
    for (let i = 0; i < 30_000; i++) {
      const text = await chrome.action.getBadgeText({ tabId });
      if (text !== '') return text;
      await new Promise((ok) => setTimeout(ok, 1));
    }
    return '';
  }, b.tabId);
  const t1 = performance.now();
  b.heaps.push(await b.control.heapUsed());
  await navigation;
  if (badge !== '1') throw new Error(`${b.name}: the badge read "${badge}", not "1".`);
  b.wakes.push(t1 - t0);
}

for (let round = 0; round < RUNS + 1; round++) {
  // Rotate who goes first; the first round warms each browser up and is not counted.
  const shift = round % browsers.length;
  for (const b of [...browsers.slice(shift), ...browsers.slice(0, shift)]) await wake(b);
  if (round === 0) for (const b of browsers) [b.wakes, b.heaps] = [[], []];
}

for (const b of browsers) await b.ext.close();
await server.close();
remove();

const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;
const [base, ...large] = browsers.map((b) => ({
  ...b,
  wake: summarize(b.wakes),
  heap: summarize(b.heaps).p50,
}));
if (!base) throw new Error('no baseline');
console.log(
  `wake → badge [Chromium, e2e build], service worker stopped over CDP before each, median of ${RUNS} (min–max); worker heap in use at the badge, median`,
);
for (const b of [base, ...large]) {
  console.log(
    `  ${b.name.padEnd(34)} ${ms(b.wake.p50).padStart(9)} (${ms(Math.min(...b.wakes))}–${ms(b.wake.max)})  heap ${mb(b.heap).padStart(8)}   [${b.seeding}]`,
  );
}
for (const b of large) {
  const ratio = b.wake.p50 / base.wake.p50;
  const extra = b.heap - base.heap;
  console.log(
    `  ${b.name}: wake → badge ${ratio.toFixed(2)}x the 1-tip figure (goal ≤ 1.5x: ${ratio <= 1.5 ? 'MET' : 'MISSED'}); heap ${extra >= 0 ? '+' : ''}${mb(extra)} (goal ≤ +20 MB: ${extra <= 20 * 1_048_576 ? 'MET' : 'MISSED'})`,
  );
}
