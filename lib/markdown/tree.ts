import { Marked, type Token, type Tokens } from 'marked';
import { isWebUrl } from '../wire';

/**
 * Markdown as a small tree of allowed elements and text: what the in-page panel renders with
 * Preact (no HTML string, no sanitizer in the page; docs/markdown.md says why). It is plain data,
 * so the background builds it and sends it over a message.
 */
export type MarkdownTag =
  | 'p'
  | 'h3'
  | 'strong'
  | 'em'
  | 'del'
  | 'code'
  | 'pre'
  | 'ul'
  | 'ol'
  | 'li'
  | 'blockquote'
  | 'a'
  | 'br'
  | 'hr';
export type MarkdownNode = string | { tag: MarkdownTag; href?: string; children: MarkdownNode[] };

const lexer = new Marked({ gfm: true });

const el = (tag: MarkdownTag, children: MarkdownNode[] = []): MarkdownNode => ({ tag, children });

function nodes(tokens: readonly Token[] | undefined): MarkdownNode[] {
  return (tokens ?? []).flatMap(node);
}

function node(token: Token): MarkdownNode[] {
  const t = token as Tokens.Generic;
  switch (token.type) {
    case 'space':
    case 'def':
      return [];
    case 'paragraph':
      return [el('p', nodes(t.tokens))];
    // The panel's tip title is the heading; headings inside a tip are one level under it.
    case 'heading':
      return [el('h3', nodes(t.tokens))];
    case 'code':
      return [el('pre', [el('code', [String(t.text)])])];
    case 'blockquote':
      return [el('blockquote', nodes(t.tokens))];
    case 'list':
      return [
        el(
          (token as Tokens.List).ordered ? 'ol' : 'ul',
          (token as Tokens.List).items.map((item) => el('li', nodes(item.tokens))),
        ),
      ];
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) =>
        el(
          'p',
          cells.flatMap((c, i) => (i === 0 ? nodes(c.tokens) : [' | ', ...nodes(c.tokens)])),
        );
      return [row(table.header), ...table.rows.map(row)];
    }
    case 'hr':
      return [el('hr')];
    case 'strong':
    case 'em':
    case 'del':
      return [el(token.type, nodes(t.tokens))];
    case 'codespan':
      return [el('code', [String(t.text)])];
    case 'br':
      return [el('br')];
    case 'escape':
      return [String(t.text)];
    case 'link': {
      const href = String(t.href);
      // Only web links become links; anything else keeps its text and loses the link.
      return isWebUrl(href) ? [{ tag: 'a', href, children: nodes(t.tokens) }] : nodes(t.tokens);
    }
    // Not loaded, for the reason html.ts gives: a link to it instead.
    case 'image': {
      const label = imageLabel(String(t.text));
      const href = String(t.href);
      return isWebUrl(href) ? [{ tag: 'a', href, children: [label] }] : [label];
    }
    case 'text':
      return t.tokens ? nodes(t.tokens) : [decode(String(t.text))];
    // Raw HTML is shown as the text it is, never as markup.
    default:
      return [String(t.raw ?? '')];
  }
}

// The lexer leaves character references as written; the renderer would decode them.
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e] ?? _);

/** What an image in a tip shows instead of itself. */
export const imageLabel = (alt: string) => `Image: ${alt.trim() || 'untitled'}`;

export function markdownTree(markdown: string): MarkdownNode[] {
  return nodes(lexer.lexer(markdown));
}
