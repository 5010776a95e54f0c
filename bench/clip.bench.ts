/**
 * Clip time per corpus page in real Chromium: "Clip page" as the popup sends it (inject
 * Readability, extract, sanitize, convert, store), against the floor every clip pays — injecting
 * an empty script into the same tab — measured side by side on each page.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { launchWithExtension, openPopup, tabIdOf } from '../test/e2e/support/browser';
import { startPageServer } from '../test/e2e/support/server';
import { readabilityPagesDir } from '../test/support/corpus';
import { ms, summarize } from './stats';

execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'ignore' });
const pages = await startPageServer();
const ext = await launchWithExtension();
const tab = await ext.context.newPage();
await tab.goto(`${pages.origin}/fixtures/snippet.html`);
const tabId = await tabIdOf(ext, tab);
const popup = await openPopup(ext, tabId);
// tsx names functions with an `__name` helper that the page does not have.
await popup.evaluate('globalThis.__name = (f) => f');

const clipTimes: number[] = [];
const floorTimes: number[] = [];
let failures = 0;
for (const name of readdirSync(readabilityPagesDir()).sort()) {
  await tab.goto(`${pages.origin}/corpus/${name}`, { waitUntil: 'domcontentloaded' });
  const [clip, floor, ok] = await popup.evaluate(async (id) => {
    const t0 = performance.now();
    const reply = (await chrome.runtime.sendMessage({
      repertoire: 'clipPage',
      data: { tabId: id, community: 'personal', again: true },
    })) as { ok: boolean; value?: { ok: boolean } };
    const t1 = performance.now();
    await chrome.scripting.executeScript({ target: { tabId: id }, func: () => 0 });
    const t2 = performance.now();
    return [t1 - t0, t2 - t1, reply.ok && reply.value?.ok === true] as const;
  }, tabId);
  clipTimes.push(clip);
  floorTimes.push(floor);
  if (!ok) failures++;
}
await ext.close();
await pages.close();

const c = summarize(clipTimes);
const f = summarize(floorTimes);
console.log(`pages: ${c.n} (${failures} found no article)`);
console.log(`clip page        p50 ${ms(c.p50)}  p95 ${ms(c.p95)}  max ${ms(c.max)}`);
console.log(`empty injection  p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  max ${ms(f.max)}`);
console.log(
  `ratio clip / injection floor: p50 ${(c.p50 / f.p50).toFixed(1)}x  p95 ${(c.p95 / f.p95).toFixed(1)}x`,
);

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  scripting: {
    executeScript(o: { target: { tabId: number }; func: () => number }): Promise<unknown>;
  };
};
