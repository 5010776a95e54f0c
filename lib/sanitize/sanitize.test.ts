import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { xssPayloads } from '../../test/fixtures/xss-payloads';
import { isWebUrl } from '../wire';
import { articleSanitizer, hardenLinks } from '.';

const BEACON = 'http://127.0.0.1:9/beacon/';
const payloads = xssPayloads((n) => `${BEACON}${n}`).filter((p) => p.kind !== 'url');

const URL_ATTRIBUTES = ['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'data'];
const FORBIDDEN = [
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'style',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'animate',
  'set',
  'handler',
  'discard',
];

/** A popup-like window whose HTML parser entry points record what they are given. */
function popupWindow() {
  const dom = new JSDOM('<!doctype html><body></body>', {
    url: 'chrome-extension://abcdefghijklmnop/popup.html',
  });
  const win = dom.window as unknown as Window & typeof globalThis;
  const parsed: string[] = [];
  const parse = win.DOMParser.prototype.parseFromString;
  win.DOMParser.prototype.parseFromString = function (text, type) {
    parsed.push(String(text));
    return parse.call(this, text, type);
  };
  const inner = Object.getOwnPropertyDescriptor(win.Element.prototype, 'innerHTML')!;
  Object.defineProperty(win.Element.prototype, 'innerHTML', {
    ...inner,
    set(value: string) {
      parsed.push(String(value));
      inner.set!.call(this, value);
    },
  });
  return { win, parsed };
}

/** Everything wrong with a rendered tree, as readable lines (empty when it is safe). */
function problems(root: ParentNode): string[] {
  const out: string[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      const tag = el.localName.toLowerCase();
      if (FORBIDDEN.includes(tag)) out.push(`<${tag}> kept`);
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) out.push(`${name} on <${tag}>`);
        if (name === 'style' || name === 'srcset') out.push(`${name} on <${tag}>`);
        if (URL_ATTRIBUTES.includes(name) && !isWebUrl(attr.value))
          out.push(`${name}="${attr.value}" on <${tag}>`);
        if (/(java|vb)script:|data:/i.test(attr.value.replace(/\s/g, '')))
          out.push(`${name}="${attr.value}" on <${tag}>`);
        if (attr.value.includes('/beacon/')) out.push(`beacon in ${name} on <${tag}>`);
      }
      if (tag === 'template') walk((el as HTMLTemplateElement).content);
    }
  };
  walk(root);
  return out;
}

describe('the article sanitizer over the payload corpus', () => {
  it(`renders each of ${payloads.length} payloads harmless, never handing them to the HTML parser`, () => {
    const { win, parsed } = popupWindow();
    const sanitize = articleSanitizer(win);
    const elsewhere = new JSDOM().window.document;
    expect(payloads.length).toBeGreaterThanOrEqual(100);
    const failures: string[] = [];
    for (const payload of payloads) {
      const what = `#${payload.id} ${payload.label}`;
      const html = `<div id="readability-page-1"><p>Before.</p>${payload.value}<p>After.</p></div>`;
      const view = win.document.createElement('div');
      const fragment = sanitize(html);
      hardenLinks(fragment);
      view.replaceChildren(fragment);
      failures.push(...problems(view).map((p) => `${what}: ${p}`));
      // What was around the payload survives it (mutation tricks do not swallow the article),
      // except where the payload opens an element that, per HTML, runs to the end.
      if (
        !/<(svg|math|title|textarea|xmp|noembed|noframes|select|table|noscript|iframe)/i.test(
          payload.value,
        )
      )
        if (!view.textContent?.includes('After.'))
          failures.push(`${what}: the article after it is gone`);
      // Serialized and parsed again (as a copy out of the view would be), still harmless.
      const copy = elsewhere.createElement('div');
      copy.innerHTML = view.innerHTML;
      failures.push(...problems(copy).map((p) => `${what}, parsed again: ${p}`));
    }
    expect(failures).toEqual([]);
    // The markup itself never reached the browser's parser: only DOMPurify's empty seed did.
    expect(parsed.filter((s) => s.includes('beacon') || /on\w+=/i.test(s))).toEqual([]);
  });

  it('keeps an ordinary article as it was, links opening outside the popup', () => {
    const { win } = popupWindow();
    const sanitize = articleSanitizer(win);
    const view = win.document.createElement('div');
    const fragment = sanitize(
      '<h2 id="s">Title</h2><p>Text with <a href="https://example.com/a?b=1#c">a link</a> and ' +
        '<img src="https://example.com/i.png" alt="an image">.</p><pre><code>x &lt; y</code></pre>' +
        '<svg viewBox="0 0 2 2"><circle r="1"></circle></svg><a href="#s">in-page</a>',
    );
    hardenLinks(fragment);
    view.replaceChildren(fragment);
    expect(view.innerHTML).toBe(
      '<h2 id="s">Title</h2><p>Text with <a href="https://example.com/a?b=1#c" target="_blank" rel="noopener noreferrer">a link</a> and ' +
        '<img src="https://example.com/i.png" alt="an image">.</p><pre><code>x &lt; y</code></pre>' +
        '<svg viewBox="0 0 2 2"><circle r="1"></circle></svg><a>in-page</a>',
    );
  });
});
