import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureSelection } from './capture-selection';

function pageWith(html: string) {
  const dom = new JSDOM(`<!doctype html><title>Doc</title><body>${html}</body>`, {
    url: 'https://docs.example/guide#part',
  });
  return dom.window.document;
}

function select(doc: Document, node: Node, start: number, end: number) {
  const range = doc.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  doc.getSelection()?.addRange(range);
}

describe('selection capture', () => {
  it('records the quote with its context and position in the page text', () => {
    const doc = pageWith('<p>Alpha beta</p><p id="t">gamma delta epsilon</p>');
    const text = doc.getElementById('t')?.firstChild;
    if (!text) throw new Error('fixture');
    select(doc, text, 6, 11);
    const result = captureSelection(doc, doc.location.href);
    if ('failure' in result) throw new Error('expected a capture');
    const [quote, position] = result.selectors;
    expect(result.quote).toBe('delta');
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'delta',
      prefix: 'Alpha betagamma ',
      suffix: ' epsilon',
    });
    expect((doc.body.textContent ?? '').slice(position.start, position.end)).toBe('delta');
    expect(result.canonicalUrl).toBe('https://docs.example/guide');
    expect(result.sourceTitle).toBe('Doc');
  });

  it('cuts a huge selection and remembers how long it was', () => {
    const doc = pageWith(`<p id="t">${'word '.repeat(10_000)}</p>`);
    const text = doc.getElementById('t')?.firstChild;
    if (!text) throw new Error('fixture');
    select(doc, text, 0, 50_000);
    const result = captureSelection(doc, doc.location.href);
    if ('failure' in result) throw new Error('expected a capture');
    expect(result.quote).toHaveLength(20_000);
    expect(result.selectedChars).toBe(50_000);
    expect(result.selectors[1]).toEqual({ type: 'TextPositionSelector', start: 0, end: 20_000 });
  });

  it('keeps block boundaries as line breaks, and the page text in its selectors', () => {
    const doc = pageWith(`
      <article>
        <h2 id="a">Setup</h2>
        <p>Lorem ipsum dolor sit <em>amet</em>, sed do
           eiusmod tempor ut labore.</p>
        <p>Paragraph 1<br>second line</p>
        <ul><li>one</li><li>two <code>x</code></li></ul>
        <table><tr><td>cell a</td><td>cell b</td></tr></table>
        <pre id="z">  keep
    this</pre>
      </article>`);
    const range = doc.createRange();
    range.setStart(doc.getElementById('a')!.firstChild!, 0);
    range.setEnd(doc.getElementById('z')!.firstChild!, 6);
    doc.getSelection()?.addRange(range);
    const result = captureSelection(doc, doc.location.href);
    if ('failure' in result) throw new Error('expected a capture');
    expect(result.quote).toBe(
      'Setup\nLorem ipsum dolor sit amet, sed do eiusmod tempor ut labore.\nParagraph 1\nsecond line\none\ntwo x\ncell a cell b\n  keep',
    );
    expect(result.selectedChars).toBe(result.quote.length);
    const [quote, position] = result.selectors;
    expect(quote.exact).toContain('Paragraph 1second line');
    expect(quote.exact).toContain('onetwo x');
    expect((doc.body.textContent ?? '').slice(position.start, position.end)).toBe(quote.exact);
  });

  it('refuses an empty or blank selection', () => {
    const doc = pageWith('<p id="t">a   b</p>');
    expect(captureSelection(doc, doc.location.href)).toEqual({ failure: 'empty-selection' });
    const text = doc.getElementById('t')?.firstChild;
    if (!text) throw new Error('fixture');
    select(doc, text, 1, 4);
    expect(captureSelection(doc, doc.location.href)).toEqual({ failure: 'empty-selection' });
  });
});
