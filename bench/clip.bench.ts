/**
 * Clip time per corpus page in real Chromium: "Clip page" as the popup sends it (inject
 * Readability, extract, sanitize, convert, store), against two baselines measured side by side
 * on each page: the floor every clip pays — injecting an empty script into the same tab — and
 * bare `Readability.parse` on a cloned document in the same tab, the work no clip can skip.
 * Goal: clip median ≤ 1.5× bare Readability's, p95 ≤ 2×.
 *
 * CLIP_BENCH_ITEMS=50000 clips into a repertoire that already holds that many tldr tips (written
 * straight into IndexedDB and indexed by the background first), as a member's after joining.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchWithExtension, openPopup, tabIdOf } from '../test/e2e/support/browser';
import { startPageServer } from '../test/e2e/support/server';
import { readabilityPagesDir } from '../test/support/corpus';
import { saveTipWithoutWaiting, tldrItems, waitForDrain, writeItems } from './extension';
import { ms, summarize } from './stats';

const ITEMS = Number(process.env.CLIP_BENCH_ITEMS ?? 0);
execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'ignore' });
const pages = await startPageServer();
const ext = await launchWithExtension();
const tab = await ext.context.newPage();
// Bare Readability, the same library version the extension bundles, in every page the tab loads
// (added by the browser's debugging protocol, so no page CSP refuses it).
const READABILITY = readFileSync(
  createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js'),
  'utf8',
);
await tab.addInitScript(`${READABILITY}\nglobalThis.__bareReadability = Readability;`);
await tab.goto(`${pages.origin}/fixtures/snippet.html`);
const tabId = await tabIdOf(ext, tab);
const popup = await openPopup(ext, tabId);
// tsx names functions with an `__name` helper that the page does not have.
await popup.evaluate('globalThis.__name = (f) => f');
if (ITEMS > 0) {
  await writeItems(popup, tldrItems(ITEMS, 'personal'));
  await saveTipWithoutWaiting(popup, {
    title: 'Seeded',
    body: 'Indexes what was written.',
    appliesTo: '',
  });
  await waitForDrain(popup, 300_000);
}

const clipTimes: number[] = [];
const floorTimes: number[] = [];
const bareTimes: number[] = [];
const extractTimes: number[] = [];
let failures = 0;
for (const name of readdirSync(readabilityPagesDir()).sort()) {
  await tab.goto(`${pages.origin}/corpus/${name}`, { waitUntil: 'domcontentloaded' });
  bareTimes.push(
    await tab.evaluate(() => {
      const t0 = performance.now();
      new (globalThis as unknown as { __bareReadability: BareReadability }).__bareReadability(
        document.cloneNode(true) as Document,
      ).parse();
      return performance.now() - t0;
    }),
  );
  const [clip, floor, ok, extract] = await popup.evaluate(async (id) => {
    const t0 = performance.now();
    const reply = (await chrome.runtime.sendMessage({
      repertoire: 'clipPage',
      data: { tabId: id, community: 'personal', again: true },
    })) as { ok: boolean; value?: { ok: boolean } };
    const t1 = performance.now();
    await chrome.scripting.executeScript({ target: { tabId: id }, func: () => 0 });
    const t2 = performance.now();
    // Where a clip's time goes: the capture script alone (Readability, DOMPurify, turndown in
    // the tab), the rest being the background's checks, storing and indexing.
    await chrome.scripting.executeScript({ target: { tabId: id }, files: ['/extract-article.js'] });
    const t3 = performance.now();
    return [t1 - t0, t2 - t1, reply.ok && reply.value?.ok === true, t3 - t2] as const;
  }, tabId);
  clipTimes.push(clip);
  floorTimes.push(floor);
  extractTimes.push(extract);
  if (!ok) failures++;
}
await ext.close();
await pages.close();

const c = summarize(clipTimes);
const f = summarize(floorTimes);
const b = summarize(bareTimes);
const x = summarize(extractTimes);
console.log(
  `pages: ${c.n} (${failures} found no article), into a repertoire of ${ITEMS ? `${ITEMS} tldr tips` : 'nothing but them'}`,
);
console.log(`clip page        p50 ${ms(c.p50)}  p95 ${ms(c.p95)}  max ${ms(c.max)}`);
console.log(`empty injection  p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  max ${ms(f.max)}`);
console.log(`capture script   p50 ${ms(x.p50)}  p95 ${ms(x.p95)}  max ${ms(x.max)}  (of the clip)`);
console.log(`bare Readability p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  max ${ms(b.max)}`);
console.log(
  `ratio clip / injection floor: p50 ${(c.p50 / f.p50).toFixed(1)}x  p95 ${(c.p95 / f.p95).toFixed(1)}x`,
);

const [r50, r95] = [c.p50 / b.p50, c.p95 / b.p95];
console.log(
  `goal clip / bare Readability: p50 ${r50.toFixed(2)}x (≤ 1.5x) ${r50 <= 1.5 ? 'MET' : 'MISSED'}, p95 ${r95.toFixed(2)}x (≤ 2x) ${r95 <= 2 ? 'MET' : 'MISSED'}`,
);

type BareReadability = new (doc: Document) => { parse(): unknown };

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  scripting: {
    executeScript(
      o: { target: { tabId: number } } & ({ func: () => number } | { files: string[] }),
    ): Promise<unknown>;
  };
};
