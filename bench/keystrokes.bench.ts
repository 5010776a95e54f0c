/**
 * `npm run bench -- keystrokes`: where one keystroke's time goes in our index, measured before
 * changing anything (issue: keystroke p95 as fast as FlexSearch's). The search bench's typing
 * sessions (the same queries, one character at a time, each session in a fresh instance opened
 * from the persisted form) run under V8's sampling profiler; every sample is given to the
 * keystroke it fell in and to the phase of the innermost search function on its stack:
 *
 *   reading records   the store's get and the structured-clone deserialization of each record
 *   prefix expansion  completions of the word being typed (subtreeKeys, termsUnder, topByDf)
 *   typo candidates   one-typo neighbours of an unknown word (typoKeys, typoHeads, withinOneEdit)
 *   scoring           BM25F over the postings (scoreWord, scratch)
 *   top-k             selectTop
 *   showing results   highlight and the result objects
 *   query parsing     parseQuery, tokenize
 *
 * Printed: each phase's share of all keystrokes and of the slowest 5 % (those at or above p95),
 * the slowest keystrokes one by one, and the bytes a keystroke allocates, by phase.
 * KEYSTROKE_SIZES=50000,200000 picks sizes (default 50000).
 */
import { Session } from 'node:inspector/promises';
import { createSearchIndex, type SearchIndex } from '../lib/search/index';
import { loadTldrTips, persistedStore, replicate, TYPED } from './relevance';
import { summarize } from './stats';

const PHASES: [phase: string, functions: string[]][] = [
  ['reading records', ['load', 'get', 'deserialize', 'readMeta']],
  ['prefix expansion', ['prefixExpansions', 'subtreeKeys', 'termsUnder', 'topByDf']],
  ['typo candidates', ['typoExpansions', 'typoKeys', 'typoHeads', 'mayHoldTypo', 'withinOneEdit']],
  ['scoring', ['scoreWord', 'scratch', 'docFrequency', 'ubiquitous']],
  ['top-k', ['selectTop']],
  ['showing results', ['highlight']],
  ['query parsing', ['parseQuery', 'tokenize']],
];
const PHASE_OF = new Map(PHASES.flatMap(([phase, fns]) => fns.map((f) => [f, phase] as const)));
const OTHER = 'other (in search)';
const GC = 'garbage collection';
/** The engine between calls: promise jobs resuming search's awaits, the bench's own loop. */
const OUTSIDE = 'outside search';
const SAMPLE_US = 50;
const SESSIONS = 3;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface Keystroke {
  query: string;
  fromUs: number;
  toUs: number;
  ms: number;
  phases: Map<string, number>;
}

const ours = (file: string): boolean => file.includes('/lib/search/') || file.includes('/bench/');

/** Phase of each profile node: that of the innermost search function on its stack. */
function phasesOf(nodes: readonly ProfileNode[]): Map<number, string | null> {
  const parent = new Map<number, number>();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<number, string | null>();
  for (const n of nodes) {
    let phase: string | null = null;
    let inSearch = false;
    for (let at: number | undefined = n.id; at !== undefined; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      if (functionName === 'search' && url.includes('/lib/search/')) inSearch = true;
      if (phase === null && (ours(url) || functionName === 'deserialize')) {
        phase = PHASE_OF.get(functionName) ?? null;
      }
    }
    const own = n.callFrame.functionName;
    if (own === '(garbage collector)') out.set(n.id, GC);
    else if (inSearch) out.set(n.id, phase ?? OTHER);
    else out.set(n.id, own === '(idle)' ? null : OUTSIDE);
  }
  return out;
}

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

async function persisted(size: number): Promise<Map<string, Buffer>> {
  const records = new Map<string, Buffer>();
  await (await createSearchIndex(persistedStore(records))).upsert(replicate(loadTldrTips(), size));
  return records;
}

interface HeapNode {
  id: number;
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/** Types every query once in a fresh instance. */
async function typeAll(records: Map<string, Buffer>): Promise<number> {
  const index = await createSearchIndex(persistedStore(new Map(records)));
  let n = 0;
  for (const query of TYPED) {
    for (let i = 1; i <= query.length; i++, n++)
      await index.search(query.slice(0, i), { limit: 10 });
  }
  return n;
}

/**
 * Bytes allocated per keystroke, by phase, from V8's sampling heap profiler (one sample per 4 kB
 * allocated, objects the collector already freed included): what makes the collector run.
 */
async function allocations(records: Map<string, Buffer>, session: Session): Promise<void> {
  await typeAll(records);
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const count = await typeAll(records);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: HeapNode };
  };
  const nodes: ProfileNode[] = [];
  const sizes = new Map<number, number>();
  const flatten = (n: HeapNode): void => {
    nodes.push({ id: n.id, callFrame: n.callFrame, children: n.children.map((c) => c.id) });
    sizes.set(n.id, n.selfSize);
    n.children.forEach(flatten);
  };
  flatten(profile.head);
  const phaseOf = phasesOf(nodes);
  const byPhase = new Map<string, number>();
  for (const [id, bytes] of sizes) {
    const phase = phaseOf.get(id);
    if (phase) byPhase.set(phase, (byPhase.get(phase) ?? 0) + bytes);
  }
  const total = [...byPhase.values()].reduce((a, b) => a + b, 0);
  const parts = [...byPhase]
    .sort((a, b) => b[1] - a[1])
    .map(([p, bytes]) => `${p} ${(bytes / count / 1024).toFixed(0)}`)
    .join(', ');
  console.log(`allocated per keystroke: ${(total / count / 1024).toFixed(0)} kB (${parts})`);
}

async function profileSize(size: number, session: Session): Promise<void> {
  const records = await persisted(size);
  // A popup holds its index, not the items it was built from: they are collected first.
  globalThis.gc?.();

  const keystrokes: Keystroke[] = [];
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLE_US });
  for (let r = 0; r <= SESSIONS; r++) {
    // Session 0 warms the JIT without the profiler, as the search bench's does.
    if (r === 1) await session.post('Profiler.start');
    const index: SearchIndex = await createSearchIndex(persistedStore(new Map(records)));
    for (const query of TYPED) {
      for (let n = 1; n <= query.length; n++) {
        const fromUs = nowUs();
        const start = performance.now();
        await index.search(query.slice(0, n), { limit: 10 });
        const ms = performance.now() - start;
        if (r > 0)
          keystrokes.push({
            query: query.slice(0, n),
            fromUs,
            toUs: nowUs(),
            ms,
            phases: new Map(),
          });
      }
    }
  }
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };

  // Samples are stamped on the same monotonic clock as process.hrtime.
  const phaseOf = phasesOf(profile.nodes);
  let t = profile.startTime;
  let k = 0;
  let placed = 0;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const otherBy = new Map<string, number>();
  profile.samples.forEach((node, i) => {
    const delta = profile.timeDeltas[i]!;
    t += delta;
    while (k < keystrokes.length && keystrokes[k]!.toUs < t) k++;
    const key = keystrokes[k];
    const phase = phaseOf.get(node);
    if (!key || t < key.fromUs || !phase) return;
    placed++;
    key.phases.set(phase, (key.phases.get(phase) ?? 0) + delta / 1000);
    if (phase === OTHER) {
      const { functionName, url } = byId.get(node)!.callFrame;
      const name = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}`;
      otherBy.set(name, (otherBy.get(name) ?? 0) + delta / 1000);
    }
  });

  const { p50, p95 } = summarize(keystrokes.map((s) => s.ms));
  const slow = keystrokes.filter((s) => s.ms >= p95);
  const names = [...PHASES.map(([p]) => p), OTHER, GC, OUTSIDE];
  const meanOf = (set: Keystroke[], phase: string): number =>
    set.reduce((sum, s) => sum + (s.phases.get(phase) ?? 0), 0) / set.length;
  const sampled = (set: Keystroke[]): number => names.reduce((n, p) => n + meanOf(set, p), 0);
  const share = (set: Keystroke[], phase: string): string =>
    `${((100 * meanOf(set, phase)) / (sampled(set) || 1)).toFixed(0)} %`;
  console.log(
    `\n${size} items: ${keystrokes.length} keystrokes in ${SESSIONS} fresh instances, ` +
      `profiled every ${SAMPLE_US} µs (${placed} samples inside search); ` +
      `keystroke p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (with the profiler on)`,
  );
  console.table(
    names.map((phase) => ({
      phase,
      'all: ms per keystroke': meanOf(keystrokes, phase).toFixed(3),
      'all: share': share(keystrokes, phase),
      [`slowest ${slow.length}: ms per keystroke`]: meanOf(slow, phase).toFixed(3),
      [`slowest ${slow.length}: share`]: share(slow, phase),
    })),
  );
  const others = [...otherBy].sort((a, b) => b[1] - a[1]).slice(0, 6);
  console.log(
    `${OTHER}, by function (ms in all): ${others.map(([f, ms]) => `${f} ${ms.toFixed(1)}`).join('; ')}`,
  );
  console.log('slowest keystrokes (which instance they fell in does not matter: each is fresh):');
  for (const s of [...slow].sort((a, b) => b.ms - a.ms)) {
    const parts = [...s.phases]
      .sort((a, b) => b[1] - a[1])
      .filter(([, ms]) => ms >= 0.1)
      .map(([p, ms]) => `${p} ${ms.toFixed(1)}`)
      .join(', ');
    console.log(`  ${s.ms.toFixed(2).padStart(6)} ms  "${s.query}"  ${parts}`);
  }
  await allocations(records, session);
}

const sizes = (process.env.KEYSTROKE_SIZES ?? '50000').split(',').map(Number);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
for (const size of sizes) await profileSize(size, session);
session.disconnect();
