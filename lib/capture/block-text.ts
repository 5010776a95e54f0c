/**
 * The text of a range as it reads: where the selection crosses from one block (paragraph, list
 * item, heading…) into another, a line break, as Chromium's own copy does; `<br>` too. Range's
 * toString() glues them ("labore.Paragraph 1"). Tag names, not computed styles, decide what is a
 * block, so the result is the same in a page and in a test without layout.
 */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tr',
  'ul',
  'body',
]);
const PRE = new Set(['pre']);
/** Cells of one row stay on one line, apart. */
const CELLS = new Set(['td', 'th']);

function closest(node: Node, tags: ReadonlySet<string>): Element | null {
  for (let at = node.parentElement; at; at = at.parentElement)
    if (tags.has(at.localName)) return at;
  return null;
}

export function blockText(range: Range): string {
  const doc = range.startContainer.ownerDocument ?? (range.startContainer as Document);
  const root = range.commonAncestorContainer;
  // NodeFilter's values, written out: the page's own globals are not to be trusted.
  const SHOW_ELEMENT = 0x1;
  const SHOW_TEXT = 0x4;
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
  let out = '';
  let block: Element | null | undefined;
  let cell: Element | null = null;
  for (let node: Node | null = root; node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) continue;
    if (node.nodeType === 1) {
      if ((node as Element).localName === 'br' && node !== root) out = newLine(out);
      continue;
    }
    if (node.nodeType !== 3) continue;
    let text = node.nodeValue ?? '';
    if (node === range.endContainer) text = text.slice(0, range.endOffset);
    if (node === range.startContainer) text = text.slice(range.startOffset);
    const pre = closest(node, PRE) !== null;
    if (!pre) {
      // Source indentation between blocks is not text anyone reads.
      if (/^\s*$/.test(text) && /\n/.test(text)) continue;
      text = text.replace(/\s+/g, ' ');
    }
    if (text.length === 0) continue;
    const here = closest(node, BLOCKS);
    const inCell = closest(node, CELLS);
    if (block !== undefined && here !== block) out = newLine(out);
    else if (inCell !== cell && cell !== null) out += ' ';
    block = here;
    cell = inCell;
    // A line starts where its block does, not with the space before it (except in <pre>).
    out += out.endsWith('\n') && !pre ? text.replace(/^ /, '') : text;
  }
  return out;
}

/** A line ends where its block does, not with the spaces after it. */
const newLine = (text: string) => `${text.replace(/ +$/, '')}\n`;
