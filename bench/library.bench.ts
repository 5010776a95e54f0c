/**
 * `npm run bench -- library`: a filter change on the library page at 50,000 items, in real
 * Chromium with the e2e build, measured in the page beside the same list rendered without
 * virtualization (the e2e build's `?every-row`), in the same browser and the same run.
 *
 * The repertoire is the tldr-pages tips (CC BY 4.0) replicated to 50,000 items with fresh UUIDv7
 * ids, a quarter turned into snippets and a quarter into pages, by a dozen authors, indexed by
 * the extension's own background. Each sample is one change of a filter's <select>, timed with
 * performance.now() from just before the change event to the frame after the list changed
 * (requestAnimationFrame, then a task: the frame has been painted). The changes cycle through
 * kind = tip, tag = the most common tag, kind = snippet, any tag, any kind: each changes what is
 * listed, so each one re-renders.
 *
 * LIBRARY_ITEMS=n sets the repertoire size (default 50000); LIBRARY_ROUNDS=n the cycles of the
 * library page (default 6), LIBRARY_BASELINE_ROUNDS=n of the baseline (default 2), each after one
 * uncounted cycle. The two pages are measured one after the other in the same browser.
 */
import type { Page } from 'playwright-core';
import { sampleItem } from '../test/support/items';
import type { Item } from '../lib/wire';
import {
  NAME_HELPER,
  privateE2eBuild,
  saveTipWithoutWaiting,
  tldrItems,
  waitForDrain,
  writeItems,
} from './extension';
import { ms, summarize } from './stats';

const ITEMS = Number(process.env.LIBRARY_ITEMS ?? 50_000);
const ROUNDS = Number(process.env.LIBRARY_ROUNDS ?? 6);
/** Each of the baseline's changes takes seconds at 50k: fewer cycles of it. */
const BASELINE_ROUNDS = Number(process.env.LIBRARY_BASELINE_ROUNDS ?? 2);
const GOAL_MS = 50;
const AUTHORS = ['Ana', 'Ben', 'Cam', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kai', 'Lu'];

/** The tldr tips as a mix of kinds: every fourth a snippet, every fourth a page. */
function mixedItems(count: number): Item[] {
  return tldrItems(count, 'personal').map((tip, i) => {
    const author = AUTHORS[i % AUTHORS.length] ?? null;
    if (i % 4 === 0 || i % 4 === 3) return { ...tip, author };
    const common = {
      id: tip.id,
      community: tip.community,
      title: tip.title,
      tags: tip.tags,
      url: tip.url,
      siteName: tip.siteName,
      createdAt: tip.createdAt,
      updatedAt: tip.updatedAt,
      author,
    };
    return i % 4 === 1
      ? sampleItem('snippet', { ...common, quote: tip.body, sourceTitle: tip.title })
      : sampleItem('page', {
          ...common,
          html: `<p>${tip.body.replace(/[<&]/g, '')}</p>`,
          markdown: tip.body,
          text: tip.body,
        });
  });
}

const { launchWithExtension, openPopup, remove } = await privateE2eBuild();
const items = mixedItems(ITEMS);
const tagCounts = new Map<string, number>();
for (const item of items) for (const t of item.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
const [tag] = [...tagCounts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];

const ext = await launchWithExtension();
const w0 = performance.now();
const seeder = await openPopup(ext, 0);
await seeder.evaluate(NAME_HELPER);
await writeItems(seeder, items);
const writeMs = performance.now() - w0;
// Indexed, as a member's repertoire is: a drain during the measurements would colour them.
await saveTipWithoutWaiting(seeder, { title: 'Seeded', body: 'Drain the queue.', appliesTo: '' });
const drainMs = await waitForDrain(seeder, 300_000);
await seeder.close();
await ext.context.addInitScript(NAME_HELPER);

/** Opens the library page; returns it once it lists every item, with the ms that took. */
async function openLibrary(windowed: boolean): Promise<{ page: Page; readyMs: number }> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  const query = windowed ? '' : '?every-row';
  await page.goto(`chrome-extension://${ext.extensionId}/library.html${query}`);
  const total = new Intl.NumberFormat('en-US').format(ITEMS + 1);
  const shown = await page.waitForFunction(
    (text) =>
      document.querySelector('.library-count')?.textContent === `${text} items` &&
      document.querySelector('[role="option"]') !== null &&
      performance.now(),
    total,
    { timeout: 300_000, polling: 100 },
  );
  return { page, readyMs: (await shown.jsonValue()) as number };
}

/** One cycle of filter changes in the page; each sample in ms, with the count each showed. */
async function cycle(page: Page, values: { tag: string }) {
  await page.bringToFront();
  return page.evaluate(async ({ tag }) => {
    const steps: [string, string][] = [
      ['Kind', 'tip'],
      ['Tag', tag],
      ['Kind', 'snippet'],
      ['Tag', ''],
      ['Kind', ''],
    ];
    const status = document.querySelector('.library-count');
    const out: { ms: number; count: string }[] = [];
    for (const [label, value] of steps) {
      const select = [...document.querySelectorAll('label')]
        .find((l) => l.querySelector('span')?.textContent === label)
        ?.querySelector('select');
      if (!select || !status) throw new Error(`No ${label} filter on the page.`);
      const before = status.textContent;
      const t0 = performance.now();
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`${label}=${value} changed nothing`)),
          60_000,
        );
        const seen = () => {
          if (status.textContent === before) return false;
          observer.disconnect();
          clearTimeout(timer);
          done();
          return true;
        };
        const observer = new MutationObserver(seen);
        if (!seen()) {
          observer.observe(status, { childList: true, characterData: true, subtree: true });
        }
      });
      await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
      out.push({ ms: performance.now() - t0, count: status.textContent ?? '' });
    }
    return out;
  }, values);
}

// One page at a time: extension pages share a renderer process, so a page holding 50,000 rows
// would slow the other's frames (and its garbage collections) down.
const modes = [
  { name: 'virtualized (the library page)', windowed: true, rounds: ROUNDS },
  { name: 'every row rendered (baseline)', windowed: false, rounds: BASELINE_ROUNDS },
].map((m) => ({ ...m, samples: [] as number[], counts: new Set<string>(), readyMs: NaN, rows: 0 }));
for (const mode of modes) {
  const { page, readyMs } = await openLibrary(mode.windowed);
  mode.readyMs = readyMs;
  // Uncounted: the first cycle sorts and compiles.
  await cycle(page, { tag });
  for (let round = 0; round < mode.rounds; round++) {
    for (const s of await cycle(page, { tag })) {
      mode.samples.push(s.ms);
      mode.counts.add(s.count);
    }
  }
  mode.rows = await page.evaluate(() => document.querySelectorAll('[role="option"]').length);
  await page.close();
}
await ext.close();
remove();

// ---- Report.
const row = (name: string, xs: number[]) => {
  const s = summarize(xs);
  return `  ${name.padEnd(34)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  max ${ms(s.max).padStart(9)}  (n=${s.n})`;
};
console.log(
  `repertoire: ${ITEMS} items (tldr-pages tips as tips, snippets and pages; +1 saved through the background), written to IndexedDB in ${ms(writeMs)}, indexed in ${ms(drainMs)} [Chromium]`,
);
console.log(`filter changes, cycled: kind=tip, tag=${tag}, kind=snippet, any tag, any kind`);
console.log(`counts shown: ${[...(modes[0]?.counts ?? [])].join('; ')}`);
console.log(`\nfilter change → list painted, in the page [Chromium], 5 changes a cycle:`);
for (const mode of modes) {
  console.log(row(`${mode.name}, ${mode.rounds} cycles`, mode.samples));
  console.log(
    `  ${''.padEnd(34)} page opened to every item listed: ${ms(mode.readyMs)}; rows in the DOM at the end: ${mode.rows}`,
  );
}
const [virtual, every] = modes.map((m) => summarize(m.samples));
if (virtual && every) {
  console.log(
    `\nvirtualized p95 ${ms(virtual.p95)} vs every row ${ms(every.p95)} (${(every.p95 / virtual.p95).toFixed(0)}x)`,
  );
  console.log(
    `goal ≤ ${GOAL_MS} ms p95 at 50k: ${virtual.p95 <= GOAL_MS ? 'MET' : 'MISSED'}${ITEMS === 50_000 ? '' : ` (run at ${ITEMS} items, not 50k)`}`,
  );
}
