/**
 * Wrapping an anchored range's text in highlight elements, and taking them out again.
 *
 * Each Text node the range covers (split at the range's ends) is moved into a
 * `<repertoire-highlight>` element: an unregistered custom element name, which no page styles
 * and no page script expects, shown inline. Its look comes from a stylesheet the background
 * inserts as a user sheet (highlight.css), with !important, so page styles do not override it.
 * Nothing is parsed: no innerHTML, no inline script or style, so a strict Content Security Policy
 * has nothing to refuse. Text the page cannot show wrapped (in <script>, <style>, <textarea>,
 * <select>, a table's structure, SVG) and whitespace-only text between blocks are left alone.
 */
export const HIGHLIGHT_TAG = 'repertoire-highlight';
/** The attribute naming the snippet a highlight element belongs to. */
export const SNIPPET_ATTRIBUTE = 'data-repertoire-snippet';

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const UNWRAPPABLE = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'title',
  'select',
  'option',
  'optgroup',
  'datalist',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'colgroup',
  'iframe',
  'object',
  'head',
  'html',
]);
// NodeFilter's values, written out: the page's own globals are not to be trusted.
const SHOW_TEXT = 0x4;

function wrappable(text: Text): boolean {
  const parent = text.parentElement;
  if (!parent || parent.namespaceURI !== HTML_NS) return false;
  if (UNWRAPPABLE.has(parent.localName)) return false;
  return text.data.trim().length > 0;
}

/** A Text node split in two by highlighting: `left` is the original node, `right` the rest. */
type Split = readonly [left: Text, right: Text];

/** The Text nodes a range covers, split so that each lies wholly inside it. */
function textNodesIn(range: Range, splits: Split[]): Text[] {
  const doc = range.startContainer.ownerDocument ?? (range.startContainer as Document);
  let { startContainer, startOffset, endContainer, endOffset } = range;
  // Split the end first: splitting the start node shifts offsets in it.
  if (endContainer.nodeType === 3 && endOffset > 0 && endOffset < (endContainer as Text).length) {
    const left = endContainer as Text;
    splits.push([left, left.splitText(endOffset)]);
  }
  if (startContainer.nodeType === 3 && startOffset > 0) {
    const left = startContainer as Text;
    if (startOffset < left.length) {
      const rest = left.splitText(startOffset);
      splits.push([left, rest]);
      if (endContainer === startContainer) {
        endContainer = rest;
        endOffset -= startOffset;
      }
      startContainer = rest;
      startOffset = 0;
    }
  }
  const covered = doc.createRange();
  covered.setStart(startContainer, startOffset);
  covered.setEnd(endContainer, endOffset);
  if (covered.collapsed) return [];
  const root = covered.commonAncestorContainer;
  if (root.nodeType === 3) return [root as Text];
  const nodes: Text[] = [];
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!covered.intersectsNode(node)) continue;
    // A range ending at offset 0 of a node does not cover it; starting at its end neither.
    if (node === endContainer && endOffset === 0) continue;
    if (node === startContainer && startOffset >= (node as Text).length) continue;
    nodes.push(node as Text);
  }
  return nodes;
}

interface Added {
  marks: HTMLElement[];
  splits: Split[];
}

/**
 * The highlights of one document. Each snippet's range is wrapped in highlight elements; removing
 * them puts the very same Text nodes back and joins the ones highlighting split, so the page's
 * DOM is as it was (scripts holding its nodes still hold them). The page's own adjacent Text
 * nodes are left apart, as they were.
 */
export class Highlighter {
  private readonly added = new Map<string, Added[]>();

  /** Wraps the range's text for `snippetId` and returns the elements, first to last. */
  add(range: Range, snippetId: string): HTMLElement[] {
    const doc = range.startContainer.ownerDocument ?? (range.startContainer as Document);
    const splits: Split[] = [];
    const marks: HTMLElement[] = [];
    for (const text of textNodesIn(range, splits)) {
      if (!wrappable(text)) continue;
      const mark = doc.createElementNS(HTML_NS, HIGHLIGHT_TAG) as HTMLElement;
      mark.setAttribute(SNIPPET_ATTRIBUTE, snippetId);
      text.replaceWith(mark);
      mark.append(text);
      marks.push(mark);
    }
    const list = this.added.get(snippetId) ?? [];
    list.push({ marks, splits });
    this.added.set(snippetId, list);
    return marks;
  }

  /** The snippets highlighted now. */
  snippets(): string[] {
    return [...this.added.keys()];
  }

  /** Takes one snippet's highlights out. */
  remove(snippetId: string): void {
    const list = this.added.get(snippetId);
    if (!list) return;
    this.added.delete(snippetId);
    for (const added of list.reverse()) undo(added);
  }

  /** Takes every highlight out, the last added first. */
  removeAll(): void {
    for (const id of [...this.added.keys()].reverse()) this.remove(id);
  }
}

function undo({ marks, splits }: Added): void {
  for (const mark of marks) if (mark.parentNode) mark.replaceWith(...mark.childNodes);
  // Last split first: a node split twice is joined back in the order it was cut.
  for (const [left, right] of [...splits].reverse()) {
    if (left.nextSibling !== right) continue;
    left.appendData(right.data);
    right.remove();
  }
}

/** Every highlight element in a document (of one snippet, if named). */
export function highlightsIn(doc: Document, snippetId?: string): HTMLElement[] {
  const all = [...doc.getElementsByTagName(HIGHLIGHT_TAG)] as HTMLElement[];
  return snippetId === undefined
    ? all
    : all.filter((m) => m.getAttribute(SNIPPET_ATTRIBUTE) === snippetId);
}
