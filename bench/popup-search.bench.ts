/**
 * `npm run bench -- popup-search`: the popup opened on a large repertoire, in real Chromium.
 *
 * Two browsers with the e2e build run side by side: one whose repertoire holds the tldr-pages tips
 * (CC BY 4.0) replicated to 50,000 items with fresh UUIDv7 ids, indexed by the extension's own
 * background; one with an empty repertoire, the popup's fixed cost. Fresh popup pages are opened
 * in turn in each, and timed in the page itself from navigation start:
 *
 * - first results: a query is typed the moment the search box appears, as a member who opened the
 *   popup with its shortcut would; timed to the first "Search results" list (empty repertoire: to
 *   its "No match" state);
 * - recent list: nothing typed; timed to the first "Recent items" list (empty: "Nothing here yet").
 *
 * Each is timed when the element enters the DOM and at the next frame (rendered). The other
 * baseline is load-then-query: in an open popup of the full repertoire, read every item from
 * IndexedDB and scan them for the query, as a popup without a persisted index would have to.
 *
 * POPUP_SEARCH_ITEMS=n sets the repertoire size (default 50000);
 * POPUP_SEARCH_ROUNDS=n the openings per browser and kind (default 10).
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { TipItem } from '../lib/wire';
import { startPageServer } from '../test/e2e/support/server';
import {
  NAME_HELPER,
  privateE2eBuild,
  saveTipWithoutWaiting,
  tldrItems,
  waitForDrain,
  writeItems,
} from './extension';
import { ms, summarize } from './stats';

const ITEMS = Number(process.env.POPUP_SEARCH_ITEMS ?? 50_000);
const ROUNDS = Number(process.env.POPUP_SEARCH_ROUNDS ?? 10);
const SCANS = 3;
const GOAL_MS = 150;
/** What members type: a few words, one with a typo. Rotated over the openings. */
const QUERIES = ['git undo', 'list open ports', 'extract tar gz', 'dokcer logs'];

/**
 * Injected into every page before its own scripts. In a popup opened with `bench-query` it types
 * that query (none when empty) as soon as the search box exists and notes, in
 * `globalThis.__bench`, when the awaited list or empty state first appears and the frame after.
 * A string: tsx would wrap a function's inner helpers in `__name`, which the page lacks.
 */
const PROBE = `(() => {
  const query = new URLSearchParams(location.search).get('bench-query');
  if (query === null) return;
  const t = (globalThis.__bench = { typed: null, shown: null, painted: null, outcome: null });
  const list = query ? 'Search results' : 'Recent items';
  const empty = query ? 'No match' : 'Nothing here yet';
  const observer = new MutationObserver(() => {
    if (query && t.typed === null) {
      const box = document.querySelector('input[aria-label="Search repertoire"]');
      if (box) {
        box.value = query;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        t.typed = performance.now();
      }
    }
    const found = document.querySelector('ul[aria-label="' + list + '"] li')
      ? 'list'
      : document.querySelector('.empty')?.textContent?.startsWith(empty)
        ? 'empty'
        : null;
    if (!found) return;
    observer.disconnect();
    t.shown = performance.now();
    t.outcome = found;
    requestAnimationFrame(() => setTimeout(() => (t.painted = performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})()`;

interface Probe {
  typed: number | null;
  shown: number;
  painted: number | null;
  outcome: 'list' | 'empty';
}

const { launchWithExtension, openPopup, tabIdOf, remove } = await privateE2eBuild();
const g0 = performance.now();
const items = tldrItems(ITEMS, 'personal');
const generateMs = performance.now() - g0;

const pages = await startPageServer();
const full = await launchWithExtension();
const empty = await launchWithExtension();

const f0 = performance.now();
const fullTab = await full.context.newPage();
await fullTab.goto(`${pages.origin}/fixtures/snippet.html`);
const fullTabId = await tabIdOf(full, fullTab);
const seeder = await openPopup(full, fullTabId);
await seeder.evaluate(NAME_HELPER);
await writeItems(seeder, items);
const writeMs = performance.now() - f0;
await saveTipWithoutWaiting(seeder, {
  title: 'Seeded',
  body: 'Saved so the background indexes what was written.',
  appliesTo: '',
});
const drainMs = await waitForDrain(seeder, 200_000);
await seeder.close();

const emptyTab = await empty.context.newPage();
await emptyTab.goto(`${pages.origin}/fixtures/snippet.html`);
const emptyTabId = await tabIdOf(empty, emptyTab);

for (const context of [full.context, empty.context]) {
  await context.addInitScript(NAME_HELPER);
  await context.addInitScript(PROBE);
}

/** Waits for the probe's last reading. A function: extension pages forbid eval of strings. */
async function readProbe(page: Page): Promise<Probe> {
  const reading = await page.waitForFunction(
    () => {
      const probe = (globalThis as { __bench?: Probe }).__bench;
      return probe?.painted != null && probe;
    },
    null,
    { timeout: 30_000 },
  );
  return (await reading.jsonValue()) as Probe;
}

/** One fresh popup: the probe's readings, in ms from navigation start. */
async function openTimed(
  context: BrowserContext,
  extensionId: string,
  tabId: number,
  query: string,
): Promise<Probe> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 440, height: 600 });
  const q = encodeURIComponent(query);
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}&bench-query=${q}`);
  const probe = await readProbe(page);
  await page.close();
  return probe;
}

const browsers = [
  { name: `${ITEMS} items`, ext: full, tabId: fullTabId, expect: 'list' },
  { name: 'empty', ext: empty, tabId: emptyTabId, expect: 'empty' },
].map((b) => ({ ...b, results: [] as Probe[], recent: [] as Probe[] }));

// One uncounted opening of each kind per browser: the first compiles the popup's code.
for (const b of browsers) {
  await openTimed(b.ext.context, b.ext.extensionId, b.tabId, QUERIES[0] ?? '');
  await openTimed(b.ext.context, b.ext.extensionId, b.tabId, '');
}
for (let round = 0; round < ROUNDS; round++) {
  const query = QUERIES[round % QUERIES.length] ?? '';
  const order = round % 2 === 0 ? browsers : [...browsers].reverse();
  for (const b of order) {
    b.results.push(await openTimed(b.ext.context, b.ext.extensionId, b.tabId, query));
    b.recent.push(await openTimed(b.ext.context, b.ext.extensionId, b.tabId, ''));
  }
}
for (const b of browsers) {
  const wrong = [...b.results, ...b.recent].filter((p) => p.outcome !== b.expect);
  if (wrong.length > 0) {
    throw new Error(`${b.name}: ${wrong.length} openings showed "${wrong[0]?.outcome}"`);
  }
}

/** Load-then-query in an open, idle popup: every item read from IndexedDB, then scanned. */
async function linearScan(page: Page, query: string) {
  return page.evaluate(async (q) => {
    const t0 = performance.now();
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = indexedDB.open('repertoire');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const request = db.transaction('items').objectStore('items').getAll();
    const all = await new Promise<TipItem[]>((ok, fail) => {
      request.onsuccess = () => ok(request.result as TipItem[]);
      request.onerror = () => fail(request.error);
    });
    db.close();
    const t1 = performance.now();
    const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    const hits: [number, string][] = [];
    for (const item of all) {
      if (item.deletedAt !== null || item.community !== 'personal') continue;
      const title = item.title.toLowerCase();
      const text = `${title} ${item.tool ?? ''} ${item.tags.join(' ')} ${item.body}`.toLowerCase();
      let score = 0;
      for (const term of terms) if (text.includes(term)) score += title.includes(term) ? 3 : 1;
      if (score > 0) hits.push([score, item.id]);
    }
    hits.sort((a, b) => b[0] - a[0]);
    const top = hits.slice(0, 50);
    return { read: t1 - t0, scan: performance.now() - t1, items: all.length, hits: top.length };
  }, query);
}
const scans: { read: number; scan: number; items: number }[] = [];
for (let i = 0; i < SCANS; i++) {
  // Opened as for the recent list, and scanned once that is shown: the popup is idle by then.
  const page = await full.context.newPage();
  await page.goto(
    `chrome-extension://${full.extensionId}/popup.html?tab=${fullTabId}&bench-query=`,
  );
  await readProbe(page);
  scans.push(await linearScan(page, QUERIES[i % QUERIES.length] ?? ''));
  await page.close();
}

await full.close();
await empty.close();
await pages.close();
remove();

// ---- Report.
const row = (name: string, xs: number[]) => {
  const s = summarize(xs);
  return `  ${name.padEnd(36)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  max ${ms(s.max).padStart(9)}  (n=${s.n})`;
};
console.log(
  `repertoire: ${ITEMS} tldr tips (+1 saved through the background) — generated and checked in ${ms(generateMs)} [Node], written to IndexedDB in ${ms(writeMs)}, indexed by the background in ${ms(drainMs)} [Chromium]`,
);
console.log(`queries, rotated: ${QUERIES.map((q) => `"${q}"`).join(', ')}`);
console.log(
  `\nfresh popup, from navigation start [Chromium], ${ROUNDS} openings of each kind per browser`,
);
for (const b of browsers) {
  console.log(`${b.name}:`);
  console.log(
    row(
      'query typed (search box appeared)',
      b.results.map((p) => p.typed ?? NaN),
    ),
  );
  console.log(
    row(
      'first results in the DOM',
      b.results.map((p) => p.shown),
    ),
  );
  console.log(
    row(
      'first results rendered (next frame)',
      b.results.map((p) => p.painted ?? NaN),
    ),
  );
  console.log(
    row(
      'recent list rendered (next frame)',
      b.recent.map((p) => p.painted ?? NaN),
    ),
  );
}
const [big, none] = browsers.map((b) => summarize(b.results.map((p) => p.painted ?? NaN)));
const loadThenQuery = summarize(scans.map((x) => x.read + x.scan));
console.log(
  `\nload-then-query in an open popup [Chromium], ${SCANS} runs over ${scans[0]?.items} items (not counting the popup's own start):`,
);
console.log(
  row(
    'getAll(items)',
    scans.map((x) => x.read),
  ),
);
console.log(
  row(
    'scan for the query',
    scans.map((x) => x.scan),
  ),
);
if (big && none) {
  console.log(
    `\nfirst results at ${ITEMS} items: p50 ${ms(big.p50)}, p95 ${ms(big.p95)}; ` +
      `${(big.p50 / none.p50).toFixed(2)}x the empty popup's p50 (+${ms(big.p50 - none.p50)}); ` +
      `load-then-query alone p50 ${ms(loadThenQuery.p50)} (${(loadThenQuery.p50 / big.p50).toFixed(1)}x our whole first-results time)`,
  );
  console.log(
    `goal ≤ ${GOAL_MS} ms at 50k: ${big.p95 <= GOAL_MS ? 'MET' : big.p50 <= GOAL_MS ? 'MET at p50, MISSED at p95' : 'MISSED'}${ITEMS === 50_000 ? '' : ` (run at ${ITEMS} items, not 50k)`}`,
  );
  // Issue 15: first results p95 against the empty popup's p95 in the same run, 1.15x at 50k
  // and 1.3x at 200k.
  const ratioGoal = ITEMS >= 200_000 ? 1.3 : 1.15;
  const r95 = big.p95 / none.p95;
  console.log(
    `goal first results p95 ≤ ${ratioGoal}x the empty popup's p95: ${r95.toFixed(2)}x (${ms(big.p95)} vs ${ms(none.p95)}) ${r95 <= ratioGoal ? 'MET' : 'MISSED'}${ITEMS === 50_000 || ITEMS === 200_000 ? '' : ` (run at ${ITEMS} items)`}`,
  );
}
