/**
 * Anchoring against the real pages of Readability's test suite, with small edits applied to each
 * page's text: for every page a few quotes are picked (seeded, so every run picks the same ones),
 * clipped as capture clips them, then the page is edited one way at a time and the quote anchored
 * again. Prints how many re-anchor per kind of edit, and how many anchor somewhere when the quote
 * was removed (a false anchor). The figures are in docs/highlights.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureSelection } from '../../lib/capture/capture-selection';
import type { SelectionCapture } from '../../lib/capture';
import search from 'approx-string-match';
import {
  ERROR_RATE,
  PageAnchorer,
  readPageText,
  type PageText,
  type SnippetSelectors,
} from '../../lib/anchoring';
import { LIMITS } from '../../lib/wire';
import { readabilityPagesDir } from '../support/corpus';

const PAGE_URL = 'http://fakehost/test/page.html';
const QUOTES_PER_PAGE = 3;
const EDITS = [
  'unchanged',
  'text inserted before',
  'whitespace changed',
  'word changed near',
  'word changed inside',
  'text deleted elsewhere',
  'quote removed',
] as const;
type Edit = (typeof EDITS)[number];

/** Share of quotes that must re-anchor (or, for a removed quote, must not), per edit. */
const FLOORS: Record<Edit, number> = {
  unchanged: 0.99,
  'text inserted before': 0.97,
  'whitespace changed': 0.95,
  'word changed near': 0.95,
  'word changed inside': 0.9,
  'text deleted elsewhere': 0.97,
  'quote removed': 0.8,
};

/** mulberry32, seeded by the page's name. */
function random(seed: string): () => number {
  let a = 0;
  for (const ch of seed) a = Math.imul(a ^ ch.charCodeAt(0), 0x01000193);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'textarea']);
const readable = (node: Text) => {
  for (let at = node.parentElement; at; at = at.parentElement)
    if (HIDDEN.has(at.localName)) return false;
  return true;
};

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Picks a quote of 4 to 25 words starting in a readable Text node; once in the page, readable. */
function pickQuote(page: PageText, rand: () => number): { start: number; end: number } | null {
  const { text, nodes, starts } = page;
  for (let attempt = 0; attempt < 60; attempt++) {
    const i = Math.floor(rand() * nodes.length);
    const node = nodes[i];
    if (!node || !readable(node) || node.data.trim().length < 30) continue;
    const words = [...node.data.matchAll(/\S+/g)];
    const first = words[Math.floor(rand() * Math.max(1, words.length - 3))];
    if (!first) continue;
    const start = (starts[i] ?? 0) + first.index;
    const count = 4 + Math.floor(rand() * 22);
    const after = [...text.slice(start, start + 400).matchAll(/\S+/g)].slice(0, count);
    const last = after.at(-1);
    if (!last || after.length < 4) continue;
    const end = start + last.index + last[0].length;
    const exact = text.slice(start, end);
    if (text.indexOf(exact) !== start || text.indexOf(exact, start + 1) >= 0) continue;
    // Every node it covers is readable text.
    let ok = true;
    for (let j = i; j < nodes.length && (starts[j] ?? 0) < end; j++)
      if (!readable(nodes[j] as Text)) ok = false;
    if (ok) return { start, end };
  }
  return null;
}

const clip = ([quote]: SnippetSelectors) => quote.exact;

/** Whether `found` reads like `quote` within the fuzzy error budget. */
function nearCopy(found: string, quote: string): boolean {
  const [best] = search(found, quote, Math.floor(quote.length * ERROR_RATE));
  return best !== undefined && Math.abs(found.length - quote.length) <= quote.length * ERROR_RATE;
}

function selectorsOf(text: string, start: number, end: number): SnippetSelectors {
  const context = LIMITS.contextChars;
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - context), start),
      suffix: text.slice(end, end + context),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

/**
 * Edits the page's text in [start, end), each Text node's part on its own (`first`: the part in
 * the first node touched); returns an undo.
 */
function editText(
  page: PageText,
  start: number,
  end: number,
  change: (s: string, first: boolean) => string,
) {
  const undo: [Text, string][] = [];
  page.nodes.forEach((node, i) => {
    const from = page.starts[i] ?? 0;
    const to = from + node.data.length;
    // An insertion (start === end) goes into the node holding `start`.
    const touches = start === end ? start >= from && start < to : from < end && to > start;
    if (!touches) return;
    const a = Math.max(start, from) - from;
    const b = Math.min(end, to) - from;
    undo.push([node, node.data]);
    node.data =
      node.data.slice(0, a) + change(node.data.slice(a, b), undo.length === 1) + node.data.slice(b);
  });
  return () => {
    for (const [node, data] of undo.reverse()) node.data = data;
  };
}

/** A whole word of at least 4 letters starting in [from, to) of the text, if any. */
function wordIn(text: string, from: number, to: number, rand: () => number) {
  const words = [...text.slice(from, to).matchAll(/(?<!\p{L})\p{L}{4,}(?!\p{L})/gu)].filter(
    (w) =>
      !/\p{L}/u.test(text[from + w.index - 1] ?? '') &&
      !/\p{L}/u.test(text[from + w.index + w[0].length] ?? ''),
  );
  const word = words[Math.floor(rand() * words.length)];
  return word ? { start: from + word.index, end: from + word.index + word[0].length } : null;
}

/**
 * Applies one edit around the quote at [start, end) and returns what the quote now reads (null:
 * it is gone) and an undo; null when this edit cannot be made here.
 */
function applyEdit(
  edit: Edit,
  page: PageText,
  start: number,
  end: number,
  rand: () => number,
): { expected: string | null; undo: () => void } | null {
  const { text } = page;
  const exact = text.slice(start, end);
  const none = () => undefined;
  switch (edit) {
    case 'unchanged':
      return { expected: exact, undo: none };
    case 'text inserted before': {
      const at = text.lastIndexOf(' ', Math.max(0, start - 150));
      const undo = editText(
        page,
        Math.max(0, at),
        Math.max(0, at),
        () => ' A sentence added here. ',
      );
      return { expected: exact, undo };
    }
    case 'whitespace changed': {
      const from = Math.max(0, start - 40);
      const undo = editText(page, from, end + 40, (s) => s.replace(/ /g, '\n      '));
      return { expected: exact, undo };
    }
    case 'word changed near': {
      const word = wordIn(text, Math.max(0, start - 60), Math.max(0, start - 5), rand);
      if (!word) return null;
      return {
        expected: exact,
        undo: editText(page, word.start, word.end, (_, first) => (first ? 'zebra' : '')),
      };
    }
    case 'word changed inside': {
      const word = wordIn(text, start + 1, end - 4, rand);
      if (!word) return null;
      const expected = text.slice(start, word.start) + 'quokka' + text.slice(word.end, end);
      return {
        expected,
        undo: editText(page, word.start, word.end, (_, first) => (first ? 'quokka' : '')),
      };
    }
    case 'text deleted elsewhere': {
      const from = start > 800 ? Math.floor(rand() * (start - 400)) : end + 300;
      if (from + 100 > text.length) return null;
      return { expected: exact, undo: editText(page, from, from + 100, () => '') };
    }
    case 'quote removed':
      return { expected: null, undo: editText(page, start, end, () => '') };
  }
}

describe('anchoring against the Readability corpus', () => {
  it('re-anchors quotes after small edits, and anchors nothing where a quote was removed', async () => {
    const dir = readabilityPagesDir();
    const names = readdirSync(dir).sort();
    const tally = Object.fromEntries(
      EDITS.map((e) => [e, { tried: 0, ok: 0, wrong: 0, copy: 0 }]),
    ) as Record<Edit, { tried: number; ok: number; wrong: number; copy: number }>;
    const misses: string[] = [];
    for (const name of names) {
      const source = readFileSync(join(dir, name, 'source.html'), 'utf8');
      const dom = new JSDOM(source, { url: PAGE_URL, virtualConsole: new VirtualConsole() });
      const doc = dom.window.document;
      if (!doc.body) continue;
      const rand = random(name);
      for (let n = 0; n < QUOTES_PER_PAGE; n++) {
        const page = readPageText(doc.body);
        const quote = pickQuote(page, rand);
        if (!quote) continue;
        // The selectors capture makes for this selection: the quote and its context in the page
        // text. Capture itself is slow in jsdom (a Range over the page before the quote), so it
        // runs for each page's first quote, and must agree.
        const selectors = selectorsOf(page.text, quote.start, quote.end);
        if (n === 0) {
          const range = new PageAnchorer(doc).rangeOf(quote.start, quote.end);
          doc.getSelection()?.removeAllRanges();
          if (range) doc.getSelection()?.addRange(range);
          const clip = captureSelection(doc, PAGE_URL) as SelectionCapture;
          doc.getSelection()?.removeAllRanges();
          expect(clip.selectors).toEqual(selectors);
        }
        for (const edit of EDITS) {
          const applied = applyEdit(edit, page, quote.start, quote.end, rand);
          if (!applied) continue;
          const found = new PageAnchorer(doc).anchor(selectors);
          const got = found ? squash(found.range.toString()) : null;
          const want = applied.expected === null ? null : squash(applied.expected);
          applied.undo();
          tally[edit].tried++;
          if (got === want) tally[edit].ok++;
          else {
            if (got !== null) tally[edit].wrong++;
            // Anchored to another place holding (nearly) the same words: a repeated passage.
            if (got !== null && nearCopy(got, squash(applied.expected ?? clip(selectors))))
              tally[edit].copy++;
            misses.push(
              `${name} ${edit}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`,
            );
          }
        }
      }
      dom.window.close();
      // Yield after each page: a worker that never yields misses the runner's messages.
      await new Promise((ready) => setImmediate(ready));
    }
    const rows = EDITS.map((edit) => {
      const { tried, ok, wrong, copy } = tally[edit];
      const rate = ((ok / Math.max(1, tried)) * 100).toFixed(1);
      return `| ${edit} | ${tried} | ${ok} | ${rate}% | ${wrong} | ${copy} |`;
    });
    console.log(
      [
        `anchoring over ${names.length} pages, ${tally.unchanged.tried} quotes:`,
        '| edit | quotes | anchored right | rate | anchored wrong | of which to a near copy |',
        '| --- | --: | --: | --: | --: | --: |',
        ...rows,
      ].join('\n'),
    );
    if (misses.length) console.log(misses.map((m) => m.slice(0, 160)).join('\n'));
    expect(names.length).toBeGreaterThan(90);
    expect(tally.unchanged.tried).toBeGreaterThan(200);
    for (const edit of EDITS) {
      const { tried, ok } = tally[edit];
      expect(tried).toBeGreaterThan(100);
      expect(ok / tried, edit).toBeGreaterThanOrEqual(FLOORS[edit]);
    }
    // Where a removed quote anchored, it is to a repeated passage, almost never to other text.
    const removed = tally['quote removed'];
    expect((removed.wrong - removed.copy) / removed.tried).toBeLessThanOrEqual(0.01);
  }, 900_000);
});
