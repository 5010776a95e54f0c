/**
 * `npm run bench -- anchoring`: finding a quote again in the page with the most text in the
 * corpus (yahoo-2, 1.1 M characters of body text), as the highlights script does. Side by side:
 * approx-string-match (Myers' bit-parallel algorithm, which anchoring uses) and Sellers' dynamic
 * programming, the textbook approximate substring search, over the same text with the same error
 * budget; then the whole locate() of a quote with a word changed, and of a quote removed. The
 * figures are in docs/highlights.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import search from 'approx-string-match';
import { ERROR_RATE, readPageText, TextLocator } from '../lib/anchoring';
import { readabilityPagesDir } from '../test/support/corpus';
import { ms, summarize } from './stats';

const ROUNDS = 10;
const dir = readabilityPagesDir();
const [largest] = readdirSync(dir)
  .map((page) => ({ page, size: statSync(join(dir, page, 'source.html')).size }))
  .sort((a, b) => b.size - a.size);
if (!largest) throw new Error(`no pages in ${dir}`);
const dom = new JSDOM(readFileSync(join(dir, largest.page, 'source.html'), 'utf8'), {
  virtualConsole: new VirtualConsole(),
});
const page = readPageText(dom.window.document.body);
const text = page.searchable;
// A 200-character quote from the longest run of text a reader sees.
const longest = page.nodes
  .map((node, i) => ({ node, start: page.starts[i] ?? 0 }))
  .filter(({ start }) => text[start] !== '\u0000')
  .sort((a, b) => b.node.data.length - a.node.data.length)[0];
if (!longest) throw new Error('no text');
const at = longest.start + 20;
const quote = text.slice(at, at + 200);
const selector = {
  exact: quote,
  prefix: text.slice(at - 64, at),
  suffix: text.slice(at + 200, at + 264),
};
const edited = `${text.slice(0, at + 60)}quokka${text.slice(at + 66)}`;
const removed = text.slice(0, at) + text.slice(at + 200);
const budget = Math.floor(quote.length * ERROR_RATE);

/** Sellers' dynamic programming: the best end of an approximate match, O(text × quote). */
function sellers(t: string, p: string, max: number): number {
  const m = p.length;
  let prev = new Int32Array(m + 1).map((_, i) => i);
  let cur = new Int32Array(m + 1);
  let best = Infinity;
  for (let j = 1; j <= t.length; j++) {
    cur[0] = 0;
    const c = t.charCodeAt(j - 1);
    for (let i = 1; i <= m; i++) {
      const sub = (prev[i - 1] ?? 0) + (p.charCodeAt(i - 1) === c ? 0 : 1);
      cur[i] = Math.min(sub, (prev[i] ?? 0) + 1, (cur[i - 1] ?? 0) + 1);
    }
    if ((cur[m] ?? 0) <= max) best = Math.min(best, cur[m] ?? 0);
    [prev, cur] = [cur, prev];
  }
  return best;
}

const runs = {
  'approx-string-match': () => void search(edited, quote, budget),
  'Sellers DP': () => void sellers(edited, quote, budget),
  'locate, word changed': () => void new TextLocator(edited).locate(selector, { start: at }),
  'locate, removed': () => void new TextLocator(removed).locate(selector, { start: at }),
};
const samples = Object.fromEntries(Object.keys(runs).map((k) => [k, [] as number[]]));
for (let round = 0; round < ROUNDS + 1; round++) {
  for (const [name, run] of Object.entries(runs)) {
    const start = performance.now();
    run();
    if (round > 0) samples[name]?.push(performance.now() - start);
  }
}
console.log(
  `page: ${largest.page} (${text.length} characters of body text); quote ${quote.length} characters, ${budget} errors allowed; ${ROUNDS} rounds`,
);
for (const [name, list] of Object.entries(samples)) {
  const s = summarize(list);
  console.log(`${name.padEnd(24)} p50 ${ms(s.p50).padStart(10)}  p95 ${ms(s.p95).padStart(10)}`);
}
console.log(
  'found:',
  new TextLocator(edited).locate(selector, { start: at })?.how,
  '(word changed),',
  new TextLocator(removed).locate(selector, { start: at }),
  '(removed)',
);
