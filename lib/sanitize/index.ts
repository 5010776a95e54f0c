import DOMPurify from 'dompurify';
import { parseFragment, type DefaultTreeAdapterTypes as P } from 'parse5';
import { isWebUrl } from '../wire';

/**
 * Clipped HTML and other members' content are untrusted: sanitized right before rendering, even
 * though capture sanitized it too, because stored or synced data may come from anywhere.
 *
 * The markup never reaches the browser's own HTML parser. Chromium checks an `on*` attribute
 * against the page's CSP as soon as the attribute exists, even in an inert document (a
 * DOMParser or `<template>` one), so handing hostile markup to DOMPurify as a string fired a
 * `securitypolicyviolation` in the item view although nothing ran (docs/security.md). Instead
 * parse5 (the WHATWG parsing algorithm, in JavaScript) parses it, the tree is rebuilt in an inert
 * document without event-handler attributes, DOMPurify sanitizes that tree, and the result is
 * moved into the view as nodes: no string is parsed again, so no mutation-XSS round trip either.
 */

// Forms and their controls do nothing in a clip but offer focus and submit tricks.
const FORBID_TAGS = [
  'style',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'iframe',
  'object',
  'embed',
];
// srcset holds several URLs in a syntax of its own; src is enough for a clip.
const FORBID_ATTR = ['style', 'srcset'];

/** Attributes whose value is fetched or followed: only web URLs are kept (isWebUrl). */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'poster',
  'cite',
  'background',
  'longdesc',
  'ping',
  'data',
  'codebase',
  'lowsrc',
  'dynsrc',
]);

const isEventHandler = (name: string) => /^on/i.test(name);

export type ArticleSanitizer = (html: string) => DocumentFragment;

/** A sanitizer for `win` (the view's window; tests pass jsdom's). */
export function articleSanitizer(win: Window & typeof globalThis = window): ArticleSanitizer {
  const purify = DOMPurify(win);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (URL_ATTRIBUTES.has(data.attrName) && !isWebUrl(data.attrValue)) data.keepAttr = false;
  });
  const inert = win.document.implementation.createHTMLDocument('');
  return (html) => {
    const tree = inert.createDocumentFragment();
    build(inert, parseFragment(html).childNodes, tree);
    return purify.sanitize(tree, {
      FORBID_TAGS,
      FORBID_ATTR,
      RETURN_DOM_FRAGMENT: true,
    });
  };
}

/** parse5's tree as DOM nodes of the inert document `doc`, minus event handlers and comments. */
function build(doc: Document, nodes: readonly P.ChildNode[], parent: Node): void {
  for (const node of nodes) {
    if (node.nodeName === '#text') {
      parent.appendChild(doc.createTextNode((node as P.TextNode).value));
      continue;
    }
    if (!('tagName' in node)) continue; // comments and doctypes have nothing to show
    let element: Element;
    try {
      element = doc.createElementNS(node.namespaceURI, node.tagName);
    } catch {
      // A tag name HTML accepts and the DOM does not: keep what it holds.
      build(doc, node.childNodes, parent);
      continue;
    }
    for (const attr of node.attrs) {
      if (isEventHandler(attr.name)) continue;
      try {
        if (attr.namespace)
          element.setAttributeNS(
            attr.namespace,
            attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name,
            attr.value,
          );
        else element.setAttribute(attr.name, attr.value);
      } catch {
        // Same for attribute names: an unusable attribute is dropped.
      }
    }
    const template = node.tagName === 'template' && 'content' in node;
    build(
      doc,
      template ? (node as P.Template).content.childNodes : node.childNodes,
      template ? (element as HTMLTemplateElement).content : element,
    );
    parent.appendChild(element);
  }
}

let shared: ArticleSanitizer | undefined;

/** Sanitized article HTML, as nodes ready to be placed in this window's document. */
export function sanitizeArticleHtml(html: string): DocumentFragment {
  shared ??= articleSanitizer();
  return shared(html);
}

/** Links in clipped content open outside the popup, without giving the target a handle on us. */
export function hardenLinks(root: ParentNode): void {
  for (const a of root.querySelectorAll('a[href]')) {
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
  }
}
