import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import type { PageSnippet } from '../messaging';
import { PageHighlights } from './page';
import { t } from '../i18n';

const HTML =
  '<h1>Rebasing</h1><p id="tip">Use git rebase --autosquash to fold fixup commits.</p><p>End.</p>';

function setup() {
  const dom = new JSDOM(`<!doctype html><body>${HTML}</body>`, { url: 'https://docs.example/' });
  const doc = dom.window.document;
  const drawn: string[] = [];
  const view = {
    draw: vi.fn((mount: HTMLElement, snippet: PageSnippet, close: () => void) => {
      const dialog = doc.createElement('div');
      dialog.setAttribute('role', 'dialog');
      dialog.tabIndex = -1;
      dialog.textContent = snippet.note;
      mount.replaceChildren(dialog);
      drawn.push(snippet.id);
      void close;
    }),
    clear: vi.fn((mount: HTMLElement) => mount.replaceChildren()),
  };
  const highlights = new PageHighlights(doc, view, { css: ':host{}', open: true });
  return { dom, doc, view, drawn, highlights };
}

const snippet = (over: Partial<PageSnippet> = {}): PageSnippet => ({
  id: 's1',
  title: 'git rebase --autosquash',
  note: 'Pairs well with fixups.',
  author: 'Ana',
  community: 'Platform guild',
  createdAt: 0,
  selectors: [
    {
      type: 'TextQuoteSelector',
      exact: 'git rebase --autosquash',
      prefix: 'Rebasing',
      suffix: ' to',
    },
    { type: 'TextPositionSelector', start: 12, end: 35 },
  ],
  ...over,
});

describe('highlights in a page', () => {
  it('highlights a snippet as a named button and opens its note on click and Enter', () => {
    const { doc, view, highlights, dom } = setup();
    expect(highlights.show([snippet()])).toBe(1);
    const mark = doc.querySelector('repertoire-highlight') as HTMLElement;
    expect(mark.textContent).toBe('git rebase --autosquash');
    expect(mark.getAttribute('role')).toBe('button');
    expect(mark.tabIndex).toBe(0);
    expect(mark.getAttribute('aria-label')).toBeNull();
    expect(mark.getAttribute('aria-description')).toBe(
      t('highlights_description', { title: 'git rebase --autosquash' }),
    );

    mark.click();
    expect(view.draw).toHaveBeenCalledTimes(1);
    expect(mark.getAttribute('aria-expanded')).toBe('true');
    expect(doc.querySelector('repertoire-note')?.parentNode).toBe(doc.documentElement);

    // Escape closes and gives focus back to the highlight.
    doc.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(view.clear).toHaveBeenCalled();
    expect(doc.querySelector('repertoire-note')).toBeNull();
    expect(doc.activeElement).toBe(mark);

    mark.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(view.draw).toHaveBeenCalledTimes(2);
    // A press outside closes it.
    doc.querySelector('h1')?.dispatchEvent(new dom.window.Event('pointerdown', { bubbles: true }));
    expect(doc.querySelector('repertoire-note')).toBeNull();
  });

  it('takes the new text of a snippet already shown, and a gone quote is not highlighted', () => {
    const { doc, highlights } = setup();
    highlights.show([snippet()]);
    const gone = snippet({
      id: 's2',
      selectors: [
        { type: 'TextQuoteSelector', exact: 'a sentence that is not here', prefix: '', suffix: '' },
        { type: 'TextPositionSelector', start: 3, end: 30 },
      ],
    });
    expect(highlights.show([snippet({ title: 'Autosquash' }), gone])).toBe(1);
    expect(doc.querySelectorAll('repertoire-highlight')).toHaveLength(1);
    expect(doc.querySelector('repertoire-highlight')?.getAttribute('aria-description')).toBe(
      t('highlights_description', { title: 'Autosquash' }),
    );
  });

  it('finds a snippet in content that arrives after load', async () => {
    const { doc, highlights } = setup();
    const later = snippet({
      id: 's3',
      title: 'Late paragraph',
      selectors: [
        { type: 'TextQuoteSelector', exact: 'rendered after load', prefix: 'was ', suffix: '.' },
        { type: 'TextPositionSelector', start: 70, end: 89 },
      ],
    });
    expect(highlights.show([snippet(), later])).toBe(1);
    const p = doc.createElement('p');
    p.textContent = 'This paragraph was rendered after load.';
    doc.body.append(p);
    await vi.waitFor(() => expect(doc.querySelectorAll('repertoire-highlight')).toHaveLength(2));
    expect(p.querySelector('repertoire-highlight')?.textContent).toBe('rendered after load');
    highlights.stop();
  });

  it('stops: every highlight and listener goes, and the page is as it was', () => {
    const { doc, view, highlights } = setup();
    const before = doc.body.innerHTML;
    const tip = doc.getElementById('tip')?.firstChild;
    highlights.show([snippet()]);
    const mark = doc.querySelector('repertoire-highlight') as HTMLElement;
    expect(highlights.show([])).toBe(0);
    expect(doc.body.innerHTML).toBe(before);
    expect(doc.getElementById('tip')?.firstChild).toBe(tip);
    // The old element's listeners are gone with it.
    mark.click();
    expect(view.draw).not.toHaveBeenCalled();
  });
});
