/**
 * `npm run bench -- related-browser`: what related tips cost outside the matcher itself
 * (bench/related.bench.ts times match()).
 *
 * 1. In-page script size: related-panel.js of the e2e build, gzip level 9 as the build check
 *    measures it.
 * 2. Page-load time of unrelated pages in real Chromium, with the extension (seeded with tips, some
 *    on the very host the pages are served from, so every navigation is matched) and without it,
 *    side by side: loads alternate between the two browsers, page by page, round by round. A
 *    second browser without the extension runs in the same rotation; the ratio between the two
 *    extension-less browsers is the noise floor the extension's ratio is read against.
 *
 * What a service worker that just started pays before its first badge is in
 * bench/related-wake.bench.ts.
 *
 * RELATED_BROWSER_TIPS=n sets the number of tips (default 10000);
 * RELATED_BROWSER_ROUNDS=n the page-load rounds (default 12).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { parseAppliesTo } from '../lib/related';
import { CHROMIUM_FLAGS } from '../test/e2e/support/browser';
import { startPageServer } from '../test/e2e/support/server';
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

const TIPS = Number(process.env.RELATED_BROWSER_TIPS ?? 10_000);
const ROUNDS = Number(process.env.RELATED_BROWSER_ROUNDS ?? 12);
const PAGES = [
  '/fixtures/snippet.html',
  '/corpus/ars-1',
  '/corpus/medium-1',
  '/corpus/wikipedia',
  '/corpus/nytimes-1',
];
/** The one tip that applies to a loopback page: proof that the seeded extension matches. */
const CHECK_PATH = '/related-check/';

// The service worker's API, as far as this benchmark uses it.
declare const chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } };

const appliesTo = plausibleAppliesTo(0x7e1a7ed);
const tips = tldrItems(TIPS, 'personal', () => ({ appliesTo: appliesTo() }));
const broken = tips.flatMap((t) => t.appliesTo).filter((e) => !parseAppliesTo(e).ok);
if (broken.length > 0) throw new Error(`Unparsable appliesTo entries: ${broken.slice(0, 3)}`);

const median = (xs: readonly number[]) => summarize(xs).p50;

// ---- 1. In-page script size.
const { extensionDir, launchWithExtension, openPopup, tabIdOf, remove } = await privateE2eBuild();
const panel = readFileSync(join(extensionDir(), 'related-panel.js'));
const panelGzip = gzipSync(panel, { level: 9 }).length;

// ---- 2. Page loads, with and without the extension.

/** As launchWithExtension does, minus the extension: same flags, same blocked network. */
async function launchPlain(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'repertoire-bench-plain-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  await context.route(
    (url) =>
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => route.abort(),
  );
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const pages = await startPageServer();
const ext = await launchWithExtension();
const plainA = await launchPlain();
const plainB = await launchPlain();

// Seed: tips straight into IndexedDB, then one tip saved as the popup saves it, which makes the
// background index them all (search and related) before the measurements start.
const seedTab = await ext.context.newPage();
await seedTab.goto(`${pages.origin}/fixtures/snippet.html`);
const popup = await openPopup(ext, await tabIdOf(ext, seedTab));
await popup.evaluate(NAME_HELPER);
const s0 = performance.now();
await writeItems(popup, tips);
const writeMs = performance.now() - s0;
await saveTipWithoutWaiting(popup, {
  title: 'Related check',
  body: 'Applies to one loopback path.',
  appliesTo: `127.0.0.1${CHECK_PATH}*`,
});
const drainMs = await waitForDrain(popup, 180_000);
await popup.close();

const badgeOf = async (page: Page) => {
  const tabId = await tabIdOf(ext, page);
  return ext.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
};
async function badgeAfterLoad(page: Page, path: string): Promise<string> {
  await page.goto(`${pages.origin}${path}`);
  // The background updates the badge after the load; give it time to.
  await page.waitForTimeout(500);
  return badgeOf(page);
}
const extTab = seedTab;
const checkBadge = await badgeAfterLoad(extTab, `${CHECK_PATH}page`);
const unrelatedBadge = await badgeAfterLoad(extTab, PAGES[1] ?? '');
if (checkBadge !== '1' || unrelatedBadge !== '') {
  throw new Error(
    `The seeded extension does not match as expected: badge "${checkBadge}" on the related page, "${unrelatedBadge}" on an unrelated one.`,
  );
}

/**
 * The page's own navigation timing, once its load event has finished. A string, not a function:
 * tsx would wrap a function's inner helpers in `__name`, which a freshly loaded page lacks.
 */
const LOAD_EVENT_END = `new Promise((ok) => {
  const read = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav && nav.loadEventEnd > 0) ok(nav.loadEventEnd - nav.startTime);
    else setTimeout(read, 5);
  };
  read();
})`;

/** One navigation: navigation start to the end of its load event. */
async function loadMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate<number>(LOAD_EVENT_END);
}

const browsers = [
  { name: 'with extension', tab: extTab, times: [] as number[] },
  { name: 'without (A)', tab: await plainA.context.newPage(), times: [] as number[] },
  { name: 'without (B)', tab: await plainB.context.newPage(), times: [] as number[] },
];
const urls = PAGES.map((p) => `${pages.origin}${p}`);
// Warm-up: first loads fill caches and compile code in each browser; not counted.
for (const b of browsers) for (const url of urls) await loadMs(b.tab, url);
const load0 = loadavg()[0] ?? NaN;
const l0 = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  for (const [p, url] of urls.entries()) {
    // Rotate who loads first, so no browser always follows the same one.
    const shift = (round + p) % browsers.length;
    for (const b of [...browsers.slice(shift), ...browsers.slice(0, shift)]) {
      b.times.push(await loadMs(b.tab, url));
    }
  }
}
const loadPhaseMs = performance.now() - l0;
const load1 = loadavg()[0] ?? NaN;
const extBadgeAfter = await badgeOf(extTab);

await ext.close();
await plainA.close();
await plainB.close();
await pages.close();
remove();

// ---- Report.
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `in-page script: related-panel.js ${kb(panel.length)} raw, ${kb(panelGzip)} gzip (goal ≤ 15 KB gzip) — e2e build`,
);

console.log(
  `\nseeding the extension: ${TIPS} tips written in ${ms(writeMs)}, indexed by the background (search + related) in ${ms(drainMs)} [Chromium]`,
);
console.log(
  `badge: "${checkBadge}" on ${CHECK_PATH}page (1 tip applies), "${unrelatedBadge}" on unrelated pages (also "${extBadgeAfter}" after the last load)`,
);
console.log(
  `\npage load (navigation start → load event end) [Chromium], ${PAGES.length} unrelated loopback pages × ${ROUNDS} rounds, ${(loadPhaseMs / 1000).toFixed(1)} s; load average ${load0.toFixed(2)} → ${load1.toFixed(2)}`,
);
console.log(`  pages: ${PAGES.join(', ')}`);
const [withExt, plain, control] = browsers.map((b) => ({ ...b, s: summarize(b.times) }));
if (!withExt || !plain || !control) throw new Error('three browsers expected');
for (const b of [withExt, plain, control]) {
  console.log(
    `  ${b.name.padEnd(16)} p50 ${ms(b.s.p50).padStart(9)}  p95 ${ms(b.s.p95).padStart(9)}  max ${ms(b.s.max).padStart(9)}  (n=${b.s.n})`,
  );
}
const perPage = (times: number[], p: number) =>
  median(times.filter((_, i) => i % PAGES.length === p));
console.log('  p50 per page (with / without A / without B):');
for (const [p, path] of PAGES.entries()) {
  const cells = [withExt, plain, control].map((b) => ms(perPage(b.times, p)));
  console.log(`    ${path.padEnd(24)} ${cells.join(' / ')}`);
}
/** Median of the per-load ratios: each load against the same page in the same round. */
const paired = (a: number[], b: number[]) => median(a.map((x, i) => x / (b[i] ?? NaN)));
const line = (name: string, a: typeof plain, b: typeof plain) =>
  console.log(
    `  ${name.padEnd(30)} p50 ${(a.s.p50 / b.s.p50).toFixed(2)}  p95 ${(a.s.p95 / b.s.p95).toFixed(2)}  paired median ${paired(a.times, b.times).toFixed(2)}`,
  );
line('ratio with / without (A)', withExt, plain);
line('noise: without (B) / (A)', control, plain);
console.log(
  `  goal: ratio 1.00 within noise; in-page script ≤ 15 KB gzip: ${panelGzip <= 15 * 1024 ? 'met' : 'MISSED'}`,
);
