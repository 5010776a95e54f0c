/**
 * `npm run bench -- secrets`: the secret scan of what a clip of the largest corpus page would
 * share (its article HTML, text and metadata), as the background runs it before sharing. Side
 * by side in the same process, interleaved: a single-regex pass (one AWS key pattern) over the
 * same text, and a plain character scan, the floor of any scan. Goal: p95 ≤ 10 ms.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { scanFields } from '../lib/secrets';
import { corpusPage, readabilityPagesDir } from '../test/support/corpus';
import { ms, summarize } from './stats';

const GOAL_P95_MS = 10;
const ROUNDS = 60;
const WARMUP = 5;

const dir = readabilityPagesDir();
const [largest] = readdirSync(dir)
  .map((page) => ({ page, size: statSync(join(dir, page, 'expected.html')).size }))
  .sort((a, b) => b.size - a.size);
if (!largest) throw new Error(`no pages in ${dir}`);
const { html, text, meta } = corpusPage(largest.page);
// As the background receives them: the article crosses from the page in a message, so its
// strings arrive flat (jsdom's textContent is a rope of thousands of pieces, which every join
// would copy piece by piece again).
const fields = structuredClone({
  title: meta.title,
  byline: meta.byline,
  excerpt: meta.excerpt,
  siteName: meta.siteName,
  url: 'https://en.wikipedia.org/wiki/Example',
  html,
  text,
});
const all = `${html}\n${text}`;

const coldStart = performance.now();
const found = await scanFields(fields);
const coldMs = performance.now() - coldStart;

const runs = {
  scan: async () => void (await scanFields(fields)),
  'one regex': async () => void all.match(/\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/g),
  'char scan': async () => {
    let n = 0;
    for (let i = 0; i < all.length; i++) if (all.charCodeAt(i) === 64) n++;
    return void n;
  },
};
type Name = keyof typeof runs;
const samples: Record<Name, number[]> = { scan: [], 'one regex': [], 'char scan': [] };
/** CPU time too: on a loaded machine wall time also counts the time spent waiting for a core. */
const cpuSamples: Record<Name, number[]> = { scan: [], 'one regex': [], 'char scan': [] };
const names = Object.keys(runs) as Name[];

const loadBefore = loadavg()[0] ?? NaN;
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  // Interleaved, in a rotating order, so that load on the machine falls on all alike.
  for (const name of [...names.slice(round % 3), ...names.slice(0, round % 3)]) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await runs[name]();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (round < WARMUP) continue;
    samples[name].push(wall);
    cpuSamples[name].push((used.user + used.system) / 1_000);
  }
}
const loadAfter = loadavg()[0] ?? NaN;

console.log(
  `page: ${largest.page} (article HTML ${(html.length / 1024).toFixed(0)} KB, text ${(text.length / 1024).toFixed(0)} KB); ` +
    `${found.length} findings; ${ROUNDS} rounds; 1-min load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} on ${availableParallelism()} cores`,
);
const cols = ['p50', 'p95', 'max', 'CPU p50', 'CPU p95'];
console.log(`${'run'.padEnd(12)}${cols.map((c) => c.padStart(10)).join('')}`);
for (const name of names) {
  const w = summarize(samples[name]);
  const c = summarize(cpuSamples[name]);
  const cells = [w.p50, w.p95, w.max, c.p50, c.p95].map((n) => ms(n).padStart(10));
  console.log(`${name.padEnd(12)}${cells.join('')}`);
}
const scan = summarize(samples.scan);
const scanCpu = summarize(cpuSamples.scan);
const regex = summarize(samples['one regex']);
console.log(
  `scan / one regex (p50): ${(scan.p50 / regex.p50).toFixed(0)}×; first scan (cold) ${ms(coldMs)}`,
);
const verdict = (p95: number) => `${p95 <= GOAL_P95_MS ? 'MET' : 'MISSED'} (${ms(p95)})`;
console.log(`goal p95 ≤ ${GOAL_P95_MS} ms: wall ${verdict(scan.p95)}, CPU ${verdict(scanCpu.p95)}`);
