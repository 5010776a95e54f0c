import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { xssPayloads } from '../../test/fixtures/xss-payloads';
import { isWebUrl } from '../wire';
import { markdownTree, renderMarkdown, type MarkdownNode } from './index';

const BEACON = 'http://127.0.0.1:9/beacon/';
const win = new JSDOM('<!doctype html><body></body>', { url: 'https://popup.test/' })
  .window as unknown as Window & typeof globalThis;

function rendered(markdown: string): HTMLElement {
  const view = win.document.createElement('div');
  view.replaceChildren(renderMarkdown(markdown, win));
  return view;
}

/** Every element and attribute of a rendered tip that could act or fetch something. */
function live(view: HTMLElement): string[] {
  const out: string[] = [];
  for (const el of view.querySelectorAll('*')) {
    if (
      ['script', 'iframe', 'object', 'embed', 'style', 'form', 'svg', 'math'].includes(el.localName)
    )
      out.push(`<${el.localName}>`);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) out.push(`${attr.name} on <${el.localName}>`);
      if (
        ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name) &&
        !isWebUrl(attr.value)
      )
        out.push(`${attr.name}="${attr.value}"`);
      // A link to a beacon is only followed when clicked; anything else with it would fetch it.
      if (attr.value.includes('/beacon/') && !(el.localName === 'a' && attr.name === 'href'))
        out.push(`beacon in ${attr.name} on <${el.localName}>`);
    }
  }
  return out;
}

function treeLinks(nodes: readonly MarkdownNode[]): string[] {
  return nodes.flatMap((n) =>
    typeof n === 'string' ? [] : [...(n.href ? [n.href] : []), ...treeLinks(n.children)],
  );
}

describe('renderMarkdown', () => {
  it('renders what tips are written with', () => {
    const view = rendered(
      '# Rebase\n\nUse **`git rebase -i`**, *then* ~~force~~ push.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n```sh\ngit push --force-with-lease\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://git-scm.com/docs)',
    );
    expect(view.querySelector('h1')?.textContent).toBe('Rebase');
    expect(view.querySelector('strong code')?.textContent).toBe('git rebase -i');
    expect(view.querySelector('em')?.textContent).toBe('then');
    expect(view.querySelector('del')?.textContent).toBe('force');
    expect([...view.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(view.querySelector('ol li')?.textContent).toBe('first');
    expect(view.querySelector('blockquote')?.textContent?.trim()).toBe('quoted');
    expect(view.querySelector('pre code')?.textContent).toBe('git push --force-with-lease\n');
    expect(view.querySelector('table td')?.textContent).toBe('1');
    const link = view.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://git-scm.com/docs');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link?.getAttribute('target')).toBe('_blank');
  });

  it('keeps only http(s) links, in link and autolink syntax alike', () => {
    const view = rendered(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x) <javascript:alert(1)> [e](file:///etc/passwd) [f][ref]\n\n[ref]: javascript:alert(2)\n\n![i](javascript:alert(3)) [ok](http://example.com/)',
    );
    expect(live(view)).toEqual([]);
    expect([...view.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))).toEqual([
      'http://example.com/',
    ]);
    expect(view.textContent).toContain('a b c d');
  });

  it('shows an image as a link to it, never loading it', () => {
    const view = rendered(`![pixel](${BEACON}img) ![](https://x.test/a.png "t")`);
    expect(view.querySelector('img')).toBeNull();
    expect(
      [...view.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Image: pixel', `${BEACON}img`],
      ['Image: untitled', 'https://x.test/a.png'],
    ]);
  });

  it('shows raw HTML as text, never as markup', () => {
    const view = rendered(
      `<img src=x onerror="fetch('${BEACON}1')">\n\n<div onclick="x()">block <b>bold</b></div>\n\ninline <script>alert(2)</script> and <a href="javascript:x">a</a>`,
    );
    expect(live(view)).toEqual([]);
    expect(view.querySelector('img, div, b, script, a')).toBeNull();
    expect(view.textContent).toContain('<img src=x onerror=');
    expect(view.textContent).toContain('<div onclick="x()">block <b>bold</b></div>');
  });

  it('renders every markup payload of the hostile corpus harmless, in Markdown', () => {
    const payloads = xssPayloads((n) => `${BEACON}${n}`).filter((p) => p.kind === 'html');
    expect(payloads.length).toBeGreaterThan(50);
    const failures = payloads.flatMap((p) =>
      [p.value, `Before\n\n${p.value}\n\nafter [x](${p.value})`].flatMap((md) =>
        live(rendered(md)).map((problem) => `#${p.id} ${p.label}: ${problem}`),
      ),
    );
    expect(failures).toEqual([]);
  });
});

describe('markdownTree (the in-page panel)', () => {
  it('is a tree of allowed elements and text', () => {
    expect(markdownTree('## Tip\n\nUse **this** `cmd`:\n\n- a\n- [b](https://x.test/)')).toEqual([
      { tag: 'h3', children: ['Tip'] },
      {
        tag: 'p',
        children: [
          'Use ',
          { tag: 'strong', children: ['this'] },
          ' ',
          { tag: 'code', children: ['cmd'] },
          ':',
        ],
      },
      {
        tag: 'ul',
        children: [
          { tag: 'li', children: ['a'] },
          { tag: 'li', children: [{ tag: 'a', href: 'https://x.test/', children: ['b'] }] },
        ],
      },
    ]);
  });

  it('keeps raw HTML and non-web links and images as text, and web images as links to them', () => {
    const tree = markdownTree(
      `<img src=x onerror=alert(1)> [a](javascript:alert(1)) <b>b</b> ![logo](javascript:alert(2)) &amp; \\*`,
    );
    expect(treeLinks(tree)).toEqual([]);
    expect(JSON.stringify(tree)).not.toContain('"img"');
    expect(markdownTree('![logo](https://x.test/i.png)')).toEqual([
      {
        tag: 'p',
        children: [{ tag: 'a', href: 'https://x.test/i.png', children: ['Image: logo'] }],
      },
    ]);
    expect(tree).toEqual([
      {
        tag: 'p',
        children: [
          '<img src=x onerror=alert(1)>',
          ' ',
          'a',
          ' ',
          '<b>',
          'b',
          '</b>',
          ' ',
          'Image: logo',
          ' & ',
          '*',
        ],
      },
    ]);
  });

  it('leaves only web links in every payload of the hostile corpus', () => {
    const payloads = xssPayloads((n) => `${BEACON}${n}`);
    const links = payloads.flatMap((p) =>
      treeLinks(markdownTree(`${p.value} [x](${p.value}) <${p.value}>`)).filter(
        (h) => !isWebUrl(h),
      ),
    );
    expect(links).toEqual([]);
  });
});
