/**
 * `npm run bench -- live`: 500 idle listeners on one server process (SQLite, the server in its
 * own process, as deployed), and how long a push takes to reach every one of them.
 * - memory: the server's resident set before and after 500 streams are open, per listener;
 * - CPU: the server's user+system time over 10 s idle, with no listener and with 500, and
 *   what the listeners add;
 * - push → heard: from sending a one-item push to each listener receiving `changed`, over 5
 *   pushes; beside it, in the same run, what hearing costs without the stream: the same 500
 *   clients each pulling once after the push, from the push's answer to the last pull's answer.
 * LIVE_LISTENERS=n sets the listeners (default 500), LIVE_PUSHES=n the pushes (default 5).
 */
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIVE, uuidv7 } from '../lib/wire';
import { invite, joinCommunity, startServer, type Member } from './server-process';
import { ms, summarize } from './stats';

const LISTENERS = Number(process.env.LIVE_LISTENERS ?? 500);
const PUSHES = Number(process.env.LIVE_PUSHES ?? 5);
const IDLE_MS = 10_000;
const GOALS = { heardMs: 2_000, kbPerListener: 64, idleCpuPercent: 1 };

const dir = mkdtempSync(join(tmpdir(), 'repertoire-bench-live-'));
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** `/proc/<pid>`: resident set in KB, and user+system CPU in clock ticks (100 a second). */
function proc(pid: number) {
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { rssKb: rss, ticks: Number(stat[11]) + Number(stat[12]) };
}

async function idleCpuPercent(pid: number): Promise<number> {
  const before = proc(pid).ticks;
  await new Promise((done) => setTimeout(done, IDLE_MS));
  return ((proc(pid).ticks - before) / 100 / (IDLE_MS / 1000)) * 100;
}

/** One listener: resolves when `ready` came; `heard` is called at each `changed`. */
function listen(m: Member, cursor: number, heard: () => void): Promise<http.ClientRequest> {
  return new Promise((ready, fail) => {
    const req = http.get(
      // At the community's cursor: told of nothing until the next push.
      `${m.base}/events?cursor=${cursor}`,
      { agent, headers: { ...m.headers, Accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) return fail(new Error(`events: ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop() ?? '';
          for (const block of blocks) {
            if (block.includes('event: ready')) ready(req);
            else if (block.includes('event: changed')) heard();
          }
        });
      },
    );
    req.on('error', fail);
  });
}

async function push(m: Member, seq: number): Promise<void> {
  const now = Date.now();
  const fields = Object.fromEntries(
    Object.entries({
      title: `Live tip ${seq}`,
      url: null,
      canonicalUrl: null,
      siteName: null,
      byline: null,
      publishedTime: null,
      excerpt: null,
      tags: [],
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      body: 'Heard by everyone listening.',
      tool: null,
      appliesTo: [],
    }).map(([k, value]) => [k, { value, base: 0 }]),
  );
  const res = await fetch(`${m.base}/push`, {
    method: 'POST',
    headers: m.headers,
    body: JSON.stringify({
      clientId: 'bench-pusher',
      mutations: [{ op: 'set', seq, itemId: uuidv7(), kind: 'tip', at: seq, fields }],
    }),
  });
  if (res.status !== 200) throw new Error(`push: ${res.status}`);
  await res.arrayBuffer();
}

function pullOnce(m: Member): Promise<void> {
  return new Promise((done, fail) => {
    http
      .get(`${m.base}/pull?cursor=0&limit=10`, { agent, headers: m.headers }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? done() : fail(new Error(`pull ${res.statusCode}`)),
        );
      })
      .on('error', fail);
  });
}

const server = await startServer(dir, 'live', []);
try {
  const steward = await joinCommunity(server.url, server.invite, 'Steward');
  const code = await invite(steward, 1000);
  const members = await Promise.all(
    Array.from({ length: Math.ceil(LISTENERS / LIVE.streamsPerMember) }, (_, i) =>
      joinCommunity(server.url, code, `Listener ${i}`),
    ),
  );
  const pusher = await joinCommunity(server.url, code, 'Pusher');
  await push(pusher, 1);
  const pulled = await fetch(`${steward.base}/pull?cursor=0`, {
    headers: steward.headers,
  });
  const { cursor } = (await pulled.json()) as { cursor: number };

  const idleWithout = await idleCpuPercent(server.pid);
  const rssBefore = proc(server.pid).rssKb;
  let heard = 0;
  let pushedAt = 0;
  const latencies: number[] = [];
  let everyone: () => void = () => {};
  const onHeard = () => {
    latencies.push(performance.now() - pushedAt);
    if (++heard % LISTENERS === 0) everyone();
  };
  const streams = await Promise.all(
    Array.from({ length: LISTENERS }, (_, i) =>
      listen(members[Math.floor(i / LIVE.streamsPerMember)]!, cursor, onHeard),
    ),
  );
  const rssAfter = proc(server.pid).rssKb;
  const idleWith = await idleCpuPercent(server.pid);

  const lastHeard: number[] = [];
  const allPulled: number[] = [];
  for (let p = 0; p < PUSHES; p++) {
    const all = new Promise<void>((done) => (everyone = done));
    pushedAt = performance.now();
    await push(pusher, p + 2);
    await all;
    lastHeard.push(performance.now() - pushedAt);
    // The baseline: the same clients learning of it by each pulling once.
    const t0 = performance.now();
    await Promise.all(
      streams.map((_, i) => pullOnce(members[Math.floor(i / LIVE.streamsPerMember)]!)),
    );
    allPulled.push(performance.now() - t0);
  }
  for (const req of streams) req.destroy();

  const perListenerKb = (rssAfter - rssBefore) / LISTENERS;
  const heardStats = summarize(latencies);
  const last = summarize(lastHeard);
  const allPull = summarize(allPulled);
  console.log(
    `${LISTENERS} live listeners on one server process (SQLite) [loopback], ${PUSHES} one-item pushes:`,
  );
  console.log(
    `  memory: ${(rssBefore / 1024).toFixed(1)} MB → ${(rssAfter / 1024).toFixed(1)} MB resident, ${perListenerKb.toFixed(1)} KB per listener (goal ≤ ${GOALS.kbPerListener} KB): ${perListenerKb <= GOALS.kbPerListener ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `  idle CPU over ${IDLE_MS / 1000} s: ${idleWithout.toFixed(2)} % of a core with none, ${idleWith.toFixed(2)} % with ${LISTENERS}, ${(idleWith - idleWithout).toFixed(2)} % added (goal ≤ ${GOALS.idleCpuPercent} % added): ${idleWith - idleWithout <= GOALS.idleCpuPercent ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `  push → each listener heard: p50 ${ms(heardStats.p50)}, p95 ${ms(heardStats.p95)}, max ${ms(heardStats.max)} (n=${heardStats.n})`,
  );
  console.log(
    `  push → every listener heard: p50 ${ms(last.p50)}, max ${ms(last.max)}; baseline, all ${LISTENERS} pulling once: p50 ${ms(allPull.p50)}, max ${ms(allPull.max)} (${(allPull.p50 / last.p50).toFixed(1)}x the stream)`,
  );
  console.log(
    `goal: every listener hears a push within ${GOALS.heardMs / 1000} s (slowest push): ${last.max <= GOALS.heardMs ? 'MET' : 'MISSED'}`,
  );
} finally {
  server.stop();
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
}
