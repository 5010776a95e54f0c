import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { captureSelection } from '../capture/capture-selection';
import type { SelectionCapture } from '../capture';
import {
  Highlighter,
  highlightsIn,
  locateQuote,
  PageAnchorer,
  readPageText,
  type SnippetSelectors,
} from '.';

function pageWith(html: string) {
  return new JSDOM(`<!doctype html><title>Doc</title><body>${html}</body>`, {
    url: 'https://docs.example/guide',
  }).window.document;
}

/** Selects text[from, to) of the element with `id`'s first Text node and captures it. */
function capture(doc: Document, id: string, from: number, to: number): SnippetSelectors {
  const text = doc.getElementById(id)?.firstChild;
  if (!text) throw new Error('fixture');
  const range = doc.createRange();
  range.setStart(text, from);
  range.setEnd(text, to);
  doc.getSelection()?.removeAllRanges();
  doc.getSelection()?.addRange(range);
  const result = captureSelection(doc, doc.location.href) as SelectionCapture;
  doc.getSelection()?.removeAllRanges();
  return result.selectors;
}

const PAGE =
  '<h1>Rebasing without tears</h1>\n  <p id="intro">Before a rebase, create a backup branch.</p>' +
  '\n  <p id="tip">Use git rebase --autosquash to fold fixup commits into their targets.</p>' +
  '\n  <p id="outro">Then force-push with lease, never plain force.</p>';

describe('the text model', () => {
  it('is the body text capture reads: every Text node in order', () => {
    const doc = pageWith('<p>a<b>b</b></p><script>var x</script>c');
    expect(readPageText(doc.body).text).toBe(doc.body.textContent);
  });
});

describe('locating a quote', () => {
  const text = 'one two three. The quick brown fox jumps over the lazy dog. four five six.';
  const quote = { exact: 'quick brown fox jumps', prefix: 'three. The ', suffix: ' over the' };

  it('takes the position when the quote is there', () => {
    expect(locateQuote(text, quote, { start: 19 })).toEqual({
      start: 19,
      end: 40,
      how: 'position',
    });
  });

  it('finds it elsewhere when text moved it, and picks the occurrence whose context agrees', () => {
    const moved = `Intro added. ${text}`;
    expect(locateQuote(moved, quote, { start: 19 })).toMatchObject({ start: 32, how: 'exact' });
    const twice = 'x quick brown fox jumps y. three. The quick brown fox jumps over the dog';
    expect(locateQuote(twice, quote, { start: 10 })).toMatchObject({ start: 38, how: 'exact' });
  });

  it('reads runs of whitespace as one', () => {
    const wrapped = text.replace('brown fox', 'brown\n      fox');
    const found = locateQuote(wrapped, quote, { start: 19 });
    expect(found).toMatchObject({ how: 'normalized' });
    expect(wrapped.slice(found!.start, found!.end)).toBe('quick brown\n      fox jumps');
  });

  it('finds a slightly changed quote with a fuzzy match', () => {
    const changed = text.replace('brown', 'red');
    const found = locateQuote(changed, quote, { start: 19 });
    expect(found).toMatchObject({ how: 'fuzzy' });
    expect(changed.slice(found!.start, found!.end)).toBe('quick red fox jumps');
  });

  it('answers null rather than a wrong place when the quote is gone', () => {
    const gone = text.replace('quick brown fox jumps', 'cat sleeps');
    expect(locateQuote(gone, quote, { start: 19 })).toBeNull();
    expect(locateQuote(text, { exact: '   ', prefix: '', suffix: '' })).toBeNull();
  });

  it('does not take a short quote found away from its place when its context disagrees', () => {
    const q = { exact: 'fox', prefix: 'brown ', suffix: ' jumps' };
    expect(locateQuote('a red fox sleeps here', q, { start: 40 })).toBeNull();
  });
});

describe('anchoring a captured snippet', () => {
  it('finds what was selected, in the page as it was and as it changed', () => {
    const doc = pageWith(PAGE);
    const selectors = capture(doc, 'tip', 4, 28);
    expect(new PageAnchorer(doc).anchor(selectors)?.range.toString()).toBe(
      'git rebase --autosquash ',
    );

    const changed = pageWith(
      `<p>A new paragraph at the top.</p>${PAGE.replace('fold fixup', 'fold the fixup')}`,
    );
    const found = new PageAnchorer(changed).anchor(selectors);
    expect(found?.range.toString()).toBe('git rebase --autosquash ');
    expect(found?.how).toBe('exact');
  });

  it('anchors a quote across elements', () => {
    const doc = pageWith('<p id="a">Alpha <em>beta</em> gamma</p><p>delta epsilon</p>');
    const selectors: SnippetSelectors = [
      { type: 'TextQuoteSelector', exact: 'beta gammadelta', prefix: 'Alpha ', suffix: ' eps' },
      { type: 'TextPositionSelector', start: 6, end: 21 },
    ];
    expect(new PageAnchorer(doc).anchor(selectors)?.range.toString()).toBe('beta gammadelta');
  });
});

describe('the highlighter', () => {
  it('wraps the range in highlight elements and puts the page back as it was', () => {
    const doc = pageWith(PAGE);
    const before = doc.body.innerHTML;
    const tipText = doc.getElementById('tip')?.firstChild;
    const anchorer = new PageAnchorer(doc);
    const selectors = capture(doc, 'tip', 4, 28);
    const range = anchorer.anchor(selectors)!.range;
    const highlighter = new Highlighter();
    const marks = highlighter.add(range, 'snip-1');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.textContent).toBe('git rebase --autosquash ');
    expect(highlightsIn(doc, 'snip-1')).toEqual(marks);
    // The text the page reads, and so later captures and anchors, is unchanged.
    expect(doc.body.textContent).toBe(pageWith(PAGE).body.textContent);

    highlighter.removeAll();
    expect(doc.body.innerHTML).toBe(before);
    expect(highlightsIn(doc)).toHaveLength(0);
    // The very Text node the page had is back, whole.
    expect(doc.getElementById('tip')?.firstChild).toBe(tipText);
    expect(doc.getElementById('tip')?.childNodes).toHaveLength(1);
  });

  it('wraps each text node of a range over several elements, skipping what cannot be wrapped', () => {
    const html =
      '<p id="a">Alpha <em>beta</em> gamma</p>\n<table><tr><td>cell one</td></tr></table><p>delta</p>';
    const doc = pageWith(html);
    const before = doc.body.innerHTML;
    const anchorer = new PageAnchorer(doc);
    const text = anchorer.page.text;
    const start = text.indexOf('beta');
    const end = text.indexOf('delta') + 3;
    const highlighter = new Highlighter();
    const marks = highlighter.add(anchorer.rangeOf(start, end)!, 's');
    expect(marks.map((m) => m.textContent)).toEqual(['beta', ' gamma', 'cell one', 'del']);
    expect(doc.querySelector('tr > repertoire-highlight, tbody > repertoire-highlight')).toBeNull();
    highlighter.removeAll();
    expect(doc.body.innerHTML).toBe(before);
  });

  it('removes one snippet of two overlapping ones, then the other', () => {
    const doc = pageWith('<p id="p">one two three four five</p>');
    const before = doc.body.innerHTML;
    const anchorer = new PageAnchorer(doc);
    const highlighter = new Highlighter();
    highlighter.add(anchorer.rangeOf(4, 13)!, 'a');
    highlighter.add(new PageAnchorer(doc).rangeOf(8, 18)!, 'b');
    expect(
      highlightsIn(doc, 'b')
        .map((m) => m.textContent)
        .join(''),
    ).toBe('three four');
    highlighter.remove('a');
    expect(highlightsIn(doc, 'a')).toHaveLength(0);
    expect(doc.body.textContent).toBe('one two three four five');
    highlighter.removeAll();
    expect(doc.body.innerHTML).toBe(before);
  });
});
