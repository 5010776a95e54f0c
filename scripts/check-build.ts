/**
 * The build check: prints every output file's size, raw and gzipped, and fails when a budget is
 * broken. Budgets: the popup (its HTML, scripts and styles) ≤ 50 KB gzip; the in-page related
 * tips panel ≤ 15 KB gzip, and the highlights script ≤ 15 KB gzip; nothing is injected
 * into pages by the manifest (scripts are injected on demand only).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const POPUP_BUDGET_GZIP = 50 * 1024;
/** The related-tips panel is injected into pages a member works in: it must stay small. */
const PANEL_BUDGET_GZIP = 15 * 1024;
/** The highlights script, injected into the pages snippets were clipped from: small too. */
const HIGHLIGHTS_BUDGET_GZIP = 15 * 1024;

interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

function sizesOf(dir: string): FileSize[] {
  const out: FileSize[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        out.push({
          file: relative(dir, path),
          raw: bytes.length,
          gzip: gzipSync(bytes, { level: 9 }).length,
        });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** popup.html and everything it loads: its scripts, preloads, styles, and their static imports. */
function popupFiles(dir: string): Set<string> {
  const files = new Set(['popup.html']);
  const html = readFileSync(join(dir, 'popup.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1] ?? '');
  while (queue.length > 0) {
    const file = queue.pop() ?? '';
    if (!file || files.has(file)) continue;
    files.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+)"/g)) {
      queue.push(join(file, '..', m[1] ?? ''));
    }
  }
  return files;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function main(dir: string): number {
  const sizes = sizesOf(dir);
  console.log(`${'file'.padEnd(44)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}`);
  for (const s of sizes)
    console.log(`${s.file.padEnd(44)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)}`);

  const problems: string[] = [];
  const popup = sizes.filter((s) => popupFiles(dir).has(s.file));
  const popupGzip = popup.reduce((sum, s) => sum + s.gzip, 0);
  console.log(`popup total: ${kb(popupGzip)} gzip (budget ${kb(POPUP_BUDGET_GZIP)})`);
  if (popup.length === 0) problems.push('no popup files found');
  if (popupGzip > POPUP_BUDGET_GZIP) problems.push(`popup is ${kb(popupGzip)} gzip, over budget`);

  const panel = sizes.find((s) => s.file === 'related-panel.js');
  console.log(`in-page panel: ${kb(panel?.gzip ?? 0)} gzip (budget ${kb(PANEL_BUDGET_GZIP)})`);
  if (!panel) problems.push('no related-panel.js found');
  else if (panel.gzip > PANEL_BUDGET_GZIP)
    problems.push(`related-panel.js is ${kb(panel.gzip)} gzip, over budget`);

  const highlights = sizes.find((s) => s.file === 'highlights.js');
  console.log(
    `in-page highlights: ${kb(highlights?.gzip ?? 0)} gzip (budget ${kb(HIGHLIGHTS_BUDGET_GZIP)})`,
  );
  if (!highlights) problems.push('no highlights.js found');
  else if (highlights.gzip > HIGHLIGHTS_BUDGET_GZIP)
    problems.push(`highlights.js is ${kb(highlights.gzip)} gzip, over budget`);

  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts?: unknown[];
  };
  if (manifest.content_scripts?.length) {
    problems.push('the manifest injects content scripts into pages; inject on demand instead');
  }
  for (const p of problems) console.error(`build check: ${p}`);
  return problems.length === 0 ? 0 : 1;
}

process.exit(main(process.argv[2] ?? '.output/chrome-mv3'));
