/**
 * The page's text as capture reads it (lib/capture/capture-selection.ts): the data of every Text
 * node under `<body>`, in document order, as they are. That is what `body.textContent` and a
 * Range's toString() concatenate, so a TextPositionSelector's offsets index this string, and a
 * TextQuoteSelector's quote and context are slices of it.
 */
export interface PageText {
  readonly text: string;
  /**
   * The same text, with the text no one reads (in <script>, <style>, <noscript>, <template>)
   * blanked out character for character, offsets unchanged: what quotes are searched in. Pages
   * often hold a copy of their article in a script's JSON, which a quote must not anchor to.
   */
  readonly searchable: string;
  /** The Text nodes, in document order. */
  readonly nodes: readonly Text[];
  /** Where each node's data starts in `text`. */
  readonly starts: readonly number[];
}

// NodeFilter.SHOW_TEXT, written out: the page's own globals are not to be trusted.
const SHOW_TEXT = 0x4;
const UNREAD = new Set(['script', 'style', 'noscript', 'template']);
/** What blanks unread text out: a character no quote holds. */
export const BLANK = '\u0000';

function unread(node: Node, root: Node): boolean {
  for (let at = node.parentNode; at && at !== root; at = at.parentNode) {
    if (at.nodeType === 1 && UNREAD.has((at as Element).localName)) return true;
  }
  return false;
}

export function readPageText(root: Node): PageText {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  const searchable: string[] = [];
  let blanked = false;
  let at = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    nodes.push(node as Text);
    starts.push(at);
    parts.push(data);
    const hidden = unread(node, root);
    blanked ||= hidden;
    searchable.push(hidden ? BLANK.repeat(data.length) : data);
    at += data.length;
  }
  const text = parts.join('');
  return { text, searchable: blanked ? searchable.join('') : text, nodes, starts };
}

/** The node holding offset `at` and the offset inside it; an end offset stays in the node it ends. */
export function nodeAt(
  page: PageText,
  at: number,
  side: 'start' | 'end',
): { node: Text; offset: number } | null {
  const { nodes, starts } = page;
  if (nodes.length === 0) return null;
  // The last node starting at or before `at` (for an end, strictly before: it ends there).
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = starts[mid] ?? 0;
    if (side === 'start' ? start <= at : start < at) lo = mid;
    else hi = mid - 1;
  }
  let index = lo;
  // A start skips empty nodes and lands at the beginning of the next one with text.
  if (side === 'start') {
    while (index < nodes.length - 1 && at - (starts[index] ?? 0) >= (nodes[index]?.length ?? 0))
      index++;
  }
  const node = nodes[index];
  if (!node) return null;
  const offset = Math.min(Math.max(0, at - (starts[index] ?? 0)), node.length);
  return { node, offset };
}
